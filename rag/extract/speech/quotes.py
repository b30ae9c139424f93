"""Who said what: statements (direct quotes and reported speech) with resolved speakers.

``extract_statements`` scans each content paragraph (``rag.extract.speech.scan``), then reads
them in order keeping track of the last speaker. Pronouns (-nya, ia, dia,
beliau, pihaknya) go to the last named speaker unless two or more other people
were named since the last statement, or one other person was named in the
pronoun's own paragraph after the last statement's paragraph ("Rakor dihadiri
Dandim X. Ia menyebutkan ..." is the Dandim); short names ("Tontro") and bare roles ("Pj
Gubernur") become the full person the same article named. Anything unsure is
dropped: a wrong attribution is worse than none.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Sequence

from rag.core.lexicon import fold
from rag.core.types import Article, Meeting, Span, Speaker, Statement
from rag.extract.meetings.places import article_places
from rag.extract.meetings.records import meeting_index
from rag.extract.people.names import is_person_role, person_key
from rag.extract.speech.claims import Claim, Mention, Scan
from rag.extract.speech.interviews import Interview, find_interview
from rag.extract.speech.roster import Roster
from rag.extract.speech.scan import scan_paragraph
from rag.extract.speech.subjects import Ref, people_in, speaker_in
from rag.extract.speech.trailing import attach_trailing
from rag.ingest.corpus import content_paragraphs
from rag.ingest.headers import is_header_line, title_span

log = logging.getLogger(__name__)


def extract_statements(article: Article, meetings: Sequence[Meeting] = ()) -> list[Statement]:
    """Return the statements of ``article`` with speakers, kinds, verbs and meeting indexes."""
    places = tuple(article_places(article.text))
    paras = _paragraphs(article)
    interview, questions = find_interview(paras)
    skip = questions | (interview.paragraphs if interview else frozenset())
    scans = [(para, scan_paragraph(para.text)) for n, para in enumerate(paras) if n not in skip]
    attach_trailing(scans)
    span = title_span(article)
    roster = Roster.build(scans, places, article.text, article.text[span[0] : span[1]] if span else "")
    state = _State()
    out: list[Statement] = []
    held: list[tuple[tuple[Span, Claim, int], Speaker | None]] = []  # open quote paragraphs: “... with no closing mark

    def release(closer: Speaker | None = None) -> None:
        """Emit the held paragraphs: the closing quote's speaker's ("“A ... / “B ...,” ungkap X"), else their own."""
        for at, speaker in held:
            _emit(out, article, at, closer or speaker, meetings, state)
        held.clear()

    for n, (para, scan) in enumerate(scans):
        for item in _in_order(scan, para.text):
            if isinstance(item, Mention):
                state.note(roster.resolve(speaker_in(item.text, places)), item.subject, para.start + item.sentence, n)
                continue
            if _is_open(item, para.text):
                held.append(((para, item, n), _speaker_of(item, para, state, roster, places, n)))
                continue
            release(_speaker_of(item, para, state, roster, places, n) if held and _closes_quote(item, para.text) else None)
            _emit(out, article, (para, item, n), _speaker_of(item, para, state, roster, places, n), meetings, state)
        state.intro = _resolve_intro(scan.intro, para, state, roster, places, n)
        if held and held[-1][0][2] != n:
            release()  # the next paragraph did not close the quote
    release()
    if interview is not None:
        out.extend(_answers(article, interview, roster.resolve(speaker_in(interview.mention, places)), meetings))
        out.sort(key=lambda st: st.start)
    return out


def _answers(article: Article, interview: Interview, speaker: Speaker, meetings: Sequence[Meeting]) -> list[Statement]:
    """Return the interviewee's answers as direct statements (none when the interviewee is not a person)."""
    if not speaker.name and not is_person_role(speaker.role):
        return []
    out = []
    for answer in interview.answers:
        first, last = article.lines_of(answer.start, answer.end)
        out.append(Statement(
            source=article.source, start=answer.start, end=answer.end, start_line=first, end_line=last,
            text=article.text[answer.start : answer.end], kind="direct", verb="menjawab", speaker=speaker,
            meeting=meeting_index(tuple(meetings), answer.start, article.text),
            attribution_start=interview.mention_start, attribution_end=interview.mention_end,
        ))
    return out


