"""One benchmark step per process: ``python -m bench.steps NAME JSON-ARGS``.

Each step runs in a fresh interpreter so its peak RSS (``ru_maxrss`` of that
process, which includes the Python runtime and any loaded model) belongs to
that step alone. The step prints its figures as one JSON line prefixed with
``BENCH_RESULT`` on stdout; progress goes to stderr through `logging`.
"""

from __future__ import annotations

import json
import logging
import math
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev.jsonl"
MARK = "BENCH_RESULT "
log = logging.getLogger("bench.steps")


def _settings(args: dict[str, Any], **extra: Any):  # noqa: ANN202 - rag.core.settings.Settings
    """Return Settings for a step from its arguments."""
    from rag.core.settings import Settings

    return Settings(
        seeds_dir=Path(args["seeds"]),
        index_dir=Path(args["index"]),
        model_cache_dir=Path(args["cache"]),
        quantize=args.get("quantize", "int8"),
        threads=2,
    ).with_overrides(**extra)


def _questions() -> list[dict[str, Any]]:
    """Return the dev questions."""
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pcts(seconds: list[float]) -> dict[str, float]:
    """Return p50 / p95 / mean in milliseconds."""
    ms = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "mean_ms": round(float(ms.mean()), 2),
    }


def _files(folder: str) -> list[Path]:
    """Return the article files of a folder, sorted."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".md") and not p.name.startswith("."))


# --- steps -------------------------------------------------------------------


def convert(args: dict[str, Any]) -> dict[str, Any]:
    """Make sure the converted e5 folder exists (not timed against anything)."""
    from rag.index.embed.embedder import ensure_model

    started = time.perf_counter()
    path = ensure_model(_settings(args))
    return {"path": path, "seconds": round(time.perf_counter() - started, 2)}


def build_base(args: dict[str, Any]) -> dict[str, Any]:
    """Baseline: split, embed, index one folder; optionally evaluate and time queries."""
    from rag.index.embed.embedder import ensure_model

    from . import baseline

    model_path = ensure_model(_settings(args))
    started = time.perf_counter()
    model = baseline.load_model(model_path)
    load_s = time.perf_counter() - started
    files = _files(args["seeds"])
    built, seconds = baseline.build(model, files)
    out: dict[str, Any] = {
        "articles": len(files),
        "chunks": len(built.texts),
        "chars": sum(len(t) for t in built.texts),
        "seconds": round(seconds, 3),
        "model_load_s": round(load_s, 2),
    }
    log.info("baseline: %d chunks of %d files in %.1fs", out["chunks"], len(files), seconds)
    if args.get("evaluate"):
        items = _questions()
        for it in items[:5]:
            baseline.ask(model, built, it["question"])  # warm-up
        scores = baseline.evaluate(model, built, items)
        encode_s, search_s, qvecs = scores.pop("encode_s"), scores.pop("search_s"), scores.pop("qvecs")
        out["warm"] = {"chunks": len(built.texts), **_pcts([e + s for e, s in zip(encode_s, search_s, strict=True)])}
        out["query_embed"] = _pcts(encode_s)
        out["eval"] = scores
        out["warm_10k"] = _baseline_tiled(built, qvecs, encode_s, args.get("tile_to", 10_000))
    return out


def _timed(fn: Callable[[], Any]) -> float:
    """Return the seconds one call takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _baseline_tiled(built: Any, qvecs: list[np.ndarray], encode_s: list[float], target: int) -> dict[str, Any]:
    """Baseline latency over ``target`` vectors (its real vectors tiled with small perturbations).

    Each question's time is its measured encoding time plus a timed top-1
    search and lookup in the tiled index (encoding does not depend on size).
    """
    import faiss

    from . import baseline

    copies = max(1, math.ceil(target / len(built.vectors)))
    vectors = _tile(built.vectors, copies)[:target]
    tiled = baseline.BaselineIndex((built.texts * copies)[:target], (built.sources * copies)[:target], faiss.IndexFlatIP(vectors.shape[1]))
    tiled.index.add(vectors)
    for q in qvecs[:5]:
        baseline.top1(tiled, q)
    search = [_timed(lambda q=q: baseline.top1(tiled, q)) for q in qvecs]
    return {"chunks": len(vectors), **_pcts([e + s for e, s in zip(encode_s, search, strict=True)]), "search_only": _pcts(search)}


def _tile(vectors: np.ndarray, copies: int, sigma: float = 0.01, seed: int = 5) -> np.ndarray:
    """Stack ``copies`` copies of unit vectors, each copy after the first nudged (cosine ~0.98) and renormalized."""
    rng = np.random.default_rng(seed)
    out = [vectors.astype(np.float32)]
    for _ in range(copies - 1):
        v = vectors + rng.standard_normal(vectors.shape, dtype=np.float32) * sigma
        out.append((v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32))
    return np.vstack(out)


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


def _no_rebuild(service: Any) -> None:
    """Fail the step if loading the index made `Service` rebuild it (the figure would be wrong)."""
    if service.last_report is not None:
        raise RuntimeError(f"Service rebuilt the index instead of loading it: {service.last_report.reason}")


