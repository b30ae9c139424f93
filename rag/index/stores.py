"""The on-disk index: a readable folder, checksummed, swapped in atomically.

Layout of ``<index_dir>``::

    manifest.json            # points at the live generation; sha256 of every file
    gen-<stamp>/chunks.jsonl       chunks.faiss
                statements.jsonl   statements.faiss
                meetings.jsonl     bm25-chunks/  bm25-statements/
                articles.jsonl     people.jsonl  meeting-links.jsonl

A build writes a new ``gen-*`` folder, then replaces ``manifest.json`` with
``os.replace`` (atomic). A build killed at any point leaves the old manifest
and its generation untouched. Nothing is pickled.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

import faiss
import numpy as np

from rag.index.manifestcheck import problems

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
FORMAT_VERSION = 4  # 4: people and meeting links stored in the generation
_GENERATION = re.compile(r"gen-[\w.-]+")


class IndexCorrupt(RuntimeError):
    """The index on disk is missing, truncated or does not match its manifest."""


class IndexUnwritable(RuntimeError):
    """The index folder cannot be written (read-only, full, not a folder); the live generation is untouched."""

    def __init__(self, index_dir: Path, reason: str, code: int | None = None) -> None:
        super().__init__(f"cannot save the index in {index_dir}: {reason}")
        self.index_dir, self.reason, self.code = index_dir, reason, code


def unwritable(index_dir: Path, exc: OSError) -> IndexUnwritable:
    """Return the one-line error for a failed write into ``index_dir``."""
    return IndexUnwritable(index_dir, exc.strerror or str(exc), exc.errno)


class VectorStore(Protocol):
    """The seam where another vector engine (Qdrant, OpenSearch k-NN) plugs in."""

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, ids) of the ``k`` nearest rows for each query row."""

    def reconstruct_all(self) -> np.ndarray:
        """Return every stored vector, in row order."""

    @property
    def ntotal(self) -> int:
        """Return the number of stored vectors."""


def hnsw_ef_search(size: int) -> int:
    """Return an efSearch that keeps recall@10 >= 0.95 at this many vectors (measured by `rag bench`)."""
    return 128 if size <= 200_000 else 256 if size <= 500_000 else 512


@dataclass
class FaissStore:
    """FAISS behind the VectorStore protocol: flat while small, HNSW above a threshold."""

    index: Any
    kind: str = "flat"
    params: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, vectors: np.ndarray, dim: int, hnsw_threshold: int) -> FaissStore:
        """Build an exact index, or HNSW when there are more than ``hnsw_threshold`` rows."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, dim)
        if len(vectors) > hnsw_threshold:
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            ef = hnsw_ef_search(len(vectors))
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = ef
            kind, params = "hnsw", {"M": 32, "efConstruction": 80, "efSearch": ef}
        else:
            index, kind, params = faiss.IndexFlatIP(dim), "flat", {}
        if len(vectors):
            index.add(vectors)
        return cls(index, kind, params)

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (scores, ids) of the ``k`` nearest rows for each query row."""
        k = max(1, min(k, self.index.ntotal))
        if self.index.ntotal == 0:
            empty = np.zeros((len(queries), 0))
            return empty.astype(np.float32), empty.astype(np.int64)
        return self.index.search(np.ascontiguousarray(queries, dtype=np.float32), k)

    def reconstruct_all(self) -> np.ndarray:
        """Return every stored vector, in row order."""
        if self.index.ntotal == 0:
            return np.zeros((0, self.index.d), dtype=np.float32)
        return self.index.reconstruct_n(0, self.index.ntotal)

    @property
    def ntotal(self) -> int:
        """Return the number of stored vectors."""
        return int(self.index.ntotal)

    def save(self, path: Path) -> None:
        """Write the FAISS file (a failed write raises OSError with the system's reason, as Python's own writes do)."""
        try:
            faiss.write_index(self.index, str(path))
        except RuntimeError as exc:  # faiss reports "... (No space left on device)" in a RuntimeError
            text = str(exc)
            known = [code for code in errno.errorcode if os.strerror(code) in text]
            code = max(known, key=lambda c: len(os.strerror(c))) if known else errno.EIO
            raise OSError(code, os.strerror(code) if known else text.splitlines()[-1][-200:], str(path)) from exc

    @classmethod
    def load(cls, path: Path, kind: str, params: dict[str, Any]) -> FaissStore:
        """Read a FAISS file written by `save`."""
        index = faiss.read_index(str(path))
        if kind == "hnsw" and "efSearch" in params:
            index.hnsw.efSearch = int(params["efSearch"])
        return cls(index, kind, params)


