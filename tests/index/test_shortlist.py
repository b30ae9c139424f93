"""The entity shortlist that keeps name matching off a full scan gives the same results as the scan.

No model is needed: speakers come from the extractors run over the seeds and the dev articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.extract.meetings.records import extract_meetings
from rag.extract.people.entities import SpeakerIndex
from rag.extract.people.mentions import match_mention
from rag.extract.speech.quotes import extract_statements
from rag.index.people import Shortlist
from rag.ingest.corpus import read_article

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
DEV = ROOT / "tests" / "data" / "dev.jsonl"


@pytest.fixture(scope="module")
def speaker_index() -> SpeakerIndex:
    """Return the speakers of the seeds and dev articles grouped into entities."""
    index = SpeakerIndex()
    for path in ARTICLES:
        article = read_article(path, path.name, 5_000_000)
        statements = extract_statements(article, extract_meetings(article))
        index.add_article(path.name, [s.speaker for s in statements])
    assert len(index.entities) > 20
    return index


def _queries() -> list[str]:
    """Return the dev questions plus lower-case, typo and name-only variants."""
    questions = [json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    variants = [q.lower() for q in questions] + [q.replace("a", "e", 1) for q in questions]
    return questions + variants


def test_shortlist_matches_like_a_full_scan(speaker_index: SpeakerIndex) -> None:
    shortlist = Shortlist(speaker_index.entities)
    names = [e.name for e in speaker_index.entities if e.name]
    queries = _queries() + [f"Apa kata {n}?" for n in names] + [f"Apa kata {n[:-1]}?" for n in names if len(n) > 6]
    matched = 0
    for query in queries:
        full = match_mention(query, speaker_index.entities)
        assert match_mention(query, shortlist.candidates(query)) == full, query
        matched += bool(full)
    assert matched > len(queries) // 3  # the comparison is not vacuous
