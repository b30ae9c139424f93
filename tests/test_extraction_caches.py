"""The memoized and short-cut paths of extraction give exactly what the plain functions give."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.sentences import find_quotes, tokenize
from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.people.names import parse_speaker, split_people
from rag.extract.speech.quotes import extract_statements
from rag.extract.speech.subjects import people_in, speaker_in
from rag.ingest.corpus import content_paragraphs, paragraph_spans, read_article

ROOT = Path(__file__).resolve().parent
ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))[:6]

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


def test_paragraph_spans_lines_match_article_lines() -> None:
    """Lines counted while scanning equal Article.lines_of, with blank lines and CRLF."""
    text = "Judul berita di sini ya\r\n\r\n  Paragraf satu.  \r\n\r\n\r\nParagraf dua\nbaris tiga\n\n   \n\nAkhir"
    article = Article("x.txt", text, "0" * 64)
    spans = paragraph_spans(article)
    assert [s.text for s in spans] == ["Judul berita di sini ya", "Paragraf satu.", "Paragraf dua", "baris tiga", "Akhir"]
    for s in spans:
        assert (s.start_line, s.end_line) == article.lines_of(s.start, s.end)
        assert s.text == text[s.start : s.end]


def test_cached_paragraph_lists_are_fresh_copies() -> None:
    """A caller changing the returned list does not change what the next caller gets."""
    article = read_article(ARTICLES[0], ARTICLES[0].name, 5_000_000)
    first = content_paragraphs(article)
    first.clear()
    assert content_paragraphs(article)
    spans = paragraph_spans(article)
    spans.pop()
    assert len(paragraph_spans(article)) == len(spans) + 1


def test_tokenize_limit_is_a_prefix() -> None:
    """A limited tokenization is the start of the full one."""
    text = "Pj Bupati (Sekda) mengatakan, “rakor ini penting” di Aula; Selasa (24/9/2024)."
    full = tokenize(text, 3, len(text) - 2)
    for limit in (0, 1, 6, 100):
        assert tokenize(text, 3, len(text) - 2, limit=limit) == full[:limit]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("‘Kita siap,’ katanya. ‘Aman’", ["‘Kita siap,’", "‘Aman’"]),
        ('"a" b "c', ['"a"']),  # a short unclosed tail is not a quote
        ('«Ini» kata „dia“ lalu "selesai sudah semuanya di sini"', ["«Ini»", "„dia“", '"selesai sudah semuanya di sini"']),
        ("Ia berkata, “Kami siap mengawal logistik sampai ke TPS terjauh di pulau-pulau kecil",
         ["“Kami siap mengawal logistik sampai ke TPS terjauh di pulau-pulau kecil"]),  # a long unclosed quote runs to the end
        ('Harga "wajar" katanya.', ['"wajar"']),
    ],
)
def test_find_quotes_pairs_marks(text: str, quoted: list[str]) -> None:
    assert [text[a : b + 1] for a, b in find_quotes(text)] == quoted


def test_extraction_is_the_same_when_repeated() -> None:
    """Extracting an article twice (the second time from warm caches) gives the same rows."""
    for path in ARTICLES:
        article = read_article(path, path.name, 5_000_000)
        first = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        again = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        assert first == again
