"""What a paragraph scan finds: claims (a statement span and who said it) and people named outside quotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rag.extract.speech.subjects import Ref

TRAIL = " \t\r\n,;:-–—"  # what is trimmed off the end of a statement span


@dataclass(frozen=True)
class Claim:
    """A candidate statement: its text span, kind, verb and attribution (paragraph offsets)."""

    start: int
    end: int
    kind: Literal["direct", "indirect"]
    verb: str
    ref: Ref
    attr_start: int
    attr_end: int

    @property
    def pos(self) -> int:
        """Return where the claim begins in reading order."""
        return min(self.start, self.attr_start)


@dataclass(frozen=True)
class Mention:
    """A person named outside quotes (not as a claim's speaker)."""

    start: int
    end: int
    text: str
    subject: bool
    sentence: int = 0  # start of its sentence, to tell "X didampingi Y" from two separate sentences


@dataclass
class Scan:
    """What one paragraph holds."""

    claims: list[Claim] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    intro: Ref | None = None  # "X mengatakan:" at the end, for a quote in the next paragraph
