"""Never lose the index: builds killed with SIGKILL and damaged index files leave a working index."""

from __future__ import annotations

import json
import logging
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from rag.answer.context import Context
from rag.answer.reader import read
from rag.core.settings import Settings
from rag.index.build import build_index, build_lock
from rag.index.snapshot import load_snapshot
from rag.index.stores import IndexCorrupt, read_manifest
from tests.conftest import ROOT, SEED_NAMES, SEEDS, subprocess_env
from tests.fakes import HashEmbedder

QUESTION = "Siapa yang mengatakan jika ditemukan pelanggaran akan dikenai sanksi?"
SMALL = "004_25ac917f1e504862.txt"

# Runs the real `rag` CLI; for the precise kill points it first wraps one function so that the
# process SIGKILLs itself exactly there. For "embedding" it only reports progress to a marker file
# and the test kills it from outside.
KILLER = r"""
import os, signal, sys
from pathlib import Path
point, marker = sys.argv[1], Path(sys.argv[2])
from rag.index.embed import embedder
from rag.index import generations as generation
from rag.index import stores as store

def die():
    marker.write_text(point)
    os.kill(os.getpid(), signal.SIGKILL)

if point == "embedding":
    real_embed = embedder.Embedder.embed_passages
    def embed_passages(self, texts, on_progress=None):
        def progress(done, total):
            marker.write_text(f"{done}/{total}")
        return real_embed(self, texts, on_progress=progress)
    embedder.Embedder.embed_passages = embed_passages
elif point == "generation-written":
    generation.commit = lambda index_dir, gen, manifest: die()
elif point == "manifest-written":
    real_replace = os.replace
    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith("manifest.json"):
            die()
        return real_replace(src, dst, *args, **kwargs)
    store.os.replace = replace
elif point == "faiss-half-written":
    real_save = store.FaissStore.save
    def save(self, path):
        real_save(self, path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        die()
    store.FaissStore.save = save
from rag.app.cli import main
sys.exit(main(sys.argv[3:]))
"""


def answer_from(index_dir: Path, settings: Settings, embedder: Any, question: str = QUESTION) -> dict[str, Any]:
    """Answer straight from a loaded snapshot (no staleness check, no rebuild)."""
    ctx = Context.create(load_snapshot(index_dir), settings)
    return _normalized(read(ctx, question, embedder.embed_queries([question])[0]).to_json())


def _normalized(answer: dict[str, Any]) -> dict[str, Any]:
    """Return an answer with passages reduced to (source, line, rounded score) for comparison."""
    return dict(answer, passages=[(p["source"], p["start_line"], round(p["score"], 4)) for p in answer["passages"]])


def generated_articles(seeds: Path, count: int) -> None:
    """Write ``count`` article variants (each line changed) so a build has real work to do."""
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    places = ["Kupang", "Ende", "Bima", "Dompu", "Sumbawa", "Maumere", "Atambua", "Waingapu", "Larantuka", "Kalabahi"]
    for i in range(count):
        lines = texts[i % len(texts)].split("\n")
        varied = [f"{line} Laporan {places[rng.randrange(10)]} nomor {i}-{j}." if line.strip() else line for j, line in enumerate(lines)]
        (seeds / f"gen_{i:03d}.txt").write_text("\n".join(varied), encoding="utf-8")


