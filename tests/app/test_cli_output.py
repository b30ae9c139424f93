"""The `rag` command's output: `rag ask --json` answers with verbatim citations, and `rag statements --csv`
defuses formulas like the web CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from rag.app.cli import main as rag_main
from rag.app.service import Service
from rag.app.ui_rows import write_csv
from rag.core.settings import Settings
from tests.conftest import CITATION_KEYS, CONTRACT, PASSAGE_KEYS, SEED_ASK

FORMULAS = ['=HYPERLINK("http://contoh.invalid","klik")', "+62 812 345", "-1+1", "@SUM(A1:A9)", "\tkosong", "\rbaris"]



def test_cli_csv_defuses_formulas_like_the_web_csv(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    """`rag statements --csv` used to write a quote starting with = + - @ as is, which a spreadsheet runs."""
    rows = [{"speaker": "Budi", "role": value, "rank": "", "quote": value, "kind": "direct", "verb": "kata", "meeting": "@rakor",
             "venue": "", "city": "", "province": "", "date": "", "source": "a.txt", "start_line": 3, "end_line": 3} for value in FORMULAS]
    monkeypatch.setattr(Service, "statement_rows", lambda self: rows)
    assert rag_main(["statements", "--csv", "--seeds", str(tmp_path), "--index", str(tmp_path / "index")]) == 0
    cli = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    web = list(csv.DictReader(write_csv(rows, tmp_path / "web.csv").open(encoding="utf-8-sig", newline="")))
    assert [r["quote"] for r in cli] == [r["pernyataan"] for r in web]  # one defusing for both downloads
    assert [r["quote"] for r in cli] == ["'" + v for v in FORMULAS]
    assert {r["meeting"] for r in cli} == {"'@rakor"} and {r["start_line"] for r in cli} == {"3"}


@pytest.mark.slow
def test_cli_ask_json_answers_with_verbatim_citations(
    indexed: Settings, rag_cli: Callable[..., Any], check_citations: Callable[..., None]
) -> None:
    stdin = "".join(f"{question}\n" for question, _ in SEED_ASK)
    done = rag_cli("ask", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir, "--json", stdin=stdin)
    assert done.returncode == 0, done.stderr
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(answers) == len(SEED_ASK)
    for (question, source), answer in zip(SEED_ASK, answers, strict=True):
        assert set(answer) == CONTRACT and answer["question"] == question
        assert len(answer["passages"]) >= 5
        assert all(set(p) == PASSAGE_KEYS for p in answer["passages"])
        assert all(set(c) == CITATION_KEYS for c in answer["citations"])
        if source is None:
            assert answer["answerable"] is False and answer["citations"] == [], answer
            continue
        assert answer["answerable"] is True, answer
        assert answer["citations"][0]["source"] == source, (question, answer["citations"])
        check_citations(indexed.seeds_dir, answer)
    assert "Traceback" not in done.stderr
