"""End to end: `rag index` with the real model and real FAISS, incremental by content hash.

The full-rebuild checks (another model or chunker, ``--full``) use `tests.fakes.HashEmbedder`: they count what
is embedded, not how well."""

from __future__ import annotations

import calendar
import hashlib
import json
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

from rag.app.service import Service
from rag.core.settings import Settings
from rag.index.build import build_index
from rag.index.snapshot import REQUIRED, load_snapshot
from rag.index.stores import read_manifest
from rag.ingest.corpus import decode_bytes
from tests.conftest import SEED_ASK, SEED_NAMES, CliBuild
from tests.fakes import HashEmbedder

NEW_NAME = "010_rakor_logistik_jerowaru.txt"
NEW_WORD = "Jerowaru"
NEW_SPEAKER = "Baiq Nurul Hidayati"
NEW_ARTICLE = "\n".join([
    "Rapat Koordinasi Pengawasan Distribusi Logistik Pilkada 2024 digelar di Aula Kantor Camat Jerowaru, Kabupaten Lombok Timur,"
    " Nusa Tenggara Barat, Senin (18/11/2024).",
    "",
    f"Ketua Panwascam Jerowaru, {NEW_SPEAKER}, mengatakan pengawas akan mengawal kotak suara dari gudang hingga TPS di pulau-pulau kecil.",
    "",
    f"\u201cKami memastikan logistik untuk TPS di pulau-pulau kecil Jerowaru diantar dengan perahu nelayan dan dikawal pengawas"
    f" sampai tiba,\u201d kata {NEW_SPEAKER}.",
    "",
    "Ia menambahkan, cuaca buruk di Selat Alas menjadi tantangan utama pengiriman logistik menjelang hari pemungutan suara.",
    "",
])
NEW_QUESTION = "Siapa yang memastikan logistik untuk TPS di pulau-pulau kecil Jerowaru diantar dengan perahu nelayan?"
CHANGED = "003_c88bcc96c66cb7cf.txt"
CHANGED_WORD = "Kaligunting"
CHANGED_TAIL = "\nDi akhir rapat, peserta sepakat membuka posko pengamanan bersama di Desa Kaligunting selama masa tenang.\n"



def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def chunk_rows(settings: Settings) -> list[dict[str, Any]]:
    manifest = read_manifest(settings.index_dir)
    path = settings.index_dir / manifest["generation"] / "chunks.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def count_of(rows: list[dict[str, Any]], source: str) -> int:
    return sum(1 for r in rows if r["source"] == source)


def rows_of(settings: Settings, source: str) -> list[str]:
    """Return the texts of a source's chunks and statements in the live generation."""
    snap = load_snapshot(settings.index_dir)
    return [row.text for row in (*snap.chunks, *snap.statements) if row.source == source]


def lexical_sources(settings: Settings, word: str) -> set[str]:
    snap = load_snapshot(settings.index_dir)
    return {snap.chunks[i].source for i, _ in snap.chunk_lexical.search(word, 10)}


def _assert_reused_vectors(before: Any, after: Any) -> None:
    """Unchanged chunks keep their exact vectors (they were copied, not re-embedded)."""
    old = {c.id: v for c, v in zip(before.chunks, before.chunk_vectors.reconstruct_all(), strict=True)}
    new = {c.id: v for c, v in zip(after.chunks, after.chunk_vectors.reconstruct_all(), strict=True)}
    assert set(old) <= set(new)
    for chunk_id, vector in old.items():
        np.testing.assert_array_equal(vector, new[chunk_id])


def _two_seed_index(indexed: Settings) -> None:
    """Keep two seeds, so the full rebuilds below stay quick."""
    for name in SEED_NAMES[:3]:
        (indexed.seeds_dir / name).unlink()


