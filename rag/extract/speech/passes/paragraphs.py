"""Pass: the content paragraphs, without the headline and the header chrome near the top."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.speech.doc import SpeechDoc
from rag.ingest.corpus import content_paragraphs
from rag.ingest.headers import is_header_line, title_span

HEADER_REACH = 600  # header lines (outlet, dateline, credits) are only looked for this near the top


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with its content paragraphs."""
    span = title_span(doc.article)
    paras = [p for p in content_paragraphs(doc.article) if not (span and p.start <= span[0] < p.end)]
    paras = [p for p in paras if not (p.start < HEADER_REACH and is_header_line(p.text))]
    return replace(doc, paragraphs=tuple(paras))
