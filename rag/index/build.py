"""Building and incrementally updating the index from the seeds folder."""

from __future__ import annotations

import errno
import fcntl
import logging
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator

from rag.core.settings import Settings
from rag.core.text import terms
from rag.core.types import Article, IndexReport, Meeting, Skipped
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.extract.version import extraction_version
from rag.index.generations import BuildInfo, Tables, previous_sources, reuse, write_generation
from rag.index.snapshot import Snapshot, load_snapshot
from rag.index.stores import FORMAT_VERSION, IndexCorrupt, IndexUnwritable, read_manifest, unwritable
from rag.index.vectors import PassageEncoder, Progress, VectorCache
from rag.ingest.chunking import ChunkerParams, chunk_article
from rag.ingest.corpus import fingerprint, load_corpus, seed_stats
from rag.ingest.credits import credits_for
from rag.ingest.docsync import DocumentSync, sync_documents

log = logging.getLogger(__name__)

__all__ = ["BuildBusy", "IndexUnwritable", "NothingToIndex", "PassageEncoder", "Progress", "build_index", "build_lock", "compatibility",
           "chunker_params"]


class BuildBusy(RuntimeError):
    """Another rebuild holds the lock."""


class NothingToIndex(RuntimeError):
    """No usable seed file remains; the previous index is kept."""


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """Hold the one-rebuild-at-a-time lock, or raise BuildBusy (IndexUnwritable if the folder cannot hold it)."""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexUnwritable(index_dir, "it is not a folder", errno.ENOTDIR)
    lock = index_dir / ".build.lock"
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        if lock.is_dir() and not lock.is_symlink():
            log.warning("%s is a folder, not a lock file; replacing it", lock)  # damage, like a bad index file
            shutil.rmtree(lock, ignore_errors=True)
        handle = lock.open("a+")
        with tempfile.TemporaryFile(dir=index_dir):
            pass  # a read-only folder fails here, before any article is read or embedded
    except OSError as exc:
        raise unwritable(index_dir, exc) from exc
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
        "extraction": extraction_version(),
    }
    for key, value in wanted.items():
        if manifest.get(key) != value:
            return f"{key} changed ({manifest.get(key)!r} -> {value!r})"
    return ""


def build_index(
    settings: Settings, encoder: PassageEncoder, full: bool = False, on_progress: Progress | None = None
) -> IndexReport:
    """Bring the index in line with the seeds folder; embed only what changed.

    Rows of unchanged files are copied. When the old generation cannot be kept as it is (another extraction
    version or chunker), every file is read again, but a text the old generation already embedded with the
    same model and prompt keeps its vector (``VectorCache``); ``full`` embeds everything from scratch.
    A file that cannot be read or processed is skipped with a reason; the
    build fails (NothingToIndex, old index kept) only when no article is left.
    """
    started = time.perf_counter()
    with build_lock(settings.index_dir):
        documents = sync_documents(settings.seeds_dir, settings.max_file_bytes, _recorded_sources(settings.index_dir))
        stats = seed_stats(settings.seeds_dir)  # before reading: a later edit makes the index stale
        prefer = previous_sources(settings.index_dir)
        articles, skipped = documents.apply(*load_corpus(settings.seeds_dir, settings.max_file_bytes, prefer=prefer))
        if not articles:
            raise NothingToIndex(_nothing_message(settings.seeds_dir, skipped))
        old, reason, loaded = _reusable(settings, encoder, full)
        if old is not None and _needs_model(old, articles) and old.manifest.get("dim") != encoder.dim:
            old, reason = None, "dimension changed"
        cache = VectorCache.from_snapshot(None if full else loaded, encoder.model_id, settings.passage_prompt)
        report = _build(settings, encoder, _Inputs(articles, skipped, stats, documents), old, cache, on_progress)
    seconds = round(time.perf_counter() - started, 3)
    return IndexReport(**{**asdict(report), "skipped": report.skipped, "seconds": seconds, "reason": reason})


def _nothing_message(seeds_dir: Path, skipped: list[Skipped]) -> str:
    """Explain why nothing could be indexed."""
    lines = [f"tidak ada artikel yang dapat dipakai di {seeds_dir}"]
    lines += [f"  dilewati {s.source}: {s.reason}" for s in skipped]
    return "\n".join(lines)


def _reusable(settings: Settings, encoder: PassageEncoder, full: bool) -> tuple[Snapshot | None, str, Snapshot | None]:
    """Return the old snapshot if its rows can be reused, why not otherwise, and the old snapshot as loaded."""
    if full:
        return None, "full rebuild requested", None
    try:
        old = load_snapshot(settings.index_dir)
    except IndexCorrupt as exc:
        log.warning("index is damaged, rebuilding from the seeds: %s", exc)
        return None, f"index damaged: {exc}", None
    reason = compatibility(old.manifest if old else None, settings, encoder.model_id)
    return (None, reason, old) if reason else (old, "", old)


def _needs_model(old: Snapshot, articles: list[Article]) -> bool:
    """Return True if some article is new or changed (so the model must be loaded to embed it)."""
    return any(old.sources.get(a.source, {}).get("sha256") != a.sha256 for a in articles)


@dataclass(frozen=True)
class _Inputs:
    """What the seeds folder holds at the start of a build."""

    articles: list[Article]
    skipped: list[Skipped]
    stats: dict[str, tuple[int, int]]
    documents: DocumentSync


