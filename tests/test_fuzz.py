"""Property tests: chunk offsets, the statement extractor and answer citations hold on arbitrary input."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import CONTRACT, SEEDS, CliBuild
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.ingest.chunking import ChunkerParams, chunk_article
from rag.ingest.corpus import content_paragraphs, decode_bytes

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


QUESTION_WORDS = ["Siapa", "yang", "Apa", "kata", "Di", "mana", "kapan", "What", "did", "say", "who", "rakor", "Pilkada", "?", ","]
QUESTIONS = st.lists(st.sampled_from(QUESTION_WORDS) | st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@pytest.fixture(scope="module")
def seeds_service(cli_index: CliBuild, settings_for: Callable[..., Any], service_for: Callable[[Any], Any]) -> Any:
    """A Service over the session's seeds index (read only)."""
    service = service_for(settings_for(cli_index.seeds, cli_index.index))
    service.context()
    assert service.last_report is None  # loaded, not rebuilt
    return service


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(QUESTIONS | st.text(max_size=80))
def test_answer_citations_always_verify(seeds_service: Any, check_citations: Callable[..., None], question: str) -> None:
    answer = seeds_service.ask(question).to_json()
    assert set(answer) == CONTRACT
    assert answer["answer"].strip()
    if answer["answerable"]:
        assert answer["citations"]
    check_citations(Path(seeds_service.settings.seeds_dir), answer)
