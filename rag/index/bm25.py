"""BM25 over term lists (bm25s), saved as plain files."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

from rag.core.text import query_terms


class Lexical:
    """A BM25 index over documents given as term lists."""

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        """Wrap a built bm25s model that covers ``size`` documents."""
        self.model = model
        self.size = size

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]]) -> Lexical:
        """Index documents given as lists of terms."""
        vocab: dict[str, int] = {"": 0}
        ids = [[vocab.setdefault(t, len(vocab)) for t in doc] or [0] for doc in docs]
        model = bm25s.BM25()
        if docs:
            model.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocab), show_progress=False)
        return cls(model, len(docs))

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Return up to ``k`` (doc index, score) pairs with a positive score."""
        q = [t for t in query_terms(query) if t in getattr(self.model, "vocab_dict", {})]
        if not q or self.size == 0:
            return []
        k = min(k, self.size)
        docs, scores = self.model.retrieve([q], k=k, show_progress=False, n_threads=0)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def scores(self, query: str) -> np.ndarray:
        """Return the BM25 score of every document for ``query``."""
        q = [t for t in query_terms(query) if t in getattr(self.model, "vocab_dict", {})]
        if not q or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.model.get_scores(q), dtype=np.float32)

    def save(self, folder: Path) -> None:
        """Write the index as plain files (JSON and .npy, no pickle)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.size:
            self.model.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> Lexical:
        """Read an index written by `save`."""
        if size == 0:
            return cls(bm25s.BM25(), 0)
        model = bm25s.BM25.load(str(folder), mmap=False, load_corpus=False)
        return cls(model, size)
