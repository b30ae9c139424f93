"""Finding the events an article reports: kind, name, organizer, venue, place, date.

Kinds, trigger verbs and venue words come from ``rag/data/events.json``. One
article may report several events (a rakor closed by a deklarasi): each kind
becomes its own Meeting; the event the headline names (else the first one)
comes first. A closing event without its own venue/date shares the main one's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from functools import cache

from .corpus import content_paragraphs
from .datetext import find_dates, resolve
from .headers import article_outlet, article_title, is_header_line, publication_date, title_span
from .lexicon import fold, load, word_set
from .meetingparts import event_name, organizer_in
from .places import dateline, lookup, places_after_di, venue_after_di
from .sentences import find_quotes, mask, sentences, tokenize
from .types import Article, Meeting

log = logging.getLogger(__name__)

__all__ = ["article_outlet", "article_title", "extract_meetings", "meeting_index"]


@dataclass(frozen=True)
class Block:
    """A stretch of article text (one or more paragraphs) and its quote-masked copy."""

    start: int
    end: int
    masked: str


@dataclass
class _Event:
    """An event being assembled from its mentions."""

    kind: str
    first: tuple[int, int, int, int]  # phrase start/end, sentence start/end (article offsets)
    closing: bool
    sentences: list[tuple[Block, int, int]] = field(default_factory=list)  # (block, s, e) block-relative
    past: bool = False  # "yang pada Juli lalu memimpin rakor ...": an earlier event recalled


@cache
def _kind_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Compile one regex over every event phrase; map folded phrase -> kind."""
    phrase_kind: dict[str, str] = {}
    for kind, spec in load("events")["kinds"].items():
        for phrase in spec["phrases"]:
            phrase_kind.setdefault(fold(phrase), kind)
    alts = sorted(phrase_kind, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), phrase_kind


def _strong(kind: str) -> bool:
    """Return True for kinds that are events by themselves (rakor, FGD...)."""
    return bool(load("events")["kinds"][kind]["strong"])


def extract_meetings(article: Article) -> list[Meeting]:
    """Return the events the article reports, the main one first."""
    blocks = _blocks(article)
    events = _events(article, blocks)
    if not events:
        return []
    head = _head_kind(article)
    events.sort(key=lambda ev: (ev.past, ev.kind != head, ev.closing, ev.first[0]))
    base = {"source": article.source, "outlet": article_outlet(article), "title": article_title(article)}
    meetings = [_build(article, blocks, ev, base, n == 0) for n, ev in enumerate(events)]
    main = meetings[0]
    return [main] + [_inherit(m, main) if ev.closing else m for m, ev in zip(meetings[1:], events[1:], strict=True)]


def meeting_index(meetings: list[Meeting] | tuple[Meeting, ...], offset: int, text: str = "") -> int | None:
    """Return the index of the meeting a statement at ``offset`` belongs to (nearest before, else main).

    With the article ``text``, events merely recalled ("rakor ... pada Juli lalu") are skipped.
    """
    if not meetings:
        return None
    live = [(m.start, i) for i, m in enumerate(meetings) if not (i and text and is_past_reference(text[m.start : m.end]))]
    before = [pair for pair in live if pair[0] <= offset]
    return max(before)[1] if before else 0


def is_past_reference(sentence: str) -> bool:
    """Return True for a sentence that recalls an earlier event ('pada Juli lalu') or announces a later one."""
    low = " ".join(fold(sentence).split())
    return bool(re.search(r"\b(?:lalu|silam|sebelumnya|akan|mendatang|rencananya|direncanakan)\b", low)) and "hari ini" not in low


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
        out.append(Block(s, e, mask(text, find_quotes(text))))
    return out


def _continues(previous: str, nxt: str) -> bool:
    """Return True when ``nxt`` continues ``previous`` (an open quote, or a sentence cut mid-way)."""
    marks = sum(previous.count(c) for c in "“”\"")
    if marks % 2 == 1 and any(c in nxt for c in "”\""):
        return True
    return not previous.rstrip().endswith((".", "!", "?", "”", '"', ":", ")")) and nxt[:1].islower()


def _head_kind(article: Article) -> str:
    """Return the event kind the headline names, or ''."""
    pattern, kinds = _kind_pattern()
    m = pattern.search(article_title(article))
    return kinds.get(_norm(m.group())) if m else ""


def _norm(phrase: str) -> str:
    """Fold an event phrase and collapse its white space."""
    return " ".join(fold(phrase).split())


def _events(article: Article, blocks: list[Block]) -> list[_Event]:
    """Group the event mentions of the body into events."""
    pattern, kinds = _kind_pattern()
    events: list[_Event] = []
    for block in blocks:
        for s, e in sentences(block.masked):
            attached = False
            for m in pattern.finditer(block.masked, s, e):
                kind = kinds[_norm(m.group())]
                attached |= _place_mention(events, block, kind, m.start(), m.end(), s, e)
            if not attached and events and _anaphor(block.masked, s, e):
                events[0].sentences.append((block, s, e))
    return events


