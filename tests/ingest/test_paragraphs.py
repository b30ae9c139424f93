"""Paragraph spans: lines counted while scanning equal the article's lines, and cached lists are fresh copies."""

from __future__ import annotations

from pathlib import Path

from rag.core.types import Article
from rag.ingest.corpus import content_paragraphs, news_text, paragraph_spans, read_article

TESTS = Path(__file__).resolve().parents[1]
ARTICLES = sorted((TESTS / "data" / "articles").glob("*.txt"))[:6]


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


def test_news_text_leaves_out_teasers_of_other_articles() -> None:
    """A "Baca juga" line names another article's regency: the article's own text does not have it."""
    text = "KPU Katingan meluncurkan maskot Pilkada.\n\nBaca Juga : Maskot Pilkada Diluncurkan KPU Gunung Mas\n\nAcara berlangsung meriah."
    news = news_text(Article("x.txt", text, "0" * 64))
    assert "Gunung Mas" not in news and "Katingan" in news and "meriah" in news
