"""Latency steps: warm `Service.ask` and its parts, cold start in a new process and in process."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .step_common import ROOT, _no_rebuild, _pcts, _questions, _settings, _timed


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
