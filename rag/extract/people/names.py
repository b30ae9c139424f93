"""Splitting a speaker mention into name, role and rank, and comparing speakers.

``parse_speaker("Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung")`` gives
name "Susanto Lastua Manurung", role "Kasrem 162/WB", rank "Kolonel Inf.".
Roles are compared through canonical tokens (``role_signature``) so that
"Sekda Kaltim" and "Sekretaris Provinsi Kalimantan Timur" meet. Grouping
speakers into people lives in ``entities``, matching a text's mentions in ``mentions``.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Iterable

from rag.core.lexicon import bare, fold, match_region, title_words, word_set, words
from rag.core.sentences import Tok, is_cap, tokenize
from rag.core.types import Speaker
from rag.extract.people.ranks import acronym, degrees, drop_degrees, find_rank, honorific_at, name_like, rank_table, without_degrees
from rag.extract.people.roles import (
    alias_forms,
    alias_table,
    alias_words,
    canonical_tokens,
    covered_positions,
    is_person_role,
    role_signature,
    title_tokens,
)

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")


def parse_speaker(mention: str, places: Iterable[str] = ()) -> Speaker:
    """Split a mention into normalized name, role/title and rank (``places`` adds known regions)."""
    text = _WS.sub(" ", mention or "").strip(" \t,.;:-–—\"“”'‘’")
    extra = frozenset(" ".join(words(p)) for p in places)
    joint = _joint_names(text, extra)
    if joint:
        return Speaker(name=joint, role="", rank="", mention=(mention or "").strip())
    left, right = _split_apposition(text)
    name, role, rank = _parse_plain(left, extra)
    if right:
        name2, role2, rank2 = _parse_plain(right, extra)
        name, role, rank = name or name2, role or role2, rank or rank2
    return Speaker(name=name, role=role, rank=rank, mention=(mention or "").strip())


_JOINT = re.compile(r"(.+?)\s+(?:dan|serta|&)\s+(.+)")


def _joint_names(text: str, places: frozenset[str]) -> str:
    """Return "A dan B" when a mention is two bare names joined ("Teguh Haryono dan Farida Hidayati menegaskan": a
    pair of candidates speaking as one), else ''."""
    m = _JOINT.fullmatch(text)
    if m is None:
        return ""
    names = [_parse_plain(part, places) for part in m.groups()]
    if not all(name and not role and not rank and name == part for (name, role, rank), part in zip(names, m.groups(), strict=True)):
        return ""
    return " dan ".join(name for name, _, _ in names)


def joint_members(name: str) -> list[str]:
    """Return the names a joint speaker's name stands for ("Teguh Haryono dan Farida Hidayati": both), or the name."""
    return name.split(" dan ")


def _split_apposition(text: str) -> tuple[str, str]:
    """Split "Name selaku Role" into its two halves ('' when there is no apposition)."""
    m = re.search(r"\s*,?\s+\b(?:selaku|sebagai)\b\s+", text, re.IGNORECASE)
    if not m:
        return text, ""
    return text[: m.start()], text[m.end() :]


def _parse_plain(text: str, places: frozenset[str]) -> tuple[str, str, str]:
    """Return (name, role, rank) of a mention without apposition."""
    toks = _strip_openers(tokenize(text))
    parsed = [_parse_segment(s, places) for s in without_degrees(_segments(toks))]
    parsed = [p for p in parsed if any(p)]
    if not parsed:
        return "", "", ""
    name, role, rank = parsed[-1]
    prev = parsed[-2] if len(parsed) > 1 else ("", "", "")
    if name and not (role or rank) and (_region_tail(prev) or _org_tail(prev)):
        prev = ("", f"{prev[1]} {prev[0]}", "")  # "Kepala BPBD Kabupaten Batang Hari, Budi Santoso"
    if (name or rank) and not role and prev[1] and not prev[0]:
        role, rank = prev[1], rank or prev[2]
    elif not (name or rank) and prev[0] and not prev[1]:
        name, rank = prev[0], prev[2]
    return name, role, rank


def _region_tail(parsed: tuple[str, str, str]) -> bool:
    """Return True when a segment's one-word 'name' follows a place word: the rest of an unknown region."""
    name, role, rank = parsed
    tail = {bare(w) for w in role.split()[-2:]}
    return bool(name) and not rank and len(name.split()) == 1 and bool(tail & word_set("titles", "place_words"))


