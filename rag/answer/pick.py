"""Picking, for a question, the meeting among several and the passage sentence that fit it best."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.compose import sentence_bounds
from rag.core.text import terms
from rag.core.types import Hit, Meeting
from rag.index.snapshot import Snapshot
from rag.query.analysis import Question


def best_meeting(q: Question, meetings: Sequence[Meeting]) -> Meeting:
    """Return the meeting whose kind, name and place share most words with the question."""
    wanted = set(terms(q.search_text))

    def overlap(m: Meeting) -> int:
        return len(wanted & set(terms(f"{m.event} {m.name} {m.venue} {m.city} {m.province} {m.organizer}")))

    return max(meetings, key=lambda m: (overlap(m), -meetings.index(m)))


def best_sentence(snapshot: Snapshot, q: Question, passages: Sequence[Hit]) -> tuple[str, int, int, float] | None:
    """Return (source, start, end, score) of the sentence that shares most terms with the question."""
    topic = set(q.topic_terms)
    best: tuple[float, str, int, int, float] | None = None
    for rank, hit in enumerate(passages[:3]):
        chunk = hit.chunk
        for m in re.finditer(r"[^.!?\n]+[.!?]?", chunk.text):
            if len(m.group().strip()) < 20:
                continue
            share = len(topic & set(terms(m.group()))) / max(1, len(topic))
            value = share - 0.05 * rank
            if best is None or value > best[0]:
                start, end = sentence_bounds(snapshot.articles[chunk.source].text, chunk.start + m.start(), chunk.start + m.end())
                best = (value, chunk.source, start, end, hit.dense_score)
    if best is None:
        return None
    return best[1], best[2], best[3], best[4]
