"""A region asked as a city (or a regency) is not backed by an article about the regency (or the city) of that name;
a place written short (initials, a two-word short form)."""

from __future__ import annotations

import pytest

from rag.answer.regions import kind_lacking, shortens

REGENCY = "KPU Kabupaten Solok menggelar pleno di Arosuka. Wakil Bupati Solok hadir. Pemkab Solok mendukung."
CITY = "KPU Kota Solok menggelar pleno. Wali Kota Solok membuka acara."
BOTH = "Pleno KPU Kabupaten Solok diikuti pula KPU Kota Solok."


@pytest.mark.parametrize(
    ("question", "text", "lacking"),
    [
        ("Berapa suara paslon di Kota Solok?", REGENCY, "Kota Solok"),
        ("How many votes were cast in Solok city?", REGENCY, "Kota Solok"),
        ("Siapa Wali Kota Solok yang hadir?", REGENCY, "Kota Solok"),
        ("Siapa Bupati Solok?", CITY, "Kabupaten Solok"),
        ("Di mana pleno KPU Kab. Solok digelar?", CITY, "Kabupaten Solok"),
        ("Berapa suara paslon di Kota Solok?", CITY, ""),
        ("Berapa suara paslon di Kota Solok?", BOTH, ""),  # the article writes both: another check decides
        ("Berapa suara paslon di Solok?", REGENCY, ""),  # no kind asked
        ("Berapa suara paslon di Kota Solok?", "Pleno digelar di Solok.", ""),  # no kind written
        ("What did the city officials say in Solok?", REGENCY, ""),  # "city" before the name is prose
    ],
)
def test_kind_lacking(question: str, text: str, lacking: str) -> None:
    assert kind_lacking(question, text) == lacking


@pytest.mark.parametrize(
    ("short", "run", "shortened"),
    [
        ("oi", ["ogan", "ilir"], True),  # "Bupati OI Panca ...": the initials of a two-word regency
        ("oki", ["ogan", "komering", "ilir"], True),
        ("kpu", ["komisi", "pemilihan", "umum"], True),
        ("bolmong", ["bolaang", "mongondow"], True),
        ("oi", ["ogan", "komering", "ilir"], False),  # two letters stand for two words only
        ("bolmong", ["bolaang", "mongondow", "timur"], False),  # the compass word qualifies the place
    ],
)
def test_a_place_written_short(short: str, run: list[str], shortened: bool) -> None:
    assert shortens(short, run) is shortened
