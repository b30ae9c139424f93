"""Answering a question from statements, meetings and passages, or abstaining."""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np

from rag.answer.candidates import Draft
from rag.answer.compose import cite, cite_next, cite_statement, dedupe, message, statements_text
from rag.answer.context import Context
from rag.answer.follow import follow_on
from rag.answer.meetings import list_speakers, where_when, which_meeting
from rag.answer.pick import best_sentence
from rag.core.text import terms
from rag.core.types import Answer, Hit, Statement
from rag.extract.people.entities import same_person
from rag.query.analysis import Question, analyze, generic_topic
from rag.query.meetings import asked_event_kinds, asked_months, held_as

log = logging.getLogger(__name__)

__all__ = ["HANDLERS", "answer_question", "message", "open_draft"]
PASSAGES = 8
CONTEXT = 2  # same-speaker statements shown around the main one
NEAR_CHARS = 700


def answer_question(ctx: Context, text: str, qvec: np.ndarray) -> Answer:
    """Answer one (validated) question."""
    q = analyze(text)
    passages = ctx.retriever.passages(q.search_text, qvec, max(PASSAGES, ctx.settings.top_k))
    result = HANDLERS.get(q.kind, open_draft)(ctx, q, qvec, passages)
    objection = "no candidate answer" if result is None else ctx.support.objection(q, result)
    if objection:
        log.info("abstaining on %r (%s): %s", text, q.kind, objection)
        return _abstain(q, passages)
    body, citations, speaker = result.text, result.citations, result.speaker
    return Answer(text, body, True, speaker, tuple(citations), tuple(passages), q.lang, q.kind, result.speakers)


def _abstain(q: Question, passages: list[Hit]) -> Answer:
    """Return the 'not found' answer, keeping the passages for the user to read."""
    return Answer(q.text, message("not_found", q.lang), False, None, (), tuple(passages), q.lang, q.kind)


def _statement_draft(ctx: Context, q: Question, picked: list[tuple[Statement, float]], kind: str) -> Draft | None:
    """Compose an answer from ranked statements (best first)."""
    if not picked:
        return None
    snap = ctx.snapshot
    picked = [(replace(s, speaker=ctx.people.speaker_of(s)), score) for s, score in picked]  # named by a sibling report
    citations = [cite_statement(number, snap, statement) for number, (statement, _) in enumerate(picked, 1)]
    lead = picked[0][0].speaker
    names = tuple(dict.fromkeys(s.speaker.name for s, _ in picked if s.speaker.name))
    return Draft(
        text=statements_text(citations, [s for s, _ in picked], q.lang),
        citations=tuple(citations),
        speaker=lead.name or None,
        speakers=names,
        statements=tuple(s for s, _ in picked),
        score=max(score for _, score in picked),
        kind=kind,
    )


