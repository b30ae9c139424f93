"""Follow-up questions: "dia", "-nya", "rapat itu", "di sana" (and English) resolved against the previous turn."""

from __future__ import annotations

import pytest

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
