"""Conversations: the history forms the API and CLI accept, and follow-ups on the seeds answered from the
previous speaker (Service and `rag ask --history`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from rag.app.conversation import Turn, parse_history
from rag.core.settings import Settings
from tests.conftest import CONTRACT

FIRST = "Apa kata Pj Bupati Madiun?"
FOLLOW = "dan apa katanya soal ASN?"
RESOLVED = "Apa kata Pj Bupati Madiun Tontro Pahlawanto soal ASN?"


def test_history_forms() -> None:
    answer = {"question": "Apa kata X?", "speaker": "X", "citations": []}
    history: list[Any] = ["Apa kata A?", ["Apa kata B?", json.dumps(answer)], ("Apa kata C?", answer), answer, 42, [], "  ",
                          ["Apa kata D?", "bukan json"]]
    usable = [Turn("Apa kata B?", answer), Turn("Apa kata C?", answer), Turn("Apa kata X?", answer), Turn("Apa kata D?")]
    assert parse_history(history) == usable  # the last four usable turns
    assert parse_history(None) == [] and parse_history([{"answer": "tanpa pertanyaan"}]) == []


def test_follow_up_on_the_seeds_resolves_to_the_previous_speaker(
    indexed: Settings, service_for: Callable[[Settings], Any], check_citations: Callable[..., None]
) -> None:
    service = service_for(indexed)
    alone = service.ask(FOLLOW).to_json()
    assert alone["interpreted_as"] == FOLLOW  # without history nothing is resolved
    first = service.ask(FIRST)
    assert first.speaker == "Tontro Pahlawanto" and first.to_json()["interpreted_as"] == FIRST
    for history in ([FIRST], [[FIRST, first.to_json()]], [first.to_json()]):
        answer = service.ask(FOLLOW, history).to_json()
        assert set(answer) == CONTRACT
        assert answer["question"] == FOLLOW and answer["interpreted_as"] == RESOLVED
        assert answer["speaker"] == "Tontro Pahlawanto" and answer["citations"][0]["source"] == "003_c88bcc96c66cb7cf.txt"
        check_citations(indexed.seeds_dir, answer)
    meeting = service.ask("Siapa lagi yang berbicara di rapat itu?", [FIRST]).to_json()
    rakor = "rapat koordinasi persiapan pengamanan Pilkada 2024 bersama Forkopimda"
    assert meeting["interpreted_as"] == f"Siapa lagi yang berbicara di {rakor}?"
    chained = service.ask("Apa lagi katanya?", [FIRST, FOLLOW])  # the previous turn is itself a follow-up
    assert chained.interpreted_as == "Apa lagi kata Pj Bupati Madiun Tontro Pahlawanto?"
    said = service.ask("Siapa yang mengatakan pelanggaran netralitas TNI akan dikenai sanksi?")
    where = service.ask("Di acara apa dia mengatakannya?", [said.to_json()])
    assert where.interpreted_as == "Di acara apa Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung mengatakannya?"
    assert service.ask(FOLLOW, [{"bukan": "riwayat"}, 7]).interpreted_as == FOLLOW  # unusable history: asked as is


def test_cli_history_file(indexed: Settings, rag_cli: Callable[..., Any], tmp_path: Path) -> None:
    history = tmp_path / "riwayat.json"
    history.write_text(json.dumps([FIRST]), encoding="utf-8")
    done = rag_cli("ask", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir, "--json", "--history", history, FOLLOW)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["interpreted_as"] == RESOLVED and answer["speaker"] == "Tontro Pahlawanto"
    history.write_text("{bukan json", encoding="utf-8")
    bad = rag_cli("ask", "--seeds", indexed.seeds_dir, "--index", indexed.index_dir, "--history", history, FOLLOW)
    assert bad.returncode == 2 and "--history" in bad.stderr
