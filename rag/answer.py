"""Answering a question from statements, meetings and passages, or abstaining."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from .compose import cite, cite_statement, dedupe, first_sentence_with, meeting_phrase, message, speaker_label, statements_text
from .people import People
from .questions import Question, analyze
from .retrieve import Retriever
from .settings import Settings
from .snapshot import Snapshot
from .support import Support
from .types import Answer, Citation, Hit, Meeting, Statement

log = logging.getLogger(__name__)

__all__ = ["Context", "answer_question", "message"]
PASSAGES = 8
CONTEXT = 2  # same-speaker statements shown around the main one
NEAR_CHARS = 700


@dataclass(frozen=True)
class Context:
    """Everything answering needs from one snapshot."""

    snapshot: Snapshot
    retriever: Retriever
    people: People
    support: Support
    settings: Settings

    @classmethod
    def create(cls, snapshot: Snapshot, settings: Settings) -> Context:
        """Build the query-time helpers for a snapshot."""
        people = People(snapshot)
        support = Support(snapshot)
        retriever = Retriever(snapshot, name_terms=support.name_terms())
        return cls(snapshot, retriever, people, support, settings)


def answer_question(ctx: Context, text: str, qvec: np.ndarray) -> Answer:
    """Answer one (validated) question."""
    q = analyze(text)
    passages = ctx.retriever.passages(q.search_text, qvec, max(PASSAGES, ctx.settings.top_k))
    handler = {
        "who_said": _who_said,
        "what_said": _what_said,
        "where_when": _where_when,
        "which_meeting": _which_meeting,
        "list_speakers": _list_speakers,
    }.get(q.kind, _open)
    result = handler(ctx, q, qvec, passages)
    objection = "no candidate answer" if result is None else ctx.support.objection(q, result)
    if objection:
        log.info("abstaining on %r (%s): %s", text, q.kind, objection)
        return _abstain(q, passages)
    body, citations, speaker = result.text, result.citations, result.speaker
    return Answer(text, body, True, speaker, tuple(citations), tuple(passages), q.lang, q.kind, result.speakers)


@dataclass(frozen=True)
class Draft:
    """An answer before the support check."""

    text: str
    citations: tuple[Citation, ...]
    speaker: str | None = None
    speakers: tuple[str, ...] = ()
    statements: tuple[Statement, ...] = ()
    score: float = 0.0  # best dense cosine of the evidence to the question
    kind: str = ""


def _abstain(q: Question, passages: list[Hit]) -> Answer:
    """Return the 'not found' answer, keeping the passages for the user to read."""
    return Answer(q.text, message("not_found", q.lang), False, None, (), tuple(passages), q.lang, q.kind)


def _statement_draft(ctx: Context, q: Question, picked: list[tuple[Statement, float]], kind: str) -> Draft | None:
    """Compose an answer from ranked statements (best first)."""
    if not picked:
        return None
    snap = ctx.snapshot
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
    picked = _dedupe_ranked([(s, r.dense) for s, r in ranked])
    if not picked:
        return None
    chosen = _with_context(ctx, picked[0], CONTEXT)
    runner_up = [p for p in picked[1:] if all(p[0] is not c[0] for c in chosen)]
    if runner_up:
        chosen.append(runner_up[0])  # the next best statement on the topic
    other = [p for p in picked[1:] if p[0].source != picked[0][0].source and all(p[0] is not c[0] for c in chosen)]
    if other:
        chosen.append(other[0])  # the same person at another meeting
    return _statement_draft(ctx, q, chosen, "what_said")


def _dedupe_ranked(ranked: list[tuple[Statement, float]]) -> list[tuple[Statement, float]]:
    """Drop repeated statement texts, keeping rank order."""
    unique = dedupe([s for s, _ in ranked])
    score = {id(s): v for s, v in ranked}
    return [(s, score[id(s)]) for s in unique]


def _where_when(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Return the venue and date of the meeting the question is about."""
    if ctx.people.matches(q.people_text):
        return _which_meeting(ctx, q, qvec, passages)  # "where/when did <person> appear" lists their meetings
    return _meeting_draft(ctx, q, passages)


def _meeting_draft(ctx: Context, q: Question, passages: list[Hit]) -> Draft | None:
    """Describe the best-fitting meeting, plus how other outlets reported the same event."""
    meeting = _meeting_for(ctx, q, passages)
    if meeting is None or not (meeting.venue or meeting.city or meeting.date_text):
        return None
    citations = _meeting_citations(ctx, meeting, 1)
    lines = [f"{meeting_phrase(meeting, q.lang)}. " + " ".join(f"[{c.id}]" for c in citations)]
    for source in ctx.support.same_meeting_sources(meeting)[1:3]:
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
            found = first_sentence_with(article, needle, meeting.start)
            if found and all(c.start != found[0] for c in citations):
                citations.append(cite(first + len(citations), article, *found, meeting=meeting))
    return citations


def _meeting_for(ctx: Context, q: Question, passages: list[Hit]) -> Meeting | None:
    """Pick the meeting of the best passage's article that fits the question best."""
    rows, named = ctx.people.rows_for(q.people_text)
    sources = [ctx.snapshot.statements[r].source for r in sorted(rows)] if rows else []
    sources += [h.chunk.source for h in passages]
    for source in dict.fromkeys(sources):
        meetings = ctx.snapshot.meetings_of(source)
        if meetings:
            return ctx.support.best_meeting(q, meetings)
    return None


def _which_meeting(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
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


def _list_speakers(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """List everyone quoted at the meeting the question is about."""
    meeting = _meeting_for(ctx, q, passages)
    if meeting is None:
        return None
    sources = ctx.support.same_meeting_sources(meeting)
    statements = [s for source in sources for s in ctx.retriever.statements_of(source)]
    firsts: dict[str, Statement] = {}
    for s in sorted(statements, key=lambda s: (sources.index(s.source), s.start)):
        key = ctx.people.key_of(s)
        if key and key not in firsts:
            firsts[key] = s
    if not firsts:
        return None
    citations, lines = [], []
    for s in firsts.values():
        citations.append(cite_statement(len(citations) + 1, ctx.snapshot, s))
        lines.append(f"- {speaker_label(s.speaker)} [{citations[-1].id}]")
    head = f"{message('speakers', q.lang)} — {meeting_phrase(meeting, q.lang)}:"
    names = tuple(s.speaker.name for s in firsts.values() if s.speaker.name)
    first = next(iter(firsts.values()))
    text = "\n".join([head, *lines])
    return Draft(text, tuple(citations), first.speaker.name or None, names, tuple(firsts.values()), kind="list_speakers")


def _open(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit]) -> Draft | None:
    """Answer an open question with the best supporting sentence of the top passages."""
    rows, named = ctx.people.rows_for(q.people_text)
    if named and not rows:
        return None
    if rows:
        return _what_said(ctx, q, qvec, passages)
    found = ctx.support.best_sentence(q, passages)
    if found is None:
        return None
    source, start, end, score = found
    article = ctx.snapshot.articles[source]
    inside = [s for s in ctx.retriever.statements_of(source) if s.start < end and start < s.end]
    if inside:
        return _statement_draft(ctx, q, [(inside[0], score)], "open")
    citation = cite(1, article, start, end)
    return Draft(text=f"{citation.quote} [1]", citations=(citation,), score=score, kind="open")
