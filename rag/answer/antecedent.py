"""A quote that opens on "kategori tersebut" or "hal itu" points back: the sentence before it that names the noun is
cited too, as the narration it is (no speaker), so the answer says what "tersebut" stands for."""

from __future__ import annotations

import re
from typing import Sequence

from rag.answer.compose import cite
from rag.answer.context import Context
from rag.answer.evidence import paragraph_sentences
from rag.core.text import stop_words
from rag.core.types import Citation

_BACK = re.compile(r"\b([^\W\d_]{4,})\s+(?:tersebut|itu)\b", re.IGNORECASE)
BACK_REACH = 80  # the pointing words stand near the quote's start ("Kapolres menjelaskan, kategori tersebut ...")
BEFORE_CHARS = 500  # how far back the sentence pointed to may start
MIN_SENTENCE = 15


def with_antecedent(ctx: Context, citations: Sequence[Citation]) -> tuple[Citation, ...]:
    """Return the citations plus, after them, the sentence the first one points back to, if it names the noun."""
    if not citations:
        return tuple(citations)
    lead = citations[0]
    text = ctx.snapshot.articles[lead.source].text
    span = antecedent(text, lead.start, lead.quote)
    if span is None or any(c.source == lead.source and c.start <= span[0] < c.end for c in citations):
        return tuple(citations)
    article = ctx.snapshot.articles[lead.source]
    return (*citations, cite(max(c.id for c in citations) + 1, article, span[0], span[1]))


def antecedent(text: str, start: int, quote: str) -> tuple[int, int] | None:
    """Return the span of the sentence before ``start`` that names the noun a quote's "<noun> tersebut" points to."""
    m = _BACK.search(quote[:BACK_REACH])
    if m is None or m.group(1).lower() in stop_words():
        return None
    noun = m.group(1).lower()
    spans = [(a, b) for a, b in paragraph_sentences(text, max(0, start - BEFORE_CHARS), start) if b <= start]
    spans = [(a, b) for a, b in spans if b - a >= MIN_SENTENCE]
    if not spans or noun not in text[spans[-1][0] : spans[-1][1]].lower():
        return None
    return spans[-1]
