"""An article's credit line: headline, outlet, publication date and URL.

Read from the article where it gives them (the first lines, a dateline
"KOTA, OUTLET –" or "OUTLET.COM, KOTA –", bylines, "Sumber:" / "Source:"
lines, URLs in the header or footer, timestamps such as
"Selasa, 13 Agustus 2024 | 21:15 WIB"), reusing `rag.headers`. A sidecar
``NAME.meta.json`` next to the seed (see `sidecar_path`) wins field by field.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from rag.core.dates import find_dates, header_date
from rag.core.lexicon import alternation, fold, resolve_place, word_set
from rag.core.types import Article, Credit, Skipped
from rag.ingest.headers import article_outlet, article_title, publication_date

log = logging.getLogger(__name__)

FIELDS = ("title", "outlet", "published", "url")
SIDECAR_SUFFIX = ".meta.json"
ALIASES = {"judul": "title", "headline": "title", "media": "outlet", "sitename": "outlet", "site": "outlet", "sumber": "outlet",
           "tanggal": "published", "date": "published", "diterbitkan": "published", "tautan": "url", "link": "url"}
MAX_FIELD_CHARS = 500

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
_LABEL = re.compile(
    r"^\W*(?P<label>sumber|source|judul|title|url|link|tautan|diterbitkan|dipublikasikan|terbit|published|tanggal(?:\s+terbit)?|"
    r"media|outlet)\s*:\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_LABEL_FIELD = {"sumber": "source", "source": "source", "judul": "title", "title": "title", "url": "url", "link": "url", "tautan": "url",
                "media": "outlet", "outlet": "outlet"}
_DATELINE = re.compile(
    r"^\W*(?P<a>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}),\s+(?P<b>[A-Za-z][\w.'-]*(?:\s+[A-Za-z][\w.'-]*){0,3})\s*[–—-]+\s"
)
_DOMAINISH = re.compile(r"\.(?:com|co\.id|id|net|org|news|co|tv|info|online)\b", re.IGNORECASE)
_WEEKDAYS = frozenset("senin selasa rabu kamis jumat jum'at sabtu minggu ahad monday tuesday wednesday thursday friday saturday sunday"
                      .split())
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg)(?:\?|$)", re.IGNORECASE)
_EDGE_LINES = 10


@lru_cache(maxsize=1)
def _teaser_line() -> re.Pattern[str]:
    """Return the pattern of a line that links another story ('Baca juga: ...')."""
    return re.compile(rf"^\W*(?:{alternation('boilerplate', 'teaser_leads')})\b", re.IGNORECASE)


def article_credit(article: Article, sidecar: Mapping[str, Any] | None = None) -> Credit:
    """Return the credit line of an article; the sidecar's non-empty fields win over extraction."""
    found = extract_credit(article)
    given = clean_meta(sidecar or {})
    merged = {f: given.get(f) or getattr(found, f) for f in FIELDS}
    return Credit(**merged)


def extract_credit(article: Article) -> Credit:
    """Return the credit fields an article's own text gives (None for each one it does not)."""
    lines = _nonblank_lines(article.text)
    edge = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if len(lines) > 2 * _EDGE_LINES else lines
    labelled = _labelled(edge)
    source = labelled.get("source", "")
    source_url = _first_url([source]) if source else None
    title = labelled.get("title") or _headline(article) or None
    outlet = labelled.get("outlet") or (not source_url and _source_outlet(source)) or _dateline_outlet(lines[:5])
    outlet = outlet or _lead_outlet(lines[:5])
    outlet = outlet or article_outlet(article) or _source_outlet(source) or None
    published = _published(article, labelled)
    url = labelled.get("url") and (_first_url([labelled["url"]]) or labelled["url"])
    url = url or source_url or _first_url(edge, with_path=True)
    return Credit(title=_clip(title), outlet=_clip(outlet), published=published, url=_clip(url))


def normalize_published(value: str) -> str | None:
    """Return an ISO date (yyyy-mm-dd) when ``value`` names a whole date, else the text as written (None if empty)."""
    text = " ".join(str(value).split())
    if not text:
        return None
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", text)
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}"
    hits = [h for h in find_dates(text) if h.day and h.month and h.year]
    if hits:
        h = hits[0]
        return f"{h.year:04d}-{h.month:02d}-{h.day:02d}"
    parsed = header_date([text]) if len(text) <= 60 else None
    return parsed.isoformat() if parsed else text


