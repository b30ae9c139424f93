"""Which questions ask across the reports of one meeting (cue table), and where a question places its meeting."""

from __future__ import annotations

import pytest

from rag.answer.crossreport import asks_reports
from rag.answer.verify import placed_words
from rag.query.analysis import analyze


@pytest.mark.parametrize(
    ("question", "across"),
    [
        ("Menurut kedua laporan deklarasi Pilgub Kaltara, siapa Kajati yang hadir?", True),
        ("Dengan menggabungkan dua laporan pleno KPU Kota Kediri, berapa jumlah DPT?", True),
        ("Bagaimana dua media menyebut tempat rakor persiapan Pemilu Wonogiri?", True),
        ("Apa yang ditambahkan berita lain tentang deklarasi itu?", True),
        ("Combining the two reports on the Makassar ballot draw: who led it?", True),
        ("According to both reports, who spoke at the Sigi plenary?", True),
        ("What does the other outlet add about the venue?", True),
        ("Apa kata Ketua KPU Sigi tentang DPT?", False),
        ("Siapa Kapolres yang hadir di rakor bersama KPU dan Bawaslu?", False),  # "bersama" joins people, not reports
        ("Who are the two candidate pairs in Samosir?", False),
    ],
)
def test_questions_asking_across_reports(question: str, across: bool) -> None:
    assert asks_reports(analyze(question)) is across


@pytest.mark.parametrize(
    ("question", "placed"),
    [
        ("Media apa saja yang memberitakan deklarasi Polres Kepulauan Meranti di Selatpanjang?", {"Selatpanjang"}),
        ("Siapa Ketua Bawaslu yang hadir di Bundaran Besar?", {"Bundaran", "Besar"}),
        ("Who spoke at Hotel Claro on 23 September?", {"Hotel", "Claro"}),
        ("Siapa Ketua Bawaslu Kalteng yang menandatangani deklarasi?", set()),  # a role's region is no place of the meeting
    ],
)
def test_where_a_question_places_its_meeting(question: str, placed: set[str]) -> None:
    assert placed_words(question) == placed
