"""What a question asks for: the venue itself, and which sentences name one."""

from __future__ import annotations

import pytest

from rag.answer.asks import asks_venue
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
