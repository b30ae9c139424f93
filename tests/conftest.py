"""Shared fixtures: one converted-model cache, one loaded embedder, seeds copies and a prebuilt seeds index;
``fake_embedder`` and ``fake_indexed`` (`tests/fakes.py`) for the indexing unit tests that need no model.

The converted model is cached once per test session (``model_cache``; set
``RAG_MODEL_CACHE_DIR`` to reuse a cache across sessions). The fixture also
exports that variable, so `rag` subprocesses and `tests/web/ui_server.py` share it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from rag.core.settings import Settings
from rag.core.types import line_window
from rag.ingest.corpus import decode_bytes
from tests.fakes import HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
CONTRACT = {"question", "interpreted_as", "answer", "answerable", "speaker", "citations", "passages"}
CONTRACT |= {"direct", "confidence", "reasons", "evidence", "decision"}  # the reader's additions
CREDIT_KEYS = {"title", "outlet", "published", "url"}
CITATION_KEYS = {"id", "source", "start_line", "end_line", "quote"} | CREDIT_KEYS
PASSAGE_KEYS = {"source", "start_line", "end_line", "text", "score"}


@pytest.fixture(scope="session", autouse=True)
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Return the session's converted-model cache and export it as RAG_MODEL_CACHE_DIR."""
    preset = os.environ.get("RAG_MODEL_CACHE_DIR")
    path = Path(preset) if preset else tmp_path_factory.mktemp("models")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAG_MODEL_CACHE_DIR", str(path))
        yield path


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """Return a fresh copy of seeds/ for one test."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def settings_for(model_cache: Path) -> Callable[..., Settings]:
    """Return a factory: Settings over a seeds and an index folder, with the shared model cache."""

    def make(seeds: Path, index: Path, **overrides: Any) -> Settings:
        return Settings(seeds_dir=seeds, index_dir=index, model_cache_dir=model_cache).with_overrides(**overrides)

    return make


@pytest.fixture(scope="session")
def embedder(model_cache: Path) -> Any:
    """Return the session's loaded Embedder (real model, loaded once)."""
    from rag.index.embed.embedder import Embedder

    shared = Embedder(Settings(model_cache_dir=model_cache))
    assert shared.dim == 384
    return shared


@pytest.fixture
def fake_embedder() -> HashEmbedder:
    """Return a fresh deterministic embedder (hashed bag of words, no model) that records what it embedded.

    For the unit tests of indexing that do not care about answer quality; answers, eval floors and the
    web tests keep the real model (``embedder``).
    """
    return HashEmbedder()


@pytest.fixture(scope="session")
def fake_index(tmp_path_factory: pytest.TempPathFactory, settings_for: Callable[..., Settings]) -> Settings:
    """Build an index of a pristine seeds copy once with ``HashEmbedder``; tests copy it (``fake_indexed``)."""
    from rag.index.build import build_index

    root = tmp_path_factory.mktemp("fake-index")
    shutil.copytree(SEEDS, root / "seeds")
    settings = settings_for(root / "seeds", root / "index")
    build_index(settings, HashEmbedder())
    return settings


@pytest.fixture
def fake_indexed(fake_index: Settings, seeds_copy: Path, tmp_path: Path, settings_for: Callable[..., Settings]) -> Settings:
    """Return Settings over a fresh seeds copy and a fresh copy of the session's ``HashEmbedder`` index."""
    shutil.copytree(fake_index.index_dir, tmp_path / "index")
    return settings_for(seeds_copy, tmp_path / "index")


@pytest.fixture(scope="session")
def service_for(embedder: Any) -> Callable[[Settings], Any]:
    """Return a factory of Services that share the loaded embedder."""
    from rag.app.service import Service

    return lambda settings: Service(settings, embedder_factory=lambda _settings: embedder)


