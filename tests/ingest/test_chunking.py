"""Property test: chunk offsets map back to the exact text on arbitrary input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.core.types import Article
from rag.ingest.chunking import ChunkerParams, chunk_article
from rag.ingest.corpus import content_paragraphs, decode_bytes
from tests.conftest import SEEDS

SEED_TEXT = "\n".join(decode_bytes(p.read_bytes())[0] for p in sorted(SEEDS.glob("*.txt")))
SEED_LINES = [line for line in SEED_TEXT.splitlines() if line.strip()]
WORDS = sorted(set(re.findall(r"[A-Za-z][\w/.-]{2,}", SEED_TEXT)))
NEWLINES = st.sampled_from(["\n", "\r\n", "\n\n", "\r\n\r\n", "\n \n", "\r"])
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)
MARKS = st.sampled_from(['"', "\u201c", "\u201d", ",", ".", " ", "kata", "ujarnya"])
WORDY = st.lists(st.sampled_from(WORDS) | MARKS, max_size=40).map(" ".join)
PARAGRAPH = st.sampled_from(SEED_LINES) | WORDY | ANY_TEXT


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Paragraphs from the seeds, corpus words and arbitrary Unicode, with mixed line endings and repeats."""
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=8))
    if draw(st.booleans()):
        paragraphs += draw(st.lists(st.sampled_from(paragraphs), max_size=3))  # verbatim repeats
    out = ""
    for paragraph in paragraphs:
        out += paragraph + draw(NEWLINES)
    return out


def article(text: str) -> Article:
    return Article(source="fuzz.txt", text=text, sha256="0" * 64)


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