def clean_meta(meta: Mapping[str, Any]) -> dict[str, str]:
    """Return the credit fields of a sidecar or upload form: known keys (and Indonesian aliases), trimmed strings only."""
    out: dict[str, str] = {}
    for key, value in meta.items():
        field = ALIASES.get(str(key).lower(), str(key).lower())
        if field not in FIELDS or value is None or isinstance(value, (dict, list, bool)):
            continue
        text = " ".join(str(value).split())[:MAX_FIELD_CHARS]
        if text:
            out.setdefault(field, normalize_published(text) if field == "published" else text)
    return {k: v for k, v in out.items() if v}


def sidecar_path(seeds_dir: Path, source: str) -> Path:
    """Return where the sidecar of a seed lives: ``<name without its last suffix>.meta.json``.

    ``berita.txt`` -> ``berita.meta.json``; ``laporan.pdf.txt`` (text taken from ``laporan.pdf``) -> ``laporan.pdf.meta.json``.
    """
    name = Path(source)
    return seeds_dir / name.parent / f"{name.stem}{SIDECAR_SUFFIX}"


def read_sidecar(seeds_dir: Path, source: str) -> tuple[dict[str, str], str]:
    """Return a seed's sidecar fields and a problem ('' when fine or when there is no sidecar)."""
    path = sidecar_path(seeds_dir, source)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, ""
    except OSError as exc:
        return {}, f"tidak dapat dibaca ({exc.strerror or exc}); keterangan sumber diabaikan"
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        return {}, f"bukan JSON yang sah ({exc}); keterangan sumber diabaikan"[:300]
    if not isinstance(data, dict):
        return {}, "isinya harus objek JSON {\"title\", \"outlet\", \"published\", \"url\"}; keterangan sumber diabaikan"
    return clean_meta(data), ""


def credits_for(seeds_dir: Path, articles: list[Article]) -> tuple[dict[str, Credit], list[Skipped]]:
    """Return every article's credit line, and the sidecars that could not be read (the article stays indexed)."""
    credits: dict[str, Credit] = {}
    problems: list[Skipped] = []
    for article in articles:
        meta, problem = read_sidecar(seeds_dir, article.source)
        if problem:
            problems.append(Skipped(sidecar_path(Path(), article.source).as_posix(), problem))
        credits[article.source] = article_credit(article, meta)
    return credits, problems


def is_sidecar(name: str) -> bool:
    """Return True for a credit sidecar file name."""
    return name.lower().endswith(SIDECAR_SUFFIX)


