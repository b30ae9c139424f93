"""Small frozen dataclasses that cross module boundaries.

Every span is a pair of character offsets ``[start, end)`` into the decoded
original file (``Article.text``) plus a 1-based inclusive line range, so any
citation can be highlighted in place.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every line's content; CRLF, LF and a lone CR end a line (Python's universal newlines)."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def line_window(text: str, first: int, last: int) -> str:
    """Return the verbatim text of lines ``first..last`` (1-based, inclusive), with the breaks between them."""
    chosen = line_spans(text)[max(first, 1) - 1 : last] if first >= 1 else []
    return text[chosen[0][0] : chosen[-1][1]] if chosen else ""


@dataclass(frozen=True)
class Article:
    """One decoded seed file, untouched apart from decoding."""

    source: str  # file name relative to the seeds folder
    text: str  # decoded text (BOM removed, line endings kept)
    sha256: str  # of the raw bytes on disk
    encoding: str = "utf-8"

    def line_of(self, offset: int) -> int:
        """Return the 1-based line number that holds character ``offset`` (CRLF, LF or a lone CR end a line)."""
        return bisect.bisect_right(self._line_starts, max(0, offset))

    @functools.cached_property
    def _line_starts(self) -> list[int]:
        """Return the offset where each line begins, as Python's universal newlines split them."""
        return [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """Return the 1-based inclusive line range covered by ``[start, end)``."""
        first = self.line_of(start)
        last = self.line_of(max(start, end - 1))
        return first, last


@dataclass(frozen=True)
class Span:
    """A verbatim piece of an article."""

    source: str
    start: int
    end: int
    start_line: int
    end_line: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: a span of one article."""

    id: str  # "<source>#<start>"
    source: str
    start: int
    end: int
    start_line: int
    end_line: int
    text: str  # == article.text[start:end]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Speaker:
    """A person as named in the text, with name, role and rank kept apart."""

    name: str  # normalized full name ("Susanto Lastua Manurung"); "" if only a role is known
    role: str = ""  # "Kasrem 162/WB"
    rank: str = ""  # "Kolonel Inf."
    mention: str = ""  # the surface form in the text

    @property
    def display(self) -> str:
        """Return 'Role Name' for answers (role first, as Indonesian news does)."""
        parts = [p for p in (self.role, self.rank, self.name) if p]
        return " ".join(parts)


@dataclass(frozen=True)
class Meeting:
    """An event an article reports: rakor, FGD, apel, deklarasi, ..."""

    source: str
    event: str  # kind: "rakor", "rakorda", "fgd", "rapat", "apel", "deklarasi", ...
    name: str = ""  # its name or theme, verbatim where possible
    organizer: str = ""
    venue: str = ""
    city: str = ""
    province: str = ""
    date: str | None = None  # ISO yyyy-mm-dd
    date_text: str = ""  # the verbatim date expression
    outlet: str = ""
    title: str = ""
    start: int = 0  # span of the sentence that describes it
    end: int = 0
    start_line: int = 0
    end_line: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Statement:
    """Something a speaker said, directly (a quote) or indirectly."""

    source: str
    start: int  # span of the statement text (the quote without its marks)
    end: int
    start_line: int
    end_line: int
    text: str  # == article.text[start:end]
    kind: Literal["direct", "indirect"]
    verb: str  # the speech verb as written ("ujarnya", "menegaskan", "menurut")
    speaker: Speaker
    meeting: int | None = None  # index into the article's meetings, if known
    attribution_start: int = 0  # span of the attributing clause ("kata Ruslan")
    attribution_end: int = 0

    @property
    def id(self) -> str:
        """Return a stable id: '<source>#<start>'."""
        return f"{self.source}#{self.start}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True)
class Hit:
    """A retrieved passage or statement and its fused score."""

    chunk: Chunk
    score: float
    dense_score: float = 0.0
    lexical_score: float = 0.0
    statement: Statement | None = None


@dataclass(frozen=True)
class Credit:
    """The credit line of an article: headline, outlet, publication date (ISO when known) and URL; None when unknown."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None

    def to_json(self) -> dict[str, str | None]:
        """Return the four credit keys (null when unknown)."""
        return asdict(self)


@dataclass(frozen=True)
class Citation:
    """One piece of evidence: a verbatim quote inside a file's line range."""

    id: int
    source: str
    start_line: int
    end_line: int
    quote: str  # exact text of the file between start and end
    start: int
    end: int
    passage: Span | None = None  # the surrounding passage shown to users
    speaker: Speaker | None = None
    meeting: Meeting | None = None
    credit: Credit | None = None  # the cited article's credit line, added by the service

    def to_json(self) -> dict[str, Any]:
        """Return the contract shape of a citation, with the credit line keys."""
        return {
            "id": self.id,
            "source": self.source,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "quote": self.quote,
            **(self.credit or Credit()).to_json(),
        }


@dataclass(frozen=True)
class Answer:
    """What `ask` returns: text, verdict, evidence and the passages used."""

    question: str
    answer: str
    answerable: bool
    speaker: str | None = None
    citations: tuple[Citation, ...] = ()
    passages: tuple[Hit, ...] = ()
    lang: Literal["id", "en"] = "id"
    kind: str = "open"
    speakers: tuple[str, ...] = field(default=())
    direct: str | None = None  # the one-line answer (who, where, when); None when not found
    confidence: float = 0.0  # the verifier's confidence in the evidence, 0..1
    reasons: tuple[str, ...] = ()  # why it answered or abstained
    interpreted_as: str | None = None  # the question as answered (follow-up references resolved); None: the question itself
    decision: dict[str, Any] = field(default_factory=dict)  # the learned decision's features, probability and source

    def to_json(self) -> dict[str, Any]:
        """Return the `rag ask --json` contract object (the original keys, then the reader's additions)."""
        return {
            "question": self.question,
            "interpreted_as": self.question if self.interpreted_as is None else self.interpreted_as,
            "answer": self.answer,
            "answerable": self.answerable,
            "speaker": self.speaker,
            "citations": [c.to_json() for c in self.citations],
            "passages": [
                {
                    "source": h.chunk.source,
                    "start_line": h.chunk.start_line,
                    "end_line": h.chunk.end_line,
                    "text": h.chunk.text,
                    "score": round(float(h.score), 6),
                }
                for h in self.passages
            ],
            "direct": self.direct,
            "confidence": round(float(self.confidence), 4),
            "reasons": list(self.reasons),
            "decision": dict(self.decision),
            "evidence": [
                {"n": c.id, "quote": c.quote, "source": c.source, "start_line": c.start_line, "end_line": c.end_line}
                for c in self.citations
            ],
        }


@dataclass(frozen=True)
class Skipped:
    """A seed file that was not indexed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    """The summary `rag index` prints."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    chunks: int = 0  # total chunks in the index after the build
    statements: int = 0  # total statements in the index after the build
    embedded: int = 0  # vectors (chunks and statements) the model computed in this build
    reused: int = 0  # vectors taken from the previous generation (unchanged files, or the same text by content hash)
    seconds: float = 0.0
    full: bool = False
    reason: str = ""  # why a full rebuild happened, if it did

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        d = asdict(self)
        d["skipped"] = [asdict(s) for s in self.skipped]
        return d
