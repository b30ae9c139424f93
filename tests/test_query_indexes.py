"""The indexes and vectorized steps that keep queries off full scans give the same results as the scans.

No model is needed: speakers come from the extractors run over the seeds and
the dev articles, and every check compares an indexed or vectorized step
(entity shortlist, cached folding, alias spellings, score fusion, name
boosts) with the plain one it replaces.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from rag.answer.retrieve import Ranked, fuse, name_boosts
from rag.core.lexicon import fold, words
from rag.core.settings import ModelTuning
from rag.extract.meetings.records import extract_meetings
from rag.extract.people.entities import SpeakerIndex
from rag.extract.people.mentions import match_mention
from rag.extract.people.roles import alias_forms, alias_table
from rag.extract.speech.quotes import extract_statements
from rag.index.people import Shortlist
from rag.ingest.corpus import read_article

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
DEV = ROOT / "tests" / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def speaker_index() -> SpeakerIndex:
    """Return the speakers of the seeds and dev articles grouped into entities."""
    index = SpeakerIndex()
    for path in ARTICLES:
        article = read_article(path, path.name, 5_000_000)
        statements = extract_statements(article, extract_meetings(article))
        index.add_article(path.name, [s.speaker for s in statements])
    assert len(index.entities) > 20
    return index


def _queries() -> list[str]:
    """Return the dev questions plus lower-case, typo and name-only variants."""
    questions = [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    variants = [q.lower() for q in questions] + [q.replace("a", "e", 1) for q in questions]
    return questions + variants


def test_shortlist_matches_like_a_full_scan(speaker_index: SpeakerIndex) -> None:
    shortlist = Shortlist(speaker_index.entities)
    names = [e.name for e in speaker_index.entities if e.name]
    queries = _queries() + [f"Apa kata {n}?" for n in names] + [f"Apa kata {n[:-1]}?" for n in names if len(n) > 6]
    matched = 0
    for query in queries:
        full = match_mention(query, speaker_index.entities)
        assert match_mention(query, shortlist.candidates(query)) == full, query
        matched += bool(full)
    assert matched > len(queries) // 3  # the comparison is not vacuous


@pytest.mark.parametrize("text", ["Kapolda", "Café Gubernur", "Ｋａｐｏｌｄａ", "KPU’s", "Bupati Tangerang", "", "São Paulo!"])
def test_fold_and_words_fast_paths(text: str) -> None:
    import unicodedata

    slow = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    slow = "".join(ch for ch in slow if not unicodedata.combining(ch)).casefold()
    assert fold(text) == slow
    first = words(text)
    first.append("mutated")  # a caller changing its list must not change the cached words
    assert "mutated" not in words(text)


def test_alias_forms_keep_table_order() -> None:
    for seq, canon in list(alias_table().items())[:200]:
        word = " ".join(seq)
        expected = [word, *(" ".join(s) for s, c in alias_table().items() if c == canon)]
        assert alias_forms(word) == tuple(dict.fromkeys(expected))


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


def test_model_tuning_is_a_settings_field_group() -> None:
    from rag.core.settings import Settings

    assert Settings().tuning == ModelTuning()
    assert Settings.from_env({"RAG_TUNING": "0.9", "RAG_TOP_K": "3"}).tuning == ModelTuning()
    assert Settings().with_overrides(tuning=ModelTuning(dense_floor=0.9)).tuning.dense_floor == 0.9
