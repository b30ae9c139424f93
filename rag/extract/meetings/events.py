"""Grouping the event mentions of an article's body into events.

Each event-kind phrase owns the stretch of its sentence up to the next phrase of
another kind, so "Rakor ini tindak lanjut dari Deklarasi ... di Lapangan Gasibu,
Selasa (24/9/2024)" gives the deklarasi its own venue and date. A phrase starts
a new event when its kind is strong (rakor, FGD), a trigger verb stands next to
it, it closes the main event ("diakhiri dengan ..."), or its stretch names its
own venue or date. A recalled or announced event ("pada Agustus lalu",
"pekan depan akan ...") needs its own venue, place or date: a vague recall is
not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rag.core.dates import find_dates
from rag.core.lexicon import fold, load, speech_verbs, word_set
from rag.core.sentences import sentences, tokenize
from rag.extract.meetings.places import places_after_di, venue_after_di
from rag.extract.meetings.refs import is_past_reference, kind_pattern, norm


@dataclass(frozen=True)
class Block:
    """A stretch of article text (one or more paragraphs) and its quote-masked copy."""

    start: int
    end: int
    masked: str


@dataclass
class Event:
    """An event being assembled from its mentions."""

    kind: str
    first: tuple[int, int, int, int]  # phrase start/end, sentence start/end (article offsets)
    closing: bool
    sentences: list[tuple[Block, int, int]] = field(default_factory=list)  # (block, s, e) block-relative stretches
    past: bool = False  # "yang pada Juli lalu memimpin rakor ...": an earlier event recalled


@dataclass(frozen=True)
class _Mention:
    """One kind phrase in a sentence and the stretch it owns."""

    a: int
    b: int
    kind: str
    stop: int  # where its stretch ends (next phrase of another kind, else the sentence end)


@cache
def _strong(kind: str) -> bool:
    """Return True for kinds that are events by themselves (rakor, FGD...)."""
    return bool(load("events")["kinds"][kind]["strong"])


def find_events(blocks: list[Block], lenient: bool = False) -> list[Event]:
    """Group the event mentions of the body blocks into events, in reading order (``lenient``: in an article that names a day,
    the first mention of any kind starts one, for an article whose event no sentence names otherwise)."""
    pattern, kinds = kind_pattern()
    if lenient and not any(_dated(block.masked) for block in blocks):
        return []
    events: list[Event] = []
    for block in blocks:
        for s, e in sentences(block.masked):
            found = [
                (m.start(), m.end(), kinds[norm(m.group())])
                for m in pattern.finditer(block.masked, s, e)
                if not _ROOM.search(block.masked, max(s, m.start() - 12), m.start())  # "Ruang Rapat Bupati" is a room
            ]
            used = _sentence_events(events, block, _stretches(found, e), s, e, lenient)
            if not used and events and _anaphor(block.masked, s, e):
                events[0].sentences.append((block, s, e))
    return events


_ROOM = re.compile(r"\b(?:Ruang|Ruangan|Aula|Gedung|Balai|Wisma)\s+$")


def _stretches(found: list[tuple[int, int, str]], e: int) -> list[_Mention]:
    """Give each phrase the text up to the next phrase of another (non-generic) kind."""
    out: list[_Mention] = []
    for n, (a, b, kind) in enumerate(found):
        stop = next((x for x, _, k in found[n + 1 :] if k != kind and k not in word_set("events", "generic_kinds")), e)
        out.append(_Mention(a, b, kind, stop))
    return out


def _sentence_events(events: list[Event], block: Block, mentions: list[_Mention], s: int, e: int, lenient: bool) -> bool:
    """Attach or create the events one sentence names; record the stretch each one owns."""
    placed: list[tuple[Event, int]] = []
    past = bool(events) and is_past_reference(block.masked[s:e])
    for mention in mentions:
        here = [ev for ev, _ in placed if ev.kind == mention.kind]
        ev = here[0] if here else _place(events, block, mention, (s, e), past, lenient and not events)
        if ev is not None and not (placed and placed[-1][0] is ev):
            placed.append((ev, mention.a))
    for n, (ev, a) in enumerate(placed):
        stretch = (block, s if n == 0 else a, placed[n + 1][1] if n + 1 < len(placed) else e)
        if stretch not in ev.sentences:
            ev.sentences.append(stretch)
    return bool(placed)


def _place(events: list[Event], block: Block, m: _Mention, sentence: tuple[int, int], past: bool, first: bool) -> Event | None:
    """Return the event a mention belongs to (a new one if it starts one), or None."""
    masked, (s, e) = block.masked, sentence
    venue, place, day = _own(masked, m.b, _clause_end(masked, m.b, m.stop))
    same = [ev for ev in events if ev.kind == m.kind]
    if not same and m.kind in word_set("events", "generic_kinds") and events:
        same = events[:1]
    if same and (_refers_back(masked, m.b) or not _distinct(same[0], past, venue or place, day)):
        return same[0]
    if past and not (venue or place or day):
        return None  # "rakor kesiapan Pilkada pada Agustus lalu": a recall, not an event
    if events and _anaphor(masked, s, e) and _cued_before(masked, s, m.a):
        return None  # "Kegiatan ini berlangsung setelah apel gelar pasukan": the main event, timed by another
    if events and not (venue or place or day) and _reported(masked, s, m.a):
        return None  # "Ia menjelaskan, Polres telah melaksanakan ... Sispamkota": what a speaker reports, not a scene
    closing = _closing_before(masked, s, m.a)
    started = first or _strong(m.kind) or closing or venue or day
    if not (started or _triggered(masked, s, e, m.a, m.b) or _placed_next(masked, e)):
        return None
    off = block.start
    ev = Event(m.kind, (off + m.a, off + m.b, off + s, off + e), closing, [], past)
    events.append(ev)
    return ev


def _placed_next(masked: str, e: int) -> bool:
    """Return True when the next sentence opens by placing the event just named ("... pada peluncuran Maskot Pilkada.
    Kegiatan di Stadion X, Minggu 2 Juni 2024.")."""
    return _anaphor(masked, e, min(len(masked), e + 60))


def _dated(masked: str) -> bool:
    """Return True when a text names a day that has passed ("Perhelatan tersebut diresmikan pada hari Selasa (24/9/2024)")."""
    return any(h.day and not h.future for h in find_dates(masked, 0, len(masked)))


def _refers_back(masked: str, b: int) -> bool:
    """Return True for 'deklarasi tersebut' / 'rakor itu': the phrase points at an event already named."""
    nxt = tokenize(masked, b, min(len(masked), b + 20))[:1]
    return bool(nxt) and fold(nxt[0].text).strip(".,") in ("tersebut", "itu", "ini")


def _clause_end(masked: str, b: int, stop: int) -> int:
    """Return where a phrase's own clause ends: before a coordinated second predicate or a speech verb."""
    toks = tokenize(masked, b, stop)
    verbs = _speech_verbs()
    for k, tok in enumerate(toks):
        word = fold(tok.text)
        nxt = fold(toks[k + 1].text) if k + 1 < len(toks) else ""
        if word in verbs or (word in word_set("events", "clause_coordinators") and _verb_like(nxt)):
            return tok.start
    return stop


def _verb_like(word: str) -> bool:
    """Return True for an Indonesian verb form (meN-/ber-/di-/ter-) such as 'menyebut' or 'dimulai'."""
    return len(word) > 4 and word.startswith(("me", "ber", "di", "ter")) and word not in word_set("events", "triggers")


def _own(masked: str, a: int, stop: int) -> tuple[bool, bool, tuple[int, int] | None]:
    """Return (venue, known place, (day, month)) a phrase's own stretch names."""
    dates = [h for h in find_dates(masked, a, stop) if h.day and not h.future]
    day = (dates[0].day, dates[0].month) if dates else None
    return bool(venue_after_di(masked, a, stop)), bool(places_after_di(masked, a, stop)), day


def _distinct(ev: Event, past: bool, where: bool, day: tuple[int, int] | None) -> bool:
    """Return True when a mention of an existing kind names another event (own date, or a recalled one with its own place)."""
    if past:
        return where or day is not None
    if day is None:
        return False
    days = {(h.day, h.month) for blk, s, e in ev.sentences for h in find_dates(blk.masked, s, e) if h.day and not h.future}
    return bool(days) and day not in days


def _triggered(masked: str, s: int, e: int, a: int, b: int) -> bool:
    """Return True when an event verb stands right before or after the phrase."""
    triggers = word_set("events", "triggers")
    before = [fold(t.text) for t in tokenize(masked, s, a)][-3:]
    after = [fold(t.text) for t in tokenize(masked, b, e)][:4]
    after = [w for w in after if w not in ("yang", "ini", "tersebut", "itu", "pun", ",")]
    return any(w in triggers for w in before) or any(w in triggers for w in after[:2])


def _reported(masked: str, s: int, a: int) -> bool:
    """Return True when a speech verb comes before the phrase in its sentence ("Ia menjelaskan ... Sispamkota")."""
    verbs = _speech_verbs()
    return any(fold(t.text) in verbs and t.text[:1].islower() for t in tokenize(masked, s, a))


@cache
def _speech_verbs() -> frozenset[str]:
    """Return the verbs that report speech after their subject ("mengatakan") or open it ("menurut")."""
    return frozenset(speech_verbs()["pre"] | speech_verbs()["menurut"])


def _cued_before(masked: str, s: int, a: int) -> bool:
    """Return True when 'setelah' / 'usai' / 'menjelang' ... stands right before the phrase: an event named as a time."""
    before = tokenize(masked, s, a)[-1:]
    return bool(before) and fold(before[0].text) in word_set("events", "not_main_cues")


def _closing_before(masked: str, s: int, a: int) -> bool:
    """Return True when 'diakhiri dengan' / 'ditutup dengan' comes right before the phrase."""
    window = " ".join(fold(masked[max(s, a - 60) : a]).split())
    return any(window.endswith(c) for c in word_set("events", "closing"))


def _anaphor(masked: str, s: int, e: int) -> bool:
    """Return True for a sentence like 'Acara yang dihelat di ...' or 'Kegiatan di Stadion X, ...' about the main event."""
    toks = [fold(t.text) for t in tokenize(masked, s, e, limit=6)]
    if not toks or toks[0] not in word_set("events", "anaphors"):
        return False
    return bool(set(toks[:6]) & word_set("events", "triggers")) or (len(toks) > 1 and toks[1] in word_set("events", "venue_triggers"))