def subprocess_env(model_cache: Path) -> dict[str, str]:
    """Return the environment for `rag` subprocesses: offline, shared model cache, no stray RAG_ settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
    env.update(PYTHONPATH=str(ROOT), RAG_MODEL_CACHE_DIR=str(model_cache), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    return env


@pytest.fixture(scope="session")
def rag_cli(model_cache: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Return a runner of the real `rag` command in a subprocess (``python -m rag.app.cli``)."""

    def run(*args: str | Path, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "rag.app.cli", *map(str, args)]
        return subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env=subprocess_env(model_cache), check=False)

    return run


@dataclass(frozen=True)
class CliBuild:
    """The session's `rag index --json` run over a pristine copy of the seeds."""

    report: dict[str, Any]
    seeds: Path
    index: Path
    stderr: str


@pytest.fixture(scope="session")
def cli_index(tmp_path_factory: pytest.TempPathFactory, rag_cli: Callable[..., Any]) -> CliBuild:
    """Run `rag index --json` once as a subprocess; later tests copy its index instead of rebuilding."""
    root = tmp_path_factory.mktemp("cli-index")
    shutil.copytree(SEEDS, root / "seeds")
    done = rag_cli("index", "--seeds", root / "seeds", "--index", root / "index", "--json")
    assert done.returncode == 0, done.stderr
    return CliBuild(json.loads(done.stdout), root / "seeds", root / "index", done.stderr)


@pytest.fixture
def indexed(cli_index: CliBuild, seeds_copy: Path, tmp_path: Path, settings_for: Callable[..., Settings]) -> Settings:
    """Return Settings over a fresh seeds copy and a fresh copy of the session's seeds index."""
    shutil.copytree(cli_index.index, tmp_path / "index")
    return settings_for(seeds_copy, tmp_path / "index")


def file_lines(path: Path, start_line: int, end_line: int) -> str:
    """Return lines ``start_line..end_line`` (1-based, inclusive) of a seed, decoded like the indexer does."""
    text, _ = decode_bytes(path.read_bytes())
    return line_window(text, start_line, end_line)


@pytest.fixture(scope="session")
def check_citations() -> Callable[[Path, dict[str, Any]], None]:
    """Return a checker: every citation of an answer (JSON form) is verbatim inside its file's lines."""

    def check(seeds: Path, answer: dict[str, Any]) -> None:
        for citation in answer["citations"]:
            assert set(citation) == CITATION_KEYS, citation
            assert 1 <= citation["start_line"] <= citation["end_line"], citation
            block = file_lines(seeds / citation["source"], citation["start_line"], citation["end_line"])
            assert citation["quote"] and citation["quote"] in block, citation

    return check


SEED_ASK = [  # seed questions: (question, first cited source or None when it must be unanswerable)
    ("Siapa yang mengatakan jika ditemukan pelanggaran akan dikenai sanksi?", "004_25ac917f1e504862.txt"),
    ("Apa kata Sekretaris Provinsi Kaltim Sri Wahyuni tentang logistik Pilkada?", "002_db9d411f2ae3d751.txt"),
    ("Di mana dan kapan rakor Forkopimda Kaltim digelar?", "002_db9d411f2ae3d751.txt"),
    ("Apa kata Pj Bupati Madiun Tontro Pahlawanto tentang sinergitas Forkopimda?", "003_c88bcc96c66cb7cf.txt"),
    ("Apa pesan Pj Gubernur NTB Hassanudin kepada masyarakat?", "000_643772aeb60aae1a.txt"),
    ("Apa kata Menko Polhukam Hadi Tjahjanto tentang netralitas TNI, Polri dan ASN?", "000_643772aeb60aae1a.txt"),
    ("Apa kata Ketua Bawaslu Kabupaten Lembata Thomas Febry Bayo Ala tentang rakor di Bali?", "001_ba203de471425335.txt"),
    ("What did the Kasrem 162/WB say about TNI members who violate election neutrality?", "004_25ac917f1e504862.txt"),
    ("Siapa presiden Prancis tahun 1990?", None),
    ("Apa kata Budi Santoso tentang e-voting?", None),
]
