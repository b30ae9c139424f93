"""Property test: the citations of any answer, to any question, are verbatim text of their files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.ingest.corpus import decode_bytes
from tests.conftest import CONTRACT, SEEDS, CliBuild

SEED_TEXT = "\n".join(decode_bytes(p.read_bytes())[0] for p in sorted(SEEDS.glob("*.txt")))
WORDS = sorted(set(re.findall(r"[A-Za-z][\w/.-]{2,}", SEED_TEXT)))


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
