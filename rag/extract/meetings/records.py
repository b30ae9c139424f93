"""Finding the events an article reports: kind, name, organizer, venue, place, date.

Kinds, trigger verbs and venue words come from ``rag/data/events.json``. One
article may report several events (a rakor closed by a deklarasi, an apel held
the day before): ``rag.extract.meetings.events`` groups the mentions into events, this module
fills each Meeting; the event the headline names (else the first one) comes
first, recalled or announced events last. Which event a statement was made at
is ``rag.extract.meetings.refs.meeting_index``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace

from rag.core.dates import DateHit, find_dates, resolve, weekday_before
from rag.core.lexicon import word_set
from rag.core.sentences import find_quotes, mask, tokenize
from rag.core.types import Article, Meeting
from rag.extract.meetings.events import Block, Event, find_events
from rag.extract.meetings.parts import event_name, organizer_in
from rag.extract.meetings.places import Place, dateline, lookup, places_after_di, venue_after_di
from rag.extract.meetings.refs import is_past_reference, kind_pattern, meeting_index, norm
from rag.ingest.corpus import content_paragraphs
from rag.ingest.headers import article_outlet, article_title, is_header_line, publication_date, title_span

log = logging.getLogger(__name__)

__all__ = ["article_outlet", "article_title", "extract_meetings", "is_past_reference", "meeting_index"]


def extract_meetings(article: Article) -> list[Meeting]:
    """Return the events the article reports, the main one first."""
    blocks = _blocks(article)
    events = find_events(blocks) or find_events(blocks, lenient=True)  # every article reports some event
    if not events:
        return []
    head = _head_kind(article)
    events.sort(key=lambda ev: (ev.past, ev.kind != head, ev.closing, ev.first[0]))
    base = {"source": article.source, "outlet": article_outlet(article), "title": article_title(article)}
    line = _dateline(article, blocks)
    meetings = [_build(article, blocks, ev, base, n == 0, line) for n, ev in enumerate(events)]
    main = meetings[0]
    out = [main]
    for m, ev in zip(meetings[1:], events[1:], strict=True):
        if not ev.closing and not ev.past and _SAME_DAY.search(" ".join(blk.masked[a:b] for blk, a, b in ev.sentences[:2])):
            m = replace(m, date=None, date_text="")  # "Siang harinya, rakor digelar ...": the main event's day
        out.append(_inherit(m, main) if ev.closing else _same_day(m, main) if not ev.past else m)
    return out


_SAME_DAY = re.compile(r"\b(?:(?:pagi|siang|sore|malam)\s+harinya|(?:pada|di)\s+hari\s+yang\s+sama|hari\s+itu\s+juga)\b", re.IGNORECASE)


def _blocks(article: Article) -> list[Block]:
    """Return body paragraphs (header chrome and headline left out), joined when a quote spans them."""
    span = title_span(article)
    paras = [p for p in content_paragraphs(article) if not (span and p.start <= span[0] < p.end)]
    paras = [p for p in paras if not (p.start < 600 and is_header_line(p.text))]
    merged: list[tuple[int, int]] = []
    for p in paras:
        if merged and _continues(article.text[merged[-1][0] : merged[-1][1]], p.text):
            merged[-1] = (merged[-1][0], p.end)
        else:
            merged.append((p.start, p.end))
    out = []
    for s, e in merged:
        text = article.text[s:e]
        out.append(Block(s, e, mask(text, [q for q in find_quotes(text) if not _quoted_title(text, q)])))
    return out


TITLE_CHARS = 200  # the longest quoted event title ("Apel Akbar Pengawasan ... tahun 2024")


def _quoted_title(text: str, quote: tuple[int, int]) -> bool:
    """Return True for a quoted event title, not speech: short, after a title noun or theme marker ("kegiatan “...”")."""
    a, b = quote
    before = " ".join(text[max(0, a - 30) : a].lower().split())
    cues = word_set("events", "title_nouns") | word_set("events", "theme_markers")
    return b - a <= TITLE_CHARS and any(before.endswith(c) for c in cues)


def _continues(previous: str, nxt: str) -> bool:
    """Return True when ``nxt`` continues ``previous`` (an open quote, or a sentence cut mid-way)."""
    marks = sum(previous.count(c) for c in "“”\"")
    if marks % 2 == 1 and (any(c in nxt for c in "”\"") or previous.rstrip().endswith(("“", "”", '"'))):
        return True  # the quote opened at the paragraph's end ("mengadakan kegiatan ”") goes on in the next one
    return not previous.rstrip().endswith((".", "!", "?", "”", '"', ":", ")")) and nxt[:1].islower()


def _head_kind(article: Article) -> str:
    """Return the event kind the headline names ('Usai Deklarasi ..., Gelar Rakor' names the rakor), or ''."""
    pattern, kinds = kind_pattern()
    title = article_title(article)
    found = [m for m in pattern.finditer(title)]
    not_main = word_set("events", "not_main_cues")
    main = [m for m in found if not {w.text.lower() for w in tokenize(title, max(0, m.start() - 12), m.start())} & not_main]
    pick = (main or found)[:1]
    return kinds.get(norm(pick[0].group()), "") if pick else ""


def _dateline(article: Article, blocks: list[Block]) -> Place | None:
    """Return the dateline of the first body blocks (a byline paragraph may come before it)."""
    for blk in blocks[:3]:
        line = dateline(article.text[blk.start : blk.end])
        if line:
            return line
    return None


def _build(article: Article, blocks: list[Block], ev: Event, base: dict[str, str], main: bool, line: Place | None) -> Meeting:
    """Fill a Meeting's fields from the sentences of one event."""
    a, b, s, e = ev.first
    name = event_name(article.text, a, b, e)
    organizer = next((o for blk, s0, e0 in ev.sentences if (o := organizer_in(blk.masked, s0, e0))), "")
    venue, city, province = _where(ev, line)
    if not province:
        province = lookup(article.text[s:e])[1] or lookup(name)[1]
    date_text, date = _when(article, blocks if main else [], ev)
    first, last = article.lines_of(s, e)
    return Meeting(
        source=base["source"], event=ev.kind, name=name, organizer=organizer, venue=venue, city=city,
        province=province, date=date, date_text=date_text, outlet=base["outlet"], title=base["title"],
        start=s, end=e, start_line=first, end_line=last,
    )


