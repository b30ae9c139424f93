"""The answer's shape: one direct line (who, where, when), then the verbatim evidence, each with [n]."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.asks import asked_facts
from rag.answer.candidates import Draft
from rag.answer.compose import cite, cite_field, cite_statement, meeting_phrase, speaker_label
from rag.answer.context import Context
from rag.answer.evidence import Evidence
from rag.answer.naming import names_venue
from rag.core.sentences import sentences
from rag.core.types import Article, Citation, Meeting, Speaker
from rag.query.analysis import Question

_REFS = re.compile(r"\s*(?:\[\d+\]\s*)+")
LIST_KINDS = ("list_speakers", "which_meeting")


def evidence_lines(citations: Sequence[Citation], lang: str) -> list[str]:
    """Return one line per citation: [n] and the verbatim quote, with the meeting once where it changes."""
    lines, shown = [], None
    for i, c in enumerate(citations):
        who = f"{speaker_label(c.speaker)}: " if c.speaker is not None and (c.speaker.name or c.speaker.role) else ""
        line = f"[{c.id}] {who}“{c.quote.strip()}”"
        nxt = citations[i + 1].meeting if i + 1 < len(citations) else None
        if i and c.meeting is not None and c.meeting != shown and nxt != c.meeting:
            place = meeting_phrase(c.meeting, lang)
            line += f" ({place})" if place else ""
        shown = c.meeting if i == 0 else shown
        lines.append(line)
    return lines


def direct_line(q: Question, citations: Sequence[Citation], draft_text: str, kind: str, holder: Speaker | None = None) -> str:
    """Return the one-line answer: the speaker and the meeting (where, when), or the draft's own first line; the
    ``holder`` of a title asked about is named without a quote (the cited sentence is not their words)."""
    if kind in LIST_KINDS or not citations:
        return _REFS.sub(" ", draft_text.splitlines()[0] if draft_text else "").strip()
    lead = citations[0]
    held = lead.meeting
    if kind == "where_when" and (held is None or not held.venue):  # another report of that day names the venue
        held = next((c.meeting for c in citations if c.meeting and c.meeting.venue and (held is None or c.meeting.date == held.date)), held)
    where = meeting_phrase(held, q.lang) if held is not None else ""
    who = speaker_label(lead.speaker) if lead.speaker is not None and kind != "where_when" else ""
    if who:
        who = f"{who}: “{gist(lead.quote)}”"
    if holder is not None:
        who = speaker_label(holder)
    if who and where:
        return f"{who} — {where}."
    return f"{who or where}." if (who or where) else ""


GIST_WORDS = 14


def gist(quote: str) -> str:
    """Return the opening of a quote, cut at a clause end or after a few words, as the answer's 'what' in brief."""
    text = quote.strip().strip("“”\"'‘’ ")
    spans = sentences(text)
    words = (text[spans[0][0] : spans[0][1]] if spans else text).split()
    return " ".join(words[:GIST_WORDS]) + (" …" if len(words) > GIST_WORDS else "")


def from_draft(q: Question, draft: Draft) -> tuple[str, str]:
    """Return (direct line, full answer text) for a structured draft."""
    direct = direct_line(q, draft.citations, draft.text, draft.kind)
    body = [direct] if direct else []
    if draft.kind in LIST_KINDS:
        body = [_REFS.sub(" ", line).strip() for line in draft.text.splitlines()]
    return direct, "\n".join(body + evidence_lines(draft.citations, q.lang))


