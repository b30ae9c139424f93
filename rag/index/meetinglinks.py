"""Which articles report the same meeting: the same date and province, then a person both quote, or the same city and kind of event.

``meeting_link_rows`` computes, when the index is built, the reports of every meeting of a generation and writes
them as plain JSON rows (``meeting-links.jsonl``); ``MeetingLinks`` answers from those rows without comparing
meetings again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping, Sequence

from rag.core.text import terms
from rag.core.types import Meeting, Statement


def place_text(m: Meeting) -> str:
    """Return the venue, city and province of a meeting as one text."""
    return f"{m.venue} {m.city} {m.province}"


@lru_cache(maxsize=8192)
def term_set(text: str) -> frozenset[str]:
    """Return the stemmed terms of a short text as a set (cached: venues and cities repeat)."""
    return frozenset(terms(text))


Speakers = Mapping[str, frozenset[str]]  # source -> the full names of the people it quotes (folded)
Provinces = Mapping[str, frozenset[str]]  # source -> the provinces its text names


def same_meeting_sources(
    meeting: Meeting, by_date: dict[str, list[Meeting]], speakers: Speakers | None = None, named: Provinces | None = None
) -> list[str]:
    """Return the source of a meeting plus other articles that report the same event (``by_date``: meetings per date)."""
    out = [meeting.source]
    if not meeting.date:
        return out
    for other in by_date.get(meeting.date, ()):
        if other.source not in out and reported_together(meeting, other, speakers or {}, named):
            out.append(other.source)
    return out


def reported_together(meeting: Meeting, other: Meeting, speakers: Speakers, named: Provinces | None = None) -> bool:
    """Return True when two meetings of one date are one event: not in two provinces unless a report names the other's
    (a regional meeting, a delegation reporting from home); one person quoted in both reports settles it; else not in
    two cities, and the same kind of event or a shared place word."""
    named = named or {}
    here, there = _where(meeting, named), _where(other, named)  # a meeting with no province: where its report is
    if here and there and not here & there:
        if not there & named.get(meeting.source, frozenset()) and not here & named.get(other.source, frozenset()):
            return False
    if speakers.get(meeting.source, frozenset()) & speakers.get(other.source, frozenset()):
        return True
    if meeting.city and other.city and meeting.city != other.city:
        return False
    return other.event == meeting.event or bool(term_set(place_text(meeting)) & term_set(place_text(other)))


def _where(meeting: Meeting, named: Provinces) -> frozenset[str]:
    """Return a meeting's province, or when it has none, the provinces its article names."""
    return frozenset({meeting.province}) if meeting.province else frozenset(named.get(meeting.source, ()))


def speaker_names(statements: Sequence[Statement]) -> dict[str, frozenset[str]]:
    """Return, per article, the full names (two words or more, folded) of the people its statements quote."""
    out: dict[str, set[str]] = {}
    for s in statements:
        name = " ".join(s.speaker.name.lower().split())
        if len(name.split()) >= 2:
            out.setdefault(s.source, set()).add(name)
    return {source: frozenset(names) for source, names in out.items()}


def meeting_link_rows(
    meetings: Sequence[Meeting], speakers: Speakers | None = None, named: Provinces | None = None
) -> list[dict[str, Any]]:
    """Return one JSON row per meeting (in order): the articles that report it, its own first."""
    by_date: dict[str, list[Meeting]] = {}
    for m in meetings:
        if m.date:
            by_date.setdefault(m.date, []).append(m)
    return [{"meeting": n, "sources": same_meeting_sources(m, by_date, speakers, named)} for n, m in enumerate(meetings)]


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
