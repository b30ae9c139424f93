"""Sanity checks for the development evaluation set in ``tests/data``.

Fast and offline: every line of ``dev.jsonl`` parses and has the agreed
shape, ids are unique, every expected source exists in ``seeds/`` or
``tests/data/articles/``, and every expected phrase occurs (case-insensitive)
in at least one of the question's expected sources.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
DEV = DATA / "dev.jsonl"
SOURCE_DIRS = (ROOT / "seeds", DATA / "articles")

KEYS = {
    "id",
    "question",
    "lang",
    "kind",
    "answerable",
    "expected_sources",
    "expected_speaker",
    "expected_phrases",
}
KINDS = {
    "who_said",
    "what_said",
    "where_when",
    "which_meeting",
    "list_speakers",
    "cross_doc",
    "unanswerable",
}


def _load() -> list[dict]:
    rows = []
    for n, line in enumerate(DEV.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:  # pragma: no cover - reported as failure
            pytest.fail(f"dev.jsonl line {n} does not parse: {exc}")
    return rows


def _source_text(name: str) -> str | None:
    for folder in SOURCE_DIRS:
        path = folder / name
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


ROWS = _load()


def test_ids_unique_and_enough_rows():
    ids = [r.get("id") for r in ROWS]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ROWS) >= 70


def test_mix_of_languages_kinds_and_seeds():
    assert sum(r["lang"] == "en" for r in ROWS) >= 12
    assert sum(not r["answerable"] for r in ROWS) >= 10
    seeds = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert sum(any(s in seeds for s in r["expected_sources"]) for r in ROWS) >= 15
    assert {r["kind"] for r in ROWS} == KINDS


@pytest.mark.parametrize("row", ROWS, ids=[r.get("id", "?") for r in ROWS])
def test_row(row):
    assert set(row) == KEYS
    assert isinstance(row["id"], str) and row["id"]
    assert isinstance(row["question"], str) and row["question"].strip()
    assert row["lang"] in {"id", "en"}
    assert row["kind"] in KINDS
    assert isinstance(row["answerable"], bool)
    assert row["expected_speaker"] is None or isinstance(row["expected_speaker"], str)
    assert isinstance(row["expected_sources"], list)
    assert isinstance(row["expected_phrases"], list)

    if not row["answerable"]:
        assert row["kind"] == "unanswerable"
        assert row["expected_sources"] == []
        assert row["expected_speaker"] is None
        assert row["expected_phrases"] == []
        return

    assert row["kind"] != "unanswerable"
    assert row["expected_sources"], "answerable question without sources"
    assert len(set(row["expected_sources"])) == len(row["expected_sources"])
    assert 1 <= len(row["expected_phrases"]) <= 3

    texts = []
    for name in row["expected_sources"]:
        text = _source_text(name)
        assert text is not None, f"missing source {name}"
        texts.append(text.lower())

    for phrase in row["expected_phrases"]:
        assert 1 <= len(phrase.split()) <= 5, f"phrase too long: {phrase!r}"
        assert any(phrase.lower() in t for t in texts), f"{phrase!r} not in sources"

    speaker = row["expected_speaker"]
    if speaker:
        assert any(speaker.lower() in t for t in texts), f"speaker {speaker!r} not in sources"
