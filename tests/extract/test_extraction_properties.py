"""The statement extractor on arbitrary input (property tests: it never raises and its spans lie
inside the text), and on a one-line megabyte article (time linear in its length)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from tests.conftest import ROOT, subprocess_env
from tests.fuzztext import ANY_TEXT, article, articles


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
