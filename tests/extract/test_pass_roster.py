"""The roster pass: a short name, a bare role or a rank and nickname become the full person the article named."""

from __future__ import annotations

import pytest

from rag.extract.speech.passes import roster
from tests.extract.speechcases import said, said_by, without

HEAD = "Rakor Pilkada Madiun Digelar\n"
BUPATI = "Pj Bupati Madiun Tontro Pahlawanto membuka rakor di pendopo.\n"
KAPOLRES = "Kapolres Madiun AKBP Yanuar Kristanto memimpin apel pasukan.\n"

# text, (name, role, first words) with every pass, who without the roster pass
CASES: list[tuple[str, list[tuple[str, str, str]], list[str]]] = [
    (  # a short name
        HEAD + BUPATI + "“Sinergi ini penting untuk stabilitas wilayah,” ujar Tontro.\n",
        [("Tontro Pahlawanto", "Pj Bupati Madiun", "Sinergi ini penting")],
        ["Tontro"],
    ),
    (  # a bare role
        HEAD + BUPATI + "“Sinergi ini penting untuk stabilitas wilayah,” pesan Pj Bupati.\n",
        [("Tontro Pahlawanto", "Pj Bupati Madiun", "Sinergi ini penting")],
        ["Pj Bupati"],
    ),
    (  # a rank and a nickname: the article's only AKBP whose name starts the same
        HEAD + KAPOLRES + "“Semua personel siaga di TPS rawan,” kata AKBP Yan.\n",
        [("Yanuar Kristanto", "Kapolres Madiun", "Semua personel siaga")],
        ["Yan"],
    ),
    (  # the role of a person only the headline names
        "Kapolres Madiun AKBP Yanuar Kristanto Pastikan TPS Aman\n“Semua personel siaga di TPS rawan,” kata Kapolres Madiun.\n",
        [("Yanuar Kristanto", "Kapolres Madiun", "Semua personel siaga")],
        ["Kapolres Madiun"],
    ),
    (  # two people share the short name: it stays short
        HEAD + "Ketua KPU Madiun Sri Wahyuni dan Ketua Bawaslu Madiun Sri Handayani hadir.\n"
        "“Pengawas desa wajib melapor setiap sore,” kata Sri.\n",
        [("Sri", "", "Pengawas desa wajib")],
        ["Sri"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "before"), CASES)
def test_roster_expands(text: str, expected: list[tuple[str, str, str]], before: list[str]) -> None:
    assert said_by(text) == expected
    assert [who for who, _, _ in said(text, without(roster.run))] == before