def _warm(service: Any, answer_question: Callable[..., Any]) -> dict[str, Any]:
    """Time each dev question through `Service.ask`, then its answer step and its query embedding apart."""
    questions = [it["question"] for it in _questions()]
    for q in questions[:5]:
        service.ask(q)
    ask = [_timed(lambda q=q: service.ask(q)) for q in questions]
    ctx = service.context()
    qvecs = {}
    embed = []
    for q in questions:
        started = time.perf_counter()
        qvecs[q] = service.embedder.embed_queries([q.strip()])[0]
        embed.append(time.perf_counter() - started)
    answer = [_timed(lambda q=q: answer_question(ctx, q.strip(), qvecs[q])) for q in questions]
    return {
        "chunks": len(ctx.snapshot.chunks),
        "statements": len(ctx.snapshot.statements),
        "ask": _pcts(ask),
        "answer_only": _pcts(answer),
        "query_embed": _pcts(embed),
    }


def latency(args: dict[str, Any]) -> dict[str, Any]:
    """Warm query latency on an existing index (no evaluation)."""
    import psutil

    from rag.answer.reader import read as answer_question
    from rag.app.service import Service

    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    service = Service(_settings(args))
    started = time.perf_counter()
    service.context()
    _no_rebuild(service)
    context_s = time.perf_counter() - started
    rss1 = proc.memory_info().rss
    service.embedder.dim  # noqa: B018 - load the model
    load_s = time.perf_counter() - started
    rss2 = proc.memory_info().rss
    mib = 1024 * 1024
    return {
        "load_s": round(load_s, 2),
        "context_s": round(context_s, 2),
        "rss_start_mib": round(rss0 / mib, 1),
        "rss_snapshot_context_mib": round((rss1 - rss0) / mib, 1),
        "rss_model_mib": round((rss2 - rss1) / mib, 1),
        **_warm(service, answer_question),
    }


def cold_cli(args: dict[str, Any]) -> dict[str, Any]:
    """Wall time of `rag ask QUESTION` in a new process, from an existing index."""
    rag = Path(sys.executable).with_name("rag")
    cmd = [str(rag)] if rag.exists() else [sys.executable, "-m", "rag.app.cli"]
    cmd += ["ask", "--seeds", args["seeds"], "--index", args["index"], args["question"]]
    env = dict(os.environ, RAG_MODEL_CACHE_DIR=args["cache"], RAG_QUANTIZE=args.get("quantize", "int8"))
    runs = []
    for _ in range(int(args.get("repeat", 2))):
        started = time.perf_counter()
        done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
        runs.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"rag ask failed ({done.returncode}): {done.stderr[-500:]}")
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "runs_s": [round(r, 2) for r in runs],
        "median_s": round(float(np.median(runs)), 2),
        "child_peak_rss_mib": round(child_rss, 1),
        "answer": done.stdout.strip()[:200],
    }


def cold_inproc(args: dict[str, Any]) -> dict[str, Any]:
    """In a fresh process: load the snapshot, load the model, answer the first question."""
    import psutil

    started = time.perf_counter()
    from rag.app.service import Service

    settings = _settings(args)
    service = Service(settings)
    imported = time.perf_counter()
    service.embedder.dim  # noqa: B018 - load the model (imports torch and sentence-transformers)
    model = time.perf_counter()
    service.context()  # load and verify the snapshot, build the query context
    _no_rebuild(service)
    snap = time.perf_counter()
    answer = service.ask(args["question"])
    first = time.perf_counter()
    since_exec = time.time() - psutil.Process().create_time()
    return {
        "import_s": round(imported - started, 2),
        "model_load_s": round(model - imported, 2),
        "load_snapshot_s": round(snap - model, 2),
        "first_ask_s": round(first - snap, 2),
        "total_s": round(first - started, 2),
        "since_process_start_s": round(since_exec, 2),
        "answerable": answer.answerable,
    }