@pytest.mark.slow
def test_cli_index_reports_every_seed(cli_index: CliBuild) -> None:
    report = cli_index.report
    assert set(report) == {"added", "changed", "removed", "unchanged", "skipped", "chunks", "statements", "embedded", "reused", "seconds",
                           "full", "reason"}
    assert report["added"] == SEED_NAMES
    assert report["changed"] == report["removed"] == report["unchanged"] == report["skipped"] == []
    assert report["full"] is True and report["reason"] == "no index yet"
    assert report["chunks"] > len(SEED_NAMES) and report["statements"] > 0
    assert report["embedded"] == report["chunks"] + report["statements"] and report["reused"] == 0
    assert "Traceback" not in cli_index.stderr


def test_manifest_records_model_chunker_and_checksums(cli_index: CliBuild, embedder: Any) -> None:
    manifest = read_manifest(cli_index.index)
    assert manifest["model"] == embedder.model_id and manifest["dim"] == 384
    assert manifest["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert manifest["chunker"]["chunk_size"] == 800 and manifest["chunker"]["chunk_overlap"] == 100
    assert {"splitter", "cleaning"} <= set(manifest["chunker"])
    assert {name: rec["sha256"] for name, rec in manifest["sources"].items()} == {n: sha(cli_index.seeds / n) for n in SEED_NAMES}
    assert {name: rec["sha256"] for name, rec in manifest["seeds"].items()} == {n: sha(cli_index.seeds / n) for n in SEED_NAMES}
    assert manifest["skipped"] == []
    gen = cli_index.index / manifest["generation"]
    assert set(REQUIRED) <= set(manifest["files"])
    assert manifest["files"] == {p.relative_to(gen).as_posix(): sha(p) for p in gen.rglob("*") if p.is_file()}
    built = calendar.timegm(time.strptime(manifest["built_at"], "%Y-%m-%dT%H:%M:%SZ"))
    assert abs(time.time() - built) < 3600


def test_chunks_point_into_their_files(cli_index: CliBuild) -> None:
    rows = chunk_rows(Settings(seeds_dir=cli_index.seeds, index_dir=cli_index.index))
    assert len(rows) == cli_index.report["chunks"]
    for row in rows:
        text, _ = decode_bytes((cli_index.seeds / row["source"]).read_bytes())
        assert text[row["start"] : row["end"]] == row["text"]
        assert text.count("\n", 0, row["start"]) + 1 == row["start_line"]


@pytest.mark.slow
def test_add_change_delete_embed_only_what_changed(indexed: Settings, service_for: Callable[[Settings], Any]) -> None:
    service = service_for(indexed)
    before = load_snapshot(indexed.index_dir)
    (indexed.seeds_dir / NEW_NAME).write_text(NEW_ARTICLE, encoding="utf-8")
    report = service.rebuild()
    rows = chunk_rows(indexed)
    assert (report.added, report.changed, report.removed, report.unchanged) == ((NEW_NAME,), (), (), tuple(SEED_NAMES))
    assert report.full is False and report.embedded == len(rows_of(indexed, NEW_NAME)) > count_of(rows, NEW_NAME) > 0
    assert report.reused == len(before.chunks) + len(before.statements)
    assert lexical_sources(indexed, NEW_WORD) == {NEW_NAME}
    answer = service.ask(NEW_QUESTION)
    assert answer.answerable and answer.citations[0].source == NEW_NAME and NEW_SPEAKER in answer.answer
    _assert_reused_vectors(before, load_snapshot(indexed.index_dir))

    previous = load_snapshot(indexed.index_dir)
    old_texts = {row.text for row in (*previous.chunks, *previous.statements)}
    with (indexed.seeds_dir / CHANGED).open("a", encoding="utf-8") as handle:
        handle.write(CHANGED_TAIL)
    report = service.rebuild()
    assert (report.added, report.changed, report.removed) == ((), (CHANGED,), ())
    assert set(report.unchanged) == set(SEED_NAMES) - {CHANGED} | {NEW_NAME}
    changed_rows = rows_of(indexed, CHANGED)  # the changed file is read again, but only its new texts are embedded
    assert report.embedded == sum(1 for text in changed_rows if text not in old_texts) > 0
    assert report.embedded + report.reused == report.chunks + report.statements
    assert lexical_sources(indexed, CHANGED_WORD) == {CHANGED}

    (indexed.seeds_dir / NEW_NAME).unlink()
    report = service.rebuild()
    assert (report.added, report.changed, report.removed, report.embedded) == ((), (), (NEW_NAME,), 0)
    assert count_of(chunk_rows(indexed), NEW_NAME) == 0
    assert lexical_sources(indexed, NEW_WORD) == set()
    answer = service.ask(NEW_QUESTION)
    assert all(c.source != NEW_NAME for c in answer.citations)
    assert all(h.chunk.source != NEW_NAME for h in answer.passages)
    snap = load_snapshot(indexed.index_dir)
    assert snap.chunk_vectors.ntotal == len(snap.chunks) and snap.statement_vectors.ntotal == len(snap.statements)


@pytest.mark.parametrize("what", ["model", "chunker"])
def test_other_model_or_chunker_forces_a_full_rebuild(
    what: str, fake_indexed: Settings, settings_for: Callable[..., Settings], fake_embedder: HashEmbedder
) -> None:
    indexed, embedder = fake_indexed, fake_embedder
    _two_seed_index(indexed)
    settings = indexed
    if what == "model":
        path = indexed.index_dir / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(dict(manifest, model="intfloat/some-other-model+fp32")), encoding="utf-8")
    else:
        settings = settings_for(indexed.seeds_dir, indexed.index_dir, chunk_size=400, chunk_overlap=50)
    service = Service(settings, embedder_factory=lambda _settings: embedder)
    service.context()  # the service notices the mismatch by itself
    report = service.last_report
    assert report is not None and report.full is True and report.reason.startswith(f"{what} changed")
    assert report.unchanged == () and report.embedded + report.reused == report.chunks + report.statements
    if what == "model":
        assert report.reused == 0
    else:  # the same model: statements (whose texts did not change) keep their vectors
        assert report.reused >= report.statements
    manifest = read_manifest(indexed.index_dir)
    assert manifest["model"] == embedder.model_id
    assert manifest["chunker"]["chunk_size"] == settings.chunk_size
    assert all(len(row["text"]) <= settings.chunk_size for row in chunk_rows(settings))
    assert set(manifest["sources"]) == set(SEED_NAMES[3:])


