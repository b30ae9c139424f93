"""Hypothesis strategies shared by the property tests: articles made of seed paragraphs, corpus words and any Unicode."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from rag.core.types import Article
from rag.ingest.corpus import decode_bytes
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
    """Return an article of the given text."""
    return Article(source="fuzz.txt", text=text, sha256="0" * 64)
