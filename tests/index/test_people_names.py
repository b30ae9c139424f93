"""A question's capitalized run that names a venue is not a person the corpus must quote."""

from __future__ import annotations

import pytest

from rag.index.people import names_a_venue


@pytest.mark.parametrize(
    ("text", "run", "venue"),
    [
        ("How do the two reports differ in locating Gedung Bagas Raya?", ["gedung", "bagas"], True),
        ("Deklarasi digelar di Hotel Novotel Bandar Lampung.", ["Novotel", "Bandar"], True),
        ("Apa pendapat moderator Bagus Setiawan tentang rakor?", ["bagus", "setiawan"], False),
    ],
)
def test_names_a_venue(text: str, run: list[str], venue: bool) -> None:
    assert names_a_venue(text, run) is venue
