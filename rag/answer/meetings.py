"""Answers about meetings: where and when, which meeting a person spoke at, and who spoke at one."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import numpy as np

from rag.answer.candidates import Draft
from rag.answer.compose import (
    cite,
    cite_field,
    cite_statement,
    meeting_phrase,
    message,
    sentence_bounds,
    speaker_label,
    statement_line,
)
from rag.answer.context import Context
from rag.answer.naming import names_a_person
from rag.answer.pick import best_meeting
from rag.core.lexicon import alternation, load
from rag.core.types import Citation, Hit, Meeting, Statement
from rag.query.analysis import Question


def where_when(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Return the venue and date of the meeting the question is about."""
    if ctx.people.matches(q.people_text):
        return which_meeting(ctx, q, qvec, passages)  # "where/when did <person> appear" lists their meetings
    return _meeting_draft(ctx, q, passages)


def _meeting_draft(ctx: Context, q: Question, passages: list[Hit]) -> Draft | None:
    """Describe the best-fitting meeting, plus how other outlets reported the same event."""
    meeting = _meeting_for(ctx, q, passages)
    if meeting is None or not (meeting.venue or meeting.city or meeting.date_text):
        return None
    citations = _meeting_citations(ctx, meeting, 1)
    lines = [f"{meeting_phrase(meeting, q.lang)}. " + " ".join(f"[{c.id}]" for c in citations)]
    for source in ctx.meetings.same_meeting_sources(meeting)[1:3]:
        other = next((m for m in ctx.snapshot.meetings_of(source) if m.date == meeting.date), None)
        if other is not None:
            more = _meeting_citations(ctx, other, len(citations) + 1)
            citations += more
            refs = " ".join(f"[{c.id}]" for c in more)
            lines.append(f"{message('also', q.lang)}: {meeting_phrase(other, q.lang)}. {refs}")
    score = passages[0].dense_score if passages else 0.0
    return Draft(text="\n".join(lines), citations=tuple(citations), kind="where_when", score=score)


def _meeting_citations(ctx: Context, meeting: Meeting, first: int) -> list[Citation]:
    """Cite a meeting's sentence, plus the sentences that give its date or venue if elsewhere."""
    article = ctx.snapshot.articles[meeting.source]
    citations = [cite(first, article, meeting.start, meeting.end, meeting=meeting)]
    for needle in (meeting.date_text, meeting.venue):
        if needle and needle not in citations[0].quote and len(citations) < 3:
            extra = cite_field(article, meeting, needle, citations, first + len(citations))
            citations += [extra] if extra else []
    return citations


def _meeting_for(ctx: Context, q: Question, passages: list[Hit]) -> Meeting | None:
    """Pick the meeting of the best passage's article that fits the question best."""
    return _first_meeting(ctx, q, _articles_for(ctx, q, passages))


def _first_meeting(ctx: Context, q: Question, articles: list[str]) -> Meeting | None:
    """Return the meeting that fits the question best in the first of the articles that has one."""
    for source in articles:
        meetings = ctx.snapshot.meetings_of(source)
        if meetings:
            return best_meeting(q, meetings)
    return None


def _articles_for(ctx: Context, q: Question, passages: list[Hit]) -> list[str]:
    """Return the articles of the people the question names and of the passages, those with every name first."""
    rows, named = ctx.people.rows_for(q.people_text)
    sources = [ctx.snapshot.statements[r].source for r in sorted(rows)] if rows else []
    sources += [h.chunk.source for h in passages]
    return sorted(dict.fromkeys(sources), key=lambda s: not ctx.support.fits(q, s))  # an article with every name first


