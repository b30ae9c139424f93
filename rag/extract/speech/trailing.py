"""Quotes whose speaker is named in the next paragraph: “...” / "Demikian disampaikan Kapolres X saat ...".

A paragraph that is only a quote (or a dateline and a quote, as a lede) gets its
speaker from a following paragraph that opens "Demikian disampaikan X", "Hal itu
ditegaskan X", "Pernyataan tersebut diungkapkan oleh X". Without this the quote
would go to whoever spoke before it, which is the wrong person.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from rag.core.sentences import cap_runs, find_quotes, tokenize
from rag.core.types import Span
from rag.extract.speech.claims import Claim, Scan
from rag.extract.speech.subjects import Ref

_BACKREF = re.compile(
    r"^\s*(?:Demikian|(?:Hal|Pernyataan|Penegasan|Pesan|Imbauan|Penjelasan|Arahan|Harapan)\s+(?:itu|tersebut|ini))"
    r"\s+(?:juga\s+)?(?P<verb>di[a-z]+kan|diungkap|disampaikannya)\s+(?:oleh\s+)?(?=[A-Z])"
)
_LEDE = re.compile(r"^[A-Z][^“”\"]{0,80}?\s[-–—]\s*$")  # "Pekanbaru (ANTARA) - " before a lede quote


def with_trailing(scans: Sequence[tuple[Span, Scan]]) -> list[tuple[Span, Scan]]:
    """Return the scans with whole-paragraph quotes pointed at the speaker a next "Demikian disampaikan X" names."""
    out = list(scans)
    for n, ((para, scan), (after, _)) in enumerate(zip(scans, scans[1:], strict=False)):
        trailing = _trailing_claim(para, scan, after)
        if trailing is not None:
            old, claim = trailing
            out[n] = (para, replace(scan, claims=[c for c in scan.claims if c is not old] + [claim]))
    return out


def _trailing_claim(para: Span, scan: Scan, after: Span) -> tuple[Claim, Claim] | None:
    """Return the quote's claim (old, perhaps not in the scan) and its copy with the next paragraph's speaker."""
    found = _BACKREF.match(after.text)
    if found is None:
        return None
    mention = _mention(after.text, found.end())
    if mention is None:
        return None
    claim = _whole_quote(para.text, scan)
    if claim is None:
        return None
    shift = after.start - para.start  # attribution offsets stay relative to the quote's paragraph
    ref = Ref("name", after.text[mention[0] : mention[1]], shift + mention[0], shift + mention[1])
    return claim, replace(claim, verb=found.group("verb"), ref=ref, attr_start=ref.start, attr_end=ref.end)


def _mention(text: str, start: int) -> tuple[int, int] | None:
    """Return the span of the capitalized run (title and name) that starts at ``start``."""
    toks = tokenize(text, start, len(text))
    runs = [r for r in cap_runs(toks) if r[0] == 0]
    if not runs:
        return None
    i, j = runs[0]
    return toks[i].start, toks[j - 1].end


def _whole_quote(text: str, scan: Scan) -> Claim | None:
    """Return the claim of a paragraph that is one quote (after an optional dateline), new if the scan has none."""
    quotes = find_quotes(text)
    if len(quotes) != 1:
        return None
    o, c = quotes[0]
    if text[c + 1 :].strip(" \t,.;:") or (text[:o].strip() and not _LEDE.match(text[:o])):
        return None
    for claim in scan.claims:
        if claim.kind == "direct" and claim.start > o and claim.end <= c:
            return claim if claim.ref.kind == "continue" else None
    start, end = o + 1, c
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t,;:":
        end -= 1
    return Claim(start, end, "direct", "", Ref("continue"), o, o) if end - start >= 8 else None