def _recorded_sources(index_dir: Path) -> dict[str, Any]:
    """Return the live manifest's per-source records (empty if none or unreadable)."""
    try:
        manifest = read_manifest(index_dir)
    except IndexCorrupt:
        return {}
    sources = (manifest or {}).get("sources")
    return sources if isinstance(sources, dict) else {}


@dataclass(frozen=True)
class _Prepared:
    """One new or changed article, chunked and extracted, not yet embedded."""

    article: Article
    meetings: list[Meeting]
    chunks: list[dict[str, Any]]
    statements: list[dict[str, Any]]


def _build(
    settings: Settings, encoder: PassageEncoder, inputs: _Inputs, old: Snapshot | None, cache: VectorCache, on_progress: Progress | None
) -> IndexReport:
    """Assemble the new generation from reused and freshly embedded rows."""
    old_sources = old.sources if old else {}
    fresh = [a for a in inputs.articles if old_sources.get(a.source, {}).get("sha256") != a.sha256]
    prepared, failed = _prepare_all(settings, fresh, on_progress)
    bad = {s.source for s in failed}
    articles = [a for a in inputs.articles if a.source not in bad]
    credits, unread = credits_for(settings.seeds_dir, articles)
    skipped = sorted([*inputs.skipped, *failed, *unread], key=lambda s: s.source)
    if not articles:
        raise NothingToIndex(_nothing_message(settings.seeds_dir, skipped))
    kept = sorted({a.source for a in articles} - {p.article.source for p in prepared})
    tables = Tables()
    if old is not None and kept:
        cache.reused += reuse(old, set(kept), tables)
    _embed_prepared(encoder, cache, prepared, tables, on_progress)
    dim = int(old.chunk_vectors.index.d) if old is not None and not prepared else encoder.dim  # no model load to only remove
    hashes = {**inputs.documents.hashes, **{a.source: a.sha256 for a in articles}}
    info = BuildInfo(encoder.model_id, dim, chunker_params(settings).to_dict(), extraction_version(),
                     fingerprint(inputs.stats, hashes), tuple(skipped), inputs.documents.records, credits)
    write_generation(settings, info, tables, articles)
    names = [p.article.source for p in prepared]
    return IndexReport(
        added=tuple(sorted(n for n in names if n not in old_sources)),
        changed=tuple(sorted(n for n in names if n in old_sources)),
        removed=tuple(sorted(set(old_sources) - {a.source for a in articles})),
        unchanged=tuple(kept),
        skipped=tuple(skipped),
        chunks=len(tables.chunks.rows),
        statements=len(tables.statements.rows),
        embedded=cache.embedded,
        reused=cache.reused,
        full=old is None,
    )


def _prepare_all(settings: Settings, fresh: list[Article], on_progress: Progress | None) -> tuple[list[_Prepared], list[Skipped]]:
    """Chunk and extract every new or changed article; one that fails is skipped, not fatal."""
    params = chunker_params(settings)
    prepared: list[_Prepared] = []
    failed: list[Skipped] = []
    for done, article in enumerate(fresh, 1):
        if on_progress:
            on_progress(done - 1, len(fresh), "Membaca artikel")
        try:
            item = _prepare(article, params)
        except Exception as exc:  # noqa: BLE001 - one bad article must never stop the build
            log.exception("cannot process %s; skipping it", article.source)
            failed.append(Skipped(article.source, f"tidak dapat diproses ({type(exc).__name__}: {exc})"[:300]))
            continue
        if item.chunks:
            prepared.append(item)
        else:
            failed.append(Skipped(article.source, "tidak ada teks berita (hanya kaki halaman/boilerplate atau spasi)"))
    if on_progress and fresh:
        on_progress(len(fresh), len(fresh), "Membaca artikel")
    return prepared, failed


def _prepare(article: Article, params: ChunkerParams) -> _Prepared:
    """Chunk one article and extract its meetings and statements."""
    found = extract_meetings(article)
    chunks = [dict(c.to_dict(), terms=terms(c.text)) for c in chunk_article(article, params)]
    statements = [_statement_row(s) for s in extract_statements(article, found)]
    return _Prepared(article, found, chunks, statements)


def _embed_prepared(
    encoder: PassageEncoder, cache: VectorCache, prepared: list[_Prepared], tables: Tables, on_progress: Progress | None
) -> None:
    """Add the chunks and statements of prepared articles with their vectors (cached or embedded now)."""
    if not prepared:
        return
    chunks = [row for p in prepared for row in p.chunks]
    statements = [row for p in prepared for row in p.statements]
    tables.meetings.rows.extend(m.to_dict() for p in prepared for m in p.meetings)
    tables.chunks.extend(chunks, cache.embed(encoder, [r["text"] for r in chunks], on_progress, "Embedding passages"))
    tables.statements.extend(statements, cache.embed(encoder, [r["text"] for r in statements], on_progress, "Embedding statements"))


def _statement_row(statement: Any) -> dict[str, Any]:
    """Return a statement's JSON row with its BM25 terms (text plus speaker)."""
    speaker = statement.speaker
    return dict(statement.to_dict(), terms=terms(f"{statement.text} {speaker.role} {speaker.name}"))
