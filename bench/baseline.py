"""The plain LangChain-tutorial pipeline the project is measured against.

* `RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)` on the
  raw file text (default separators, nothing cleaned);
* the same e5 folder the project uses, loaded with
  ``SentenceTransformer(path, device="cpu")``: float32, ``model.encode(texts)``
  with its defaults (batch 32, no "query: "/"passage: " prompts). The folder's
  own module list ends in ``Normalize``, so the vectors come out unit length
  without the tutorial doing anything; we do not normalize again;
* FAISS ``IndexFlatIP`` over those vectors;
* the answer is the top-1 chunk; its file is the citation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50


@dataclass
class BaselineIndex:
    """Chunks (text, source) and their FAISS index."""

    texts: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    index: Any = None
    vectors: np.ndarray | None = None


def load_model(model_path: str) -> Any:
    """Load the model exactly as the tutorial does."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path, device="cpu")


def split(files: list[Path]) -> tuple[list[str], list[str]]:
    """Split raw file texts; return (chunk texts, their file names)."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    texts, sources = [], []
    for path in files:
        for piece in splitter.split_text(path.read_text(encoding="utf-8")):
            texts.append(piece)
            sources.append(path.name)
    return texts, sources


def build(model: Any, files: list[Path]) -> tuple[BaselineIndex, float]:
    """Split, embed and index ``files``; return the index and the seconds it took."""
    import faiss

    started = time.perf_counter()
    texts, sources = split(files)
    vectors = np.asarray(model.encode(texts), dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    return BaselineIndex(texts, sources, index, vectors), time.perf_counter() - started


def ask(model: Any, built: BaselineIndex, question: str) -> tuple[str, str]:
    """Return (answer text, cited source): the top-1 chunk."""
    return top1(built, encode(model, question))


def encode(model: Any, question: str) -> np.ndarray:
    """Embed one question as the tutorial does (no prompt, library defaults)."""
    return np.asarray(model.encode([question]), dtype=np.float32)


def top1(built: BaselineIndex, qvec: np.ndarray) -> tuple[str, str]:
    """Return (text, source) of the nearest chunk."""
    _, ids = built.index.search(qvec, 1)
    row = int(ids[0][0])
    return built.texts[row], built.sources[row]


def evaluate(model: Any, built: BaselineIndex, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Score the baseline on dev questions the way `rag.app.evaluate` scores the project.

    hit@1: the top chunk's file is one of ``expected_sources`` (answerable
    questions with sources). speaker: the expected speaker's name occurs in
    the top chunk's text (case-insensitive). The baseline never abstains.
    """
    hits, speakers, encode_s, search_s, qvecs = [], [], [], [], []
    for item in items:
        started = time.perf_counter()
        qvec = encode(model, item["question"])
        encoded = time.perf_counter()
        text, source = top1(built, qvec)
        encode_s.append(encoded - started)
        search_s.append(time.perf_counter() - encoded)
        qvecs.append(qvec)
        if not item.get("answerable", True):
            continue
        if item.get("expected_sources"):
            hits.append(float(source in item["expected_sources"]))
        if item.get("expected_speaker"):
            speakers.append(float(item["expected_speaker"].lower() in text.lower()))
    return {
        "hit@1": round(sum(hits) / len(hits), 4) if hits else None,
        "speaker": round(sum(speakers) / len(speakers), 4) if speakers else None,
        "n_hit": len(hits),
        "n_speaker": len(speakers),
        "encode_s": encode_s,
        "search_s": search_s,
        "qvecs": qvecs,
    }
