"""The introduced pass: a bare title's paragraph, then a quote closed by a name alone, is one person."""

from __future__ import annotations

import pytest

from tests.extract.speechcases import said_by

HEAD = "Rakor Pilkada Takalar Digelar\n"
OPEN = "Rapat koordinasi digelar di Ruang Pola Kantor Bupati Takalar.\n"

# text -> (name, role, first words) of every statement
CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    (  # the title-only paragraph, then the quote closed by rank and name: one person, both statements
        OPEN + "Kapolres Takalar menegaskan komitmen menjaga netralitas.\n"
        "“Kami akan menegakkan hukum agar Pilkada berjalan lancar,” kata AKBP Gotham Hidayat.\n",
        [("Gotham Hidayat", "Kapolres Takalar", "komitmen menjaga netralitas"),
         ("Gotham Hidayat", "Kapolres Takalar", "Kami akan menegakkan")],
    ),
    (  # a paragraph in between: not joined
        OPEN + "Kapolres Takalar menegaskan komitmen menjaga netralitas.\nPersonel disiagakan di setiap TPS.\n"
        "“Kami akan menegakkan hukum agar Pilkada berjalan lancar,” kata AKBP Gotham Hidayat.\n",
        [("", "Kapolres Takalar", "komitmen menjaga netralitas"), ("Gotham Hidayat", "", "Kami akan menegakkan")],
    ),
    (  # the quote's speaker has a title of their own: another person
        OPEN + "Kapolres Takalar menegaskan komitmen menjaga netralitas.\n"
        "“Kami siap mengawal,” kata Dandim 1426 Letkol Inf Budi Santoso.\n",
        [("", "Kapolres Takalar", "komitmen menjaga netralitas"), ("Budi Santoso", "Dandim 1426", "Kami siap mengawal")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_introduced(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert said_by(HEAD + text) == expected
