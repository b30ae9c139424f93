"""A loaded, immutable view of one index generation: rows, vectors and BM25."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.core.types import Article, Chunk, Credit, Meeting, Speaker, Statement
from rag.index.bm25 import Lexical
from rag.index.stores import FaissStore, IndexCorrupt, read_jsonl, read_manifest, verify

log = logging.getLogger(__name__)

CHUNKS, STATEMENTS, MEETINGS, ARTICLES = "chunks", "statements", "meetings", "articles"
PEOPLE, MEETING_LINKS = "people", "meeting-links"  # links computed at build time (``rag.index.links``, ``rag.index.meetinglinks``)
REQUIRED = (
    f"{CHUNKS}.jsonl", f"{CHUNKS}.faiss", f"{STATEMENTS}.jsonl", f"{STATEMENTS}.faiss", f"{MEETINGS}.jsonl", f"{ARTICLES}.jsonl",
    f"{PEOPLE}.jsonl", f"{MEETING_LINKS}.jsonl",
)


_ARTICLE_FIELDS = ("source", "text", "sha256", "encoding")
CREDIT_FIELDS = ("title", "outlet", "published", "url")


def _credit(row: dict[str, Any]) -> Credit:
    """Rebuild a Credit from its JSON row."""
    return Credit(**{k: row.get(k) for k in CREDIT_FIELDS})


def chunk_from(row: dict[str, Any]) -> Chunk:
    """Rebuild a Chunk from its JSON row."""
    return Chunk(**{k: row[k] for k in Chunk.__dataclass_fields__})


def statement_from(row: dict[str, Any]) -> Statement:
    """Rebuild a Statement from its JSON row."""
    data = {k: row[k] for k in Statement.__dataclass_fields__ if k in row}
    data["speaker"] = Speaker(**row["speaker"])
    return Statement(**data)


def meeting_from(row: dict[str, Any]) -> Meeting:
    """Rebuild a Meeting from its JSON row."""
    return Meeting(**{k: row[k] for k in Meeting.__dataclass_fields__ if k in row})


@dataclass(frozen=True)
class Snapshot:
    """Everything a query needs, loaded from one generation."""

    manifest: dict[str, Any]
    chunks: tuple[Chunk, ...]
    statements: tuple[Statement, ...]
    meetings: tuple[Meeting, ...]
    articles: dict[str, Article]
    chunk_vectors: FaissStore
    statement_vectors: FaissStore
    chunk_lexical: Lexical
    statement_lexical: Lexical
    chunk_terms: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    statement_terms: tuple[tuple[str, ...], ...] = field(default=(), repr=False)
    credits: dict[str, Credit] = field(default_factory=dict, repr=False)  # credit line per source, read at build time
    people: tuple[dict[str, Any], ...] = field(default=(), repr=False)  # people.jsonl rows: speakers grouped into people
    meeting_links: tuple[dict[str, Any], ...] = field(default=(), repr=False)  # meeting-links.jsonl rows: reports per meeting
    _meetings_by_source: dict[str, tuple[Meeting, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Group the meetings by source once, so lookups do not scan every meeting."""
        grouped: dict[str, list[Meeting]] = {}
        for m in self.meetings:
            grouped.setdefault(m.source, []).append(m)
        object.__setattr__(self, "_meetings_by_source", {k: tuple(v) for k, v in grouped.items()})

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        """Return the manifest's per-source records (sha256, counts, encoding)."""
        return dict(self.manifest.get("sources") or {})

    def credit_of(self, source: str) -> Credit:
        """Return a source's credit line (an index built before credit lines reads it from the text now)."""
        found = self.credits.get(source)
        if found is not None:
            return found
        article = self.articles.get(source)
        if article is None:
            return Credit()
        from rag.ingest.credits import extract_credit

        return extract_credit(article)

    def meetings_of(self, source: str) -> list[Meeting]:
        """Return the meetings found in one source, main meeting first."""
        return list(self._meetings_by_source.get(source, ()))

    def meeting_of(self, statement: Statement) -> Meeting | None:
        """Return the meeting a statement belongs to, if known."""
        found = self._meetings_by_source.get(statement.source, ())
        if not found:
            return None
        index = statement.meeting if statement.meeting is not None else 0
        return found[index] if 0 <= index < len(found) else found[0]


def load_snapshot(index_dir: Path) -> Snapshot | None:
    """Load and verify the live generation; None if there is no index yet."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        return None
    gen = verify(index_dir, manifest, REQUIRED)
    try:
        return _read_generation(gen, manifest)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, AttributeError, IndexError) as exc:
        raise IndexCorrupt(f"index files are unreadable: {exc}") from exc


def _read_generation(gen: Path, manifest: dict[str, Any]) -> Snapshot:
    """Read every file of a verified generation folder."""
    chunk_rows = read_jsonl(gen / f"{CHUNKS}.jsonl")
    article_rows = read_jsonl(gen / f"{ARTICLES}.jsonl")
    statement_rows = read_jsonl(gen / f"{STATEMENTS}.jsonl")
    meeting_rows = read_jsonl(gen / f"{MEETINGS}.jsonl")
    vectors = manifest.get("vector_index") or {}
    kind, params = vectors.get("type", "flat"), vectors.get("params", {})
    chunk_store = FaissStore.load(gen / f"{CHUNKS}.faiss", kind, params)
    stated = manifest.get("statement_index", {})  # absent in indexes built before statements could be HNSW
    statement_store = FaissStore.load(gen / f"{STATEMENTS}.faiss", stated.get("type", "flat"), stated.get("params", {}))
    if chunk_store.ntotal != len(chunk_rows) or statement_store.ntotal != len(statement_rows):
        raise IndexCorrupt("vector count does not match the rows")
    return Snapshot(
        manifest=manifest,
        chunks=tuple(chunk_from(r) for r in chunk_rows),
        statements=tuple(statement_from(r) for r in statement_rows),
        meetings=tuple(meeting_from(r) for r in meeting_rows),
        articles={r["source"]: Article(**{k: r[k] for k in _ARTICLE_FIELDS if k in r}) for r in article_rows},
        chunk_vectors=chunk_store,
        statement_vectors=statement_store,
        chunk_lexical=Lexical.load(gen / f"bm25-{CHUNKS}", len(chunk_rows)),
        statement_lexical=Lexical.load(gen / f"bm25-{STATEMENTS}", len(statement_rows)),
        chunk_terms=tuple(tuple(r.get("terms", ())) for r in chunk_rows),
        statement_terms=tuple(tuple(r.get("terms", ())) for r in statement_rows),
        credits={r["source"]: _credit(r["credit"]) for r in article_rows if isinstance(r.get("credit"), dict)},
        people=tuple(read_jsonl(gen / f"{PEOPLE}.jsonl")),
        meeting_links=tuple(read_jsonl(gen / f"{MEETING_LINKS}.jsonl")),
    )
