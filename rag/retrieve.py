"""Hybrid retrieval: dense FAISS plus BM25, fused by reciprocal rank, with name boosts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from .lexical import terms
from .snapshot import Snapshot
from .types import Chunk, Hit, Statement

RRF_K = 60
POOL = 50


@dataclass(frozen=True)
class Ranked:
    """One candidate row with its fused score and the two raw scores."""

    row: int
    score: float
    dense: float
    lexical: float


def fuse(
    dense: Sequence[tuple[int, float]],
    lexical: Sequence[tuple[int, float]],
    boosts: dict[int, float] | None = None,
    weights: tuple[float, float] = (1.0, 1.0),
) -> list[Ranked]:
    """Fuse two ranked lists by weighted reciprocal rank; add optional per-row boosts."""
    score: dict[int, float] = {}
    dense_of = dict(dense)
    lexical_of = dict(lexical)
    for weight, ranked in ((weights[0], dense), (weights[1], lexical)):
        for rank, (row, _) in enumerate(ranked):
            score[row] = score.get(row, 0.0) + weight / (RRF_K + rank + 1)
    for row, extra in (boosts or {}).items():
        if row in score:
            score[row] += extra
    out = [Ranked(r, s, dense_of.get(r, 0.0), lexical_of.get(r, 0.0)) for r, s in score.items()]
    return sorted(out, key=lambda x: (-x.score, x.row))


def name_boosts(query_terms: Iterable[str], row_terms: Sequence[Sequence[str]], candidates: Iterable[int], names: set[str]) -> dict[int, float]:
    """Boost rows that contain the query's name-like terms (people, titles, places)."""
    wanted = [t for t in query_terms if t in names]
    if not wanted:
        return {}
    boosts = {}
    for row in candidates:
        have = set(row_terms[row]) if row < len(row_terms) else set()
        hits = sum(1 for t in wanted if t in have)
        if hits:
            boosts[row] = 0.01 * hits / len(wanted)
    return boosts


class Retriever:
    """Searches one snapshot's passages and statements."""

    def __init__(self, snapshot: Snapshot, name_terms: set[str] | None = None) -> None:
        """Wrap a snapshot; ``name_terms`` are stemmed terms that name people, titles or places."""
        self.snapshot = snapshot
        self.name_terms = name_terms or set()
        self._by_source: dict[str, list[int]] = {}
        for row, statement in enumerate(snapshot.statements):
            self._by_source.setdefault(statement.source, []).append(row)

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
        ranked = self._rank(query, qvec, snap.statement_vectors, snap.statement_lexical, snap.statement_terms, pool, extra)
        if allowed is not None:
            ranked = [r for r in ranked if r.row in allowed]
            ranked += self._missing(allowed, ranked, qvec)
        return [(snap.statements[r.row], r) for r in ranked[:k]]

    def dense_scores(self, qvec: np.ndarray, rows: Iterable[int]) -> dict[int, float]:
        """Return the exact cosine of a query to given statement rows."""
        store = self.snapshot.statement_vectors
        rows = list(rows)
        if not rows:
            return {}
        vectors = np.vstack([store.index.reconstruct(int(r)) for r in rows])
        return {r: float(s) for r, s in zip(rows, vectors @ qvec.reshape(-1))}

    def _missing(self, allowed: set[int], ranked: list[Ranked], qvec: np.ndarray) -> list[Ranked]:
        """Score allowed rows that neither ranker returned, by dense cosine only."""
        seen = {r.row for r in ranked}
        extra = self.dense_scores(qvec, sorted(allowed - seen))
        out = [Ranked(row, 0.0, s, 0.0) for row, s in extra.items()]
        return sorted(out, key=lambda x: -x.dense)

    def _passage_votes(self, passages: Sequence[Hit]) -> dict[int, float]:
        """Return an RRF vote for every statement that lies inside a retrieved passage."""
        votes: dict[int, float] = {}
        for rank, hit in enumerate(passages):
            chunk = hit.chunk
            for row in self._rows_in(chunk.source, chunk.start, chunk.end):
                votes.setdefault(row, 1.0 / (RRF_K + rank + 1))
        return votes

    def _rows_in(self, source: str, start: int, end: int) -> list[int]:
        """Return statement rows of ``source`` that start inside ``[start, end)``."""
        return [r for r in self._by_source.get(source, ()) if start <= self.snapshot.statements[r].start < end]

    def _rank(self, query, qvec, store, lexical, row_terms, pool: int = POOL, extra: dict[int, float] | None = None) -> list[Ranked]:  # noqa: ANN001
        """Run both rankers and fuse them (plus optional extra votes)."""
        if store.ntotal == 0:
            return []
        scores, ids = store.search(qvec.reshape(1, -1), min(pool, store.ntotal))
        dense = [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=False) if i >= 0]
        lexical_hits = lexical.search(query, pool)
        candidates = {i for i, _ in dense} | {i for i, _ in lexical_hits}
        boosts = name_boosts(terms(query), row_terms, candidates, self.name_terms)
        for row, vote in (extra or {}).items():
            if row in candidates:
                boosts[row] = boosts.get(row, 0.0) + vote
        return fuse(dense, lexical_hits, boosts)