def _nonblank_lines(text: str) -> list[str]:
    """Return the article's non-blank lines, stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _labelled(lines: list[str]) -> dict[str, str]:
    """Return the values of labelled lines ('Sumber: ...', 'Judul: ...', 'Diterbitkan: ...'), first of each kind."""
    out: dict[str, str] = {}
    for line in lines:
        m = _LABEL.match(line.replace("**", ""))
        if not m or len(line) > 300:
            continue
        label = m.group("label").lower()
        out.setdefault(_LABEL_FIELD.get(label, "published"), m.group("value").strip(" .|"))
    return out


_BYLINE = re.compile(r"\b(?:penulis|editor|reporter|pewarta|oleh|redaksi)\s*:|\|", re.IGNORECASE)


def _headline(article: Article) -> str:
    """Return the headline `rag.headers` finds, unless that first line is a byline or a timestamp."""
    title = article_title(article)
    if not title or _BYLINE.search(title) or _LABEL.match(title) or (len(title.split()) <= 6 and header_date([title])):
        return ""
    return title


def _source_outlet(value: str) -> str:
    """Return the outlet a 'Sumber:' line names: 'Antara', 'Kompas.com', or the host of a URL."""
    if not value:
        return ""
    url = _first_url([value])
    if url:
        host = re.sub(r"^https?://(?:www\.)?", "", url, flags=re.IGNORECASE).split("/")[0]
        return host
    name = re.split(r"\s*[,(|]\s*|\s+[–—-]\s+", value)[0].strip(" .")
    return name if 0 < len(name.split()) <= 5 else ""


def _dateline_outlet(lines: list[str]) -> str:
    """Return the outlet of a dateline 'BALI, AKSARANEWS.NET –' or 'TRIBUNNEWS.COM, MAKASSAR -'."""
    for line in lines:
        m = _DATELINE.match(line)
        if not m:
            continue
        a, b = m.group("a").strip(), m.group("b").strip()
        if _DOMAINISH.search(a) and not _DOMAINISH.search(b):
            return a
        if _DOMAINISH.search(b) or _looks_like_outlet(b):
            return b
    return ""


def _lead_outlet(lines: list[str]) -> str:
    """Return the outlet a line's lead names before its first dash, when the dateline is not "KOTA, OUTLET –": a
    domain ("Brebes//nasionaldetik.com –"), the part beside a place ("Kronologi, Gorontalo –", "TINDAK, Kab.Tasikmalaya-")
    or a lead in capitals that is no place and no institution ("PANTAU LAMPUNG –", not "POLDA MALUKU –")."""
    for line in lines:
        m = _LEAD.match(unicodedata.normalize("NFKC", line))
        if not m or len(m.group("rest").split()) < _LEAD_MIN_WORDS:
            continue
        head = _IN_BRACKETS.sub(r", \1", m.group("head"))  # "BIMA (NTBNOW.CO)": the domain in brackets is a part
        parts = [p.strip(" .()") for p in _LEAD_PARTS.split(head) if p.strip(" .()")]
        if not parts or any(ch.isdigit() for ch in m.group("head")) or len(parts) > 3:
            continue
        named = [p for p in parts if not _is_place(p) and not _institution(p)]
        domain = next((p for p in named if _DOMAINISH.search(p)), "")
        beside = named[0] if len(named) == 1 and len(parts) > 1 else ""
        capitals = named[0] if parts == named and len(parts) == 1 and named[0].isupper() else ""
        found = domain or beside or capitals
        if found and len(found.split()) <= 4:
            return found
    return ""


def _is_place(text: str) -> bool:
    """Return True when a dateline part names a place ("Kab.Tasikmalaya", "Kudus Jateng") or a weekday."""
    words = text.split()
    if words and words[0].lower() in _WEEKDAYS:
        return True
    return any(resolve_place(text)) or all(any(resolve_place(w)) for w in words)


def _institution(text: str) -> bool:
    """Return True when a dateline part is an institution or a title ("POLDA MALUKU", "Humas Polres")."""
    return any(fold(w) in word_set("titles", "org_words") or fold(w) in word_set("titles", "person_titles") for w in text.split())


_LEAD = re.compile(r"^\W*(?P<head>[^–—\n]{2,60}?)\s*(?:[–—]+|-{1,2}(?=\s*[A-Z]))\s*(?P<rest>.*)$")
_IN_BRACKETS = re.compile(r"\s*\(([^()]+)\)")
_LEAD_PARTS = re.compile(r"\s*(?:,|//|\|)\s*|\s+-\s+")
_LEAD_MIN_WORDS = 8  # a dateline opens a sentence, not a headline


def _looks_like_outlet(text: str) -> bool:
    """Return True when the second part of a dateline is a name, not a weekday, a date or a province."""
    words = text.split()
    if not words or words[0].lower().strip(",") in _WEEKDAYS or any(ch.isdigit() for ch in text):
        return False
    if any(resolve_place(text)):
        return False
    return all(w[:1].isupper() for w in words)


def _published(article: Article, labelled: dict[str, str]) -> str | None:
    """Return the publication date: a labelled line, else a header timestamp (ISO when whole)."""
    if labelled.get("published"):
        return normalize_published(labelled["published"])
    date = publication_date(article)
    return date.isoformat() if date else None


def _first_url(lines: list[str], with_path: bool = False) -> str | None:
    """Return the first URL of the lines (not 'Baca juga' links or images); ``with_path``: not a bare home page."""
    for line in lines:
        if _teaser_line().match(line):
            continue
        for m in _URL.finditer(line):
            url = m.group().rstrip(".,;:!?")
            path = re.sub(r"^https?://[^/]+", "", url, flags=re.IGNORECASE).strip("/")
            if _IMAGE.search(url) or (with_path and not path):
                continue
            return url
    return None


def _clip(value: str | None) -> str | None:
    """Return a trimmed value no longer than the field limit, or None."""
    if not value:
        return None
    text = " ".join(value.split())[:MAX_FIELD_CHARS]
    return text or None
