"""Tokens around and inside a person's name: ranks, honorifics, degrees, name-like words."""

from __future__ import annotations

import re
from functools import cache

from rag.core.lexicon import bare, fold, load, title_words, word_set
from rag.core.sentences import Tok, is_cap

_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$", re.UNICODE)


@cache
def degrees() -> tuple[frozenset[str], frozenset[str]]:
    """Return (prefix, suffix) academic degrees as bare strings."""
    data = load("degrees")
    return frozenset(bare(d) for d in data["prefix"]), frozenset(bare(d) for d in data["suffix"])


def is_degree(tok: str) -> bool:
    """Return True for a suffix degree token such as 'S.H.' or 'M.Si'."""
    b = bare(tok)
    if not b:
        return False
    parts = [bare(p) for p in tok.split(".") if p]
    if len(parts) > 1 and all(p in degrees()[1] for p in parts):
        return True  # "SE.MM": two listed degrees written as one token
    looks = "." in tok or tok.isupper() or bool(re.match(r"^[A-Z][a-z]?\.?[A-Z]", tok)) or b == "pr"  # "Romo X, Pr" (a diocesan priest)
    return looks and (b in degrees()[1] or bool(re.match(r"^[a-z]{1,3}$", b) and "." in tok.strip(".")) or bool(_DEGREE_SHAPE.match(tok)))


_DEGREE_SHAPE = re.compile(r"^(?:[A-Z][a-z]{0,3}\.){1,3}[A-Z][A-Za-z]{0,3}\.?$")  # S.Fil., M.Kom, S.Tr.IP: a degree not in the list


def all_degrees(seg: list[Tok]) -> bool:
    """Return True when every token of a segment is an academic degree."""
    return all(is_degree(t.text) for t in seg)


SHORT_DEGREE = 4  # "SH, SIK, MH", "M.Dev, Plg": a short word among degrees is a degree the list lacks


def without_degrees(segments: list[list[Tok]]) -> list[list[Tok]]:
    """Return the non-empty comma segments that are not degrees: all-degree segments, and a one-word segment of at
    most four letters right after one ("SIK" in "SH, SIK, MH")."""
    kept, after_degree = [], False
    for seg in segments:
        short = len(seg) == 1 and seg[0].text.isalpha() and len(seg[0].text) <= SHORT_DEGREE and is_cap(seg[0].text)
        if seg and (all_degrees(seg) or (after_degree and short)):
            after_degree = True
            continue
        after_degree = False
        if seg:
            kept.append(seg)
    return kept


# Whole-word honorifics, stripped even from a two-word name ("Romo Kanisius"); "H" or "Dr" needs a dot or a longer name.
_WORD_HONORIFICS = frozenset(
    {"kh", "hj", "tgh", "prof", "romo", "pastor", "pater", "pendeta", "pdt", "habib", "buya", "kyai", "kiai", "tgk", "teungku"}
)


def honorific_at(toks: list[str], i: int) -> bool:
    """Return True when token ``i`` (a known prefix like 'H.' or 'Dr.') stands before a name."""
    if i + 1 >= len(toks) or not is_cap(toks[i + 1]):
        return False
    return toks[i].endswith(".") or i + 2 < len(toks) or bare(toks[i]) in _WORD_HONORIFICS


def drop_degrees(toks: list[str]) -> list[str]:
    """Remove honorific prefixes (Dr., Ir., H.) before a name and degrees after it."""
    prefix = degrees()[0]
    out = [t for i, t in enumerate(toks) if not (bare(t) in prefix and honorific_at(toks, i))]
    while len(out) > 1 and (is_degree(out[-1]) or _spaced_degree(out)):
        del out[-2 if _spaced_degree(out) else -1 :]
    return out


def _spaced_degree(toks: list[str]) -> bool:
    """Return True when the last two tokens are a degree written with a space for its dot ("M Si", "S Pd")."""
    if len(toks) < 3:
        return False
    a, b = toks[-2], toks[-1]
    return len(a) == 1 and a.isupper() and b[:1].isupper() and len(b) <= 3 and bare(a + b) in degrees()[1]


@cache
def rank_table() -> tuple[tuple[tuple[str, ...], ...], frozenset[str], frozenset[str], frozenset[str]]:
    """Return (rank word sequences longest first, service tags, corps, retired markers)."""
    data = load("ranks")
    ranks = sorted({tuple(fold(r).split()) for r in data["ranks"]}, key=len, reverse=True)
    tags = (frozenset(map(bare, data[key])) for key in ("service_tags", "corps", "retired"))
    return (tuple(ranks), *tags)


def find_rank(toks: list[str]) -> tuple[int, int]:
    """Return [start, end) of a military/police rank with its tags, or (0, 0)."""
    ranks, service, corps, retired = rank_table()
    low = [bare(t) for t in toks]
    for i in range(len(toks)):
        for seq in ranks:
            if tuple(low[i : i + len(seq)]) == seq and is_cap(toks[i]):
                j = i + len(seq)
                for group in (service, corps, retired, retired):
                    if j < len(toks) and low[j] in group:
                        j += 1
                if j < len(toks) and name_like(toks[j]) and not acronym(toks[j]) and bare(toks[j]) not in title_words():
                    return i, j
    return 0, 0


def name_like(tok: str) -> bool:
    """Return True for a token that can be part of a personal name."""
    return bool(_NAME_TOKEN.match(tok)) and (is_cap(tok) or fold(tok) in word_set("titles", "name_particles"))


def acronym(tok: str) -> bool:
    """Return True for an all-capitals acronym like NTB or AKBP (not an initial like 'M.')."""
    core = tok.strip(".")
    return len(core) >= 2 and core.isalpha() and core.isupper()
