"""The pass list: its order, and the paragraphs pass that every later pass reads."""

from __future__ import annotations

import copy

import pytest

from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.passes import answers, interviews, introduced, paragraphs, places, roster, scan, speakers, trailing
from rag.extract.speech.pipeline import PASSES, extract_statements, run_passes
from tests.extract.speechcases import article, through


def test_passes_run_in_this_order() -> None:
    expected = [places, paragraphs, interviews, scan, trailing, roster, speakers, answers, introduced]
    assert [p.__module__ for p in PASSES] == [m.__name__ for m in expected]
    assert all(p.__name__ == "run" and p.__doc__ for p in PASSES)


def test_every_pass_returns_a_new_doc_and_leaves_its_input_alone() -> None:
    doc = SpeechDoc.of(article("Rakor Pilkada Sleman Digelar\nBupati Sleman Kustini Purnomo mengatakan ASN wajib netral.\n"))
    for step in PASSES:
        before = copy.deepcopy(doc)
        after = step(doc)
        assert isinstance(after, SpeechDoc) and doc == before
        doc = after
    assert [s.speaker.name for s in doc.statements] == ["Kustini Purnomo"]


def test_extract_statements_runs_the_list() -> None:
    text = "Rakor Pilkada Sleman Digelar\nBupati Sleman Kustini Purnomo mengatakan ASN wajib netral.\n"
    assert extract_statements(article(text)) == list(run_passes(article(text)).statements)


# text -> the first words of each content paragraph (no headline, no header chrome near the top)
PARAGRAPHS: list[tuple[str, list[str]]] = [
    ("Rakor Pilkada Sleman Digelar\nBupati Sleman membuka rakor.\nCamat hadir.\n", ["Bupati Sleman membuka", "Camat hadir."]),
    ("# Rakor Pilkada Sleman Digelar Hari Ini\nSenin, 4 November 2024\nBupati Sleman membuka rakor.\n", ["Bupati Sleman membuka"]),
    ("Bupati Sleman membuka rakor pilkada.\nCamat hadir.\n", ["Bupati Sleman membuka", "Camat hadir."]),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_paragraphs(text: str, expected: list[str]) -> None:
    doc = run_passes(article(text), (), through(paragraphs.run))
    assert [" ".join(p.text.split()[:3]) for p in doc.paragraphs] == expected
