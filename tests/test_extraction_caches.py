"""The memoized and short-cut paths of extraction give exactly what the plain functions give."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.corpus import content_paragraphs, paragraph_spans, read_article
from rag.meetings import extract_meetings
from rag.names import parse_speaker, split_people
from rag.quotes import extract_statements
from rag.sentences import find_quotes, tokenize
from rag.subjects import people_in, speaker_in
from rag.types import Article

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


def _pair_reference(text: str, marks: str, openers: str) -> list[tuple[int, int]]:
    """The original character-by-character quote pairing, to compare against."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for i, ch in enumerate(text):
        if ch not in marks:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        open_ctx = before.isspace() or before in "([{:—–-" or i == 0
        close_ctx = not before.isspace() and (after.isspace() or after in ",.;:!?)]—–-" + marks)
        if opened is None:
            if open_ctx or ch in openers:
                opened = i
        elif close_ctx and i > opened + 1:
            pairs.append((opened, i))
            opened = None
        elif open_ctx and (ch in openers or ch == '"'):
            opened = i
    if opened is not None and len(text) - opened > 40 and not text.rstrip().endswith(":"):
        pairs.append((opened, len(text)))
    return pairs


def test_find_quotes_matches_the_reference_pairing() -> None:
    """Scanning only the quote marks pairs them as the per-character loop did."""
    samples = [p.read_text(encoding="utf-8") for p in ARTICLES]
    samples += ["‘Kita siap,’ katanya. ‘Aman’", '"a" b "c', "«Ini» kata „dia“ lalu \"selesai sudah semuanya di sini dan sana\""]
    for text in samples:
        for para in text.split("\n"):
            expected = _pair_reference(para, "“”\"«»„", "“«„") or _pair_reference(para, "‘’", "‘")
            assert find_quotes(para) == expected


def test_extraction_is_the_same_when_repeated() -> None:
    """Extracting an article twice (the second time from warm caches) gives the same rows."""
    for path in ARTICLES:
        article = read_article(path, path.name, 5_000_000)
        first = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        again = (extract_meetings(article), extract_statements(article, extract_meetings(article)))
        assert first == again
