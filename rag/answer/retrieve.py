"""Hybrid retrieval: dense FAISS plus BM25, fused by a weighted sum of normalized scores, with name boosts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import faiss
import numpy as np

from rag.core.settings import ModelTuning
from rag.core.text import query_terms, terms
from rag.core.types import Chunk, Hit, Statement
from rag.index.meetinglinks import place_text
from rag.index.snapshot import Snapshot
from rag.index.stores import FaissStore

POOL = 50  # candidates each ranker contributes; the weights of the fusion are the model's (Settings.tuning)


def name_terms(snapshot: Snapshot) -> set[str]:
    """Return stemmed terms that name speakers, roles and places (for boosts)."""
    texts = {f"{s.speaker.name} {s.speaker.role}" for s in snapshot.statements}
    texts |= {place_text(m) for m in snapshot.meetings}
    out: set[str] = set()
    for text in texts:  # names and places repeat across a corpus: stem each distinct text once
        out.update(terms(text))
    return out


@dataclass(frozen=True)
class Ranked:
    """One candidate row with its fused score and the two raw scores."""

    row: int
    score: float
    dense: float
    lexical: float


def fuse(
    dense: dict[int, float],
    lexical: dict[int, float],
    tuning: ModelTuning,
    boosts: dict[int, float] | None = None,
    limit: int | None = None,
) -> list[Ranked]:
    """Fuse dense cosines and BM25 scores of the same candidates by weighted normalized sum (best ``limit`` kept).

    The arithmetic is elementwise float64 in the same order as a scalar loop,
    so the scores are bit-identical to computing them one row at a time.
    """
    rows = sorted(set(dense) | set(lexical))
    if not rows:
        return []
    low, high = min(dense.values(), default=0.0), max(dense.values(), default=0.0)
    top_lexical = max(lexical.values(), default=0.0)
    boosts = boosts or {}
    dense_v = np.array([dense.get(r, low) for r in rows], dtype=np.float64)
    lexical_v = np.array([lexical.get(r, 0.0) for r in rows], dtype=np.float64)
    d = (dense_v - low) / (high - low) if high > low else np.ones(len(rows))
    lx = lexical_v / top_lexical if top_lexical > 0 else np.zeros(len(rows))
    scores = tuning.dense_weight * d + tuning.lexical_weight * lx + np.array([boosts.get(r, 0.0) for r in rows], dtype=np.float64)
    order = np.lexsort((np.asarray(rows), -scores))[:limit]  # best score first, then lowest row
    return [Ranked(rows[i], float(scores[i]), float(dense_v[i]), float(lexical_v[i])) for i in order.tolist()]


def name_boosts(
    query_terms: Iterable[str], row_terms: Sequence[Sequence[str]], candidates: Iterable[int], names: set[str], weight: float
) -> dict[int, float]:
    """Boost rows that contain the query's name-like terms (people, titles, places)."""
    wanted = [t for t in query_terms if t in names]
    if not wanted:
        return {}
    counts = {t: wanted.count(t) for t in wanted}  # a term repeated in the query counts each time
    boosts = {}
    size = len(row_terms)
    for row in candidates:
        have = row_terms[row] if row < size else ()
        if counts.keys().isdisjoint(have):
            continue  # most candidates name nobody the question names
        hits = sum(n for t, n in counts.items() if t in have)
        boosts[row] = weight * hits / len(wanted)
    return boosts


def exact_dense(store: FaissStore, qvec: np.ndarray, rows: Iterable[int]) -> dict[int, float]:
    """Return the exact cosine of a query to the given rows of a store."""
    rows = [int(r) for r in rows]
    if not rows:
        return {}
    vectors = store.index.reconstruct_batch(np.asarray(rows, dtype=np.int64))
    return {r: float(v) for r, v in zip(rows, vectors @ qvec.reshape(-1), strict=True)}


def nearest(store: FaissStore, qvec: np.ndarray, k: int) -> np.ndarray:
    """Return the row ids of the ``k`` nearest vectors to one query.

    FAISS runs a single query on one OpenMP thread: more threads only add
    wake-up and spin costs (milliseconds on a busy machine), and the
    setting is per calling thread, so it is restored afterwards.
    """
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        _, ids = store.search(qvec.reshape(1, -1), k)
    finally:
        faiss.omp_set_num_threads(previous)
    return ids[0]


