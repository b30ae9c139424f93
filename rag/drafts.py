"""What answering works with: the query-time context of one snapshot, and a draft answer before its check."""

from __future__ import annotations

from dataclasses import dataclass

from .people import People
from .retrieve import Retriever
from .settings import Settings
from .snapshot import Snapshot
from .support import Support
from .types import Citation, Statement


@dataclass(frozen=True)
class Context:
    """Everything answering needs from one snapshot."""

    snapshot: Snapshot
    retriever: Retriever
    people: People
    support: Support
    settings: Settings

    @classmethod
    def create(cls, snapshot: Snapshot, settings: Settings) -> Context:
        """Build the query-time helpers for a snapshot."""
        people = People(snapshot)
        support = Support(snapshot)
        people.link_unnamed(support.sibling_reports)
        retriever = Retriever(snapshot, name_terms=support.name_terms())
        return cls(snapshot, retriever, people, support, settings)


@dataclass(frozen=True)
class Draft:
    """An answer before the support check."""

    text: str
    citations: tuple[Citation, ...]
    speaker: str | None = None
    speakers: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    score: float = 0.0  # best dense cosine of the evidence to the question
    kind: str = ""