def test_full_flag_rebuilds_everything(fake_indexed: Settings, fake_embedder: HashEmbedder) -> None:
    indexed, embedder = fake_indexed, fake_embedder
    _two_seed_index(indexed)
    report = build_index(indexed, embedder, full=True)
    assert report.full is True and report.reason == "full rebuild requested"
    assert report.added == tuple(SEED_NAMES[3:]) and report.unchanged == ()
    assert report.chunks == len(chunk_rows(indexed)) and report.reused == 0
    assert report.embedded == report.chunks + report.statements == len(embedder.passages)


@pytest.mark.slow
def test_hnsw_threshold_applies_to_passages_and_statements(
    indexed: Settings, settings_for: Callable[..., Settings], service_for: Callable[[Settings], Any]
) -> None:
    """Above the threshold both vector stores are HNSW, recorded in the manifest, and answers still cite the right file."""
    settings = settings_for(indexed.seeds_dir, indexed.index_dir, hnsw_threshold=10)
    service = service_for(settings)
    service.rebuild(full=True)
    manifest = read_manifest(indexed.index_dir)
    for key in ("vector_index", "statement_index"):
        assert manifest[key]["type"] == "hnsw" and manifest[key]["params"]["M"] == 32, manifest[key]
    snapshot = service.context().snapshot
    assert snapshot.chunk_vectors.kind == snapshot.statement_vectors.kind == "hnsw"
    (indexed.seeds_dir / SEED_NAMES[0]).unlink()  # an incremental update reuses the stored HNSW vectors
    assert service.rebuild().removed == (SEED_NAMES[0],)
    for question, source in SEED_ASK:
        answer = service.ask(question)
        if source is not None and source != SEED_NAMES[0]:
            assert answer.answerable and answer.citations[0].source == source, (question, answer.answer)
