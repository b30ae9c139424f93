"""What answering works with: the query-time helpers of one snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.retrieve import Retriever, name_terms
from rag.answer.verify import Support
from rag.core.settings import Settings
from rag.index.links import People
from rag.index.meetinglinks import MeetingLinks
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
        """Build the query-time helpers for a snapshot."""
        people = People(snapshot)
        support = Support(snapshot)
        meetings = MeetingLinks(snapshot)
        people.link_unnamed(meetings.sibling_reports)
        retriever = Retriever(snapshot, name_terms=name_terms(snapshot))
        return cls(snapshot, retriever, people, support, settings, meetings)
