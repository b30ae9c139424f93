"""A second sentence: one of the same article that says what the first leaves out, or another article's for names
asked about one by one."""

from __future__ import annotations

from typing import Callable, Sequence

from rag.answer.evidence import Evidence, concept_terms, concepts, not_content
from rag.query.analysis import Question

COMPLEMENT_KINDS = ("what_said", "open", "where_when", "which_meeting")


def complement(q: Question, best: Evidence, usable: Sequence[Evidence]) -> Evidence | None:
    """Return the best-scored usable sentence of the chosen one's article that covers an asked concept it lacks
    ("how many supervisors, and in how many regencies": the figure and the regencies may be two sentences)."""
    if q.kind not in COMPLEMENT_KINDS:
        return None
    skip = not_content(q)
    asked = [g for g in concepts(q) if not g & skip]
    missing = [g for g in asked if not g & concept_terms(best.text)]
    if not missing:
        return None
    for e in sorted(usable, key=lambda e: -e.score):
        if e.source != best.source or (e.start < best.end and best.start < e.end):
            continue
        if any(g & concept_terms(e.text) for g in missing):
            return e
    return None


def each_other(q: Question, best: Evidence, usable: Sequence[Evidence], known: Callable[[str, str], bool]) -> Evidence | None:
    """Return, for names asked about one by one ("Magelang dan Boyolali ... masing-masing"), the best sentence of
    another article that has a name the chosen sentence's article lacks."""
    for group in q.each:
        wanting = [w for w in group if not known(w, best.source)]
        for e in sorted(usable, key=lambda e: -e.score):
            if e.source != best.source and any(known(w, e.source) for w in wanting):
                return e
    return None

