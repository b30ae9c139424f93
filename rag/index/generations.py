"""Assembling and writing one index generation: rows, vectors, BM25 and the manifest.

`rag.index.build` decides what to embed; this module holds the rows while a
build runs and writes them as a new ``gen-*`` folder that `rag.index.stores.commit`
then swaps in atomically.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.core.settings import Settings
from rag.core.types import Article, Credit, Skipped
from rag.extract.meetings.places import provinces_named
from rag.index.bm25 import Lexical
from rag.index.links import group_people, people_rows
from rag.index.meetinglinks import MeetingLinks, meeting_link_rows, speaker_names
from rag.index.snapshot import ARTICLES, CHUNKS, MEETING_LINKS, MEETINGS, PEOPLE, STATEMENTS, Snapshot, meeting_from, statement_from
from rag.index.stores import FaissStore, IndexCorrupt, commit, new_generation, read_manifest, remove_stale, unwritable, write_jsonl


@dataclass
class Table:
    """Rows and their vectors for one kind of item, while building."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)

    def extend(self, rows: list[dict[str, Any]], vectors: np.ndarray) -> None:
        """Append rows with their vectors."""
        self.rows.extend(rows)
        if len(rows):
            self.vectors.append(np.asarray(vectors, dtype=np.float32))

    def matrix(self, dim: int) -> np.ndarray:
        """Return all vectors stacked."""
        return np.vstack(self.vectors) if self.vectors else np.zeros((0, dim), dtype=np.float32)

    def count(self, source: str) -> int:
        """Return how many rows belong to one source file."""
        return sum(1 for r in self.rows if r["source"] == source)


@dataclass
class Tables:
    """The three tables of a generation."""

    chunks: Table = field(default_factory=Table)
    statements: Table = field(default_factory=Table)
    meetings: Table = field(default_factory=Table)


def reuse(old: Snapshot, keep: set[str], tables: Tables) -> int:
    """Copy the rows and vectors of unchanged sources from the old snapshot; return how many vectors were copied."""
    copied = 0
    for table, store, rows, row_terms in (
        (tables.chunks, old.chunk_vectors, old.chunks, old.chunk_terms),
        (tables.statements, old.statement_vectors, old.statements, old.statement_terms),
    ):
        picked = [i for i, row in enumerate(rows) if row.source in keep]
        vectors = store.reconstruct_all()[picked] if picked else np.zeros((0, store.index.d), np.float32)
        dicts = [dict(rows[i].to_dict(), terms=list(row_terms[i]) if row_terms else []) for i in picked]
        table.extend(dicts, vectors)
        copied += len(picked)
    tables.meetings.rows.extend(m.to_dict() for m in old.meetings if m.source in keep)
    return copied


def source_record(article: Article, tables: Tables) -> dict[str, Any]:
    """Return the manifest entry for one source file."""
    return {
        "sha256": article.sha256,
        "encoding": article.encoding,
        "chars": len(article.text),
        "chunks": tables.chunks.count(article.source),
        "statements": tables.statements.count(article.source),
    }


@dataclass(frozen=True)
class BuildInfo:
    """What the manifest records besides the rows: model, chunker, seeds and skipped files."""

    model_id: str
    dim: int
    chunker: dict[str, Any]
    extraction: str
    seeds: dict[str, Any]
    skipped: tuple[Skipped, ...]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # extracted text -> its original document
    credits: dict[str, Credit] = field(default_factory=dict)