def _emit(
    out: list[Statement], article: Article, at: tuple[Span, Claim, int], speaker: Speaker | None, meetings: Sequence[Meeting], state: _State
) -> None:
    """Append the statement of a claim (paragraph, claim, paragraph number) whose speaker is known; drop it otherwise."""
    para, claim, n = at
    if speaker is None:
        log.debug("dropped unattributed claim at %s:%d", article.source, para.start + claim.start)
        return
    out.append(_statement(article, para, claim, speaker, meetings, state))
    state.said(speaker, n, para.start + claim.attr_start, para.start + claim.attr_end)


def _is_open(claim: Claim, text: str) -> bool:
    """Return True for a paragraph-opening quote that runs to the paragraph's end unclosed."""
    return claim.kind == "direct" and claim.ref.kind == "continue" and not text[claim.end :].strip() and claim.start <= 2


def _closes_quote(claim: Claim, text: str) -> bool:
    """Return True for a quote that opens its paragraph and names its speaker after it (“...,” kata X)."""
    return claim.kind == "direct" and claim.start <= 2 and claim.ref.kind in ("name", "pronoun")


def _paragraphs(article: Article) -> list[Span]:
    """Return content paragraphs without the headline and header chrome."""
    span = title_span(article)
    paras = [p for p in content_paragraphs(article) if not (span and p.start <= span[0] < p.end)]
    return [p for p in paras if not (p.start < 600 and is_header_line(p.text))]


def _in_order(scan: Scan, text: str) -> list[Claim | Mention]:
    """Return claims and mentions of a paragraph in reading order."""
    items: list[tuple[int, int, Claim | Mention]] = [(c.pos, 1, c) for c in scan.claims]
    items += [(m.start, 0, m) for m in _join_appositions(scan.mentions, text)]
    return [item for _, _, item in sorted(items, key=lambda t: (t[0], t[1]))]


_APPOSITION_GAP = re.compile(r"\s+[a-z]+(?:\s+[a-z]+)?\s+yang\s+(?:juga|merupakan|sekaligus|adalah)\s+")


