"""Corpus tiling: a ~10k-chunk index made of renamed copies of built indexes, their vectors nudged per copy."""

from __future__ import annotations

import logging
import math
import time
from pathlib import Path
from typing import Any

import numpy as np

from .step_common import _settings

log = logging.getLogger("bench.steps")


def _tile(vectors: np.ndarray, copies: int, sigma: float = 0.01, seed: int = 5) -> np.ndarray:
    """Stack ``copies`` copies of unit vectors, each copy after the first nudged (cosine ~0.98) and renormalized."""
    rng = np.random.default_rng(seed)
    out = [vectors.astype(np.float32)]
    for _ in range(copies - 1):
        v = vectors + rng.standard_normal(vectors.shape, dtype=np.float32) * sigma
        out.append((v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32))
    return np.vstack(out)


def tile(args: dict[str, Any]) -> dict[str, Any]:
    """Write a ~10k-chunk index: renamed copies of built indexes, real vectors nudged per copy.

    Copy 0 keeps the real int8 vectors; copy c>0 renames every source to
    ``c###_<name>`` and adds N(0, 0.01^2) noise per dimension before
    renormalizing (cosine ~0.98 to the real vector). Rows, statements,
    meetings, BM25 terms and article texts are copied, so the snapshot loads
    and answers exactly like a built one. The seed files are written too and
    fingerprinted, so `Service` finds the folder in line with the index.
    """
    from rag.core.types import Article
    from rag.extract.version import extraction_version
    from rag.index.build import chunker_params
    from rag.index.embed.embedder import Embedder
    from rag.index.generations import BuildInfo, Tables, write_generation
    from rag.index.snapshot import load_snapshot
    from rag.ingest.corpus import fingerprint, seed_stats

    settings = _settings(args)
    snaps = [load_snapshot(Path(p)) for p in args["sources"]]
    assert all(s is not None for s in snaps)
    total = sum(len(s.chunks) for s in snaps)
    copies = max(1, math.ceil(int(args["target"]) / total))
    tables = Tables()
    articles: list[Article] = []
    settings.seeds_dir.mkdir(parents=True, exist_ok=True)
    for c in range(copies):
        for n, snap in enumerate(snaps):
            rename = (lambda s: s) if c == 0 else (lambda s, c=c: f"c{c:03d}_{s}")
            cv = snap.chunk_vectors.reconstruct_all()
            sv = snap.statement_vectors.reconstruct_all()
            if c:
                cv, sv = _tile(cv, 2, seed=c * 97 + n)[len(cv) :], _tile(sv, 2, seed=c * 89 + n)[len(sv) :]
            chunk_rows = [
                dict(ch.to_dict(), source=rename(ch.source), id=f"{rename(ch.source)}#{ch.start}", terms=list(t))
                for ch, t in zip(snap.chunks, snap.chunk_terms, strict=True)
            ]
            tables.chunks.extend(chunk_rows, cv)
            statement_rows = [
                dict(st.to_dict(), source=rename(st.source), terms=list(t))
                for st, t in zip(snap.statements, snap.statement_terms, strict=True)
            ]
            tables.statements.extend(statement_rows, sv)
            tables.meetings.rows.extend(dict(m.to_dict(), source=rename(m.source)) for m in snap.meetings)
            for name, article in snap.articles.items():
                articles.append(Article(rename(name), article.text, article.sha256, article.encoding))
                (settings.seeds_dir / rename(name)).write_bytes(article.text.encode(article.encoding or "utf-8"))
    hashes = {a.source: a.sha256 for a in articles}
    dim = snaps[0].chunk_vectors.index.d
    info = BuildInfo(
        Embedder(settings).model_id,
        dim,
        chunker_params(settings).to_dict(),
        extraction_version(),
        fingerprint(seed_stats(settings.seeds_dir), hashes),
        (),
    )
    started = time.perf_counter()
    write_generation(settings, info, tables, sorted(articles, key=lambda a: a.source))
    log.info("wrote a %d-chunk index in %.1fs", len(tables.chunks.rows), time.perf_counter() - started)
    snap = load_snapshot(settings.index_dir)
    assert snap is not None and len(snap.chunks) == len(tables.chunks.rows)
    return {
        "chunks": len(tables.chunks.rows),
        "statements": len(tables.statements.rows),
        "articles": len(articles),
        "copies": copies,
        "unique_chunks": total,
        "write_s": round(time.perf_counter() - started, 1),
    }
