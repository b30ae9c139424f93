"""Vectors cached by content hash: a rebuild embeds only texts the live generation has not embedded.

The embedder is `tests.fakes.HashEmbedder`: what is embedded or reused does not depend on the model."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from rag.core.settings import Settings
from rag.extract.version import extraction_version
from rag.index import build
from rag.index.build import build_index
from rag.index.snapshot import load_snapshot
from rag.index.vectors import VectorCache, content_hash
from tests.fakes import HashEmbedder


def test_content_hash_depends_on_model_prompt_and_text() -> None:
    base = content_hash("m", "passage: ", "teks")
    assert base == content_hash("m", "passage: ", "teks")
    others = {content_hash("n", "passage: ", "teks"), content_hash("m", "query: ", "teks"), content_hash("m", "passage: ", "teks!")}
    assert len(others | {base}) == 4


def test_cache_embeds_only_missing_texts_once_each(fake_embedder: HashEmbedder) -> None:
    cache = VectorCache(fake_embedder.model_id, "passage: ")
    old = np.full(fake_embedder.dim, 9, dtype=np.float32)
    cache.vectors[content_hash(fake_embedder.model_id, "passage: ", "lama")] = old  # as if read from the live generation
    out = cache.embed(fake_embedder, ["lama", "baru", "baru"], None, "test")
    assert fake_embedder.passages == ["baru"]
    assert (cache.embedded, cache.reused) == (2, 1)
    np.testing.assert_array_equal(out[0], old)
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


def test_new_extraction_version_reextracts_but_embeds_only_changed_texts(
    fake_indexed: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed, embedder = fake_indexed, fake_embedder
    chunks_before, statements_before = _vectors(indexed)
    monkeypatch.setattr(build, "extraction_version", lambda: "extract-other-rules")
    report = build_index(indexed, embedder)
    assert report.full is True and report.reason.startswith("extraction changed")
    assert report.embedded == 0 and report.reused == report.chunks + report.statements > 0
    assert embedder.passages == []
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
    assert changed > 0 and report.embedded == changed == len(embedder.passages)
    assert report.reused == report.chunks + report.statements - changed
    assert all(np.array_equal(v, statements_before[t]) for t, v in _vectors(indexed)[1].items() if t in statements_before)