def _join_appositions(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Join "Tokoh agama yang juga Ketua MUI X, KH Name": a bare title, then the same person's role and name."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.sentence == m.sentence and _APPOSITION_GAP.fullmatch(text[prev.end : m.start]):
            out[-1] = Mention(prev.start, m.end, text[prev.start : m.end], prev.subject or m.subject, prev.sentence)
        else:
            out.append(m)
    return out


@dataclass
class _State:
    """Reading state: the last speaker and the people named since."""

    last: Speaker | None = None
    last_para: int = -10
    last_attr: tuple[int, int] = (0, 0)
    pending: dict[str, tuple[Speaker, bool, int, int]] = field(default_factory=dict)  # speaker, subject, sentence, paragraph
    intro: Speaker | None = None
    aliases: dict[str, Speaker] = field(default_factory=dict)  # nicknames the article gave a speaker

    def note(self, speaker: Speaker, subject: bool, sentence: int, para: int = 0) -> None:
        """Record a person named outside any attribution (``sentence`` = where its sentence starts)."""
        if not (speaker.name or subject):
            return
        key = person_key(speaker)
        if self.last is not None and key == person_key(self.last):
            return
        old = self.pending.get(key)
        self.pending[key] = (speaker, subject or bool(old and old[1]), sentence, para)

    def pronoun(self, para: int = -1) -> Speaker | None:
        """Return who a pronoun in paragraph ``para`` refers to, or None when unknown or ambiguous."""
        others = list(self.pending.values())
        subjects = [o for o in others if o[1]]
        if len(subjects) == 1 and all(o[2] == subjects[0][2] for o in others):
            return subjects[0][0]  # "X didampingi Y memeriksa ...": the sentence's subject
        if len(others) >= 2:
            return None
        if others:
            speaker, subject, _, where = others[0]
            fresh = where == para and self.last_para < para  # "Rakor dihadiri Dandim X. Ia menyebutkan ..."
            return speaker if subject or fresh or self.last is None else None
        return self.last

    def said(self, speaker: Speaker, para: int, a0: int, a1: int) -> None:
        """Record an attributed statement."""
        self.last, self.last_para, self.last_attr = speaker, para, (a0, a1)
        self.pending = {}
        self.intro = None


def _speaker_of(claim: Claim, para: Span, state: _State, roster: Roster, places: tuple[str, ...], n: int) -> Speaker | None:
    """Return the speaker of a claim, or None when it cannot be told safely."""
    ref = claim.ref
    if ref.kind == "name":  # a trailing attribution's mention lies in the next paragraph
        named = _named(para.text[ref.start : ref.end] if ref.end <= len(para.text) else ref.text, roster, places)
        return _in_context(named, state, n) if named is not None and 0 < len(named.name.split()) <= 2 else named
    if ref.kind == "pronoun":
        speaker = state.pronoun(n)
        if speaker is not None and ref.text:  # "kata pria yang akrab disapa Om Alan itu": later "Menurut Om Alan" is him
            state.aliases.update(dict.fromkeys(_nicknames(ref.text), speaker))
        return speaker
    if ref.kind == "continue":
        if state.intro is not None:
            return state.intro
        if state.last is not None and state.last_para in (n - 1, n) and not state.pending:
            return state.last
    return None


def _in_context(short: Speaker, state: _State, n: int) -> Speaker:
    """Return the one nearby person a shared surname means ("kata Latumahina" after Pj Bupati Yohanis Latumahina spoke).

    Two people of an article may share the name; the one who spoke last (this or the previous
    paragraph) or was named in this paragraph is meant. Otherwise the short form is kept.
    """
    word = short.name.casefold()
    if fold(short.name) in state.aliases:
        return state.aliases[fold(short.name)]
    near = [state.last] if state.last is not None and state.last_para in (n - 1, n) else []
    near += [sp for sp, _, _, para in state.pending.values() if para == n]
    found = {person_key(sp): sp for sp in near if word in sp.name.casefold().split() and len(sp.name.split()) > 1}
    return next(iter(found.values())) if len(found) == 1 else short


def _nicknames(name: str) -> tuple[str, ...]:
    """Return the ways a nickname is written: whole and without its form of address ("Om Alan", "Alan")."""
    words = fold(name).split()
    return (" ".join(words), words[-1]) if words else ()


def _named(mention: str, roster: Roster, places: tuple[str, ...]) -> Speaker | None:
    """Parse and resolve an explicit mention; None when it is not a person."""
    sp = speaker_in(mention, places)
    if not sp.name and not is_person_role(sp.role):
        return None
    if _people_in(mention, places) > 1:
        return None  # "Kapolda A dan Danrem B mengatakan": not one speaker
    return roster.resolve(sp)


def _people_in(mention: str, places: tuple[str, ...]) -> int:
    """Count the titled people a mention lists ('A, B, dan C')."""
    return len(people_in(mention, places))


def _resolve_intro(ref: Ref | None, para: Span, state: _State, roster: Roster, places: tuple[str, ...], n: int) -> Speaker | None:
    """Return the speaker a paragraph ending 'X mengatakan:' introduces."""
    if ref is None:
        return None
    if ref.kind == "name":
        return _named(para.text[ref.start : ref.end], roster, places)
    return state.pronoun(n) if ref.kind == "pronoun" else None


def _statement(article: Article, para: Span, claim: Claim, speaker: Speaker, meetings: Sequence[Meeting], state: _State) -> Statement:
    """Build the Statement of a claim (paragraph offsets moved into the article)."""
    start, end = para.start + claim.start, para.start + claim.end
    first, last = article.lines_of(start, end)
    if claim.ref.kind == "continue":
        a0, a1 = state.last_attr
    else:
        a0, a1 = para.start + claim.attr_start, para.start + claim.attr_end
        while a1 > a0 and article.text[a1 - 1] in ".,;: ":
            a1 -= 1
    return Statement(
        source=article.source, start=start, end=end, start_line=first, end_line=last,
        text=article.text[start:end], kind=claim.kind, verb=claim.verb.strip(".,;:!?"), speaker=speaker,
        meeting=meeting_index(tuple(meetings), start, article.text), attribution_start=a0, attribution_end=a1,
    )
