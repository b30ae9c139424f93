"""Steps of the baseline (the plain LangChain pipeline): build, evaluate, and its latency over a tiled index."""

from __future__ import annotations

import logging
import math
import time
from typing import Any

import numpy as np

from .step_common import _files, _pcts, _questions, _settings, _timed
from .tiling import _tile

log = logging.getLogger("bench.steps")


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
