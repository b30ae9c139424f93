"""Two questions in one: each part is read alone, and the answer joins both parts' evidence, or says "not found".

A question that joins two asks ("berapa pasangan calon ... dan siapa Pj Bupati yang hadir?") is read part by part
(`rag.query.compound.split_compound`). When both parts are answered, the answer is both parts' direct lines and
evidence; when a part names a person, place, month or number no retrieved article has, nothing is answered (one half
of a near miss is no answer); otherwise the question is read whole, as any question.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from rag.core.types import Answer, Citation

_HARD = re.compile(r"no retrieved article has '(.+)'$")  # a part names what the corpus lacks: the question is a near miss
_REF = re.compile(r"\[(\d+)\]")


def joined(text: str, first: Answer, second: Answer, whole: Callable[[], Answer], known: Callable[[str], bool]) -> Answer:
    """Return the answer to a two-part question from the readings of each part, reading the whole question (``whole``)
    only when neither decides; ``known`` says whether a word a part's articles lack is still named elsewhere (an
    outlet's name, "TAG Sultra", is in no text, so a part's search can miss its article)."""
    if first.answerable and second.answerable:
        return _both(text, first, second)
    refused = [p for p in (first, second) if not p.answerable]
    lacked = [m.group(1) for p in refused for r in p.reasons if (m := _HARD.match(r))]
    if any(not known(word) for word in lacked):
        reasons = (*(r for p in refused for r in p.reasons), "a part of the question is not in the corpus")
        return replace(refused[0], question=text, reasons=reasons)
    return whole()


def _both(text: str, first: Answer, second: Answer) -> Answer:
    """Join two answered parts: the first part's evidence, then the second's (a sentence both cite is cited once)."""
    ids = {(c.source, c.start, c.end): c.id for c in first.citations}
    moved: list[Citation] = []
    renumber: dict[int, int] = {}
    for c in second.citations:
        key = (c.source, c.start, c.end)
        if key not in ids:
            ids[key] = len(first.citations) + len(moved) + 1
            moved.append(replace(c, id=ids[key]))
        renumber[c.id] = ids[key]
    body = _REF.sub(lambda m: f"[{renumber.get(int(m.group(1)), int(m.group(1)))}]", second.answer)
    direct = " · ".join(d for d in (first.direct, second.direct) if d) or None
    speakers = tuple(dict.fromkeys((*first.speakers, *second.speakers)))
    return replace(
        first,
        question=text,
        answer=f"{first.answer}\n{body}",
        citations=(*first.citations, *moved),
        speakers=speakers,
        direct=direct,
        confidence=min(first.confidence, second.confidence),
        reasons=(*first.reasons, *second.reasons, "two questions in one: both parts answered"),
    )
