"""Finding date expressions in Indonesian news text and resolving them to ISO dates.

Handles "Selasa (30/7/2024)", "Rabu (13/11/2024)", "Selasa (12/12)", "(30/07)",
"Selasa, 12 November 2024", "pada 5 November 2024", "Jul 31, 2024" and a bare
weekday ("..., Selasa."). A missing year comes from the article: the weekday
must fit, then the header date, then the year the article mentions most.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from rag.core.lexicon import fold, load

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DateHit:
    """One date expression: its span, parts and how it was written."""

    start: int
    end: int
    text: str
    day: int | None
    month: int | None
    year: int | None
    weekday: int | None  # 0 = Monday
    future: bool = False  # "... mendatang", "akan ... pada"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compile the date patterns from the calendar data file."""
    cal = load("calendar")
    wd = "|".join(sorted((re.escape(w) for w in cal["weekdays"]), key=len, reverse=True))
    mo = "|".join(sorted((re.escape(m) for m in cal["months"]), key=len, reverse=True))
    flags = re.IGNORECASE
    opt_wd = rf"(?:\b(?P<wd>{wd})\s*,?\s*)?"
    num = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{2,4}))?"
    named = (
        rf"(?:\b(?P<wd>{wd})\s*,?\s*(?:\(\s*)?)?\b(?:tanggal\s+|tgl\.?\s+)?"
        rf"(?P<d>\d{{1,2}})\s+(?P<mn>{mo})\.?(?:\s+(?P<y>\d{{4}}))?\b\)?"
    )
    return (
        re.compile(rf"{opt_wd}\(\s*{num}\s*\)", flags),
        re.compile(named, flags),
        re.compile(rf"\b(?P<mn>{mo})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", flags),
        re.compile(rf"{opt_wd}\b(?P<d>\d{{1,2}})[/-](?P<m>\d{{1,2}})[/-](?P<y>\d{{4}})\b", flags),
        re.compile(rf"\b(?P<wd>{wd})\b(?=\s*[.,;)]|\s*$|\s+(?:lalu|kemarin|malam|pagi|siang|sore)\b)", flags),
    )


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateHit]:
    """Return the date expressions inside ``text[start:end]`` in reading order (no overlaps)."""
    stop = len(text) if end is None else end
    cal = load("calendar")
    hits: list[DateHit] = []
    for pattern in _patterns():
        for m in pattern.finditer(text, start, stop):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            hit = _to_hit(text, m, cal)
            if hit:
                hits.append(hit)
    return sorted(hits, key=lambda h: h.start)


@lru_cache(maxsize=1024)
def months_written(text: str) -> frozenset[int]:
    """Return the months of every date a text writes, in words or in digits (cached: asked of whole articles)."""
    return frozenset(h.month for h in find_dates(text) if h.month)


def _ahead(before: str, markers: list[str]) -> bool:
    """Return True when a date closes a clause that opens with "menjelang" (no comma between): the day looked ahead to."""
    return re.search(rf"\b(?:{'|'.join(markers)})\b[^,.;()]*$", before) is not None


def _to_hit(text: str, m: re.Match[str], cal: dict) -> DateHit | None:
    """Turn a regex match into a validated DateHit, or None."""
    parts = m.groupdict()
    day = int(parts["d"]) if parts.get("d") else None
    month = int(parts["m"]) if parts.get("m") else cal["months"].get(fold(parts.get("mn") or "").rstrip("."))
    year = int(parts["y"]) if parts.get("y") else None
    if year is not None and year < 100:
        year += 2000
    if day is not None and not (1 <= day <= 31 and month and 1 <= month <= 12):
        return None
    if year is not None and not (cal["min_year"] <= year <= cal["max_year"]):
        return None
    weekday = cal["weekdays"].get(fold(parts["wd"])) if parts.get("wd") else None
    after = fold(text[m.end() : m.end() + 20])
    before = fold(text[max(0, m.start() - 45) : m.start()])
    future = any(after.lstrip(" ,").startswith(w) for w in cal["future_markers"]) or " akan " in f" {before} "
    future = future or _ahead(before, cal["ahead_markers"])  # "menjelang masa pencoblosan tanggal 27 November"
    return DateHit(m.start(), m.end(), m.group(), day, month, year, weekday, future)


