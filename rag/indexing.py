"""Building and incrementally updating the index from the seeds folder."""

from __future__ import annotations

import fcntl
import logging
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence

import numpy as np

from .chunking import ChunkerParams, chunk_article
from .corpus import load_corpus
from .lexical import Lexical, terms
from .meetings import extract_meetings
from .quotes import extract_statements
from .settings import Settings
from .snapshot import ARTICLES, CHUNKS, MEETINGS, STATEMENTS, Snapshot, load_snapshot
from .store import FORMAT_VERSION, FaissStore, IndexCorrupt, commit, new_generation, remove_stale, write_jsonl
from .types import Article, IndexReport, Skipped

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
EXTRACTION_VERSION = "statements-v1"


class BuildBusy(RuntimeError):
    """Another rebuild holds the lock."""


class NothingToIndex(RuntimeError):
    """No usable seed file remains; the previous index is kept."""


class Encoder(Protocol):
    """What indexing needs from an embedder."""

    model_id: str
    dim: int

    def embed_passages(self, texts: Sequence[str], on_progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Embed passages, L2-normalized."""


@dataclass
class _Table:
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


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the one-rebuild-at-a-time lock, or raise BuildBusy."""
    index_dir.mkdir(parents=True, exist_ok=True)
    handle = (index_dir / ".build.lock").open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise BuildBusy("rebuild already running") from exc
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def chunker_params(settings: Settings) -> ChunkerParams:
    """Return the chunker parameters the settings ask for."""
    return ChunkerParams(settings.chunk_size, settings.chunk_overlap)


def compatibility(manifest: dict[str, Any] | None, settings: Settings, model_id: str) -> str:
    """Return why an old manifest cannot be reused ('' if it can)."""
    if manifest is None:
        return "no index yet"
    wanted = {
        "format": FORMAT_VERSION,
        "model": model_id,
        "chunker": chunker_params(settings).to_dict(),
        "extraction": EXTRACTION_VERSION,
    }
    for key, value in wanted.items():
        if manifest.get(key) != value:
            return f"{key} changed ({manifest.get(key)!r} -> {value!r})"
    return ""


def build_index(
    settings: Settings, encoder: Encoder, full: bool = False, on_progress: Progress | None = None
) -> IndexReport:
    """Bring the index in line with the seeds folder; embed only what changed."""
    started = time.perf_counter()
    with build_lock(settings.index_dir):
        articles, skipped = load_corpus(settings.seeds_dir, settings.max_file_bytes)
        if not articles:
            raise NothingToIndex(_nothing_message(settings.seeds_dir, skipped))
        old, reason = _reusable(settings, encoder, full)
        report = _build(settings, encoder, articles, skipped, old, on_progress)
    seconds = round(time.perf_counter() - started, 3)
    return IndexReport(**{**asdict(report), "skipped": report.skipped, "seconds": seconds, "reason": reason})


def _nothing_message(seeds_dir: Path, skipped: list[Skipped]) -> str:
    """Explain why nothing could be indexed."""
    lines = [f"no usable article in {seeds_dir}"]
    lines += [f"  skipped {s.source}: {s.reason}" for s in skipped]
    return "\n".join(lines)


def _reusable(settings: Settings, encoder: Encoder, full: bool) -> tuple[Snapshot | None, str]:
    """Return the old snapshot if its rows can be reused, and why not otherwise."""
    if full:
        return None, "full rebuild requested"
    try:
        old = load_snapshot(settings.index_dir)
    except IndexCorrupt as exc:
        log.warning("index is damaged, rebuilding from the seeds: %s", exc)
        return None, f"index damaged: {exc}"
    reason = compatibility(old.manifest if old else None, settings, encoder.model_id)
    if reason:
        return None, reason
    if old is not None and old.manifest.get("dim") != encoder.dim:
        return None, "dimension changed"
    return old, ""


def _build(
    settings: Settings,
    encoder: Encoder,
    articles: list[Article],
    skipped: list[Skipped],
    old: Snapshot | None,
    on_progress: Progress | None,
) -> IndexReport:
    """Assemble the new generation from reused and freshly embedded rows."""
    old_sources = old.sources if old else {}
    current = {a.source for a in articles}
    fresh = [a for a in articles if old_sources.get(a.source, {}).get("sha256") != a.sha256]
    kept = sorted(current - {a.source for a in fresh})
    chunks, statements, meetings = _Table(), _Table(), _Table()
    if old is not None and kept:
        _reuse(old, set(kept), chunks, statements, meetings)
    embedded = _embed_fresh(settings, encoder, fresh, chunks, statements, meetings, on_progress)
    sources = {a.source: _source_record(a, chunks, statements) for a in articles}
    texts = [{"source": a.source, "text": a.text, "sha256": a.sha256, "encoding": a.encoding} for a in articles]
    _write(settings, encoder, chunks, statements, meetings, sources, texts)
    return IndexReport(
        added=tuple(sorted(a.source for a in fresh if a.source not in old_sources)),
        changed=tuple(sorted(a.source for a in fresh if a.source in old_sources)),
        removed=tuple(sorted(set(old_sources) - current)),
        unchanged=tuple(kept),
        skipped=tuple(skipped),
        chunks=len(chunks.rows),
        embedded=embedded,
        full=old is None,
    )


def _source_record(article: Article, chunks: _Table, statements: _Table) -> dict[str, Any]:
    """Return the manifest entry for one source file."""
    return {
        "sha256": article.sha256,
        "encoding": article.encoding,
        "chars": len(article.text),
        "chunks": sum(1 for r in chunks.rows if r["source"] == article.source),
        "statements": sum(1 for r in statements.rows if r["source"] == article.source),
    }


def _reuse(old: Snapshot, keep: set[str], chunks: _Table, statements: _Table, meetings: _Table) -> None:
    """Copy the rows and vectors of unchanged sources from the old snapshot."""
    for table, store, rows, row_terms in (
        (chunks, old.chunk_vectors, old.chunks, old.chunk_terms),
        (statements, old.statement_vectors, old.statements, old.statement_terms),
    ):
        picked = [i for i, row in enumerate(rows) if row.source in keep]
        vectors = store.reconstruct_all()[picked] if picked else np.zeros((0, store.index.d), np.float32)
        dicts = [dict(rows[i].to_dict(), terms=list(row_terms[i]) if row_terms else []) for i in picked]
        table.extend(dicts, vectors)
    meetings.rows.extend(m.to_dict() for m in old.meetings if m.source in keep)


def _embed_fresh(
    settings: Settings,
    encoder: Encoder,
    fresh: list[Article],
    chunks: _Table,
    statements: _Table,
    meetings: _Table,
    on_progress: Progress | None,
) -> int:
    """Chunk, extract and embed new or changed articles; return chunks embedded."""
    params = chunker_params(settings)
    new_chunks, new_statements = [], []
    for done, article in enumerate(fresh, 1):
        found = extract_meetings(article)
        meetings.rows.extend(m.to_dict() for m in found)
        new_chunks += [dict(c.to_dict(), terms=terms(c.text)) for c in chunk_article(article, params)]
        new_statements += [_statement_row(s) for s in extract_statements(article, found)]
        if on_progress:
            on_progress(done, len(fresh), "Membaca artikel")
    chunks.extend(new_chunks, _embed(encoder, [r["text"] for r in new_chunks], on_progress, "Embedding passages"))
    texts = [r["text"] for r in new_statements]
    statements.extend(new_statements, _embed(encoder, texts, on_progress, "Embedding statements"))
    return len(new_chunks)


def _statement_row(statement: Any) -> dict[str, Any]:
    """Return a statement's JSON row with its BM25 terms (text plus speaker)."""
    speaker = statement.speaker
    return dict(statement.to_dict(), terms=terms(f"{statement.text} {speaker.role} {speaker.name}"))


def _embed(encoder: Encoder, texts: list[str], on_progress: Progress | None, label: str) -> np.ndarray:
    """Embed texts once each (duplicates share a vector) and report progress."""
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    unique = list(dict.fromkeys(texts))

    def report(done: int, total: int) -> None:
        if on_progress:
            on_progress(done, total, label)

    vectors = encoder.embed_passages(unique, on_progress=report)
    position = {t: i for i, t in enumerate(unique)}
    return np.asarray(vectors, dtype=np.float32)[[position[t] for t in texts]]


def _write(
    settings: Settings,
    encoder: Encoder,
    chunks: _Table,
    statements: _Table,
    meetings: _Table,
    sources: dict[str, Any],
    articles: list[dict[str, Any]],
) -> None:
    """Write a new generation and swap it in atomically."""
    index_dir = settings.index_dir
    remove_stale(index_dir, keep=_live_generation(index_dir))
    gen = new_generation(index_dir)
    chunk_store = FaissStore.build(chunks.matrix(encoder.dim), encoder.dim, settings.hnsw_threshold)
    chunk_store.save(gen / f"{CHUNKS}.faiss")
    FaissStore.build(statements.matrix(encoder.dim), encoder.dim, 10**12).save(gen / f"{STATEMENTS}.faiss")
    for name, rows in ((CHUNKS, chunks.rows), (STATEMENTS, statements.rows), (MEETINGS, meetings.rows)):
        write_jsonl(gen / f"{name}.jsonl", rows)
    write_jsonl(gen / f"{ARTICLES}.jsonl", articles)
    Lexical.build([r["terms"] for r in chunks.rows]).save(gen / f"bm25-{CHUNKS}")
    Lexical.build([r["terms"] for r in statements.rows]).save(gen / f"bm25-{STATEMENTS}")
    manifest = {
        "model": encoder.model_id,
        "dim": encoder.dim,
        "prompts": {"query": settings.query_prompt, "passage": settings.passage_prompt},
        "chunker": chunker_params(settings).to_dict(),
        "extraction": EXTRACTION_VERSION,
        "vector_index": {"type": chunk_store.kind, "params": chunk_store.params, "metric": "inner_product"},
        "lexical": {"engine": "bm25s", "stemmer": "PySastrawi", "stopwords": "sastrawi+en"},
        "counts": {"chunks": len(chunks.rows), "statements": len(statements.rows), "meetings": len(meetings.rows)},
        "sources": sources,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    commit(index_dir, gen, manifest)


def _live_generation(index_dir: Path) -> str:
    """Return the generation the current manifest names, or ''."""
    try:
        from .store import read_manifest

        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return ""
    return str(manifest["generation"]) if manifest else ""