def _place_mention(events: list[_Event], block: Block, kind: str, a: int, b: int, s: int, e: int) -> bool:
    """Attach one kind mention to its event or start a new event; return True if used."""
    same = [ev for ev in events if ev.kind == kind]
    if not same and kind in ("rapat", "pertemuan") and events:
        same = events[:1]
    if same:
        if (block, s, e) not in same[0].sentences:
            same[0].sentences.append((block, s, e))
        return True
    closing = _closing_before(block.masked, s, a)
    if not (_strong(kind) or closing or _triggered(block.masked, s, e, a, b)):
        return False
    off = block.start
    past = bool(events) and is_past_reference(block.masked[s:e])
    events.append(_Event(kind, (off + a, off + b, off + s, off + e), closing, [(block, s, e)], past))
    return True


def _triggered(masked: str, s: int, e: int, a: int, b: int) -> bool:
    """Return True when an event verb stands right before or after the phrase."""
    triggers = word_set("events", "triggers")
    before = [fold(t.text) for t in tokenize(masked, s, a)][-3:]
    after = [fold(t.text) for t in tokenize(masked, b, e)][:4]
    after = [w for w in after if w not in ("yang", "ini", "tersebut", "itu", "pun", ",")]
    return any(w in triggers for w in before) or any(w in triggers for w in after[:2])


def _closing_before(masked: str, s: int, a: int) -> bool:
    """Return True when 'diakhiri dengan' / 'ditutup dengan' comes right before the phrase."""
    window = " ".join(fold(masked[max(s, a - 60) : a]).split())
    return any(window.endswith(c) for c in word_set("events", "closing"))


def _anaphor(masked: str, s: int, e: int) -> bool:
    """Return True for a sentence like 'Acara yang dihelat di ...' about the main event."""
    toks = [fold(t.text) for t in tokenize(masked, s, e)]
    return bool(toks) and toks[0] in word_set("events", "anaphors") and bool(set(toks[:6]) & word_set("events", "triggers"))


def _build(article: Article, blocks: list[Block], ev: _Event, base: dict[str, str], main: bool) -> Meeting:
    """Fill a Meeting's fields from the sentences of one event."""
    a, b, s, e = ev.first
    name = event_name(article.text, a, b, e)
    organizer = next((o for blk, s0, e0 in ev.sentences if (o := organizer_in(blk.masked, s0, e0))), "")
    venue, city, province = _where(article, blocks, ev)
    date_text, date = _when(article, blocks if main else [], ev)
    first, last = article.lines_of(s, e)
    return Meeting(
        source=base["source"], event=ev.kind, name=name, organizer=organizer, venue=venue, city=city,
        province=province, date=date, date_text=date_text, outlet=base["outlet"], title=base["title"],
        start=s, end=e, start_line=first, end_line=last,
    )


def _where(article: Article, blocks: list[Block], ev: _Event) -> tuple[str, str, str]:
    """Return (venue, city, province) from the event's sentences and the dateline."""
    venues = [v for blk, s, e in ev.sentences for v in venue_after_di(blk.masked, s, e)]
    plain = [p for blk, s, e in ev.sentences for p in places_after_di(blk.masked, s, e)]
    blk, s0, e0 = ev.sentences[0]
    after_phrase = [p for p in places_after_di(blk.masked, ev.first[1] - blk.start, e0)]
    venue = venues[0].text if venues else (after_phrase[0].text if after_phrase and not ev.closing else "")
    city = next((v.city for v in venues if v.city), "") or next((p.city for p in plain if p.city), "")
    province = next((v.province for v in venues if v.province), "") or next((p.province for p in plain if p.province), "")
    if city and not province:
        province = lookup(city)[1]
    line = dateline(article.text[blocks[0].start : blocks[0].end]) if blocks else None
    if line and city and not province and line.city:
        city = ""  # an unknown word after the venue loses to a known dateline city
    if line and (not province or line.province == province):
        city = city or line.city
        province = province or line.province
    return venue, city, province


def _when(article: Article, blocks: list[Block], ev: _Event) -> tuple[str, str | None]:
    """Return (date_text, ISO date) of the event: its own sentences first, then a lone dated weekday."""
    header = publication_date(article)
    hits = [h for blk, s, e in ev.sentences for h in _shift(find_dates(blk.masked, s, e), blk) if not h.future]
    full = [h for h in hits if h.day]
    if not full:
        body = [h for blk in blocks for h in _shift(find_dates(blk.masked), blk) if h.day and h.weekday is not None and not h.future]
        if len({(h.day, h.month, h.year) for h in body}) == 1:
            full = body[:1]
    pick = full[0] if full else (hits[0] if hits else None)
    if pick is None:
        return "", None
    return pick.text, resolve(pick, article.text, header)


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
