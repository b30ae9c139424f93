"""Sentences that replace a structured answer which passed every check: one covering far more of the question, one
naming the asked title's holder, one stating the asked time or place."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from rag.answer.asks import asked_fact, asked_facts, asks_holder
from rag.answer.candidates import Draft
from rag.answer.evidence import Evidence, quoted, states_place
from rag.answer.holders import holder_named, names_holder
from rag.answer.naming import has_venue, names_titled, titled_pairs
from rag.query.analysis import Question

SAYS_KINDS = ("what_said", "open")  # questions about what was said ("Apa pendapat X tentang ...", "Apa amanat X dalam ...")
PLACE_KINDS = ("where_when",)  # which_meeting keeps its statement: the meeting is named with it
RIVAL_MARGIN = 0.3  # how much more of the question a sentence must cover to replace a structured answer
SAID_MARGIN = 0.2  # how much more of what a who-said question quotes another statement must say to replace the draft's
CONTENT_MARGIN = 0.5  # ... or how much of what it asks about (names, places, meeting words aside) when the draft has none
ONLY_WHO = 0.99  # the share of the question that names who holds the title when that is all it asks


def holder_sentence(q: Question, usable: Sequence[Evidence]) -> Evidence | None:
    """Return the best sentence naming, by name, the holder of every title the question asks about, if it asks that."""
    titled = titled_pairs(q)
    if not titled or not asks_holder(q):
        return None
    named = [e for e in usable if names_titled(titled, e.text) and names_holder(titled, e.text)]
    return max(named, key=lambda e: (e.score, -e.rank, -e.start), default=None)


def clearly_better(q: Question, draft: Draft, evidence: Sequence[Evidence], usable: Sequence[Evidence]) -> Evidence | None:
    """Return a usable quoted sentence that covers far more of the question than the draft's lead statement, if any."""
    if draft.kind not in ("who_said", "what_said") or not usable:
        return None
    lead = draft.citations[0]
    mine = next((e for e in evidence if e.source == lead.source and e.start < lead.end and lead.start < e.end), None)
    if mine is None:
        return None
    rival = max(usable, key=lambda e: (e.cover, e.score))
    better = rival.cover >= mine.cover + RIVAL_MARGIN and rival.content >= mine.content and rival.statement is not None and quoted(rival)
    if not better and q.lang == "id" and not mine.content:  # "Apa kebijakan X terkait lokasi kampanye?": a sentence on
        own = [e for e in usable if e.said is None or e.said.speaker.name == _lead_name(draft)]  # not another's quote
        rival = max(own, key=lambda e: (e.content, e.score), default=mine)  # the asked topic beats a quote on none of it
        better = q.kind in SAYS_KINDS and rival.content >= CONTENT_MARGIN  # (an English question's topic: too loose)
    if not better and q.kind == "who_said":  # "Siapa yang berkata <what was said>": the statement that says it
        said = [e for e in usable if e.said is not None and e.cover >= mine.cover]
        rival = max(said, key=lambda e: (e.content, e.score), default=mine)
        better = rival.content >= mine.content + SAID_MARGIN
    if better and _holder_lost(q, draft, rival):
        return None
    return rival if better and (rival.source, rival.start) != (mine.source, mine.start) else None


def _holder_lost(q: Question, draft: Draft, rival: Evidence) -> bool:
    """Return True when the question asks who holds a title, the draft's speaker is named, and the rival sentence
    names no holder (a list of who attended covers more words and answers nothing)."""
    speaker = draft.citations[0].speaker
    titled = titled_pairs(q)
    return bool(titled) and asks_holder(q) and speaker is not None and bool(speaker.name) and not names_holder(titled, rival.text)


