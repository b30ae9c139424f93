"""The evidence-first reader: question → retrieve → candidates → score → verify → compose."""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial

import numpy as np

from rag.answer.antecedent import with_antecedent
from rag.answer.backing import outlet_named
from rag.answer.compose import cite_next, message
from rag.answer.compound import joined
from rag.answer.context import Context
from rag.answer.crossreport import other_reports
from rag.answer.evidence import gather
from rag.answer.legacy import HANDLERS, open_draft
from rag.answer.named import within_names
from rag.answer.reports import asks_outlets, outlets_draft
from rag.answer.shape import evidence_lines, from_draft, from_evidence, with_lists
from rag.answer.verdict import Verdict, decide
from rag.core.types import Answer, Hit
from rag.query.analysis import Question, analyze
from rag.query.compound import split_compound

log = logging.getLogger(__name__)
PASSAGES = 8


def read(ctx: Context, text: str, qvec: np.ndarray) -> Answer:
    """Answer one (validated) question from the evidence, or abstain with the reasons; a question that joins two asks
    is read part by part (`rag.answer.compound`), each part searched with the question's own vector (the parts are
    about one meeting, and a query embedding costs more than a reading)."""
    parts = split_compound(text)
    if parts is None:
        return read_one(ctx, text, qvec)
    first, second = read_one(ctx, parts[0], qvec), read_one(ctx, parts[1], qvec)
    outlet = partial(outlet_named, text=text, outlet=ctx.support.outlet_vocab)  # a part's search can miss an outlet's article
    return joined(text, first, second, lambda: read_one(ctx, text, qvec), outlet)


def read_one(ctx: Context, text: str, qvec: np.ndarray) -> Answer:
    """Answer one (validated) question from the evidence, or abstain with the reasons."""
    q = analyze(text)
    passages, fits = _retrieve(ctx, q, qvec, max(PASSAGES, ctx.settings.top_k))
    draft = outlets_draft(ctx, q, passages, fits) if asks_outlets(q) else HANDLERS.get(q.kind, open_draft)(ctx, q, qvec, passages)
    if draft is not None and draft.kind == "open" and not draft.statements:
        draft = None  # a bare sentence: the evidence scorer ranks every sentence, this one included
    objection = "" if draft is None else ctx.support.objection(q, draft)
    for source in dict.fromkeys(c.source for c in draft.citations) if draft else ():
        fits.setdefault(source, ctx.support.missing(q, source))
    evidence = gather(ctx, q, passages, {s: not m for s, m in fits.items()})
    verdict = decide(ctx, q, draft, objection, evidence, fits)
    if not verdict.answer:
        log.info("abstaining on %r (%s): %s", text, q.kind, "; ".join(verdict.reasons))
        return _abstain(q, passages, verdict)
    return _compose(ctx, q, qvec, passages, verdict)


def _retrieve(ctx: Context, q: Question, qvec: np.ndarray, k: int) -> tuple[list[Hit], dict[str, str]]:
    """Return the top passages and what each one's article lacks of the question; when every one lacks something,
    the passages of the articles that have every name of the question come first (the first search missed them)."""
    passages = ctx.retriever.passages(q.search_text, qvec, k)
    fits = {s: ctx.support.missing(q, s) for s in dict.fromkeys(h.chunk.source for h in passages)}
    if fits and all(fits.values()):
        named = within_names(ctx.support.naming_all(q))
        if named:
            found = ctx.retriever.passages_in(q.search_text, qvec, k, named)
            log.info("no retrieved article has every name of %r: searched again in %d that have", q.text, len(named))
            seen = {h.chunk.id for h in found}
            passages = found + [h for h in passages if h.chunk.id not in seen]
            fits = {s: fits[s] if s in fits else ctx.support.missing(q, s) for s in dict.fromkeys(h.chunk.source for h in passages)}
    return passages, fits


def _compose(ctx: Context, q: Question, qvec: np.ndarray, passages: list[Hit], verdict: Verdict) -> Answer:
    """Build the answer from the verdict's choice: the direct line, then the verbatim evidence."""
    draft, e = verdict.choice.draft, verdict.choice.evidence
    if draft is not None:
        draft = replace(draft, citations=with_antecedent(ctx, with_lists(ctx, draft.citations)))
        direct, body = from_draft(q, draft)
        citations, speaker, speakers = draft.citations, draft.speaker, draft.speakers
        extra = verdict.choice.extra  # a sentence of the lead's article that says more of what is asked
        if extra is not None:
            citations = cite_next(citations, ctx.snapshot.articles[extra.source], extra.start, extra.end)
            body = "\n".join([body, *evidence_lines(citations[-1:], q.lang)])
    else:
        assert e is not None
        direct, body, citations = from_evidence(ctx, q, e, verdict.choice.extra, verdict.choice.speaker, verdict.choice.holder)
        pointed = with_antecedent(ctx, citations)[len(citations) :]  # what the lead's "<noun> tersebut" stands for
        body, citations = "\n".join([body, *evidence_lines(pointed, q.lang)]), (*citations, *pointed)
        lead = citations[0].speaker
        speaker = (lead.name or None) if lead is not None and q.kind != "where_when" else None
        speakers = (speaker,) if speaker else ()
    for other in other_reports(ctx, q, qvec, citations, body):  # "menurut kedua laporan": what the other report says
        citations = cite_next(citations, ctx.snapshot.articles[other.source], other.start, other.end)
        body = "\n".join([body, *evidence_lines(citations[-1:], q.lang)])
    return Answer(
        q.text, body, True, speaker, tuple(citations), tuple(passages), q.lang, q.kind, speakers,
        direct=direct or None, confidence=verdict.confidence, reasons=verdict.reasons, decision=verdict.signals,
    )


def _abstain(q: Question, passages: list[Hit], verdict: Verdict) -> Answer:
    """Return 'not found' with the reasons, keeping the passages for the user to read."""
    return Answer(
        q.text, message("not_found", q.lang), False, None, (), tuple(passages), q.lang, q.kind,
        confidence=verdict.confidence, reasons=verdict.reasons, decision=verdict.signals,
    )
