"""Answering never depends on being able to write; a malformed index folder is damage, never a traceback.

A read-only index folder and a full disk are made for real where the test may
mount a small tmpfs (root with CAP_SYS_ADMIN), by chmod where it runs as an
ordinary user, and otherwise simulated with ``OSError(EROFS)`` /
``OSError(ENOSPC)`` raised at the write points.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from rag.app import commands
from rag.app.cli import main as rag_main
from rag.core.settings import Settings
from rag.index import build, generations, stores
from rag.index.stores import read_manifest

QUESTION = "Siapa yang berpesan kepada seluruh warga NTB agar menyukseskan Pilkada?"
NEW_SEED = "010_artikel_baru.txt"
NEW_TEXT = ("Rapat koordinasi logistik Pilkada 2024 digelar di Kota Contoh, Senin (1/7/2024).\n"
            "\u201cKami siap mengirim surat suara tepat waktu,\u201d kata Ketua KPU Kota Contoh Budi Santoso.\n")


def can_mount() -> bool:
    """Return True if this process may mount a tmpfs (root with CAP_SYS_ADMIN)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    probe = Path(f"/tmp/rag-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True, check=False).returncode:
            return False
        subprocess.run(["umount", str(probe)], check=True)
        return True
    finally:
        probe.rmdir()


MOUNT = can_mount()


def listing(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` with its bytes (to prove nothing changed)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, service_for: Callable[..., Any], capsys: pytest.CaptureFixture[str]) -> Callable[..., Any]:
    """Return a runner of `rag` in this process (shared model): ``(exit code, stdout, stderr)``."""
    monkeypatch.setattr(commands, "Service", service_for)

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = rag_main([str(a) for a in args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err, err
        return code, out, err

    return run


@pytest.fixture(params=["read-only", "disk-full"])
def unwritable(request: pytest.FixtureRequest, indexed: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Yield settings whose index folder holds a good index but cannot take a new one, with a new seed waiting."""
    (indexed.seeds_dir / NEW_SEED).write_text(NEW_TEXT, encoding="utf-8")
    folder = tmp_path / "mounted"
    folder.mkdir()
    mounted = MOUNT and not subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], check=False).returncode
    try:
        shutil.copytree(indexed.index_dir, folder, dirs_exist_ok=True)
        if request.param == "read-only":
            if mounted:
                subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            elif os.geteuid() != 0:
                for path in [folder, *folder.rglob("*")]:
                    path.chmod(path.stat().st_mode & ~0o222)
            else:  # root without mount: the write points fail as a read-only file system makes them fail
                monkeypatch.setattr(build.tempfile, "TemporaryFile", fail(errno.EROFS))
        elif mounted:
            free = shutil.disk_usage(folder).free
            (folder / ".filler").write_bytes(bytes(max(0, free - 48 * 1024)))  # room for the lock, not for a generation
        else:
            monkeypatch.setattr(generations, "write_jsonl", fail(errno.ENOSPC, half=True))
        yield Settings(seeds_dir=indexed.seeds_dir, index_dir=folder, model_cache_dir=indexed.model_cache_dir)
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            for path in [folder, *folder.rglob("*")]:
                path.chmod(path.stat().st_mode | 0o200)


def fail(code: int, half: bool = False) -> Callable[..., Any]:
    """Return a stand-in for a write that fails with ``code`` (``half``: after writing part of the file, as a full disk does)."""

    def write(*args: Any, **kwargs: Any) -> Any:
        if half and args and isinstance(args[0], Path):
            args[0].write_text('{"half": ', encoding="utf-8")
        raise OSError(code, os.strerror(code))

    return write


def test_unwritable_index_folder_answers_from_the_last_good_generation(unwritable: Settings, cli: Callable[..., Any]) -> None:
    """A read-only folder or a full disk used to crash `rag ask` with a traceback although a good index was there."""
    before = listing(unwritable.index_dir)
    code, out, err = cli("ask", "--json", "--seeds", unwritable.seeds_dir, "--index", unwritable.index_dir, QUESTION)
    answer = json.loads(out)
    assert code == 0 and answer["answerable"] and answer["citations"][0]["source"] == "000_643772aeb60aae1a.txt", (out, err)
    assert err.count("Pembaruan indeks tidak dapat disimpan") == 1, err  # said once, in Indonesian, with the reason
    assert "hanya bisa dibaca" in err or "tidak ada izin" in err or "disk penuh" in err, err
    assert listing(unwritable.index_dir) == before  # nothing half-written is left behind


def test_rag_index_on_an_unwritable_folder_exits_4_and_keeps_the_old_generation(unwritable: Settings, cli: Callable[..., Any]) -> None:
    before = listing(unwritable.index_dir)
    code, out, err = cli("index", "--seeds", unwritable.seeds_dir, "--index", unwritable.index_dir)
    assert code == 4 and not out, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rag: cannot save the index in ") and "previous index is kept" in lines[0], err
    assert listing(unwritable.index_dir) == before
    assert read_manifest(unwritable.index_dir) is not None


MALFORMED: dict[str, Callable[[dict[str, Any]], None]] = {
    "source-entry-not-an-object": lambda m: m["sources"].update({next(iter(m["sources"])): "x"}),
    "sources-a-list": lambda m: m.update(sources=["a.txt"]),
    "dim-a-string": lambda m: m.update(dim="384"),
    "skipped-entries-not-objects": lambda m: m.update(skipped=[1, 2]),
    "seed-entry-a-number": lambda m: m["seeds"].update({next(iter(m["seeds"])): 5}),
    "vector-index-a-list": lambda m: m.update(vector_index=["flat"]),
    "counts-not-numbers": lambda m: m.update(counts={"chunks": "many"}),
    "source-sha256-a-number": lambda m: next(iter(m["sources"].values())).update(sha256=7),
}


@pytest.mark.parametrize("damage", list(MALFORMED))
def test_malformed_manifest_is_damage_and_rebuilt(damage: str, indexed: Settings, cli: Callable[..., Any]) -> None:
    """`sources` entries that are not objects used to give a traceback with rc 1 ("nothing usable")."""
    path = indexed.index_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    MALFORMED[damage](manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")
    code, out, err = cli("index", "--json", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir)
    report = json.loads(out)
    assert code == 0 and report["full"] and report["reason"].startswith("index damaged: manifest.json: "), (out, err)
    code, out, _ = cli("ask", "--json", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir, QUESTION)
    assert code == 0 and json.loads(out)["answerable"]


def test_build_lock_that_is_a_folder_is_replaced(indexed: Settings, cli: Callable[..., Any]) -> None:
    """A `.build.lock` folder used to give IsADirectoryError with rc 1."""
    lock = indexed.index_dir / ".build.lock"
    lock.unlink(missing_ok=True)
    (lock / "inner").mkdir(parents=True)
    (indexed.seeds_dir / NEW_SEED).write_text(NEW_TEXT, encoding="utf-8")
    code, out, err = cli("index", "--json", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir)
    assert code == 0 and json.loads(out)["added"] == [NEW_SEED], (out, err)
    assert lock.is_file()


def test_index_that_is_a_file_is_refused_with_exit_4(indexed: Settings, tmp_path: Path, cli: Callable[..., Any]) -> None:
    """`--index` pointing at a file used to give FileExistsError with rc 1."""
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    code, out, err = cli("index", "--seeds", indexed.seeds_dir, "--index", a_file)
    assert code == 4 and err.strip() == f"rag: cannot save the index in {a_file}: it is not a folder (the previous index is kept)"
    code, out, err = cli("ask", "--json", "--seeds", indexed.seeds_dir, "--index", a_file, QUESTION)
    assert code == 4 and not out and len(err.strip().splitlines()) == 1 and "lokasi indeks bukan folder" in err, err
    code, out, err = cli("statements", "--seeds", indexed.seeds_dir, "--index", a_file)
    assert code == 4 and len(err.strip().splitlines()) == 1, err
    assert a_file.read_text() == "x"


def test_an_unreadable_index_file_is_damage(indexed: Settings, cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """An index file that cannot be read is rebuilt like a damaged one (PermissionError used to escape the loader)."""
    real = stores.file_sha256

    def unreadable(path: Path) -> str:
        if path.name == "chunks.faiss":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(stores, "file_sha256", unreadable)
    with pytest.raises(stores.IndexCorrupt, match="chunks.faiss cannot be read"):
        stores.verify(indexed.index_dir, read_manifest(indexed.index_dir))
