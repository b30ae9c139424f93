"""Search-only figures: the scaled vector index at 200k / 1M vectors.

The HNSW index is built by the pipeline's own `FaissStore.build` (M=32,
efConstruction=80), so what is measured is what `rag index` would write above
`Settings.hnsw_threshold`. Storage variants (SQ8, float16) reuse that HNSW
graph with a smaller vector store; IVF variants are built from scratch.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .synth import realistic_vectors

log = logging.getLogger("bench.ann")

DIM = 384
K = 10
QUERIES = 200
TARGET_RECALL = 0.95
EF_VALUES = (16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024)
NPROBE_VALUES = (1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128, 192, 256)


def data(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (database vectors, query vectors), deterministic for ``n``."""
    return realistic_vectors(n, DIM, seed=1), realistic_vectors(QUERIES, DIM, seed=2)


def exact(x: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Return exact top-K ids and flat search p50/p95 ms (one query at a time, 50 queries)."""
    import faiss

    flat = faiss.IndexFlatIP(DIM)
    flat.add(x)
    _, ids = flat.search(q, K)
    lat = _latencies(lambda v: flat.search(v, K), q[:50])
    return ids, lat[0], lat[1]


def _latencies(search: Callable[[np.ndarray], Any], q: np.ndarray) -> tuple[float, float, list[np.ndarray]]:
    """Time one query at a time after a short warm-up; return p50 ms, p95 ms and the ids found."""
    for row in q[:10]:
        search(row.reshape(1, -1))
    found, times = [], []
    for row in q:
        started = time.perf_counter()
        _, ids = search(row.reshape(1, -1))
        times.append(time.perf_counter() - started)
        found.append(ids[0])
    return float(np.percentile(times, 50) * 1000), float(np.percentile(times, 95) * 1000), found


def recall(found: list[np.ndarray], truth: np.ndarray) -> float:
    """Return mean recall@K of ``found`` against ``truth``."""
    return float(np.mean([len(set(f[:K].tolist()) & set(t[:K].tolist())) / K for f, t in zip(found, truth, strict=True)]))


def tune(index: Any, setter: Callable[[int], None], values: tuple[int, ...], q: np.ndarray, truth: np.ndarray) -> dict[str, Any]:
    """Raise the search knob until recall@K >= TARGET_RECALL; return the first setting that reaches it (or the last)."""
    tried = []
    for value in values:
        setter(value)
        p50, p95, found = _latencies(lambda v: index.search(v, K), q)
        r = recall(found, truth)
        tried.append({"value": value, "recall": round(r, 4), "p50_ms": round(p50, 3), "p95_ms": round(p95, 3)})
        log.info("  knob=%d recall@10=%.3f p50=%.2fms p95=%.2fms", value, r, p50, p95)
        if r >= TARGET_RECALL:
            break
    best = tried[-1]
    return {**best, "tried": tried}


def index_bytes(index: Any, folder: Path) -> int:
    """Return the size of the index as FAISS writes it (close to its memory)."""
    import faiss

    path = folder / f"size-{time.monotonic_ns()}.faiss"
    faiss.write_index(index, str(path))
    size = path.stat().st_size
    path.unlink()
    return size


def hnsw(n: int, work: Path) -> dict[str, Any]:
    """Build the pipeline's HNSW over ``n`` vectors, tune efSearch, save it for `variants`."""
    import faiss

    from rag.index.stores import FaissStore

    x, q = data(n)
    truth, flat_p50, flat_p95 = exact(x, q)
    np.save(work / f"truth-{n}.npy", truth)
    log.info("building HNSW over %d vectors with FaissStore.build (M=32, efConstruction=80)", n)
    started = time.perf_counter()
    store = FaissStore.build(x, DIM, hnsw_threshold=0)
    build_s = time.perf_counter() - started
    log.info("HNSW built in %.1fs", build_s)
    index = store.index
    result = tune(index, lambda ef: setattr(index.hnsw, "efSearch", ef), EF_VALUES, q, truth)
    faiss.write_index(index, str(work / f"hnsw-{n}.faiss"))
    size = (work / f"hnsw-{n}.faiss").stat().st_size
    return {
        "n": n,
        "build_s": round(build_s, 1),
        "params": store.params,
        "efSearch": result["value"],
        "recall@10": result["recall"],
        "p50_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
        "tried": result["tried"],
        "bytes": size,
        "flat_p50_ms": round(flat_p50, 2),
        "flat_p95_ms": round(flat_p95, 2),
        "flat_bytes": n * DIM * 4,
    }


def variants(n: int, work: Path, ivf: bool = True) -> dict[str, Any]:
    """HNSW graph with SQ8 / float16 storage, and (``ivf``) IVF-Flat / IVF-SQ8: memory, recall, latency."""
    import faiss

    x, q = data(n)
    truth = np.load(work / f"truth-{n}.npy")
    graph = faiss.read_index(str(work / f"hnsw-{n}.faiss"))
    out: dict[str, Any] = {}
    for name, qtype in (("hnsw_sq8", faiss.ScalarQuantizer.QT_8bit), ("hnsw_fp16", faiss.ScalarQuantizer.QT_fp16)):
        started = time.perf_counter()
        index = faiss.IndexHNSWSQ(DIM, qtype, 32, faiss.METRIC_INNER_PRODUCT)
        index.storage.train(x)
        index.storage.add(x)
        index.hnsw = graph.hnsw  # copies the graph built over the float32 vectors
        index.ntotal = graph.ntotal
        index.is_trained = True
        seconds = time.perf_counter() - started
        log.info("%s: storage ready in %.1fs", name, seconds)
        result = tune(index, lambda ef, ix=index: setattr(ix.hnsw, "efSearch", ef), EF_VALUES, q, truth)
        out[name] = _row(result, "efSearch", index_bytes(index, work), seconds, "HNSW graph reused; storage trained+added")
        del index
    del graph
    if not ivf:
        return out
    nlist = _nlist(n)
    sample = x[np.random.default_rng(3).choice(n, size=min(n, 40 * nlist), replace=False)]
    started = time.perf_counter()
    quantizer = faiss.IndexFlatIP(DIM)
    ivf = faiss.IndexIVFFlat(quantizer, DIM, nlist, faiss.METRIC_INNER_PRODUCT)
    ivf.train(sample)
    ivf.add(x)
    seconds = time.perf_counter() - started
    log.info("ivf_flat nlist=%d built in %.1fs", nlist, seconds)
    result = tune(ivf, lambda p: setattr(ivf, "nprobe", p), NPROBE_VALUES, q, truth)
    out["ivf_flat"] = _row(result, "nprobe", index_bytes(ivf, work), seconds, f"nlist={nlist}")
    started = time.perf_counter()
    centroids = faiss.IndexFlatIP(DIM)
    centroids.add(quantizer.reconstruct_n(0, nlist))
    ivfsq = faiss.IndexIVFScalarQuantizer(centroids, DIM, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    ivfsq.train(sample)
    ivfsq.add(x)
    seconds += time.perf_counter() - started
    result = tune(ivfsq, lambda p: setattr(ivfsq, "nprobe", p), NPROBE_VALUES, q, truth)
    out["ivf_sq8"] = _row(result, "nprobe", index_bytes(ivfsq, work), seconds, f"nlist={nlist}, same centroids")
    return out


def _nlist(n: int) -> int:
    """Return a usual IVF list count for ``n`` vectors (about 4*sqrt(n), a power of two)."""
    target = 4 * int(np.sqrt(n))
    return int(2 ** round(np.log2(max(16, target))))


def _row(result: dict[str, Any], knob: str, size: int, seconds: float, note: str) -> dict[str, Any]:
    """Return one variant's figures."""
    return {
        knob: result["value"],
        "recall@10": result["recall"],
        "p50_ms": result["p50_ms"],
        "p95_ms": result["p95_ms"],
        "bytes": size,
        "build_s": round(seconds, 1),
        "note": note,
        "tried": result["tried"],
    }


def work_dir() -> Path:
    """Return a scratch folder for index files."""
    return Path(tempfile.mkdtemp(prefix="bench-ann-", dir=os.environ.get("TMPDIR")))
