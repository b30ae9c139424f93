"""Which outlets reported a meeting: every article about the same event, each cited by its describing sentence."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.candidates import Draft
from rag.answer.compose import cite, meeting_phrase
from rag.answer.context import Context
from rag.answer.pick import best_meeting
from rag.core.types import Citation, Hit, Meeting
from rag.ingest.headers import article_outlet, article_title
from rag.query.analysis import Question

_ASKS_OUTLETS = re.compile(
    r"\b(?:media|outlet|portal|situs|laman|sumber\s+berita|kanal\s+berita)\b[^?]*\b(?:mem?beritakan|melaporkan|meliput|menulis|menyiarkan)"
    r"|\b(?:which|what)\s+(?:news\s+)?(?:outlets?|media|sites?|websites?|publications?|newspapers?|portals?)\b",
    re.IGNORECASE,
)


def asks_outlets(q: Question) -> bool:
    """Return True for "Media mana saja yang memberitakan ...", "Which outlets reported ..."."""
    return bool(_ASKS_OUTLETS.search(q.text))


def outlets_draft(ctx: Context, q: Question, passages: Sequence[Hit], fits: dict[str, str]) -> Draft | None:
    """List the outlets that report the meeting of the best fitting passage, each with the sentence that describes it."""
    meeting = _meeting(ctx, q, passages, fits)
    if meeting is None:
        return None
    citations: list[Citation] = []
    names: list[str] = []
    for source in ctx.meetings.same_meeting_sources(meeting) if meeting.date else [meeting.source]:
        found = next((m for m in ctx.snapshot.meetings_of(source) if m.date == meeting.date), meeting)
        article = ctx.snapshot.articles[source]
        credit = ctx.snapshot.credit_of(source)  # the credit line's outlet first: its dateline reading is the fuller one
        name = (credit.outlet if credit is not None else None) or article_outlet(article) or article_title(article) or source
        names.append(f"{name} [{len(citations) + 1}]")
        citations.append(cite(len(citations) + 1, article, found.start, found.end, meeting=found))
    label = "Diberitakan oleh" if q.lang == "id" else "Reported by"
    text = f"{label}: {', '.join(names)}. {meeting_phrase(meeting, q.lang)}."
    return Draft(text=text, citations=tuple(citations), kind="list_speakers", score=passages[0].dense_score if passages else 0.0)


def _meeting(ctx: Context, q: Question, passages: Sequence[Hit], fits: dict[str, str]) -> Meeting | None:
    """Return the best-fitting meeting of the first retrieved article that has every name of the question."""
    for source in dict.fromkeys(h.chunk.source for h in passages):
        meetings = [m for m in ctx.snapshot.meetings_of(source) if m.end > m.start]
        if meetings and not fits.get(source):
            return best_meeting(q, meetings)
    return None
