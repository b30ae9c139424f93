"""What a question asks for: the venue itself, and which sentences name one."""

from __future__ import annotations

import pytest

from rag.answer.asks import asked_object, asked_title, asked_venue_kind, asks_holder, asks_venue, asks_which_person, venue_of_kind
from rag.answer.naming import names_venue
from rag.query.analysis import analyze


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Di gedung mana rakor pengamanan Pilkada digelar?", True),
        ("In which hotel was the coordination meeting held?", True),
        ("Apa nama hotel di Kota Raha tempat KPU Muna menggelar FGD?", True),
        ("What is the name of the hall where the declaration was held?", True),
        ("Siapa nama Kapolres Ende yang hadir di Hotel Flores Mandiri?", False),  # a person's name; the hotel is a clue
        ("Kapan rakor di Aula Melati digelar?", False),
    ],
)
def test_asks_venue(question: str, expected: bool) -> None:
    assert asks_venue(analyze(question)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rakor digelar di Aula Hotel Flores Mandiri pada Senin.", True),
        ("Deklarasi bertempat di Grand Hotel, Kupang.", True),
        ("Rapat digelar di ruang rapat Bupati.", True),
        ("FGD dilakukan di salah satu hotel di Kota Raha, Jumat.", False),  # a hotel, not which
        ("Rapat di hotel kemarin berjalan lancar.", False),
    ],
)
def test_names_venue(text: str, expected: bool) -> None:
    assert names_venue(text) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Siapa Kapolres Sukabumi?", True),
        ("Who is the Tangerang Selatan police chief (Kapolres) who witnessed the signing?", True),  # a place, then the title
        ("Who is the Tulang Bawang Barat police chief who attended the declaration?", True),
        ("What is the name of the Bima deputy regent who opened the launch?", True),
        ("Siapa Budi Santoso?", False),  # a name, no title
        ("Who spoke at the meeting?", False),
    ],
)
def test_asks_holder(question: str, expected: bool) -> None:
    assert asks_holder(analyze(question)) is expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("Di hotel mana KPU Kubu Raya menggelar rakor?", "Rakor bertempat di lt. 1, Ruang Rapat Bupati, Selasa.", False),
        ("Di hotel mana KPU Buton Utara menggelar rakor?", "Rakor digelar di Hotel HB Kulisusu, Rabu.", True),
        ("In which hotel was the FGD held?", "FGD digelar di Swiss-Belhotel Kendari.", True),
        ("Di gedung mana rakor digelar?", "Rakor digelar di Pendopo Muda Graha.", True),  # a building: any venue answers
    ],
)
def test_a_distinct_venue_kind_is_answered_only_by_its_kind(question: str, text: str, expected: bool) -> None:
    assert venue_of_kind(asked_venue_kind(analyze(question)), text) is expected


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("Siapa Sekda Kabupaten Bintan yang mendampingi Kapolres dalam rakor?", "Sekda"),  # the other title is a clue
        ("Who is the Tangerang Selatan police chief (Kapolres) who witnessed the signing?", "Kapolres"),
        ("Siapa yang berbicara dalam rakor bersama Kapolres?", ""),
    ],
)
def test_the_title_asked_about_is_the_one_after_the_question_word(question: str, title: str) -> None:
    assert asked_title(analyze(question)) == title


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("Apa nama maskot Pilkada Bima yang diluncurkan KPU?", {"maskot"}),  # a sentence without the mascot names none
        ("Apa judul jingle Pilkada Bima?", {"jingle"}),
        ("What was the name of the mascot launched by KPU Bima?", {"mascot", "maskot"}),
        ("Apa nama Kapolres Bima?", set()),  # a person: the holder checks decide
        ("Apa yang disampaikan Ketua KPU Bima?", set()),
    ],
)
def test_the_thing_whose_name_is_asked(question: str, thing: set[str]) -> None:
    assert asked_object(analyze(question)) == thing


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Kepada Kapolsek mana petugas TPS melapor dalam simulasi?", True),  # the title is asked, nobody quoted
        ("Which Kapolres signed the declaration?", True),
        ("Di kecamatan mana AQUR unggul?", False),
        ("Apa yang disampaikan Kapolsek Asera?", False),
    ],
)
def test_which_titled_person_is_asked(question: str, expected: bool) -> None:
    assert asks_which_person(analyze(question)) is expected
