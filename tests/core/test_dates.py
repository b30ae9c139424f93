"""Dates as news writes them: day/month forms, weekdays that pick the year, the year from the header date."""

from __future__ import annotations

import datetime as dt

import pytest

from rag.core.dates import find_dates, infer_year, resolve


@pytest.mark.parametrize(
    ("text", "context", "iso"),
    [
        ("Selasa (30/7/2024)", "", "2024-07-30"),
        ("Rabu (13/11/2024)", "", "2024-11-13"),
        ("Selasa (12/12)", "Pemilu 2024 ... Tahun 2023", "2023-12-12"),  # the weekday picks 2023
        ("Kamis (12/12)", "Pemilu 2024 ... Tahun 2023", "2024-12-12"),
        ("di Bali (30/07).", "Pilkada 2024 2024 Nomor 4 Tahun 2021", "2024-07-30"),
        ("Selasa, 12 November 2024", "", "2024-11-12"),
        ("pada 5 November 2024", "", "2024-11-05"),
        ("Jul 31, 2024 - 08:55", "", "2024-07-31"),
        ("Senin, 14 Oktober 2024", "", "2024-10-14"),
    ],
)
def test_date_forms(text: str, context: str, iso: str) -> None:
    hits = find_dates(text)
    assert len(hits) == 1
    assert resolve(hits[0], context) == iso


def test_bare_weekday_and_future_dates() -> None:
    hits = find_dates("di Pendopo Muda Graha Madiun, Selasa.")
    assert hits[0].text == "Selasa" and resolve(hits[0], "2024") is None
    assert find_dates("pada tanggal 27 November 2024 mendatang")[0].future
    assert find_dates("menjelang masa pencoblosan tanggal 27 November 2024")[0].future  # the day looked ahead to
    assert not find_dates("Rakor menjelang Pilkada, Senin 11 November 2024")[0].future  # the meeting's own day


def test_year_from_header_date() -> None:
    assert infer_year(30, 7, None, "", dt.date(2024, 7, 31)) == 2024
    assert infer_year(30, 12, None, "", dt.date(2025, 1, 2)) == 2024


def test_a_weekday_picks_the_year_next_to_the_one_written() -> None:
    """ "Rabu, (15/11)" in an article on "Pemilu 2024" with no date line: 15 November was a Wednesday in 2023."""
    assert infer_year(15, 11, 2, "Deklarasi Pemilu Damai 2024 di Mataram.", None) == 2023
    assert infer_year(15, 11, 4, "Deklarasi Pemilu Damai 2024 di Mataram.", None) == 2024  # a Friday: the year written


def test_with_no_year_anywhere_the_weekday_picks_the_election_cycle_year() -> None:
    """ "Senin, 23 September" in an article that writes no year: the Monday of 2023-2025 is 23 September 2024."""
    assert infer_year(23, 9, 0, "Deklarasi digelar Senin, 23 September.", None) == 2024
    assert infer_year(23, 9, None, "Deklarasi digelar 23 September.", None) is None  # no weekday: unknown