def _where(ev: Event, line: Place | None) -> tuple[str, str, str]:
    """Return (venue, city, province) from the event's sentences and the dateline."""
    venues = [v for blk, s, e in ev.sentences for v in venue_after_di(blk.masked, s, e)]
    plain = [p for blk, s, e in ev.sentences for p in places_after_di(blk.masked, s, e)]
    blk, s0, e0 = ev.sentences[0]
    after_phrase = [p for p in places_after_di(blk.masked, max(s0, ev.first[1] - blk.start), e0)]
    venue = venues[0].text if venues else (after_phrase[0].text if after_phrase and not ev.closing else "")
    city = next((v.city for v in venues if v.city), "") or next((p.city for p in plain if p.city), "")
    province = next((v.province for v in venues if v.province), "") or next((p.province for p in plain if p.province), "")
    if city and not province:
        province = lookup(city)[1]
    if line and city and not province and line.city and not (venues and lookup(venues[0].text)[1]):
        city = ""  # an unknown word after the venue loses to a known dateline city (unless the venue names its region)
    if line and (not province or line.province == province):
        city = city or line.city
        province = province or line.province
    return venue, city, province


def _when(article: Article, blocks: list[Block], ev: Event) -> tuple[str, str | None]:
    """Return (date_text, ISO date) of the event: its own sentences first, then a lone dated weekday."""
    header = publication_date(article)
    hits = [h for blk, s, e in ev.sentences for h in _shift(find_dates(blk.masked, s, e), blk) if not h.future]
    full = [h for h in hits if h.day]
    bare = [h for h in hits if h.weekday is not None and h.day is None]
    if not full and bare and header:  # "..., Kamis lalu." in an article published on Saturday 16 November
        text = _with_time_word(article.text, bare[0])
        return text, weekday_before(bare[0].weekday, header, strictly=text.lower().endswith("lalu"))
    yesterday = not full and header and any(_YESTERDAY.search(blk.masked, s, e) for blk, s, e in ev.sentences)
    if yesterday:  # "... menggelar rakor, kemarin, di ..." in an article dated 13 November
        return "kemarin", (header - dt.timedelta(days=1)).isoformat()
    if not full:
        body = [h for blk in blocks for h in _shift(find_dates(blk.masked), blk) if h.day and h.weekday is not None and not h.future]
        if len({(h.day, h.month, h.year) for h in body}) == 1:
            full = body[:1]
    pick = full[0] if full else (hits[0] if hits else None)
    if pick is None:
        return "", None
    return pick.text, resolve(pick, article.text, header)


_YESTERDAY = re.compile(r"\bkemarin\b(?!\s+lalu)", re.IGNORECASE)


def _with_time_word(text: str, hit: DateHit) -> str:
    """Return a bare weekday's text with the "lalu" ("last") or time of day that follows it ("Senin pagi")."""
    m = re.match(r"(?:\s+(?:pagi|siang|sore|malam)\b)?(?:\s+lalu\b)?", text[hit.end :], re.IGNORECASE)
    return text[hit.start : hit.end + m.end()] if m else hit.text


def _shift(hits: list, blk: Block) -> list:
    """Return date hits with offsets moved from block-relative to article-relative."""
    return [replace(h, start=h.start + blk.start, end=h.end + blk.start) for h in hits]


def _inherit(m: Meeting, main: Meeting) -> Meeting:
    """Give a closing event the main event's venue, place and date where it has none."""
    return replace(
        m,
        venue=m.venue or main.venue, city=m.city or main.city, province=m.province or main.province,
        date=m.date or main.date, date_text=m.date_text or main.date_text,
    )


def _same_day(m: Meeting, main: Meeting) -> Meeting:
    """Give an undated event reported alongside the main one ('Usai apel, rakor digelar di ...') the main date."""
    if m.date or m.date_text:
        return m
    return replace(m, date=main.date, date_text=main.date_text, province=m.province or main.province)