def _org_tail(parsed: tuple[str, str, str]) -> bool:
    """Return True when a segment's 'name' is the rest of an institution ("Rektor Universitas Sai Bumi Nusantara, Name")."""
    name, role, rank = parsed
    tail = {bare(w) for w in role.split()[-2:]}
    joined = role.split()[-1:] in (["dan"], ["untuk"], ["serta"], ["&"], ["bagi"])  # "Lembaga Kajian Demokrasi dan Hak Asasi Manusia"
    return bool(name) and not rank and len(name.split()) <= 3 and (joined or bool(tail & word_set("titles", "org_words")))


def _strip_openers(toks: list[Tok]) -> list[Tok]:
    """Drop sentence openers and passive speech verbs before the mention proper."""
    skip = word_set("titles", "sentence_openers") | word_set("speech_verbs", "passive_intro")
    while toks and (fold(toks[0].text) in skip or toks[0].text in ",;:"):
        toks = toks[1:]
    return toks


def _segments(toks: list[Tok]) -> list[list[Tok]]:
    """Split at commas, keeping "Politik, Hukum, dan Keamanan" lists together."""
    parts: list[list[Tok]] = [[]]
    for tok in toks:
        if tok.text in ",;":
            parts.append([])
        else:
            parts[-1].append(tok)
    merged: list[list[Tok]] = []
    for i, part in enumerate(parts):
        joins_list = part and fold(part[0].text) in ("dan", "&", "serta")
        short_before_dan = len(part) <= 2 and i + 1 < len(parts) and parts[i + 1][:1] and fold(parts[i + 1][0].text) in ("dan", "&")
        inner_dan = any(fold(t.text) == "dan" for t in part[:3]) and len(part) <= 6
        if merged and merged[-1] and (joins_list or short_before_dan or inner_dan) and _is_domain_list(merged[-1]):
            merged[-1] = merged[-1] + part
        else:
            merged.append(list(part))
    return merged


def _is_domain_list(part: list[Tok]) -> bool:
    """Return True when a segment ends in a capitalized word that can start a list ("Bidang Politik")."""
    return bool(part) and is_cap(part[-1].text)


def _parse_segment(seg: list[Tok], places: frozenset[str]) -> tuple[str, str, str]:
    """Return (name, role, rank) of one comma segment."""
    raw = [t.text for t in seg]
    toks = drop_degrees(raw)
    r0, r1 = find_rank(toks)
    if r1 > r0 and r1 < len(toks):
        return _clean_name(toks[r1:]), _clean_role(toks[:r0]), " ".join(toks[r0:r1])
    h = next((i for i in range(1, len(raw)) if bare(raw[i]) in degrees()[0] and honorific_at(raw, i)), 0)
    if h:
        role = [t for t in raw[:h] if bare(t) not in degrees()[0]]  # "Bapak Dr. Name": honorifics, not a role
        return _clean_name(drop_degrees(raw[h:])), _clean_role(role), ""
    marked = _mark_role(toks, places)
    first = _name_first(toks, marked)
    if first is not None:
        return first
    cut = len(toks)
    while cut > 0 and not marked[cut - 1] and name_like(toks[cut - 1]):
        cut -= 1
    while cut < len(toks) and fold(toks[cut]) in word_set("titles", "name_particles") and not (cut == 0 and is_cap(toks[cut])):
        cut += 1
    if cut < len(toks) and match_region(toks, cut) == len(toks) - cut:
        cut = len(toks)  # "..., Samarinda": a place, not a person
    cut = _cut_at_region(toks, cut, places)
    return _clean_name(toks[cut:]), _clean_role(toks[:cut]), ""


_APOSTROPHES = ("’", "'")


def _name_first(toks: list[str], marked: list[bool]) -> tuple[str, str, str] | None:
    """Return (name, role, '') of "Ahmad Doli Kurnia Ketua Komisi II DPR RI": a name of two or more words written
    before a person's title, with nothing after the title but its body and place."""
    glued = {i for i, t in enumerate(toks) if t in _APOSTROPHES or (i and toks[i - 1] in _APOSTROPHES)}  # Asy ’ ari
    at = next((i for i, m in enumerate(marked) if m and i not in glued), len(toks))
    run = [t for i, t in enumerate(toks[:at]) if i not in glued]
    if len(run) < 2 or at == len(toks) or not all(name_like(t) and is_cap(t) for t in run):
        return None
    if not all(marked[at:]) or not is_person_role(" ".join(toks[at:])):
        return None
    name = re.sub(r"\s*([’'])\s*", r"\1", " ".join(toks[:at]))
    return _clean_name([name]), _clean_role(toks[at:]), ""