class StandInEncoder:
    """Same model id and dimension as the real embedder, random unit vectors: only for pre-building a big base index fast."""

    def __init__(self, model_id: str, dim: int) -> None:
        self.model_id = model_id
        self.dim = dim

    def embed_passages(self, texts: Any, on_progress: Any = None) -> np.ndarray:
        rng = np.random.default_rng(len(texts))
        v = rng.standard_normal((len(texts), self.dim), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


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
    expected = len(chunk_article(article, chunker_params(settings))) + len(extract_statements(article, extract_meetings(article)))
    report = build_index(settings, embedder)
    ok = report.embedded == expected and report.added == (new.name,) and not report.changed and not report.removed and not report.full
    return {
        "base_articles": len(base.added),
        "base_chunks": base.chunks,
        "seconds": report.seconds,
        "embedded": report.embedded,
        "expected": expected,
        "added": list(report.added),
        "unchanged": len(report.unchanged),
        "full": report.full,
        "ok": ok,
    }


def tile(args: dict[str, Any]) -> dict[str, Any]:
    """Write a ~10k-chunk index: renamed copies of built indexes, real vectors nudged per copy.

    Copy 0 keeps the real int8 vectors; copy c>0 renames every source to
    ``c###_<name>`` and adds N(0, 0.01^2) noise per dimension before
    renormalizing (cosine ~0.98 to the real vector). Rows, statements,
    meetings, BM25 terms and article texts are copied, so the snapshot loads
    and answers exactly like a built one. The seed files are written too and
    fingerprinted, so `Service` finds the folder in line with the index.
    """
    from rag.core.types import Article
    from rag.extract.version import extraction_version
    from rag.index.build import chunker_params
    from rag.index.embed.embedder import Embedder
    from rag.index.generations import BuildInfo, Tables, write_generation
    from rag.index.snapshot import load_snapshot
    from rag.ingest.corpus import fingerprint, seed_stats

    settings = _settings(args)
    snaps = [load_snapshot(Path(p)) for p in args["sources"]]
    assert all(s is not None for s in snaps)
    total = sum(len(s.chunks) for s in snaps)
    copies = max(1, math.ceil(int(args["target"]) / total))
    tables = Tables()
    articles: list[Article] = []
    settings.seeds_dir.mkdir(parents=True, exist_ok=True)
    for c in range(copies):
        for n, snap in enumerate(snaps):
            rename = (lambda s: s) if c == 0 else (lambda s, c=c: f"c{c:03d}_{s}")
            cv = snap.chunk_vectors.reconstruct_all()
            sv = snap.statement_vectors.reconstruct_all()
            if c:
                cv, sv = _tile(cv, 2, seed=c * 97 + n)[len(cv) :], _tile(sv, 2, seed=c * 89 + n)[len(sv) :]
            chunk_rows = [
                dict(ch.to_dict(), source=rename(ch.source), id=f"{rename(ch.source)}#{ch.start}", terms=list(t))
                for ch, t in zip(snap.chunks, snap.chunk_terms, strict=True)
            ]
            tables.chunks.extend(chunk_rows, cv)
            statement_rows = [
                dict(st.to_dict(), source=rename(st.source), terms=list(t))
                for st, t in zip(snap.statements, snap.statement_terms, strict=True)
            ]
            tables.statements.extend(statement_rows, sv)
            tables.meetings.rows.extend(dict(m.to_dict(), source=rename(m.source)) for m in snap.meetings)
            for name, article in snap.articles.items():
                articles.append(Article(rename(name), article.text, article.sha256, article.encoding))
                (settings.seeds_dir / rename(name)).write_bytes(article.text.encode(article.encoding or "utf-8"))
    hashes = {a.source: a.sha256 for a in articles}
    dim = snaps[0].chunk_vectors.index.d
    info = BuildInfo(
        Embedder(settings).model_id,
        dim,
        chunker_params(settings).to_dict(),
        extraction_version(),
        fingerprint(seed_stats(settings.seeds_dir), hashes),
        (),
    )
    started = time.perf_counter()
    write_generation(settings, info, tables, sorted(articles, key=lambda a: a.source))
    log.info("wrote a %d-chunk index in %.1fs", len(tables.chunks.rows), time.perf_counter() - started)
    snap = load_snapshot(settings.index_dir)
    assert snap is not None and len(snap.chunks) == len(tables.chunks.rows)
    return {
        "chunks": len(tables.chunks.rows),
        "statements": len(tables.statements.rows),
        "articles": len(articles),
        "copies": copies,
        "unique_chunks": total,
        "write_s": round(time.perf_counter() - started, 1),
    }


def ann_hnsw(args: dict[str, Any]) -> dict[str, Any]:
    """Search-only: the pipeline's HNSW at ``n`` vectors."""
    from . import ann

    return ann.hnsw(int(args["n"]), Path(args["work"]))


def ann_variants(args: dict[str, Any]) -> dict[str, Any]:
    """Search-only: SQ8 / float16 storage and IVF at ``n`` vectors."""
    from . import ann

    return ann.variants(int(args["n"]), Path(args["work"]), ivf=bool(args.get("ivf", True)))


def oneline(args: dict[str, Any]) -> dict[str, Any]:
    """Chunking and extraction time of a one-line article against the same text with line breaks."""
    from .oneline import oneline_step

    return oneline_step(args)


STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "convert": convert,
    "build_base": build_base,
    "build_ours": build_ours,
    "eval_ours": eval_ours,
    "latency": latency,
    "cold_cli": cold_cli,
    "cold_inproc": cold_inproc,
    "incremental": incremental,
    "tile": tile,
    "ann_hnsw": ann_hnsw,
    "ann_variants": ann_variants,
    "oneline": oneline,
}


def main(argv: list[str]) -> int:
    """Run one step and print its result line."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    logging.getLogger("bench").setLevel(logging.INFO)
    name, args = argv[0], json.loads(argv[1])
    started = time.perf_counter()
    result = STEPS[name](args)
    result["step_wall_s"] = round(time.perf_counter() - started, 1)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    sys.stdout.write(MARK + json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
