"""Which articles report the same meeting (same date, and the same kind of event or a shared place word).

``meeting_link_rows`` computes, when the index is built, the reports of every meeting of a generation and writes
them as plain JSON rows (``meeting-links.jsonl``); ``MeetingLinks`` answers from those rows without comparing
meetings again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Sequence

from rag.core.text import terms
from rag.core.types import Meeting


def place_text(m: Meeting) -> str:
    """Return the venue, city and province of a meeting as one text."""
    return f"{m.venue} {m.city} {m.province}"


@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    """Return the stemmed terms of a short text as a set (cached: venues and cities repeat)."""
    return frozenset(terms(text))


def same_meeting_sources(meeting: Meeting, by_date: dict[str, list[Meeting]]) -> list[str]:
    """Return the source of a meeting plus other articles that report the same event (``by_date``: meetings per date)."""
    out = [meeting.source]
    if not meeting.date:
        return out
    place = term_set(place_text(meeting))
    for other in by_date.get(meeting.date, ()):
        if other.source in out:
            continue
        if other.event == meeting.event or place & term_set(place_text(other)):
            out.append(other.source)
    return out


def meeting_link_rows(meetings: Sequence[Meeting]) -> list[dict[str, Any]]:
    """Return one JSON row per meeting (in order): the articles that report it, its own first."""
    by_date: dict[str, list[Meeting]] = {}
    for m in meetings:
        if m.date:
            by_date.setdefault(m.date, []).append(m)
    return [{"meeting": n, "sources": same_meeting_sources(m, by_date)} for n, m in enumerate(meetings)]


class MeetingLinks:
    """The stored reports of each meeting of a generation."""

    def __init__(self, meetings: Sequence[Meeting], rows: Sequence[dict[str, Any]]) -> None:
        """Pair the generation's meetings with their ``meeting-links.jsonl`` rows."""
        self.meetings = list(meetings)
        self._sources = {self.meetings[row["meeting"]]: tuple(row["sources"]) for row in rows}
        self._by_source: dict[str, list[Meeting]] = {}
        for m in self.meetings:
            self._by_source.setdefault(m.source, []).append(m)

    def same_meeting_sources(self, meeting: Meeting) -> list[str]:
        """Return the source of a meeting plus other articles that report the same event."""
        stored = self._sources.get(meeting)
        if stored is None:  # a meeting of no stored row (not one of this generation's): compared now
            by_date: dict[str, list[Meeting]] = {}
            for m in self.meetings:
                if m.date:
                    by_date.setdefault(m.date, []).append(m)
            return same_meeting_sources(meeting, by_date)
        return list(stored)

    def sibling_reports(self, source: str) -> list[str]:
        """Return the articles that report one of the meetings of ``source`` (itself included)."""
        out = [source]
        for meeting in self._by_source.get(source, ()):
            out += [s for s in self.same_meeting_sources(meeting) if s not in out]
        return out
