"""What comes right after a cited statement: the sentence that goes on with its points ("Kedua, jangan ada ego
sektoral ..."), cited apart and unattributed, so that nothing it says is put in the speaker's mouth."""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from rag.answer.evidence import paragraph_sentences
from rag.answer.naming import names_a_person
from rag.core.lexicon import alternation
from rag.core.types import Statement

FOLLOW_REACH = 160  # characters of white space, attribution tail or closing words between a statement and what follows
FOLLOW_MIN = 25  # a shorter "sentence" is a caption, a byline or a cut-off line


def follow_on(text: str, statement: Statement, statements: Sequence[Statement]) -> tuple[int, int] | None:
    """Return the span of the sentence of ``text`` right after a statement when it is nobody else's: no statement of
    its own, no person named in it, no teaser or byline; else None."""
    at = max(statement.end, statement.attribution_end or statement.end)
    spans = [(a, b) for a, b in paragraph_sentences(text, at, min(len(text), at + FOLLOW_REACH)) if a >= at - 1]
    if not spans:
        return None
    start, end = spans[0]
    sentence = text[start:end].strip(" \t\n,.;:”\"'")
    if start - at > FOLLOW_REACH or len(sentence) < FOLLOW_MIN or _not_body().match(sentence) or names_a_person(sentence):
        return None
    if any(s.start < end and start < max(s.end, s.attribution_end or s.end) for s in statements):
        return None  # it is a statement itself (the extraction gave it a speaker), or part of one
    span = text[start:end]
    return start + len(span) - len(span.lstrip()), start + len(span.rstrip())  # no "\r" of a CRLF line at its end


@cache
def _not_body() -> re.Pattern[str]:
    """Return the pattern of a teaser or byline line ('Baca juga: ...', 'Editor: ...'): not a sentence of the body."""
    words = f"{alternation('boilerplate', 'teaser_leads')}|{alternation('boilerplate', 'byline_leads')}"
    return re.compile(rf"^\W*(?:{words})\b", re.IGNORECASE)
