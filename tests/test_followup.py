"""Follow-up questions: "dia", "-nya", "rapat itu", "di sana" (and English) resolved against the previous turn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from conftest import CONTRACT

from rag.app.conversation import Turn, parse_history
from rag.core.settings import Settings
from rag.query.followup import Referents, asked_person, has_reference, rewrite, speaker_phrase

SULSEL = Referents(
    speaker="Pj Gubernur Sulsel Zudan Arif Fakrulloh",
    meeting="Rapat koordinasi “Kesiapan Pilkada Serentak”",
    place="Hotel Contoh Makassar",
)


@pytest.mark.parametrize(
    ("question", "rewritten"),
    [
        ("dan apa katanya soal netralitas?", "Apa kata Pj Gubernur Sulsel Zudan Arif Fakrulloh soal netralitas?"),
        ("Apa pernyataannya tentang logistik?", "Apa pernyataan Pj Gubernur Sulsel Zudan Arif Fakrulloh tentang logistik?"),
        ("Menurutnya, apa tantangan terbesar?", "Menurut Pj Gubernur Sulsel Zudan Arif Fakrulloh, apa tantangan terbesar?"),
        ("Apa yang disampaikannya?", "Apa yang disampaikan Pj Gubernur Sulsel Zudan Arif Fakrulloh?"),
        ("Di mana dia berbicara?", "Di mana Pj Gubernur Sulsel Zudan Arif Fakrulloh berbicara?"),
        ("Kapan ia mengatakan itu?", "Kapan Pj Gubernur Sulsel Zudan Arif Fakrulloh mengatakan itu?"),
        ("Apa lagi kata beliau?", "Apa lagi kata Pj Gubernur Sulsel Zudan Arif Fakrulloh?"),
        ("Siapa yang hadir di rapat itu?", "Siapa yang hadir di Rapat koordinasi “Kesiapan Pilkada Serentak”?"),
        ("Kapan acara tersebut digelar?", "Kapan Rapat koordinasi “Kesiapan Pilkada Serentak” digelar?"),
        ("lalu siapa lagi yang berbicara di sana?", "Siapa lagi yang berbicara di Hotel Contoh Makassar?"),
        ("What did he say about neutrality?", "What did Pj Gubernur Sulsel Zudan Arif Fakrulloh say about neutrality?"),
        ("What was her statement on civil servants?", "What was Pj Gubernur Sulsel Zudan Arif Fakrulloh's statement on civil servants?"),
        ("Who else spoke at that meeting?", "Who else spoke at Rapat koordinasi “Kesiapan Pilkada Serentak”?"),
        ("And who else spoke there?", "Who else spoke at Hotel Contoh Makassar?"),
        # nothing to resolve: the question comes back untouched, connective and all
        ("dan apa kata Kapolda soal TPS?", "dan apa kata Kapolda soal TPS?"),
        ("Bagaimana tahapannya?", "Bagaimana tahapannya?"),
        ("Is there a meeting in Bali?", "Is there a meeting in Bali?"),
        ("Apa kata media?", "Apa kata media?"),
    ],
)
def test_references_are_spelled_out(question: str, rewritten: str) -> None:
    assert rewrite(question, SULSEL) == rewritten
    assert has_reference(question) == (question != rewritten)


@pytest.mark.parametrize(
    ("ref", "question", "rewritten"),
    [
        (Referents(), "Apa katanya soal netralitas?", "Apa katanya soal netralitas?"),
        (Referents(place="Balikpapan"), "Apa katanya soal netralitas?", "Apa katanya soal netralitas?"),
        (Referents(speaker="Kasrem 162/WB"), "Siapa yang hadir di rapat itu?", "Siapa yang hadir di rapat itu?"),
        (Referents(speaker="Kasrem 162/WB"), "dan apa katanya di rapat itu?", "Apa kata Kasrem 162/WB di rapat itu?"),
    ],
)
def test_only_known_referents_are_resolved(ref: Referents, question: str, rewritten: str) -> None:
    assert rewrite(question, ref) == rewritten


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("Apa kata Pj Gubernur Sulsel?", "Pj Gubernur Sulsel"),
        ("Apa kata Kasrem 162/WB soal netralitas TNI?", "Kasrem 162/WB"),
        ("Bagaimana tanggapan Ketua KPU NTB tentang logistik?", "Ketua KPU NTB"),
        ("What did the Kapolda say about security?", "Kapolda"),
        ("Apa yang disampaikan Sekda Kaltim dalam rakor?", "Sekda Kaltim"),
        ("Siapa yang mengatakan pelanggaran akan dikenai sanksi?", ""),
        ("Apa kata dia?", ""),
    ],
)
def test_whom_a_question_names(question: str, who: str) -> None:
    assert asked_person(question) == who


@pytest.mark.parametrize(
    ("asked", "name", "described", "phrase"),
    [
        ("Pj Gubernur Sulsel", "Zudan Arif Fakrulloh", "Penjabat Gubernur Sulawesi Selatan Zudan Arif Fakrulloh",
         "Pj Gubernur Sulsel Zudan Arif Fakrulloh"),
        ("Pj Gubernur Sulsel", "Zudan Arif Fakrulloh", "", "Pj Gubernur Sulsel Zudan Arif Fakrulloh"),
        ("Zudan", "Zudan Arif Fakrulloh", "Penjabat Gubernur Sulawesi Selatan Zudan Arif Fakrulloh",
         "Penjabat Gubernur Sulawesi Selatan Zudan Arif Fakrulloh"),
        ("Pj Gubernur Sulsel Zudan Arif Fakrulloh", "Zudan Arif Fakrulloh", "", "Pj Gubernur Sulsel Zudan Arif Fakrulloh"),
        ("Pj Gubernur Sulsel", "Hadi Tjahjanto", "Menko Polhukam Hadi Tjahjanto", "Menko Polhukam Hadi Tjahjanto"),  # another person
        ("", "Susanto Lastua Manurung", "Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung",
         "Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung"),
        ("Kapolda NTB", "", "", "Kapolda NTB"),
    ],
)
def test_speaker_phrase(asked: str, name: str, described: str, phrase: str) -> None:
    assert speaker_phrase(asked, name, described) == phrase


def test_history_forms() -> None:
    answer = {"question": "Apa kata X?", "speaker": "X", "citations": []}
    history: list[Any] = ["Apa kata A?", ["Apa kata B?", json.dumps(answer)], ("Apa kata C?", answer), answer, 42, [], "  ",
                          ["Apa kata D?", "bukan json"]]
    usable = [Turn("Apa kata B?", answer), Turn("Apa kata C?", answer), Turn("Apa kata X?", answer), Turn("Apa kata D?")]
    assert parse_history(history) == usable  # the last four usable turns
    assert parse_history(None) == [] and parse_history([{"answer": "tanpa pertanyaan"}]) == []


FIRST = "Apa kata Pj Bupati Madiun?"
FOLLOW = "dan apa katanya soal ASN?"
RESOLVED = "Apa kata Pj Bupati Madiun Tontro Pahlawanto soal ASN?"


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