def evidence_citations(
    ctx: Context, q: Question, e: Evidence, second: Evidence | None = None, about: Speaker | None = None
) -> list[Citation]:
    """Cite the chosen sentence, the statement it belongs to when its attribution lies outside it, and for
    where/when questions the sentence that describes the meeting."""
    snap = ctx.snapshot
    article = snap.articles[e.source]
    meeting = e.meeting or _meeting_of(ctx, e)
    speaker = e.said.speaker if e.said is not None else about
    out = [cite(1, article, e.start, e.end, speaker, meeting)]
    s = e.said
    if s is not None and not (e.start <= min(s.start, s.attribution_start or s.start) and max(s.end, s.attribution_end) <= e.end):
        extra = cite_statement(2, snap, s)
        if extra.quote.strip() and extra.quote not in out[0].quote and out[0].quote not in extra.quote:
            out.append(extra)
    if second is not None:
        held = second.meeting or _meeting_of(ctx, second)
        who = second.said.speaker if second.said else None
        out.append(cite(len(out) + 1, snap.articles[second.source], second.start, second.end, who, held))
    if q.kind in ("where_when", "which_meeting") and meeting is not None and not (e.dated and e.placed):
        if meeting.end > meeting.start and not (meeting.start <= e.start < meeting.end):
            out.append(cite(len(out) + 1, article, meeting.start, meeting.end, meeting=meeting))
    if q.kind in ("where_when", "which_meeting") and meeting is not None:
        out += _fields_cited(snap.articles[meeting.source], meeting, out)
    venued = _venue_elsewhere(ctx, meeting) if q.kind == "where_when" and asked_facts(q)[1] else None
    if venued is not None and not any(names_venue(c.quote) for c in out):
        out.append(cite(len(out) + 1, snap.articles[venued.source], venued.start, venued.end, meeting=venued))
    return out


def _fields_cited(article: Article, meeting: Meeting, cited: Sequence[Citation]) -> list[Citation]:
    """Return citations of the sentences that write the meeting's venue and date as the direct line gives them, when
    no cited sentence does ("Kegiatan ini digelar di aula sekretariat KPU X")."""
    out: list[Citation] = []
    for needle in (meeting.venue, meeting.date_text):
        if needle and not any(needle in c.quote for c in [*cited, *out]):
            extra = cite_field(article, meeting, needle, [*cited, *out], len(cited) + len(out) + 1)
            out += [extra] if extra else []
    return out


def _venue_elsewhere(ctx: Context, meeting: Meeting | None) -> Meeting | None:
    """Return another report's record of the same meeting, on the same day, that names the venue this one leaves out
    (one outlet writes "di KPU Bali", the other "di Sekretariat KPU Bali Renon Denpasar")."""
    if meeting is None or meeting.venue or not meeting.date:
        return None
    for source in ctx.meetings.same_meeting_sources(meeting)[1:]:
        for other in ctx.snapshot.meetings_of(source):
            if other.venue and other.date == meeting.date and other.end > other.start:
                return other
    return None


def _meeting_of(ctx: Context, e: Evidence) -> Meeting | None:
    """Return the meeting of the evidence's statement, else its article's main meeting."""
    if e.said is not None:
        return ctx.snapshot.meeting_of(e.said)
    found = ctx.snapshot.meetings_of(e.source)
    return found[0] if found else None


def from_evidence(
    ctx: Context, q: Question, e: Evidence, extra: Evidence | None = None, about: Speaker | None = None,
    holder: Speaker | None = None,
) -> tuple[str, str, tuple[Citation, ...]]:
    """Return (direct line, full answer text, citations) for an answer read off a verbatim sentence (and a second one);
    ``about`` is the person a sentence with no statement of its own is about, ``holder`` the holder of the title asked
    about as the sentence names them (the direct line names them; the sentence is not their words)."""
    citations = with_lists(ctx, evidence_citations(ctx, q, e, extra, about))
    kind = "where_when" if q.kind in ("where_when", "which_meeting") else q.kind
    direct = direct_line(q, citations, "", kind, holder)
    return direct, "\n".join(([direct] if direct else []) + evidence_lines(citations, q.lang)), citations


LIST_CHARS = 600  # how much of a list a citation ending in ':' takes along
LIST_ITEMS = 8


def with_lists(ctx: Context, citations: Sequence[Citation]) -> tuple[Citation, ...]:
    """Extend every citation that introduces a list ("... antara lain :") over the list lines that follow it."""
    out = []
    for c in citations:
        article = ctx.snapshot.articles[c.source]
        end = _list_end(article.text, c.end) if c.quote.rstrip().endswith(":") else c.end
        out.append(cite(c.id, article, c.start, end, c.speaker, c.meeting) if end > c.end else c)
    return tuple(out)


def _list_end(text: str, start: int) -> int:
    """Return where the list that follows ``start`` ends: its non-blank lines, within a bound."""
    end, items = start, 0
    for m in re.finditer(r"[^\n]*", text[start : start + LIST_CHARS]):
        line = m.group()
        if not line.strip():
            continue
        if items >= LIST_ITEMS or start + m.end() - start > LIST_CHARS:
            break
        end, items = start + m.end(), items + 1
    return end
