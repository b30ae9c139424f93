"""Non-blank lines of an article, with over-long unbroken runs split at sentence ends.

A news paragraph is well under a thousand characters. A file written on one
line (or a paragraph thousands of characters long) would make every
per-paragraph step work on the whole file, and verbatim repeats would never be
recognized. Such a run is cut into its sentences first, as if the file had a
line break after each one, so extraction time is linear in the text.
"""

from __future__ import annotations

import re
from typing import Iterator

from rag.core.sentences import find_quotes, mask, sentences

LONG_RUN = 4000  # characters; about four times the longest paragraph of the corpus, so real paragraphs stay whole
_LINE = re.compile(r"[^\r\n]+")
_SPACE = re.compile(r"\s")


def runs(text: str, limit: int = LONG_RUN) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every non-blank line of ``text``; a line over ``limit`` is yielded sentence by sentence."""
    for m in _LINE.finditer(text):
        if not m.group().strip():
            continue
        if m.end() - m.start() <= limit:
            yield m.start(), m.end()
            continue
        yield from split_run(text, m.start(), m.end(), limit)


def split_run(text: str, start: int, end: int, limit: int = LONG_RUN) -> list[tuple[int, int]]:
    """Return the sentences of ``text[start:end]`` as offsets into ``text``, none longer than ``limit``.

    Sentences are found with quotes masked, so a quote stays whole with its
    attribution. A piece still over ``limit`` (an unclosed quote, no full stops)
    is cut at its sentence ends ignoring quotes, then at white space.
    """
    line = text[start:end]
    pieces: list[tuple[int, int]] = []
    for a, b in sentences(mask(line, find_quotes(line))):
        if b - a <= limit:
            pieces.append((a, b))
            continue
        for c, d in sentences(line[a:b]):
            pieces += _cut(line, a + c, a + d, limit)
    return [(start + a, start + b) for a, b in pieces if line[a:b].strip()]


def _cut(line: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut ``line[start:end]`` into pieces of at most ``limit`` characters, at the last white space where there is one."""
    out: list[tuple[int, int]] = []
    while end - start > limit:
        stop = start + limit
        spaces = [m.start() for m in _SPACE.finditer(line, start + limit // 2, stop)]
        cut = spaces[-1] if spaces else stop
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out