def start_killer(point: str, marker: Path, settings: Settings, model_cache: Path) -> subprocess.Popen[str]:
    args = ["index", "--seeds", str(settings.seeds_dir), "--index", str(settings.index_dir)]
    return subprocess.Popen([sys.executable, "-c", KILLER, point, str(marker), *args], cwd=ROOT, env=subprocess_env(model_cache),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(marker: Path, proc: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the build never reached the kill point"
        time.sleep(0.05)


def assert_intact_after_kill(settings: Settings, before: dict[str, Any], answer: dict[str, Any], embedder: Any) -> None:
    """The old generation is still live and answers the same; the next build cleans up and is not busy."""
    assert read_manifest(settings.index_dir) == before
    assert answer_from(settings.index_dir, settings, embedder) == answer
    for path in settings.seeds_dir.glob("gen_*.txt"):
        path.unlink()
    report = build_index(settings, embedder)  # the lock died with the process; nothing to embed
    assert report.embedded == 0 and report.unchanged == tuple(SEED_NAMES)
    live = read_manifest(settings.index_dir)["generation"]
    assert [p.name for p in settings.index_dir.glob("gen-*")] == [live]
    assert not list(settings.index_dir.glob(".manifest.json.*"))
    assert answer_from(settings.index_dir, settings, embedder) == answer


@pytest.mark.slow
def test_sigkill_during_embedding_keeps_the_previous_index(indexed: Settings, embedder: Any, model_cache: Path, tmp_path: Path) -> None:
    before, answer = read_manifest(indexed.index_dir), answer_from(indexed.index_dir, indexed, embedder)
    generated_articles(indexed.seeds_dir, 100)
    marker = tmp_path / "marker"
    proc = start_killer("embedding", marker, indexed, model_cache)
    try:
        wait_for(marker, proc, timeout=240)
        time.sleep(0.3)
        assert proc.poll() is None, "the build finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert_intact_after_kill(indexed, before, answer, embedder)


@pytest.mark.parametrize("point", ["generation-written", "manifest-written", "faiss-half-written"])
def test_sigkill_while_writing_keeps_the_previous_index(
    point: str, indexed: Settings, embedder: Any, model_cache: Path, tmp_path: Path
) -> None:
    before, answer = read_manifest(indexed.index_dir), answer_from(indexed.index_dir, indexed, embedder)
    shutil.move(indexed.seeds_dir / SEED_NAMES[0], tmp_path / SEED_NAMES[0])  # a removal: rewrites the index, embeds nothing
    marker = tmp_path / "marker"
    proc = start_killer(point, marker, indexed, model_cache)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == -signal.SIGKILL and marker.read_text() == point, err[-3000:]
    assert len(list(indexed.index_dir.glob("gen-*"))) == 2  # the half-built generation is there, but not live
    shutil.move(tmp_path / SEED_NAMES[0], indexed.seeds_dir / SEED_NAMES[0])
    assert_intact_after_kill(indexed, before, answer, embedder)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x55
    path.write_bytes(bytes(data))


def _edit_manifest(index_dir: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = index_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE: dict[str, Callable[[Path, Path], None]] = {
    "faiss-truncated": lambda index, gen: _truncate(gen / "chunks.faiss"),
    "faiss-byte-flipped": lambda index, gen: _flip(gen / "statements.faiss"),
    "chunks-jsonl-truncated": lambda index, gen: _truncate(gen / "chunks.jsonl"),
    "chunks-jsonl-deleted": lambda index, gen: (gen / "chunks.jsonl").unlink(),
    "bm25-byte-flipped": lambda index, gen: _flip(sorted((gen / "bm25-chunks").iterdir())[0]),
    "manifest-truncated": lambda index, gen: _truncate(index / "manifest.json"),
    "manifest-binary": lambda index, gen: (index / "manifest.json").write_bytes(b"\x00\xff\xfe garbage"),
    "manifest-generation-escapes": lambda index, gen: _edit_manifest(index, lambda m: m.update(generation="../../etc")),
    "manifest-drops-a-checksum": lambda index, gen: _edit_manifest(index, lambda m: m["files"].pop("chunks.faiss")),
    "manifest-sources-not-a-dict": lambda index, gen: _edit_manifest(index, lambda m: m.update(sources=[1, 2])),
    "generation-folder-deleted": lambda index, gen: shutil.rmtree(gen),
}
REBUILT = ["faiss-truncated", "chunks-jsonl-truncated", "manifest-truncated"]


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory, settings_for: Callable[..., Settings], embedder: Any) -> Settings:
    """An index of one seed (cheap to rebuild), built once for this module."""
    root = tmp_path_factory.mktemp("small")
    (root / "seeds").mkdir()
    shutil.copy2(SEEDS / SMALL, root / "seeds" / SMALL)
    settings = settings_for(root / "seeds", root / "index")
    build_index(settings, embedder)
    return settings


@pytest.fixture
def small_copy(small_index: Settings, tmp_path: Path, settings_for: Callable[..., Settings]) -> Settings:
    shutil.copytree(small_index.seeds_dir, tmp_path / "seeds")
    shutil.copytree(small_index.index_dir, tmp_path / "index")
    return settings_for(tmp_path / "seeds", tmp_path / "index")


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_detected_on_load(damage: str, fake_indexed: Settings) -> None:
    gen = fake_indexed.index_dir / read_manifest(fake_indexed.index_dir)["generation"]
    DAMAGE[damage](fake_indexed.index_dir, gen)
    with pytest.raises(IndexCorrupt):
        load_snapshot(fake_indexed.index_dir)


@pytest.mark.parametrize("damage", REBUILT)
def test_damaged_index_is_rebuilt_from_the_seeds_on_first_question(
    damage: str, small_copy: Settings, embedder: Any, service_for: Callable[..., Any], caplog: pytest.LogCaptureFixture
) -> None:
    answer = answer_from(small_copy.index_dir, small_copy, embedder)
    gen = small_copy.index_dir / read_manifest(small_copy.index_dir)["generation"]
    DAMAGE[damage](small_copy.index_dir, gen)
    service = service_for(small_copy)
    with caplog.at_level(logging.WARNING, logger="rag"):
        result = service.ask(QUESTION).to_json()
    assert "index damaged" in caplog.text and "Traceback" not in caplog.text
    assert service.last_report.full is True and service.last_report.reason.startswith("index damaged")
    assert _normalized(result) == answer
    assert answer_from(small_copy.index_dir, small_copy, embedder) == answer


def test_leftover_temp_files_do_not_break_the_next_build(fake_indexed: Settings, fake_embedder: HashEmbedder) -> None:
    index = fake_indexed.index_dir
    (index / ".manifest.json.999.tmp").write_text("{half", encoding="utf-8")
    (index / "gen-19990101T000000-1-1").mkdir()
    with build_lock(index):
        pass
    report = build_index(fake_indexed, fake_embedder)
    assert report.embedded == 0 and report.unchanged == tuple(SEED_NAMES) and fake_embedder.passages == []
    assert len(list(index.glob("gen-*"))) == 1 and not list(index.glob(".manifest.json.*"))


def test_question_during_another_build_is_answered_from_the_old_index(
    indexed: Settings, embedder: Any, service_for: Callable[..., Any]
) -> None:
    answer = answer_from(indexed.index_dir, indexed, embedder)
    (indexed.seeds_dir / SEED_NAMES[0]).unlink()  # the seeds changed, so the service wants to update the index
    with build_lock(indexed.index_dir):  # ... but another process is rebuilding it
        service = service_for(indexed)
        result = service.ask(QUESTION).to_json()
    assert service.last_report is None and _normalized(result) == answer


def test_many_threads_at_first_use_trigger_one_update(
    indexed: Settings, service_for: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from rag.app import service as service_module

    calls: list[int] = []
    real_build = service_module.build_index

    def counting_build(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(service_module, "build_index", counting_build)
    (indexed.seeds_dir / SEED_NAMES[0]).unlink()  # a removal: the update embeds nothing
    service = service_for(indexed)
    with ThreadPoolExecutor(max_workers=8) as pool:
        contexts = list(pool.map(lambda _: service.context(), range(8)))
    assert calls == [1] and len({id(c) for c in contexts}) == 1
    assert service.last_report.removed == (SEED_NAMES[0],)