def years_in(text: str) -> Counter[int]:
    """Count the plausible 4-digit years mentioned in ``text``."""
    cal = load("calendar")
    found = (int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text))
    return Counter(y for y in found if cal["min_year"] <= y <= cal["max_year"])


def resolve(hit: DateHit, context: str, header: dt.date | None = None) -> str | None:
    """Return the ISO date of ``hit``, inferring a missing year from the article, or None."""
    if hit.day is None or hit.month is None:
        return None
    if hit.year is not None:
        return _iso(hit.year, hit.month, hit.day)
    year = infer_year(hit.day, hit.month, hit.weekday, context, header)
    return _iso(year, hit.month, hit.day) if year else None


def infer_year(day: int, month: int, weekday: int | None, context: str, header: dt.date | None) -> int | None:
    """Pick the year of day/month: one whose weekday fits, then the header's, then the most mentioned."""
    counts = years_in(context)
    candidates = list(dict.fromkeys(([header.year, header.year - 1] if header else []) + [y for y, _ in counts.most_common()]))
    if weekday is not None:  # "Rabu, (15/11)" in an article on "Pemilu 2024": a Wednesday of 2023, the year before
        near = list(dict.fromkeys([*candidates, *(y + step for y in candidates for step in (-1, 1))]))
        fitting = [y for y in near if _weekday(y, month, day) == weekday]
        if fitting:
            return fitting[0]
        cycle = [y for y in load("calendar")["cycle_years"] if _weekday(y, month, day) == weekday]
        if not candidates and len(cycle) == 1:  # no year anywhere: "Senin, 23 September" of the election cycle
            return cycle[0]
    if header:
        guess = _date(header.year, month, day)
        if guess and guess > header + dt.timedelta(days=31):
            return header.year - 1
        return header.year
    if not counts:
        return None
    best = max(counts.values())
    return max(y for y, c in counts.items() if c == best)


def _date(year: int, month: int, day: int) -> dt.date | None:
    """Return a date or None when the parts do not form one."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(year: int, month: int, day: int) -> int | None:
    """Return the weekday of a date, or None when invalid."""
    d = _date(year, month, day)
    return d.weekday() if d else None


def _iso(year: int, month: int, day: int) -> str | None:
    """Return yyyy-mm-dd or None when invalid."""
    d = _date(year, month, day)
    return d.isoformat() if d else None


def header_date(lines: list[str]) -> dt.date | None:
    """Return the publication date of a short header line such as 'Jul 31, 2024 - 08:55'."""
    for line in lines:
        if (len(line) > 60 and not (len(line) <= 200 and _BYLINE.search(line))) or not re.search(r"(?:19|20)\d\d", line):
            continue
        hits = [h for h in find_dates(line) if h.day and h.month and h.year]
        if hits:
            return _date(hits[0].year, hits[0].month, hits[0].day)
        parsed = _dateparser(line)
        if parsed:
            return parsed
    return None


# a long byline: "Kota, Site – Sabtu, 16 November 2024 | Penulis: ..."
_BYLINE = re.compile(r"\||\b(?:Penulis|Editor|Reporter|Pewarta|Redaksi|Oleh)\s*:", re.IGNORECASE)


def weekday_before(weekday: int, header: dt.date, strictly: bool) -> str:
    """Return the ISO date of the last ``weekday`` on or before (``strictly``: before) the publication date."""
    back = (header.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return (header - dt.timedelta(days=back)).isoformat()


def _dateparser(line: str) -> dt.date | None:
    """Parse a header line with dateparser (Indonesian and English), or None."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(line.strip(" -–|"), languages=["id", "en"], settings=settings)
    except (ValueError, OverflowError, TypeError, RecursionError) as exc:
        log.debug("dateparser failed on %r: %s", line, exc)
        return None
    return parsed.date() if parsed else None


def month_number(word: str) -> int | None:
    """Return 1-12 for an Indonesian or English month name ("Juli", "July"), else None."""
    return load("calendar")["months"].get(word.lower().strip("."))
