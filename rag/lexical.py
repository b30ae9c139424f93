"""BM25 over Indonesian text: Sastrawi stemming, stop words, bm25s scoring."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

_TOKEN = re.compile(r"\w+(?:[-/]\w+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - Sastrawi has no type hints
    """Return the (slow to build) Sastrawi stemmer, once."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return Indonesian (Sastrawi) plus English stop words."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words())
    words |= set(bm25s.stopwords.STOPWORDS_EN)
    extra = resources.files("rag.data").joinpath("stopwords.json").read_text("utf-8")
    words |= set(json.loads(extra)["words"])
    return frozenset(words)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Sastrawi stem of one lower-case word (cached)."""
    if not word.isalpha() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


def terms(text: str) -> list[str]:
    """Return the stemmed, stop-word-free terms of ``text``.

    A capitalized word may be a name (Kutim, Wahyuni) that stemming would
    mangle, so it yields both its whole form and its stem.
    """
    out = []
    stops = stop_words()
    for raw in _TOKEN.findall(text):
        capital = raw[:1].isupper()
        for word in raw.lower().split("-"):
            if len(word) < 2 or word in stops:
                continue
            root = stem(word)
            out.append(root)
            if capital and root != word:
                out.append(word)
    return out


@lru_cache(maxsize=1024)
def query_terms(text: str) -> tuple[str, ...]:
    """Return the terms of a question (cached: several rankers tokenize the same question)."""
    return tuple(terms(text))


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