def file_sha256(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Write one JSON object per line, UTF-8."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Read a file written by `write_jsonl`."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def new_generation(index_dir: Path) -> Path:
    """Create and return an empty folder for a new build."""
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    gen = index_dir / f"gen-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    gen.mkdir()
    return gen


def checksums(gen: Path) -> dict[str, str]:
    """Return sha256 of every file in a generation folder, by relative path."""
    return {p.relative_to(gen).as_posix(): file_sha256(p) for p in sorted(gen.rglob("*")) if p.is_file()}


def commit(index_dir: Path, gen: Path, manifest: dict[str, Any]) -> None:
    """Make ``gen`` the live index by atomically replacing the manifest."""
    manifest = dict(manifest, format=FORMAT_VERSION, generation=gen.name, files=checksums(gen))
    _fsync_tree(gen)
    tmp = index_dir / f".{MANIFEST}.{os.getpid()}.tmp"
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            json.dump(manifest, handle, ensure_ascii=False, indent=2)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, index_dir / MANIFEST)
    except OSError:
        tmp.unlink(missing_ok=True)  # a full disk leaves no half-written manifest behind
        raise
    _fsync_dir(index_dir)
    remove_stale(index_dir, keep=gen.name)


def remove_stale(index_dir: Path, keep: str) -> None:
    """Delete generation folders and temp files that the manifest does not name."""
    for path in index_dir.glob("gen-*"):
        if path.name != keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(f".{MANIFEST}.*.tmp"):
        path.unlink(missing_ok=True)


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """Return the live manifest, or None if there is no index yet."""
    path = index_dir / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorrupt(f"manifest.json is unreadable: {exc}") from exc
    if not isinstance(manifest, dict) or "generation" not in manifest:
        raise IndexCorrupt("manifest.json has no generation")
    _check_shape(manifest)
    return manifest


def _check_shape(manifest: dict[str, Any]) -> None:
    """Raise IndexCorrupt unless the manifest's generation, files and sources are well formed."""
    gen = manifest.get("generation")
    if not isinstance(gen, str) or not _GENERATION.fullmatch(gen):
        raise IndexCorrupt(f"manifest.json names no valid generation folder: {gen!r}")
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        raise IndexCorrupt("manifest.json lists no file checksums")
    if any(Path(name).is_absolute() or ".." in Path(name).parts for name in files):
        raise IndexCorrupt("manifest.json names a file outside its generation folder")
    for key in ("sources", "seeds"):
        if not isinstance(manifest.get(key, {}), dict):
            raise IndexCorrupt(f"manifest.json: {key} is not an object")
    if not isinstance(manifest.get("skipped", []), list):
        raise IndexCorrupt("manifest.json: skipped is not a list")
    wrong = problems(manifest)
    if wrong:
        raise IndexCorrupt(f"manifest.json: wrong type of {', '.join(wrong)}")


def verify(index_dir: Path, manifest: dict[str, Any], required: Iterable[str] = ()) -> Path:
    """Check every file of the live generation against its sha256; return its folder.

    ``required`` names files that must be listed (and so checked) in the manifest.
    """
    gen = index_dir / str(manifest["generation"])
    files = manifest.get("files") or {}
    if not gen.is_dir() or not files:
        raise IndexCorrupt(f"index folder {gen.name} is missing")
    missing = sorted(set(required) - set(files))
    if missing:
        raise IndexCorrupt(f"manifest.json does not list {', '.join(missing)}")
    for name, expected in files.items():
        path = gen / name
        if not path.is_file():
            raise IndexCorrupt(f"index file {name} is missing")
        try:
            actual = file_sha256(path)
        except OSError as exc:
            raise IndexCorrupt(f"index file {name} cannot be read ({exc.strerror or exc})") from exc
        if actual != expected:
            raise IndexCorrupt(f"index file {name} does not match its checksum")
    return gen


def _fsync_tree(folder: Path) -> None:
    """Flush every file of a folder to disk before it is published."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk (best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