def holder_better(q: Question, draft: Draft, usable: Sequence[Evidence]) -> Evidence | None:
    """Return, for "Siapa <title>?", the sentence that names the title and its holder together when the draft's lead
    quote does not: the verbatim line beats a name put together from fields."""
    holder = holder_sentence(q, usable)
    if holder is None:
        return None
    titled, lead = titled_pairs(q), draft.citations[0]
    if names_titled(titled, lead.quote) and names_holder(titled, lead.quote):
        return None
    speaker, named = lead.speaker, holder_named(titled, holder.text)
    proxy = any(p.proxy for p in titled)  # "Siapa yang mewakili X": another name in the sentence is not the one asked
    written = speaker is not None and (
        (named is not None and _same_person(speaker.name, named.name)) or (not proxy and speaker.name in holder.text)
    )
    holds = speaker is not None and bool(speaker.name) and (written or names_titled(titled, speaker.role))
    if holds and holder.focus < ONLY_WHO:  # "Siapa Kapolda yang mengatakan ...": the title holder's own statement answers
        return None
    return replace(holder, cover=1.0)


def _same_person(one: str, other: str) -> bool:
    """Return True when two written names share a name part of four letters or more ("Cepi Abdul Husen S Pd")."""
    return bool({w for w in one.lower().split() if len(w) >= 4} & {w for w in other.lower().split() if len(w) >= 4})


def fact_better(q: Question, draft: Draft, usable: Sequence[Evidence]) -> Evidence | None:
    """Return, when a question about what was said asks a time or a place ("sampai pukul berapa", "Where did X say
    ..."), the best sentence of the same speaker stating it, if the draft's lead quote does not."""
    states = asked_fact(q)
    if states is None or draft.kind not in ("who_said", "what_said") or states(draft.citations[0].quote):
        return None
    name = _lead_name(draft)
    own = [e for e in usable if states(e.text) and e.said is not None and e.said.speaker.name == name and e.content + e.cover > 0]
    return max(own, key=lambda e: (e.content, e.score), default=None)


def _lead_name(draft: Draft) -> str:
    """Return the name of the speaker of a draft's lead citation ('' when none)."""
    lead = draft.citations[0].speaker if draft.citations else None
    return lead.name if lead is not None else ""


def places_better(q: Question, draft: Draft, evidence: Sequence[Evidence], usable: Sequence[Evidence]) -> Evidence | None:
    """Return, for where/when, a sentence that states the place the draft's sentence does not (same article), or
    states what is asked (the date, the place) and covers far more of the question ("rapat lanjutan" is another
    meeting than the one the article's record describes)."""
    if (draft.kind not in PLACE_KINDS and q.kind not in PLACE_KINDS) or not usable:
        return None  # a where/when question answered with a person's meetings is still asking where and when
    lead = draft.citations[0]
    mine = [e for e in evidence if e.source == lead.source and e.start < lead.end and lead.start < e.end]
    if not states_place(lead.quote):
        same = [e for e in usable if e.source == lead.source and e.placed and has_venue(e.text)]
        if same:
            return max(same, key=lambda e: (e.dated, e.score))
    when, where = asked_facts(q)
    cover = max((max(e.cover, e.window_cover) for e in mine), default=0.0)
    richer = [
        e
        for e in usable
        if (e.dated or not when) and (has_venue(e.text) or not where) and max(e.cover, e.window_cover) >= cover + RIVAL_MARGIN
    ]
    return max(richer, key=lambda e: e.score) if richer else None


def place_complement(q: Question, best: Evidence, usable: Sequence[Evidence], siblings: Sequence[str] = ()) -> Evidence | None:
    """Return, for where/when, the best sentence stating the venue or the date the chosen one leaves out: of its own
    article ("menggelar Rakor ..., Selasa (06/08/2024)" then "Rakor tersebut dilaksanakan di Aula lt 6 Mapolres"),
    else of another report of the same meeting (``siblings``)."""
    if q.kind not in PLACE_KINDS:
        return None
    when, where = asked_facts(q)
    want_place, want_date = where and not (best.placed and has_venue(best.text)), when and not best.dated
    fit = [
        e
        for e in usable
        if (e.start, e.end) != (best.start, best.end)
        and ((want_place and e.placed and has_venue(e.text)) or (want_date and e.dated))
    ]
    own = [e for e in fit if e.source == best.source]
    return max(own or [e for e in fit if e.source in siblings], key=lambda e: e.score, default=None)
