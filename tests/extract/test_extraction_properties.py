"""The statement extractor on arbitrary input (property tests: it never raises and its spans lie
inside the text), and on a one-line megabyte article (time linear in its length)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.ingest.corpus import decode_bytes
from tests.conftest import ROOT, SEEDS, subprocess_env

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


@pytest.mark.slow
def test_one_line_megabyte_article_extracts_in_time_linear_in_its_length(model_cache: Path) -> None:
    """1 MB on one line: chunking and extraction within 3x of the same text with line breaks (before the fix: hours)."""
    try:
        done = subprocess.run([sys.executable, "-m", "bench.oneline", "1000000"], capture_output=True, text=True, timeout=900,
                              cwd=ROOT, env=subprocess_env(model_cache), check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("a 1 MB one-line article was still being extracted after 900 s")
    assert done.returncode == 0, done.stderr[-2000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["chars"] >= 1_000_000
    assert figures["ratio"] < 3, figures


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles() | ANY_TEXT)
def test_statement_extractor_never_raises_and_spans_lie_inside(text: str) -> None:
    doc = article(text)
    meetings = extract_meetings(doc)
    for meeting in meetings:
        assert 0 <= meeting.start <= meeting.end <= len(text)
    for statement in extract_statements(doc, meetings):
        assert 0 <= statement.start < statement.end <= len(text)
        assert statement.text == text[statement.start : statement.end]
        assert (statement.start_line, statement.end_line) == doc.lines_of(statement.start, statement.end)
        assert 0 <= statement.attribution_start <= statement.attribution_end <= len(text)
        assert statement.kind in ("direct", "indirect")
