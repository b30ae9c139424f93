"""Score fusion and name boosts: the vectorized fusion is bit-identical to the per-row one, and its
weights come from the model tuning."""

from __future__ import annotations

import random

import numpy as np
import pytest

from rag.answer.retrieve import Ranked, fuse, name_boosts
from rag.core.settings import ModelTuning

TUNING = ModelTuning()


def _fuse_by_row(dense: dict[int, float], lexical: dict[int, float], boosts: dict[int, float]) -> list[Ranked]:
    """Return the fusion computed one row at a time (the reference for the vectorized `fuse`)."""
    rows = sorted(set(dense) | set(lexical))
    low, high = min(dense.values(), default=0.0), max(dense.values(), default=0.0)
    top = max(lexical.values(), default=0.0)
    out = []
    for row in rows:
        d = (dense.get(row, low) - low) / (high - low) if high > low else 1.0
        lx = lexical.get(row, 0.0) / top if top > 0 else 0.0
        score = TUNING.dense_weight * d + TUNING.lexical_weight * lx + boosts.get(row, 0.0)
        out.append(Ranked(row, score, dense.get(row, low), lexical.get(row, 0.0)))
    return sorted(out, key=lambda x: (-x.score, x.row))


@pytest.mark.parametrize("seed", range(40))
def test_vectorized_fuse_is_bit_identical(seed: int) -> None:
    rng = random.Random(seed)
    rows = rng.sample(range(5000), rng.randint(1, 300))
    dense = {r: float(np.float32(rng.uniform(0.7, 0.9))) for r in rows if rng.random() < 0.9}
    lexical = {r: float(np.float32(rng.choice([0.0, rng.uniform(0, 30)]))) for r in rows if rng.random() < 0.5 or r not in dense}
    boosts = {r: rng.choice([0.1, 0.05, 0.2 / 3]) for r in rows if rng.random() < 0.2}
    if seed % 5 == 0:  # ties everywhere: one dense value, no lexical scores
        dense, lexical = {r: 0.8 for r in rows}, {}
    expected = _fuse_by_row(dense, lexical, boosts)
    assert fuse(dense, lexical, TUNING, boosts) == expected
    assert fuse(dense, lexical, TUNING, boosts, limit=5) == expected[:5]


def test_name_boosts_count_repeated_terms() -> None:
    row_terms = [("kpu", "ketua"), ("bawaslu",), (), ("kpu", "kpu")]
    boosts = name_boosts(["kpu", "ketua", "kpu", "rapat"], row_terms, [0, 1, 2, 3, 9], {"kpu", "ketua"}, TUNING.name_boost)
    assert boosts == {0: TUNING.name_boost * 3 / 3, 3: TUNING.name_boost * 2 / 3}


def test_fusion_weights_come_from_the_model_tuning() -> None:
    dense, lexical = {1: 0.9, 2: 0.8}, {2: 10.0}
    assert [r.row for r in fuse(dense, lexical, ModelTuning(dense_weight=1.0, lexical_weight=0.0))] == [1, 2]
    assert [r.row for r in fuse(dense, lexical, ModelTuning(dense_weight=0.0, lexical_weight=1.0))] == [2, 1]
