"""Running mates: "Siapa calon wakil bupati yang berpasangan dengan X?" is answered by the sentence that writes the
pair ("Paslon nomor urut satu (1) Moh Rizal Intjenae-Samuel Yansen Pongi"), with the other name as the answer."""

from __future__ import annotations

import re
from functools import cache

from rag.core.lexicon import alternation
from rag.core.types import Speaker
from rag.extract.people.names import parse_speaker
from rag.extract.people.ranks import is_degree

PARTNER_WORDS = 4  # the longest name a pair writes after its joining mark
_NAME = r"[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,5}"
_JOIN = r"\s*[-–—/&]\s*|\s+dan\s+"


@cache
def _asked() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a name a question pairs with: after the cue ("berpasangan dengan X"), before it ("X's
    running mate")."""
    after = re.compile(rf"\b(?:{alternation('answer_words', 'partner_before')})\s+(?P<name>{_NAME})")
    before = re.compile(rf"(?P<name>{_NAME})['’]s\s+(?:{alternation('answer_words', 'partner_after')})\b")
    return after, before


def asked_partner(text: str) -> str:
    """Return the name whose running mate the question asks for, else ''."""
    for pattern in _asked():
        m = pattern.search(text)
        if m:
            return _trimmed(m.group("name").split())
    return ""


def _trimmed(words: list[str]) -> str:
    """Return a name without the election words a question writes after it ("Moh Rizal Intjenae pada Pilkada")."""
    kept = []
    for word in words:
        if word.lower().startswith(("pil", "pemilu", "pada")) or word.isdigit():
            break
        kept.append(word.rstrip(".,?"))
    return " ".join(kept)


def partner_in(name: str, text: str) -> Speaker | None:
    """Return the person a text pairs with ``name`` ("X-Y", "X SE - Dra Hj Y", "X dan Y", or "Y-X"), else None."""
    if not name:
        return None
    written = r"\s+".join(re.escape(w) for w in name.split())
    for m in re.finditer(rf"(?<![\w]){written}(?!\w)", text):
        found = _after(text[m.end() : m.end() + REACH], name) or _before(text[max(0, m.start() - REACH) : m.start()], name)
        if found is not None:
            return found
    return None


REACH = 120  # characters around the asked name within which its partner is written


def _after(rest: str, name: str) -> Speaker | None:
    """Return the partner written after the asked name and its degrees, past a joining mark."""
    toks = rest.split(" ")
    while toks and (not toks[0] or is_degree(toks[0].rstrip(","))):
        toks.pop(0)  # "H Haliana SE – Dra Hj Safia Wualo"
    joined = re.match(rf"^(?:{_JOIN})", " " + " ".join(toks))
    if joined is None:
        return None
    return _person(_capitalized(" ".join(toks)[joined.end() - 1 :].split()), name)


def _before(ahead: str, name: str) -> Speaker | None:
    """Return the partner written before the asked name, ending at a joining mark."""
    joined = re.search(rf"(?:{_JOIN})$", ahead)
    if joined is None:
        return None
    words = ahead[: joined.start()].split()
    start = len(words)
    while start > 0 and (words[start - 1][:1].isupper() or words[start - 1].startswith("(")):
        start -= 1
    return _person(words[start:], name)


def _capitalized(words: list[str]) -> list[str]:
    """Return the leading capitalized words of a run (a rank in brackets too: "Jenderal (Purn) Salim S Mengga")."""
    kept = []
    for word in words[:PARTNER_WORDS * 2]:
        if not (word[:1].isupper() or word.startswith("(")):
            break
        kept.append(word)
        if word.endswith((",", ";")):
            break
    return kept


def _person(words: list[str], name: str) -> Speaker | None:
    """Return the partner's name from the capitalized run beside the joining mark, without titles and degrees."""
    sp = parse_speaker(" ".join(words).rstrip(".,;"))
    other = " ".join(re.sub(r"\s*\([^)]*\)", "", sp.name).split()[:PARTNER_WORDS])  # not "(SDK-JSM)"
    return Speaker(other, f"pasangan {name}", "", " ".join(words)) if len(other) > 1 else None