def _mark_role(toks: list[str], places: frozenset[str]) -> list[bool]:
    """Mark tokens that belong to the role (titles, institutions, regions qualifying them)."""
    compass = word_set("titles", "compass")
    marked = [False] * len(toks)
    i = 0
    while i < len(toks):
        low = bare(toks[i])
        if low in title_words() or toks[i].startswith("(") or not name_like(toks[i]) or acronym(toks[i]):
            marked[i] = True
            i += 1
            if i < len(toks) and bare(toks[i]) not in title_words():
                size = _region_size(toks, i, places, low)
                for k in range(i, min(len(toks), i + size)):
                    marked[k] = True
                i += size
                while size and i < len(toks) and bare(toks[i]) in compass:
                    marked[i] = True
                    i += 1
            continue
        i += 1
    return marked


def _known_region(toks: list[str], i: int, places: frozenset[str]) -> int:
    """Return how many tokens at ``i`` form a region named in the gazetteer or in the article."""
    known = match_region(toks, i)
    for size in range(min(4, len(toks) - i), 0, -1):
        if " ".join(words(" ".join(toks[i : i + size]))) in places:
            return max(known, size)
    return known


def _region_size(toks: list[str], i: int, places: frozenset[str], taker: str) -> int:
    """Return how many tokens at ``i`` name a region qualifying the role word ``taker``."""
    takers, always = (word_set("titles", k) for k in ("place_takers", "place_words"))
    known = _known_region(toks, i, places)
    rest = sum(1 for t in toks[i + max(known, 1) :] if name_like(t))
    if known and (rest >= 1 or taker in takers):
        return known
    if taker not in takers or not name_like(toks[i]):
        return 0
    size = 2 if bare(toks[i]) in word_set("titles", "region_prefixes") and i + 1 < len(toks) and name_like(toks[i + 1]) else 1
    if taker in ("kabupaten", "kab", "kota"):
        after = sum(1 for t in toks[i + size :] if name_like(t))
        return size if after == 0 or after >= 2 else size + after  # "Kabupaten X Budi": X Budi may be one region
    if taker in always:
        return size
    if rest >= size + 1:  # "Gubernur Ansar Ahmad": with one word left after it, an unknown word starts the name
        return size
    return 0


def _cut_at_region(toks: list[str], cut: int, places: frozenset[str]) -> int:
    """Move the name start past a region inside the name tail ('Panwaslih Aceh Besar Cut Rahmah')."""
    for p in range(cut + 1, len(toks)):
        size = _known_region(toks, p, places)
        if size and sum(1 for t in toks[p + size :] if name_like(t)) >= 1:
            return p + size
    return cut


def _clean_name(toks: list[str]) -> str:
    """Join name tokens, dropping trailing punctuation and title-casing ALL-CAPS names."""
    name = " ".join(toks).strip(" ,;:-")
    if name.endswith(".") and not re.search(r"(?:^|\s)[A-Z]\.$", name):
        name = name[:-1]
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name


def _clean_role(toks: list[str]) -> str:
    """Join role tokens without parenthetical abbreviations and stray punctuation."""
    kept = [t for t in toks if not (t.startswith("(") and t.endswith(")"))]
    role = " ".join(kept)
    role = re.sub(r"\s+([,;])", r"\1", role)
    return role.strip(" ,;:-–—")


def person_key(speaker: Speaker) -> str:
    """Return a stable key for a speaker: folded name, else the canonical role."""
    return _person_key(speaker.name, "" if speaker.name else speaker.role)


@lru_cache(maxsize=1 << 15)
def _person_key(name: str, role: str) -> str:
    """Return the key of a speaker's name, or of its role when it has no name (cached)."""
    if name:
        return "name:" + " ".join(words(name))
    return "role:" + " ".join(sorted(role_signature(role)))


def is_title_word(word: str) -> bool:
    """Return True for a word that is a title, rank, institution or region rather than a name."""
    low = bare(word)
    if not low:
        return False
    ranks = {w for seq in rank_table()[0] for w in seq}
    return low in title_words() or low in ranks or low in alias_words() or match_region([word], 0) > 0


__all__ = [
    "alias_forms", "alias_table", "canonical_tokens", "covered_positions", "is_person_role", "is_title_word",
    "parse_speaker", "person_key", "role_signature", "title_tokens",
]
