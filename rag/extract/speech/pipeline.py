"""Speech extraction as an ordered list of passes over one ``SpeechDoc``; ``extract_statements`` runs them.

Each pass is a module of ``rag.extract.speech.passes`` with ``run(doc) -> doc``. Read
``PASSES`` top to bottom for the order; a new way of attributing speech goes into the
rule module a pass calls (``scan``, ``reported``, ``trailing``, ``roster``, ``reading``,
``interviews``), or into a new pass placed where what it needs is already found.
"""

from __future__ import annotations

import logging
from typing import Callable, Sequence

from rag.core.types import Article, Meeting, Statement
from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.passes import answers, interviews, introduced, paragraphs, places, roster, scan, speakers, trailing

log = logging.getLogger(__name__)

Pass = Callable[[SpeechDoc], SpeechDoc]

PASSES: tuple[Pass, ...] = (
    places.run,  # the article's place names (a place after a title belongs to the role)
    paragraphs.run,  # content paragraphs, without headline and header chrome
    interviews.run,  # an announced interview's question and answer paragraphs
    scan.run,  # each other paragraph: quotes, reported speech, people named, a closing "X mengatakan:"
    trailing.run,  # a whole-paragraph quote, then "Demikian disampaikan X": X's
    roster.run,  # everyone the article names, to expand short names and bare roles
    speakers.run,  # pronouns, the running speaker, epithets, held open quotes: statements
    answers.run,  # the interviewee's answers, merged into article order
    introduced.run,  # a bare title's paragraph, then a quote closed by a name alone: one person
)


def run_passes(article: Article, meetings: Sequence[Meeting] = (), passes: Sequence[Pass] = PASSES) -> SpeechDoc:
    """Return the doc of ``article`` after running ``passes`` in order."""
    doc = SpeechDoc.of(article, tuple(meetings))
    for step in passes:
        doc = step(doc)
    log.debug("%s: %d statements", article.source, len(doc.statements))
    return doc


def extract_statements(article: Article, meetings: Sequence[Meeting] = ()) -> list[Statement]:
    """Return the statements of ``article`` with speakers, kinds, verbs and meeting indexes."""
    return list(run_passes(article, meetings).statements)
