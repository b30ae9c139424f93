"""Property test: chunk offsets map back to the exact text on arbitrary input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.ingest.chunking import ChunkerParams, chunk_article
from rag.ingest.corpus import content_paragraphs
from tests.fuzztext import ANY_TEXT, article, articles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles() | ANY_TEXT, st.integers(60, 900), st.integers(0, 50))
def test_chunk_offsets_map_back_to_the_exact_text(text: str, size: int, overlap: int) -> None:
    doc = article(text)
    chunks = chunk_article(doc, ChunkerParams(size, min(overlap, size // 2)))
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text and chunk.text.strip()
        assert (chunk.start_line, chunk.end_line) == doc.lines_of(chunk.start, chunk.end)
        assert chunk.start_line == len(re.split(r"\r\n|\r|\n", text[: chunk.start]))
        assert chunk.id == f"fuzz.txt#{chunk.start}"
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    for para in content_paragraphs(doc):  # nothing the cleaner kept is lost by the splitter
        missing = [i for i in range(para.start, para.end) if i not in covered and not text[i].isspace()]
        assert not missing, (para.text, missing[:5])
