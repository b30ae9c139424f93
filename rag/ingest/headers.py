"""An article's title, outlet and publication date, read from its first lines and footer."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from rag.core.dates import header_date
from rag.core.lexicon import resolve_place
from rag.core.types import Article

_DOMAIN = re.compile(
    r"(?<![/\w.@-])((?:[A-Za-z0-9-]+\.)+(?:co\.id|go\.id|or\.id|web\.id|my\.id|ac\.id|com|net|org|id|news|info|tv|online|co))(?![\w.-])",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"(?:copyright|hak\s+cipta)\s*(?:©|\(c\))?\s*(?:\d{4}\s*)?(?P<name>[^\n©]+?)\s*(?:\d{4})?\s*\.?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_SYMBOL = re.compile(r"^\s*©\s*(?:\d{4}\s*)?(?P<name>[^\n]+?)\s*(?:\d{4})?\s*$", re.MULTILINE)
_AGENCY = re.compile(r"^\s*[A-Z][A-Za-z. ]{1,40}\((?P<name>[A-Z][A-Za-z]{2,20})\)\s*[-–—]", re.MULTILINE)
_RESERVED = re.compile(r"[.,]?\s*(?:all rights reserved|hak cipta dilindungi(?: undang-undang)?)\.?\s*$", re.IGNORECASE)
_HEAD_CHARS = 800


def _lines(article: Article, limit: int = 12) -> list[tuple[int, str]]:
    """Return the first ``limit`` (at most 12) non-blank lines with their start offsets."""
    return list(_first_lines(article)[:limit])


@lru_cache(maxsize=8)
def _first_lines(article: Article) -> tuple[tuple[int, str], ...]:
    """Return the first 12 non-blank lines (read once per article: a one-line file is one huge line)."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\r\n]+", article.text):
        if m.group().strip():
            out.append((m.start(), m.group()))
        if len(out) >= 12:
            break
    return tuple(out)


def title_span(article: Article) -> tuple[int, int] | None:
    """Return the span of the headline: a markdown heading, or a short first line without final period."""
    lines = _lines(article)
    headings = [(s, t) for s, t in lines if t.lstrip().startswith("#") and len(t.strip("# ").split()) >= 4]
    if headings:
        s, t = max(headings, key=lambda pair: len(pair[1]))
        lead = len(t) - len(t.lstrip("# \t"))
        return s + lead, s + len(t.rstrip())
    if not lines:
        return None
    s, t = lines[0]
    text = t.strip()
    if 4 <= len(text.split()) <= 30 and len(text) < 220 and not text.endswith((".", ":", ",")) and not _DOMAIN.match(text):
        lead = len(t) - len(t.lstrip())
        return s + lead, s + len(t.rstrip())
    return None


def article_title(article: Article) -> str:
    """Return the article's headline, or '' when it has none."""
    span = title_span(article)
    return article.text[span[0] : span[1]].strip() if span else ""


def article_outlet(article: Article) -> str:
    """Return the news outlet: a site name in the header, a copyright line, a wire tag or a '# Site' heading."""
    head = article.text[:_HEAD_CHARS]
    m = _DOMAIN.search(head)
    if m:
        return m.group(1)
    for pattern in (_COPYRIGHT, _SYMBOL):
        found = [_RESERVED.sub("", x.group("name")).strip(" .,-") for x in pattern.finditer(article.text)]
        found = [f for f in found if 1 < len(f) <= 60]
        if found:
            return found[0]
    byline = _byline_outlet(article)
    if byline:
        return byline
    m = _AGENCY.search(head)
    if m:
        return m.group("name")
    for _, line in _lines(article, 4):
        text = line.strip()
        if text.startswith("# ") and len(text[2:].split()) <= 3:
            return text[2:].strip()
    return ""


_BYLINE_WORDS = re.compile(r"^(?:oleh|penulis|reporter|pewarta|editor|wartawan|sumber)\b|(?:19|20)\d\d", re.IGNORECASE)


def _byline_outlet(article: Article) -> str:
    """Return the site name of a byline 'Makassar Terkini | Penulis: X' or 'Gresik Update — Senin, ...'.

    A dateline ('BANDUNG – Sehari setelah ...', 'Kotamobagu — Polres ...') names a place, not an outlet.
    """
    for _, line in _lines(article, 5):
        parts = [p.strip() for p in re.split(r"\s[|—–]\s|\s-\s", line) if p.strip()]
        if len(parts) < 2 or not any(_BYLINE_WORDS.search(p) for p in parts[1:]):
            continue
        name = parts[0]
        if not (1 <= len(name.split()) <= 4 and all(w[:1].isupper() for w in name.split())) or _BYLINE_WORDS.search(name):
            continue
        if not _is_dateline(name, parts[1:]):
            return name
    return ""


def _is_dateline(name: str, rest: list[str]) -> bool:
    """Return True when a byline's first part is a dateline place rather than a site name."""
    if "," in name or (name.isupper() and " " not in name) or any(resolve_place(name)):
        return True
    body = " ".join(rest)
    prose = [w for w in body.split() if w.isalpha() and w.islower()]
    return len(prose) >= 3 and not re.search(r"^(?:oleh|penulis|reporter|pewarta|editor)\b", body, re.IGNORECASE)


def publication_date(article: Article) -> dt.date | None:
    """Return the publication date from a short header line ('Jul 31, 2024 - 08:55'), if any."""
    return header_date([line for _, line in _lines(article, 8)])


def is_header_line(text: str) -> bool:
    """Return True for header chrome: markdown headings, bylines with a site, bare date lines."""
    t = text.strip()
    if t.startswith("#"):
        return True
    if len(t) < 120 and _DOMAIN.search(t) and (" - " in t or "[" in t):
        return True
    return len(t) <= 40 and bool(re.search(r"(?:19|20)\d\d", t)) and len(t.split()) <= 7