def write_generation(settings: Settings, info: BuildInfo, tables: Tables, articles: list[Article]) -> None:
    """Write a new generation folder and swap it in atomically.

    A write that fails (read-only folder, full disk) removes what it wrote and
    raises IndexUnwritable; the live generation and its manifest are untouched.
    """
    index_dir = settings.index_dir
    gen: Path | None = None
    try:
        remove_stale(index_dir, keep=live_generation(index_dir))
        gen = new_generation(index_dir)
        chunk_store = FaissStore.build(tables.chunks.matrix(info.dim), info.dim, settings.hnsw_threshold)
        chunk_store.save(gen / f"{CHUNKS}.faiss")
        statement_store = FaissStore.build(tables.statements.matrix(info.dim), info.dim, settings.hnsw_threshold)
        statement_store.save(gen / f"{STATEMENTS}.faiss")
        for name, table in ((CHUNKS, tables.chunks), (STATEMENTS, tables.statements), (MEETINGS, tables.meetings)):
            write_jsonl(gen / f"{name}.jsonl", table.rows)
        texts = ({"source": a.source, "text": a.text, "sha256": a.sha256, "encoding": a.encoding,
                  "credit": info.credits.get(a.source, Credit()).to_json()} for a in articles)
        write_jsonl(gen / f"{ARTICLES}.jsonl", texts)
        write_links(gen, tables, {a.source: provinces_named(a.text) for a in articles})
        Lexical.build([r["terms"] for r in tables.chunks.rows]).save(gen / f"bm25-{CHUNKS}")
        Lexical.build([r["terms"] for r in tables.statements.rows]).save(gen / f"bm25-{STATEMENTS}")
        commit(index_dir, gen, _manifest(settings, info, tables, articles, (chunk_store, statement_store)))
    except OSError as exc:
        if gen is not None and live_generation(index_dir) != gen.name:
            shutil.rmtree(gen, ignore_errors=True)  # no half-written generation is left behind
        raise unwritable(index_dir, exc) from exc


def write_links(gen: Path, tables: Tables, named: dict[str, frozenset[str]]) -> None:
    """Group the speakers into people and find the reports of each meeting (``named``: the provinces each article
    names), and write both into the generation."""
    meetings = [meeting_from(row) for row in tables.meetings.rows]
    statements = [statement_from(row) for row in tables.statements.rows]
    link_rows = meeting_link_rows(meetings, speaker_names(statements), named)
    people = group_people(statements, MeetingLinks(meetings, link_rows).sibling_reports)
    write_jsonl(gen / f"{MEETING_LINKS}.jsonl", link_rows)
    write_jsonl(gen / f"{PEOPLE}.jsonl", people_rows(people))


def _manifest(
    settings: Settings, info: BuildInfo, tables: Tables, articles: list[Article], stores: tuple[FaissStore, FaissStore]
) -> dict[str, Any]:
    """Return the manifest of a generation (commit adds format, generation and file checksums)."""
    return {
        "model": info.model_id,
        "dim": info.dim,
        "prompts": {"query": settings.query_prompt, "passage": settings.passage_prompt},
        "chunker": info.chunker,
        "extraction": info.extraction,
        "vector_index": {"type": stores[0].kind, "params": stores[0].params, "metric": "inner_product"},
        "statement_index": {"type": stores[1].kind, "params": stores[1].params, "metric": "inner_product"},
        "lexical": {"engine": "bm25s", "stemmer": "PySastrawi", "stopwords": "sastrawi+en"},
        "counts": {"chunks": len(tables.chunks.rows), "statements": len(tables.statements.rows), "meetings": len(tables.meetings.rows)},
        "links": {"people": f"{PEOPLE}.jsonl", "meetings": f"{MEETING_LINKS}.jsonl"},
        "sources": {a.source: {**source_record(a, tables), **info.documents.get(a.source, {})} for a in articles},
        "skipped": [{"source": s.source, "reason": s.reason} for s in info.skipped],
        "seeds": info.seeds,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def live_generation(index_dir: Path) -> str:
    """Return the generation the current manifest names, or ''."""
    try:
        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return ""
    return str(manifest["generation"]) if manifest else ""


def previous_sources(index_dir: Path) -> set[str]:
    """Return the source names of the live manifest (empty if none or unreadable)."""
    try:
        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return set()
    return set((manifest or {}).get("sources") or {})
