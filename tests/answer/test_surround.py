"""Whose account a sentence with no speaker of its own is (rag.answer.surround)."""

from __future__ import annotations

import pytest

from rag.answer.surround import accounts
from rag.core.types import Speaker, Statement


def _said(name: str, role: str = "") -> Statement:
    """Return a statement by one speaker (offsets do not matter here)."""
    return Statement("a.txt", 0, 1, 1, 1, "x", "direct", "kata", Speaker(name, role))


A, B, KAPOLDA = _said("Budi Santoso"), _said("Siti Aminah"), _said("", "Kapolda")
CASES = [
    (  # between two quotes of one speaker, naming no one: that speaker's account
        ["“Kami siap,” kata Budi.", "Pengamanan dibagi tiga lapis.", "“Semua aman,” tambahnya."],
        [A, None, A],
        [None, A, None],
    ),
    (  # between two speakers: nobody's
        ["“Kami siap,” kata Budi.", "Pengamanan dibagi tiga lapis.", "“Semua aman,” kata Siti."],
        [A, None, B],
        [None, None, None],
    ),
    (  # it names another person: not the speaker's account
        ["“Kami siap,” kata Budi.", "Rapat dihadiri Kapolres AKBP Joko Widodo.", "“Semua aman,” tambahnya."],
        [A, None, A],
        [None, None, None],
    ),
    (  # only a statement before it: not enough
        ["“Kami siap,” kata Budi.", "Pengamanan dibagi tiga lapis."],
        [A, None],
        [None, None],
    ),
    (  # a role-only speaker on both sides
        ["“Kami siap,” kata Kapolda.", "Personel disiagakan.", "“Aman,” ujar Kapolda."],
        [KAPOLDA, None, KAPOLDA],
        [None, KAPOLDA, None],
    ),
    (  # a statement ending in ':' lists points: each point is that speaker's, whoever it mentions
        ["Budi menegaskan ada tiga indikator, yakni:", "Pertama : Penyelenggara netral.", "Kedua : Kepala Kesbangpol Joko Susilo setuju."],
        [A, None, None],
        [None, A, A],
    ),
    (  # a statement not ending in ':' lists nothing
        ["Budi menegaskan ada tiga indikator.", "Pertama : Penyelenggara harus netral."],
        [A, None],
        [None, None],
    ),
]


@pytest.mark.parametrize(("texts", "said", "expected"), CASES)
def test_accounts(texts: list[str], said: list[Statement | None], expected: list[Statement | None]) -> None:
    """A sentence between two statements of one speaker, naming no one else, is that speaker's account."""
    assert accounts(texts, said) == expected
