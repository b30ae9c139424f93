"""Vectors cached by content hash: a text the live generation already embedded is not embedded again.

The key of a vector is the sha256 of the model id, the passage prompt and the text (as simonw/llm's
``content_hash`` keys embeddings by content), so a vector is reused only for the same text under the same
model and prompt. The cache is the live generation itself: its passage and statement rows with their vectors.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import Callable, Protocol, Sequence

import numpy as np

from rag.index.snapshot import Snapshot

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


class PassageEncoder(Protocol):
    """What indexing needs from an embedder."""

    model_id: str
    dim: int

    def embed_passages(self, texts: Sequence[str], on_progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Embed passages, L2-normalized."""


def content_hash(model_id: str, prompt: str, text: str) -> str:
    """Return the key of one text's vector: sha256 of the model id, the passage prompt and the text."""
    return hashlib.sha256("\x00".join((model_id, prompt, text)).encode("utf-8")).hexdigest()


@dataclass
class VectorCache:
    """Vectors by content hash, read from a snapshot on first use, with counts of what was reused and embedded."""

    model_id: str
    prompt: str
    source: Snapshot | None = None  # the generation whose vectors may be reused (read when first needed)
    reused: int = 0
    embedded: int = 0
    _vectors: dict[str, np.ndarray] | None = field(default=None, repr=False)

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot | None, model_id: str, prompt: str) -> VectorCache:
        """Return a cache over the passages and statements of ``snapshot`` if it was built with the same model and prompt."""
        if snapshot is not None:
            manifest = snapshot.manifest
            if manifest.get("model") != model_id or (manifest.get("prompts") or {}).get("passage") != prompt:
                snapshot = None
        return cls(model_id, prompt, snapshot)

    @property
    def vectors(self) -> dict[str, np.ndarray]:
        """Return the source generation's vectors by content hash (read once)."""
        if self._vectors is None:
            self._vectors = {}
            snap = self.source
            if snap is not None:
                for rows, store in ((snap.chunks, snap.chunk_vectors), (snap.statements, snap.statement_vectors)):
                    if rows:
                        for row, vector in zip(rows, store.reconstruct_all(), strict=True):
                            self._vectors.setdefault(content_hash(self.model_id, self.prompt, row.text), vector)
                log.info("vector cache: %d texts from generation %s", len(self._vectors), snap.manifest.get("generation"))
        return self._vectors

    def embed(self, encoder: PassageEncoder, texts: list[str], on_progress: Progress | None, label: str) -> np.ndarray:
        """Return one vector per text: cached ones looked up, the others embedded once each (duplicates share one)."""
        if not texts:
            return np.zeros((0, encoder.dim), dtype=np.float32)
        keys = [content_hash(self.model_id, self.prompt, t) for t in texts]
        cached = self.vectors
        missing = list(dict.fromkeys(t for t, k in zip(texts, keys, strict=True) if k not in cached))

        def report(done: int, total: int) -> None:
            if on_progress:
                on_progress(done, total, label)

        fresh: dict[str, np.ndarray] = {}
        if missing:  # embedded for this call only: the cache holds the source generation's vectors, nothing else
            matrix = np.asarray(encoder.embed_passages(missing, on_progress=report), dtype=np.float32)
            fresh = dict(zip(missing, matrix, strict=True))
        self.embedded += sum(1 for t in texts if t in fresh)
        self.reused += sum(1 for t in texts if t not in fresh)
        rows = [fresh[t] if t in fresh else cached[k] for t, k in zip(texts, keys, strict=True)]
        return np.vstack(rows).astype(np.float32, copy=False)
