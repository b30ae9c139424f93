"""Pass: each claim's speaker (named, pronoun, running speaker, epithet) read in order, emitted as statements.

A quote that opens a paragraph and runs to its end unclosed is held: when the next
paragraph opens with a quote closed by an attribution ("“A ... / “B ...,” ungkap X"),
the held paragraphs are X's too; otherwise each keeps its own speaker. A claim
whose speaker cannot be told safely is dropped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from typing import Sequence

from rag.core.types import Span, Speaker, Statement
from rag.extract.meetings.records import meeting_index
from rag.extract.speech.claims import Claim, Mention, Scan
from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.reading import ReadingState, intro_speaker, speaker_of
from rag.extract.speech.roster import Roster
from rag.extract.speech.subjects import speaker_in

log = logging.getLogger(__name__)

At = tuple[Span, Claim, int]  # a claim with its paragraph and the paragraph's number among the scans


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with a statement for every claim whose speaker can be told, in reading order."""
    reader = _Reader(doc, doc.roster or Roster())
    for n, (para, scan) in enumerate(doc.scans):
        reader.paragraph(n, para, scan)
    reader.release()
    return replace(doc, statements=(*doc.statements, *reader.out))


@dataclass
class _Reader:
    """Reads the scanned paragraphs in order, keeping the reading state and the held open quotes."""

    doc: SpeechDoc
    roster: Roster
    state: ReadingState = field(default_factory=ReadingState)
    out: list[Statement] = field(default_factory=list)
    held: list[tuple[At, Speaker | None]] = field(default_factory=list)  # open quote paragraphs: “... with no closing mark

    def paragraph(self, n: int, para: Span, scan: Scan) -> None:
        """Read one paragraph's claims and mentions, then its closing 'X mengatakan:'."""
        places = self.doc.places
        for item in _in_order(scan, para.text):
            if isinstance(item, Mention):
                self.state.note(self.roster.resolve(speaker_in(item.text, places)), item.subject, para.start + item.sentence, n)
                continue
            if _is_open(item, para.text):
                self.held.append(((para, item, n), self.speaker(item, para, n)))
                continue
            self.release(self.speaker(item, para, n) if self.held and _closes_quote(item, para.text) else None)
            self.emit((para, item, n), self.speaker(item, para, n))
        self.state.intro = intro_speaker(scan.intro, para, self.state, self.roster, places, n)
        if self.held and self.held[-1][0][2] != n:
            self.release()  # the next paragraph did not close the quote

    def speaker(self, claim: Claim, para: Span, n: int) -> Speaker | None:
        """Return the speaker of a claim in paragraph ``n`` (None when unsure)."""
        return speaker_of(claim, para, self.state, self.roster, self.doc.places, n)

    def release(self, closer: Speaker | None = None) -> None:
        """Emit the held paragraphs: the closing quote's speaker's ("“A ... / “B ...,” ungkap X"), else their own."""
        for at, speaker in self.held:
            self.emit(at, closer or speaker)
        self.held.clear()

    def emit(self, at: At, speaker: Speaker | None) -> None:
        """Append the statement of a claim whose speaker is known; drop it otherwise."""
        para, claim, n = at
        if speaker is None:
            log.debug("dropped unattributed claim at %s:%d", self.doc.article.source, para.start + claim.start)
            return
        self.out.append(_statement(self.doc, para, claim, speaker, self.state.last_attr))
        self.state.said(speaker, n, para.start + claim.attr_start, para.start + claim.attr_end)


def _is_open(claim: Claim, text: str) -> bool:
    """Return True for a paragraph-opening quote that runs to the paragraph's end unclosed."""
    return claim.kind == "direct" and claim.ref.kind == "continue" and not text[claim.end :].strip() and claim.start <= 2


def _closes_quote(claim: Claim, text: str) -> bool:
    """Return True for a quote that opens its paragraph and names its speaker after it (“...,” kata X)."""
    return claim.kind == "direct" and claim.start <= 2 and claim.ref.kind in ("name", "pronoun")


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


def _statement(doc: SpeechDoc, para: Span, claim: Claim, speaker: Speaker, last_attr: tuple[int, int]) -> Statement:
    """Build the Statement of a claim (paragraph offsets moved into the article; a continuation keeps the last attribution)."""
    article = doc.article
    start, end = para.start + claim.start, para.start + claim.end
    first, last = article.lines_of(start, end)
    if claim.ref.kind == "continue":
        a0, a1 = last_attr
    else:
        a0, a1 = para.start + claim.attr_start, para.start + claim.attr_end
        while a1 > a0 and article.text[a1 - 1] in ".,;: ":
            a1 -= 1
    return Statement(
        source=article.source, start=start, end=end, start_line=first, end_line=last,
        text=article.text[start:end], kind=claim.kind, verb=claim.verb.strip(".,;:!?"), speaker=speaker,
        meeting=meeting_index(doc.meetings, start, article.text), attribution_start=a0, attribution_end=a1,
    )