def which_meeting(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """List the meetings a named person spoke at (the one matching the question first)."""
    rows, named = ctx.people.rows_for(q.people_text)
    if not rows and not ctx.people.sources_for(q.people_text):
        return None if named else _meeting_draft(ctx, q, passages)
    pairs: list[tuple[Meeting, Statement | None]] = []
    seen: set[Meeting] = set()
    ranked = ctx.retriever.statements(q.search_text, qvec, len(rows), allowed=rows, passages=passages) if rows else []
    for statement, _ in ranked:
        meeting = ctx.snapshot.meeting_of(statement)
        reported = meeting is not None and (meeting.venue or meeting.date_text)  # not a mere mention of a future event
        if reported and meeting not in seen:
            pairs.append((meeting, statement))
            seen.add(meeting)
    for source in ctx.people.sources_for(q.people_text):
        for meeting in ctx.snapshot.meetings_of(source)[:1]:
            if meeting not in seen:
                pairs.append((meeting, None))
                seen.add(meeting)
    top = pairs[0][1] if pairs else None
    if top is not None and q.says_what:  # "Dalam acara apa X menyebut ...": that statement's meeting
        return _meeting_of_statement(ctx, q, pairs[0][0], top)
    citations: list[Citation] = []
    lines = []
    for meeting, statement in pairs[:4]:
        mine = _meeting_citations(ctx, meeting, len(citations) + 1)[:2]
        if statement is not None:
            mine.append(cite_statement(len(citations) + len(mine) + 1, ctx.snapshot, statement))
        citations += mine
        lines.append(f"- {meeting_phrase(meeting, q.lang)} " + " ".join(f"[{c.id}]" for c in mine))
    if not citations:
        return None
    speaker = ctx.people.name_for(q.people_text)
    head = f"{message('meetings', q.lang)}{' — ' + speaker if speaker else ''}:"
    return Draft(text="\n".join([head, *lines]), citations=tuple(citations), speaker=speaker, kind="which_meeting")


def _meeting_of_statement(ctx: Context, q: Question, meeting: Meeting, statement: Statement) -> Draft:
    """Answer "at which meeting did X say Y" with the meeting of the statement that says Y, and that statement."""
    citations = _meeting_citations(ctx, meeting, 1)[:2]
    quote = cite_statement(len(citations) + 1, ctx.snapshot, statement)
    refs = " ".join(f"[{c.id}]" for c in citations)
    lines = [f"{message('said_it_at', q.lang)} {meeting_phrase(meeting, q.lang)}. {refs}", statement_line(quote, statement, q.lang)]
    return Draft(
        text="\n".join(lines),
        citations=(*citations, quote),
        speaker=ctx.people.speaker_of(statement).name or None,
        statements=(statement,),
        kind="which_meeting",
    )


def list_speakers(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """List everyone quoted at the meeting the question is about (in the article with every name of the question,
    even when no meeting record was read from it)."""
    articles = _articles_for(ctx, q, passages)
    lead = articles[0] if articles and ctx.support.fits(q, articles[0]) else None
    meeting = _first_meeting(ctx, q, articles) if lead is None or ctx.snapshot.meetings_of(lead) else None
    if meeting is None and lead is None:
        return None
    sources = ctx.meetings.same_meeting_sources(meeting) if meeting is not None else [lead]
    statements = [s for source in sources for s in ctx.retriever.statements_of(source)]
    firsts: dict[str, Statement] = {}
    for s in sorted(statements, key=lambda s: (sources.index(s.source), s.start)):
        named = ctx.people.speaker_of(s)  # a role-only speaker named by a sibling report is that person
        key = f"name:{named.name.casefold()}" if named.name else ctx.people.key_of(s)
        if key and key not in firsts:
            firsts[key] = replace(s, speaker=named)
    citations, lines = [], []
    for s in firsts.values():
        citations.append(cite_statement(len(citations) + 1, ctx.snapshot, s))
        lines.append(f"- {speaker_label(s.speaker)} [{citations[-1].id}]")
    named = _named_sentences(ctx, sources, citations, "attendance", each_report=True) if _asks_attendance(q) else []
    for source, start, end in named or _named_sentences(ctx, sources, citations, "presenters"):
        citations.append(cite(len(citations) + 1, ctx.snapshot.articles[source], start, end, meeting=meeting))
        lines.append(f"- “{citations[-1].quote}” [{citations[-1].id}]")
    if not citations:
        return None
    head = f"{message('speakers', q.lang)} — {meeting_phrase(meeting, q.lang) or _credit_name(ctx, sources[0])}:"
    names = tuple(s.speaker.name for s in firsts.values() if s.speaker.name)
    text = "\n".join([head, *lines])
    return Draft(text, tuple(citations), names[0] if names else None, names, tuple(firsts.values()), kind="list_speakers")


def _credit_name(ctx: Context, source: str) -> str:
    """Return an article's headline or outlet, else its file name."""
    credit = ctx.snapshot.credit_of(source)
    return credit.title or credit.outlet or source


PRESENTER_SENTENCES = 2  # sentences per meeting that name its presenters (or, when asked, who attended) without quoting them


def _named_sentences(
    ctx: Context, sources: list[str], cited: list[Citation], key: str, each_report: bool = False
) -> list[tuple[str, int, int]]:
    """Return the sentences of the meeting's articles that name people by the words of ``answer_words.json[key]``
    (the surest words first): presenters who are not quoted ("dihadiri tiga narasumber, di antaranya Kapolres ...") or
    who attended; with ``each_report``, the first such sentence of each report; outside the statements already cited."""
    words = [w.lower() for w in load("answer_words")[key]]
    hits = []
    for source in sources:
        text = ctx.snapshot.articles[source].text
        hits += [(words.index(" ".join(m.group().lower().split())), source, m) for m in _words_of(key).finditer(text)]
    order = (lambda h: (sources.index(h[1]), h[0], h[2].start())) if each_report else (lambda h: (h[0], sources.index(h[1]), h[2].start()))
    found: list[tuple[str, int, int]] = []
    for _, source, m in sorted(hits, key=order):
        text = ctx.snapshot.articles[source].text
        start, end = sentence_bounds(text, m.start(), m.end())
        taken = any(c.source == source and c.start < end and start < c.end for c in cited)
        if each_report and any(f[0] == source for f in found):
            continue
        if not taken and (source, start, end) not in found and names_a_person(text[start:end]):
            found.append((source, start, end))
        if len(found) >= PRESENTER_SENTENCES:
            break
    return found


@cache
def _words_of(key: str) -> re.Pattern[str]:
    """Return the pattern of the words of ``answer_words.json[key]``."""
    return re.compile(rf"\b(?:{alternation('answer_words', key)})\b", re.IGNORECASE)


_ASKS_ATTENDANCE = re.compile(r"\b(?:hadir|dihadiri|menghadiri|attend(?:ed|s|ing)?|present)\b", re.IGNORECASE)


def _asks_attendance(q: Question) -> bool:
    """Return True when the question asks who attended ("Siapa saja yang hadir", "Which officials attended")."""
    return bool(_ASKS_ATTENDANCE.search(q.text))
