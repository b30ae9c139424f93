"""Above `hnsw_threshold` the vector store is HNSW, and it still finds the exact nearest vector for 95% of queries."""

from __future__ import annotations

import numpy as np

from rag.index.stores import FaissStore


def _embedding_like(n: int, dim: int, rng: np.random.Generator, basis: np.ndarray) -> np.ndarray:
    """Unit vectors shaped like e5 embeddings: a shared direction plus a power-law spread.

    Uniformly random 384-d vectors are all nearly equidistant, a case where no
    graph index (and no real embedding model) ever finds itself; real
    embeddings have a strong common direction and a few dominant axes.
    """
    lam = np.arange(1, dim, dtype=np.float64) ** -0.9
    scale = np.sqrt(lam * 0.15 / lam.sum()).astype(np.float32)
    v = (rng.standard_normal((n, dim - 1), dtype=np.float32) * scale) @ basis[:, 1:].T + 0.92 * basis[:, 0]
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_hnsw_above_threshold_finds_the_exact_top1() -> None:
    dim, n = 384, 20_000
    rng = np.random.default_rng(11)
    basis = np.linalg.qr(rng.standard_normal((dim, dim)))[0].astype(np.float32)
    vectors = _embedding_like(n, dim, rng, basis)
    queries = _embedding_like(200, dim, rng, basis)
    store = FaissStore.build(vectors, dim, hnsw_threshold=1_000)
    assert store.kind == "hnsw" and store.ntotal == n
    _, ids = store.search(queries, 1)
    exact = np.argmax(queries @ vectors.T, axis=1)
    agree = float(np.mean(ids[:, 0] == exact))
    print(f"HNSW exact top-1 on {len(queries)} queries over {n:,} vectors: {agree:.3f}")
    assert agree >= 0.95
    small = FaissStore.build(vectors[:500], dim, hnsw_threshold=1_000)
    assert small.kind == "flat"
