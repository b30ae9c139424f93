"""Steps of this project's pipeline: convert the model, build, evaluate, add one file incrementally."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from .step_common import DEV, _files, _no_rebuild, _settings
from .steps_latency import _warm

log = logging.getLogger("bench.steps")


def convert(args: dict[str, Any]) -> dict[str, Any]:
    """Make sure the converted e5 folder exists (not timed against anything)."""
    from rag.index.embed.embedder import ensure_model

    started = time.perf_counter()
    path = ensure_model(_settings(args))
    return {"path": path, "seconds": round(time.perf_counter() - started, 2)}


def build_ours(args: dict[str, Any]) -> dict[str, Any]:
    """This project: `build_index(full=True)` with the real embedder (model load not timed)."""
    from rag.index.build import build_index
    from rag.index.embed.embedder import Embedder
    from rag.index.snapshot import load_snapshot

    settings = _settings(args)
    started = time.perf_counter()
    embedder = Embedder(settings)
    dim = embedder.dim  # loads (and quantizes) the model
    load_s = time.perf_counter() - started
    report = build_index(settings, embedder, full=True)
    snap = load_snapshot(settings.index_dir)
    assert snap is not None
    chunk_chars = sum(len(c.text) for c in snap.chunks)
    statement_texts = {s.text for s in snap.statements}
    log.info("ours (%s): %d chunks, %d statements in %.1fs", settings.quantize, report.chunks, len(snap.statements), report.seconds)
    return {
        "same_chunks": _same_chunks(embedder, _files(args["seeds"])),
        "articles": len(snap.sources),
        "chunks": report.chunks,
        "embedded": report.embedded,
        "statements": len(snap.statements),
        "chars": chunk_chars,
        "statement_chars": sum(len(t) for t in statement_texts),
        "seconds": report.seconds,
        "model_load_s": round(load_s, 2),
        "dim": dim,
        "model_id": embedder.model_id,
    }


def _same_chunks(embedder: Any, files: list[Path]) -> dict[str, Any]:
    """Time this project's embedder on the baseline's own chunk texts (500/50 splits of the raw files)."""
    from . import baseline

    texts, _ = baseline.split(files)
    started = time.perf_counter()
    embedder.embed_passages(texts)
    return {"chunks": len(texts), "seconds": round(time.perf_counter() - started, 3)}


def eval_ours(args: dict[str, Any]) -> dict[str, Any]:
    """Evaluate an existing index on the dev set, then time warm `Service.ask` and its parts."""
    from rag.answer.reader import read as answer_question
    from rag.app.evaluate import evaluate_file
    from rag.app.service import Service

    settings = _settings(args)
    service = Service(settings)
    if args.get("build"):
        from rag.index.build import build_index

        service.embedder.dim  # noqa: B018 - load the model before timing
        report = build_index(settings, service.embedder, full=True)
        log.info("built the %s index: %d chunks in %.1fs", settings.quantize, report.chunks, report.seconds)
        built = {"chunks": report.chunks, "seconds": report.seconds, "model_id": service.embedder.model_id}
    else:
        service.context()
        _no_rebuild(service)
    started = time.perf_counter()
    metrics = evaluate_file(service, DEV)
    eval_s = time.perf_counter() - started
    out: dict[str, Any] = {"metrics": metrics, "eval_s": round(eval_s, 1), "quantize": settings.quantize}
    if args.get("build"):
        out["build"] = built
    if args.get("latency"):
        out["warm"] = _warm(service, answer_question)
    return out


class StandInEncoder:
    """Same model id and dimension as the real embedder, random unit vectors: only for pre-building a big base index fast."""

    def __init__(self, model_id: str, dim: int) -> None:
        self.model_id = model_id
        self.dim = dim

    def embed_passages(self, texts: Any, on_progress: Any = None) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        v = rng.standard_normal((len(texts), self.dim), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def _indexed_texts(index_dir: Path) -> set[str]:
    """Return every chunk and statement text of the index's current generation."""
    from rag.index.snapshot import load_snapshot

    snap = load_snapshot(index_dir)
    if snap is None:
        return set()
    return {row.text for rows in (snap.chunks, snap.statements) for row in rows}


def incremental(args: dict[str, Any]) -> dict[str, Any]:
    """Add one file to an N-article index and check that only its chunks and statements are embedded."""
    from rag.extract.meetings.records import extract_meetings
    from rag.extract.speech.quotes import extract_statements
    from rag.index.build import build_index, chunker_params
    from rag.index.embed.embedder import Embedder
    from rag.ingest.chunking import chunk_article
    from rag.ingest.corpus import read_article

    settings = _settings(args)
    embedder = Embedder(settings)
    standin = StandInEncoder(embedder.model_id, embedder.dim)
    started = time.perf_counter()
    base = build_index(settings, standin, full=True)
    log.info(
        "base index of %d articles (%d chunks) pre-built with stand-in vectors in %.1fs",
        len(base.added),
        base.chunks,
        time.perf_counter() - started,
    )
    new = Path(args["new_file"])
    target = settings.seeds_dir / new.name
    shutil.copyfile(new, target)
    article = read_article(target, new.name, settings.max_file_bytes)
    texts = [c.text for c in chunk_article(article, chunker_params(settings))]
    texts += [s.text for s in extract_statements(article, extract_meetings(article))]
    indexed = _indexed_texts(settings.index_dir)
    expected = sum(1 for t in texts if t not in indexed)  # a text the base already holds reuses its vector
    report = build_index(settings, embedder)
    ok = (
        report.embedded == expected
        and report.added == (new.name,) and not report.changed and not report.removed and not report.full
    )
    return {
        "base_articles": len(base.added),
        "base_chunks": base.chunks,
        "seconds": report.seconds,
        "embedded": report.embedded,
        "expected": expected,
        "new_texts": len(texts),
        "added": list(report.added),
        "unchanged": len(report.unchanged),
        "full": report.full,
        "ok": ok,
    }