def _who_said(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Find the statement that best matches a paraphrase; name its speaker."""
    rows, named = ctx.people.rows_for(q.speaker_text)
    if named and not rows:
        return None  # "Siapa Ketua KPU Madiun ..." and nobody in that role is quoted
    ranked = ctx.retriever.statements(q.search_text, qvec, 5, allowed=rows or None, passages=passages)
    ranked = [(s, r.dense) for s, r in ranked if (s.speaker.name or s.speaker.role) and ctx.support.fits(q, s.source)]
    if not ranked:
        return None
    if q.lang == "en" and q.topic_groups:  # cross-lingual cosines are flat: prefer the quote covering more concepts
        top = [(ctx.support.coverage(q, s.text), (s, score)) for s, score in ranked[:3]]
        best = max(c for c, _ in top)
        ranked = [p for c, p in top if c == best] + ranked
    return _statement_draft(ctx, q, _with_context(ctx, ranked[0], CONTEXT), "who_said")


def _with_context(ctx: Context, top: tuple[Statement, float], extra: int) -> list[tuple[Statement, float]]:
    """Return the top statement plus the same speaker's statements right around it."""
    statement, score = top
    key = ctx.people.key_of(statement)
    near = [
        s for s in ctx.retriever.statements_of(statement.source)
        if s is not statement and ctx.people.key_of(s) == key
        and abs(s.start - statement.start) <= NEAR_CHARS and s.text not in statement.text and statement.text not in s.text
    ]
    near.sort(key=lambda s: abs(s.start - statement.start))
    return [top] + [(s, score) for s in near[:extra]]


def _what_said(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Return what a named person or role said, on the question's topic if it has one."""
    rows, named = ctx.people.rows_for(q.people_text)
    if named and not rows:
        return None
    if rows is None:
        return _who_said(ctx, q, qvec, passages)
    ranked = ctx.retriever.statements(q.search_text, qvec, len(rows), allowed=rows, passages=passages)
    picked = _in_asked_month(ctx, q, _fitting_first(ctx, q, _dedupe_ranked([(s, r.dense) for s, r in ranked])))
    if not picked:
        return None
    picked = _on_asked_topic(ctx, q, picked)
    chosen = _with_context(ctx, picked[0], CONTEXT)
    mine = [p for p in picked[1:] if _same_speaker(ctx, p[0], picked[0][0])]  # not another Kapolres
    runner_up = [p for p in mine if all(p[0] is not c[0] for c in chosen)]
    if runner_up:
        chosen.append(runner_up[0])  # the next best statement on the topic
    other = [p for p in mine if p[0].source != picked[0][0].source and all(p[0] is not c[0] for c in chosen)]
    if other:
        chosen.append(other[0])  # the same person at another meeting
    draft = _statement_draft(ctx, q, chosen, "what_said")
    return _with_follow_on(ctx, draft) if draft is not None else None


def _with_follow_on(ctx: Context, draft: Draft) -> Draft:
    """Add the sentence that goes on after the lead statement, cited apart and unattributed (see `follow`)."""
    lead = draft.statements[0]
    span = follow_on(ctx.snapshot.articles[lead.source].text, lead, ctx.retriever.statements_of(lead.source))
    if span is None or any(c.source == lead.source and c.start <= span[0] < c.end for c in draft.citations):
        return draft
    return replace(draft, citations=cite_next(draft.citations, ctx.snapshot.articles[lead.source], *span))


TOPIC_POOL = 5  # the best-ranked statements of the person among which the one saying most of what is asked leads


def _on_asked_topic(ctx: Context, q: Question, picked: list[tuple[Statement, float]]) -> list[tuple[Statement, float]]:
    """Put first, among the person's best-ranked statements from articles with every name of the question, the one
    that mentions more of the question's concepts (not its names, nor meeting and election words): "masih tersisa dari
    tahapan" is the statement on what remains, not the opening remark on the meeting's agenda."""
    skip = set(terms(" ".join(q.proper))) | generic_topic()
    asked = [g for g in q.topic_groups if not g & skip]
    lead = picked[0][0]
    pool = [p for p in picked[:TOPIC_POOL] if p[0].source == lead.source or ctx.support.fits(q, p[0].source)]
    said = {id(p[0]): sum(1 for g in asked if g & set(terms(f"{p[0].verb} {p[0].text}"))) for p in pool}  # "mengapresiasi ..."
    best = max(pool, key=lambda p: said[id(p[0])])
    if said[id(best[0])] <= said[id(lead)]:
        return picked
    return [best] + [p for p in picked if p[0] is not best[0]]


def _same_speaker(ctx: Context, one: Statement, other: Statement) -> bool:
    """Return True when two statements are of one person: one article, one entity, or one name for one title."""
    if one.source == other.source or ctx.people.key_of(one) == ctx.people.key_of(other):
        return True
    a, b = ctx.people.speaker_of(one), ctx.people.speaker_of(other)
    return bool(a.name and b.name) and same_person(a, b)


def _fitting_first(ctx: Context, q: Question, picked: list[tuple[Statement, float]]) -> list[tuple[Statement, float]]:
    """Put first the statements whose article has the question's names and numbers, and whose meeting is of the
    kind the question places them at ("Apa kata X dalam deklarasi damai?", "... at the Forkopimda meeting")."""
    kinds = asked_event_kinds(q)
    fits = {s.source: ctx.support.fits(q, s.source) for s, _ in picked}

    def rank(p: tuple[Statement, float]) -> tuple[bool, bool]:
        return not fits[p[0].source], bool(kinds) and not held_as(ctx.snapshot.meeting_of(p[0]), kinds)

    return sorted(picked, key=rank)


def _in_asked_month(ctx: Context, q: Question, picked: list[tuple[Statement, float]]) -> list[tuple[Statement, float]]:
    """Keep the statements of meetings held in the month the question names (undated meetings stay)."""
    months = asked_months(q)
    if not months:
        return picked
    dated = [(p, ctx.snapshot.meeting_of(p[0])) for p in picked]
    return [p for p, m in dated if m is None or not m.date or int(m.date[5:7]) in months]


def _dedupe_ranked(ranked: list[tuple[Statement, float]]) -> list[tuple[Statement, float]]:
    """Drop repeated statement texts, keeping rank order."""
    unique = dedupe([s for s, _ in ranked])
    score = {id(s): v for s, v in ranked}
    return [(s, score[id(s)]) for s in unique]


def open_draft(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Answer an open question with the best supporting sentence of the top passages."""
    rows, named = ctx.people.rows_for(q.people_text)
    if named and not rows:
        return None
    if rows:
        return _what_said(ctx, q, qvec, passages)
    found = best_sentence(ctx.snapshot, q, passages)
    if found is None:
        return None
    source, start, end, score = found
    article = ctx.snapshot.articles[source]
    inside = [s for s in ctx.retriever.statements_of(source) if s.start < end and start < s.end]
    if inside:
        return _statement_draft(ctx, q, [(inside[0], score)], "open")
    citation = cite(1, article, start, end)
    return Draft(text=f"{citation.quote} [1]", citations=(citation,), score=score, kind="open")


HANDLERS = {
    "who_said": _who_said,
    "what_said": _what_said,
    "where_when": where_when,
    "which_meeting": which_meeting,
    "list_speakers": list_speakers,
}
