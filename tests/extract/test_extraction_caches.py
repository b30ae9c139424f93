"""The memoized and short-cut paths of extraction give exactly what the plain functions give."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.extract.meetings.records import extract_meetings
from rag.extract.people.listing import split_people
from rag.extract.people.names import parse_speaker
from rag.extract.speech.quotes import extract_statements
from rag.extract.speech.subjects import people_in, speaker_in
from rag.ingest.corpus import read_article

TESTS = Path(__file__).resolve().parents[1]
ARTICLES = sorted((TESTS / "data" / "articles").glob("*.txt"))[:6]

MENTIONS = [
    "Pj Gubernur Kaltim Akmal Malik",
    "Kapolda Kaltim Irjen Pol Nanang Avianto dan Danrem 091/ASN Brigjen TNI Dendi Suryadi",
    "Kapolres Gresik AKBP Rovan Richard Mahenu, Dandim 0817 Letkol Inf Ahmad Fachrur Rozi serta Bupati Fandi Akhmad Yani",
    "Ketua KPU DAN Ketua Bawaslu",
    "Bupati & Wakil Bupati",
    "Sekda Kabupaten Berau; Kepala Kesbangpol",
    "Sekretaris Daerah Provinsi Jawa Barat Herman Suryatman selaku Ketua Desk Pilkada",
    "Kepala Dinas Pendidikan",
    "Dandan Sudarsono",
    "Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung",
    "José Serta Ramírez",
    "",
]


@pytest.mark.parametrize("mention", MENTIONS)
def test_people_in_equals_split_people(mention: str) -> None:
    """The cached splitter, with its no-separator short cut, returns split_people's spans."""
    assert people_in(mention) == tuple(split_people(mention))
    assert people_in(mention, ("Berau",)) == tuple(split_people(mention, ("Berau",)))


@pytest.mark.parametrize("mention", MENTIONS)
def test_speaker_in_equals_parse_speaker(mention: str) -> None:
    """The cached parser returns what parse_speaker returns, with and without places."""
    assert speaker_in(mention) == parse_speaker(mention)
    assert speaker_in(mention, ("Gresik",)) == parse_speaker(mention, ("Gresik",))


def test_extraction_is_the_same_when_repeated() -> None:
    """Extracting an article twice (the second time from warm caches) gives the same rows."""
    for path in ARTICLES:
        article = read_article(path, path.name, 5_000_000)
        first = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        again = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        assert first == again
