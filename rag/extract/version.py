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
LINKS = ("index/links.py", "index/meetinglinks.py")  # the people and meeting links the index stores
SUFFIXES = (".py", ".json")


@cache
def extraction_version() -> str:
    """Return ``extract-`` and the first 16 hex digits of the sha256 over the paths and bytes of every source file
    (the index's link modules too: the links are stored when the index is built)."""
    digest = hashlib.sha256()
    files = [p for folder in SOURCES for p in sorted((PACKAGE / folder).rglob("*")) if p.suffix in SUFFIXES and p.is_file()]
    for path in [*files, *(PACKAGE / f for f in LINKS)]:
        if "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\x00")
            digest.update(path.read_bytes() + b"\x00")
    return "extract-" + digest.hexdigest()[:16]
