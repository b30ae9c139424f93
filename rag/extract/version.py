"""The extraction version: a hash of the code and word lists that decide what an article's rows are.

An index built by another version re-reads every article (its statements, meetings, chunks and BM25 terms
may differ), so a rule change takes effect on the next `rag index` without a hand-bumped number; the vectors
of texts that did not change are reused by content hash (``rag.index.vectors``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # rag/
SOURCES = ("core", "ingest", "extract", "data")  # the stages below the index, and the word lists
SUFFIXES = (".py", ".json")


@cache
def extraction_version() -> str:
    """Return ``extract-`` and the first 16 hex digits of the sha256 over the paths and bytes of every source file."""
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\x00")
                digest.update(path.read_bytes() + b"\x00")
    return "extract-" + digest.hexdigest()[:16]
