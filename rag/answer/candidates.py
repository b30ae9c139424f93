"""A candidate answer before its support check."""

from __future__ import annotations

from dataclasses import dataclass

from rag.core.types import Citation, Statement


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
