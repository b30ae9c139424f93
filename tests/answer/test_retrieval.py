"""Retrieval quality with the real model and real FAISS.

On the dev set, hybrid retrieval (dense + BM25 fused by RRF, with name boosts) puts a right source first at
least as often as either ranker alone (the HNSW store is checked in ``tests/index/test_stores.py``).

The converted model is cached across sessions in ``RAG_TEST_MODEL_CACHE``
(or ``RAG_MODEL_CACHE_DIR``, else ``<tmp>/pilkada-rag-models``, the folder
the UI tests share).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from rag.answer.context import Context  # noqa: E402
from rag.core.settings import Settings  # noqa: E402
from rag.index.build import build_index  # noqa: E402
from rag.index.embed.embedder import Embedder  # noqa: E402
from rag.index.snapshot import Snapshot, load_snapshot  # noqa: E402
from rag.query.analysis import analyze  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "dev.jsonl"


def model_cache() -> Path:
    """Return the shared folder of the converted model."""
    found = os.environ.get("RAG_TEST_MODEL_CACHE") or os.environ.get("RAG_MODEL_CACHE_DIR")
    return Path(found) if found else Path(tempfile.gettempdir()) / "pilkada-rag-models"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Embedder, Snapshot]:
    """The dev corpus (seeds + dev articles) indexed with the default int8 model."""
    root = tmp_path_factory.mktemp("retrieval")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt")):
        shutil.copyfile(path, seeds / path.name)
    settings = Settings(seeds_dir=seeds, index_dir=root / "index", model_cache_dir=model_cache(), threads=2)
    embedder = Embedder(settings)
    build_index(settings, embedder, full=True)
    snapshot = load_snapshot(settings.index_dir)
    assert snapshot is not None
    return settings, embedder, snapshot


def _answerable() -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["answerable"] and r["expected_sources"]]


def test_hybrid_beats_or_ties_dense_only_and_bm25_only(built: tuple[Settings, Embedder, Snapshot]) -> None:
    settings, embedder, snap = built
    ctx = Context.create(snap, settings)
    items = _answerable()
    qvecs = embedder.embed_queries([it["question"].strip() for it in items])
    hits = {"hybrid": 0, "dense": 0, "bm25": 0}
    for item, qvec in zip(items, qvecs, strict=True):
        expected = set(item["expected_sources"])
        text = analyze(item["question"].strip()).search_text  # what answering searches with
        hybrid = ctx.retriever.passages(text, qvec, 1)
        _, ids = snap.chunk_vectors.search(qvec.reshape(1, -1), 1)
        lexical = snap.chunk_lexical.search(text, 1)
        hits["hybrid"] += bool(hybrid) and hybrid[0].chunk.source in expected
        hits["dense"] += snap.chunks[int(ids[0][0])].source in expected
        hits["bm25"] += bool(lexical) and snap.chunks[lexical[0][0]].source in expected
    rates = {k: v / len(items) for k, v in hits.items()}
    print(f"passage hit@1 over {len(items)} answerable questions: " + ", ".join(f"{k} {v:.3f}" for k, v in rates.items()))
    assert len(items) >= 90
    assert rates["dense"] > 0.4 and rates["bm25"] > 0.4, rates  # both rankers work on their own
    assert rates["hybrid"] >= max(rates["dense"], rates["bm25"]), rates
