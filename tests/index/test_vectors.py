"""Vectors cached by content hash: a rebuild embeds only texts the live generation has not embedded."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

import numpy as np
import pytest

from rag.core.settings import Settings
from rag.extract.version import extraction_version
from rag.index import build
from rag.index.build import build_index
from rag.index.snapshot import load_snapshot
from rag.index.vectors import VectorCache, content_hash


class CountingEncoder:
    """A stand-in encoder: a fixed vector per text, and a record of every text it was asked to embed."""

    model_id = "fake-model"
    dim = 4

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed_passages(self, texts: Sequence[str], on_progress: Any = None) -> np.ndarray:
        self.seen += list(texts)
        return np.array([[len(t), t.count("a"), 1.0, 0.0] for t in texts], dtype=np.float32)


def test_content_hash_depends_on_model_prompt_and_text() -> None:
    base = content_hash("m", "passage: ", "teks")
    assert base == content_hash("m", "passage: ", "teks")
    others = {content_hash("n", "passage: ", "teks"), content_hash("m", "query: ", "teks"), content_hash("m", "passage: ", "teks!")}
    assert len(others | {base}) == 4


def test_cache_embeds_only_missing_texts_once_each() -> None:
    encoder = CountingEncoder()
    cache = VectorCache("fake-model", "passage: ")
    cache.vectors[content_hash("fake-model", "passage: ", "lama")] = np.array([9, 9, 9, 9], dtype=np.float32)  # as if read
    out = cache.embed(encoder, ["lama", "baru", "baru"], None, "test")
    assert encoder.seen == ["baru"]
    assert (cache.embedded, cache.reused) == (2, 1)
    np.testing.assert_array_equal(out[0], [9, 9, 9, 9])
    np.testing.assert_array_equal(out[1], out[2])


def test_extraction_version_is_a_hash_of_the_sources() -> None:
    version = extraction_version()
    assert version.startswith("extract-") and len(version) == len("extract-") + 16
    assert version == extraction_version()


def _vectors(settings: Settings) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    snap = load_snapshot(settings.index_dir)
    chunks = dict(zip((c.id for c in snap.chunks), snap.chunk_vectors.reconstruct_all(), strict=True))
    statements = dict(zip((s.text for s in snap.statements), snap.statement_vectors.reconstruct_all(), strict=True))
    return chunks, statements


@pytest.mark.slow
def test_new_extraction_version_reextracts_but_embeds_only_changed_texts(
    indexed: Settings, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunks_before, statements_before = _vectors(indexed)
    monkeypatch.setattr(build, "extraction_version", lambda: "extract-other-rules")
    report = build_index(indexed, embedder)
    assert report.full is True and report.reason.startswith("extraction changed")
    assert report.embedded == 0 and report.reused == report.chunks + report.statements > 0
    chunks_after, statements_after = _vectors(indexed)
    assert chunks_after.keys() == chunks_before.keys()
    for key, vector in chunks_before.items():
        np.testing.assert_array_equal(vector, chunks_after[key])

    extract = build.extract_statements

    def one_rule_changed(article: Any, meetings: Any = ()) -> list[Any]:
        found = extract(article, meetings)
        return [replace(s, text=s.text + " (aturan baru)") if n == 0 else s for n, s in enumerate(found)]

    monkeypatch.setattr(build, "extract_statements", one_rule_changed)
    monkeypatch.setattr(build, "extraction_version", lambda: "extract-one-rule-changed")
    report = build_index(indexed, embedder)
    changed = sum(1 for s in load_snapshot(indexed.index_dir).statements if s.text.endswith(" (aturan baru)"))
    assert changed > 0 and report.embedded == changed
    assert report.reused == report.chunks + report.statements - changed
    assert all(np.array_equal(v, statements_before[t]) for t, v in _vectors(indexed)[1].items() if t in statements_before)

