"""Which articles report the same meeting: same date, and the same kind of event or a shared place word."""

from __future__ import annotations

from functools import lru_cache

from rag.core.text import terms
from rag.core.types import Meeting
from rag.index.snapshot import Snapshot


def place_text(m: Meeting) -> str:
    """Return the venue, city and province of a meeting as one text."""
    return f"{m.venue} {m.city} {m.province}"


@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    """Return the stemmed terms of a short text as a set (cached: venues and cities repeat)."""
    return frozenset(terms(text))


class MeetingLinks:
    """The reports of one meeting across the articles of a snapshot."""

    def __init__(self, snapshot: Snapshot) -> None:
        """Index the snapshot's dated meetings by date."""
        self.snapshot = snapshot
        self._by_date: dict[str, list[Meeting]] = {}
        for m in snapshot.meetings:
            if m.date:
                self._by_date.setdefault(m.date, []).append(m)

    def same_meeting_sources(self, meeting: Meeting) -> list[str]:
        """Return the source of a meeting plus other articles that report the same event."""
        out = [meeting.source]
        if not meeting.date:
            return out
        place = term_set(place_text(meeting))
        for other in self._by_date.get(meeting.date, ()):
            if other.source in out:
                continue
            if other.event == meeting.event or place & term_set(place_text(other)):
                out.append(other.source)
        return out

    def sibling_reports(self, source: str) -> list[str]:
        """Return the articles that report one of the meetings of ``source`` (itself included)."""
        out = [source]
        for meeting in self.snapshot.meetings_of(source):
            out += [s for s in self.same_meeting_sources(meeting) if s not in out]
        return out
