"""Stand-ins for the unit tests of indexing that do not care about answer quality.

``HashEmbedder`` takes the place of `rag.index.embed.embedder.Embedder` wherever an encoder is passed
(``build_index(settings, encoder)``, ``Service(settings, embedder_factory=...)``): a hashed bag of words,
so equal texts get equal vectors, texts sharing words are near, and no model is loaded. It records every
text it was asked to embed, so a test can tell what was embedded and what was reused.
"""

from __future__ import annotations

import hashlib
import re
from typing import Callable, Sequence

import numpy as np

WORD = re.compile(r"\w+")


class HashEmbedder:
    """A deterministic embedder: each word adds ±1 at a hashed position of a fixed-size vector, L2-normalized."""

    def __init__(self, dim: int = 64, model_id: str = "fake:hashed-words") -> None:
        self.dim = dim
        self.model_id = model_id
        self.backend = "fake"
        self.passages: list[str] = []  # every passage text embed_passages was given, in order
        self.queries: list[str] = []

    def vector(self, text: str) -> np.ndarray:
        """Return the unit vector of one text (a text without words gets the first axis)."""
        out = np.zeros(self.dim, dtype=np.float32)
        for word in WORD.findall(text.casefold()):
            digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
            value = int.from_bytes(digest, "little")
            out[value % self.dim] += 1.0 if value >> 63 else -1.0
        norm = float(np.linalg.norm(out))
        if norm == 0.0:
            out[0] = 1.0
            return out
        return out / norm

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return an ``(n, dim)`` float32 array of unit vectors."""
        return np.stack([self.vector(t) for t in texts]) if len(texts) else np.zeros((0, self.dim), dtype=np.float32)

    def embed_passages(self, texts: Sequence[str], on_progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Embed passages like `Embedder.embed_passages`, reporting ``(done, total)`` once."""
        self.passages += list(texts)
        vectors = self.embed(texts)
        if on_progress is not None:
            on_progress(len(texts), len(texts))
        return vectors

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions like `Embedder.embed_queries`."""
        self.queries += list(texts)
        return self.embed(texts)