class Retriever:
    """Searches one snapshot's passages and statements."""

    def __init__(self, snapshot: Snapshot, tuning: ModelTuning, name_terms: set[str] | None = None) -> None:
        """Wrap a snapshot; ``tuning`` holds the model's fusion weights, ``name_terms`` stemmed terms naming people, titles or places."""
        self.snapshot = snapshot
        self.tuning = tuning
        self.name_terms = name_terms or set()
        self._by_source: dict[str, list[int]] = {}
        for row, statement in enumerate(snapshot.statements):
            self._by_source.setdefault(statement.source, []).append(row)
        self._chunk_rows: dict[str, list[int]] = {}
        for row, chunk in enumerate(snapshot.chunks):
            self._chunk_rows.setdefault(chunk.source, []).append(row)

    def passages(self, query: str, qvec: np.ndarray, k: int, sources: set[str] | None = None) -> list[Hit]:
        """Return the top ``k`` passages for a query, best first."""
        snap = self.snapshot
        ranked = self._rank(query, qvec, snap.chunk_vectors, snap.chunk_lexical, snap.chunk_terms)
        hits = []
        for r in ranked:
            chunk: Chunk = snap.chunks[r.row]
            if sources is not None and chunk.source not in sources:
                continue
            hits.append(Hit(chunk=chunk, score=r.score, dense_score=r.dense, lexical_score=r.lexical))
            if len(hits) >= k:
                break
        return hits

    def passages_in(self, query: str, qvec: np.ndarray, k: int, sources: set[str]) -> list[Hit]:
        """Return the top ``k`` passages of the given articles only, every one of their passages scored."""
        snap = self.snapshot
        allowed = {r for s in sources for r in self._chunk_rows.get(s, ())}
        ranked = self._rank(query, qvec, snap.chunk_vectors, snap.chunk_lexical, snap.chunk_terms, allowed=allowed, limit=k)
        return [Hit(chunk=snap.chunks[r.row], score=r.score, dense_score=r.dense, lexical_score=r.lexical) for r in ranked]

    def statements(
        self, query: str, qvec: np.ndarray, k: int, allowed: set[int] | None = None, passages: Sequence[Hit] = ()
    ) -> list[tuple[Statement, Ranked]]:
        """Return the top ``k`` statements (optionally only rows in ``allowed``).

        Statements inside the retrieved passages get the passage's rank as a
        third vote, so a quote whose surrounding paragraph matches wins.
        """
        snap = self.snapshot
        pool = max(POOL, len(allowed) if allowed else 0)
        extra = self._passage_votes(passages)
        ranked = self._rank(query, qvec, snap.statement_vectors, snap.statement_lexical, snap.statement_terms, pool, extra, allowed, k)
        return [(snap.statements[r.row], r) for r in ranked[:k]]

    def _passage_votes(self, passages: Sequence[Hit]) -> dict[int, float]:
        """Return an RRF vote for every statement that lies inside a retrieved passage."""
        votes: dict[int, float] = {}
        for rank, hit in enumerate(passages):
            chunk = hit.chunk
            for row in self._rows_in(chunk.source, chunk.start, chunk.end):
                votes.setdefault(row, self.tuning.passage_vote / (rank + 1))
        return votes

    def statements_of(self, source: str) -> list[Statement]:
        """Return the statements of one source in reading order."""
        return [self.snapshot.statements[r] for r in self._by_source.get(source, ())]

    def _rows_in(self, source: str, start: int, end: int) -> list[int]:
        """Return statement rows of ``source`` that start inside ``[start, end)``."""
        return [r for r in self._by_source.get(source, ()) if start <= self.snapshot.statements[r].start < end]

    def _rank(self, query, qvec, store, lexical, row_terms, pool=POOL, extra=None, allowed=None, limit=None) -> list[Ranked]:  # noqa: ANN001
        """Score candidates with both rankers and fuse them (plus optional extra votes).

        Candidates are the union of both rankers' top ``pool``, or exactly the
        ``allowed`` rows when given; every candidate gets its exact cosine.
        """
        if store.ntotal == 0:
            return []
        if allowed is not None:
            candidates = set(allowed)
            all_lexical = lexical.scores(query)
            lexical_of = {r: float(all_lexical[r]) for r in candidates if r < len(all_lexical) and all_lexical[r] > 0}
        else:
            ids = nearest(store, qvec, min(pool, store.ntotal))
            lexical_of = dict(lexical.search(query, pool))
            candidates = {int(i) for i in ids if i >= 0} | set(lexical_of)
        dense_of = exact_dense(store, qvec, candidates)
        boosts = name_boosts(query_terms(query), row_terms, candidates, self.name_terms, self.tuning.name_boost)
        for row, vote in (extra or {}).items():
            if row in candidates:
                boosts[row] = boosts.get(row, 0.0) + vote
        return fuse(dense_of, lexical_of, self.tuning, boosts, limit)
