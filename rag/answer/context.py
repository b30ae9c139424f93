"""What answering works with: the query-time helpers of one snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.retrieve import Retriever, name_terms
from rag.answer.verify import Support
from rag.core.settings import Settings
from rag.index.meetinglinks import MeetingLinks
from rag.index.people import People
from rag.index.snapshot import Snapshot


@dataclass(frozen=True)
class Context:
    """Everything answering needs from one snapshot."""

    snapshot: Snapshot
    retriever: Retriever
    people: People
    support: Support
    settings: Settings
    meetings: MeetingLinks

    @classmethod
    def create(cls, snapshot: Snapshot, settings: Settings) -> Context:
        """Build the query-time helpers for a snapshot (the people and meeting links are read, not computed)."""
        people = People(snapshot)
        meetings = MeetingLinks(snapshot.meetings, snapshot.meeting_links)
        support = Support(snapshot, settings.tuning, meetings.sibling_reports)
        retriever = Retriever(snapshot, settings.tuning, name_terms=name_terms(snapshot))
        return cls(snapshot, retriever, people, support, settings, meetings)
