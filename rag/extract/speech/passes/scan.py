"""Pass: each paragraph's quotes, reported speech and people named (``rag.extract.speech.scan``)."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.scan import scan_paragraph


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with the scan of every paragraph that is not an interview's question or answer."""
    skip = doc.questions | (doc.interview.paragraphs if doc.interview else frozenset())
    scans = tuple((para, scan_paragraph(para.text)) for n, para in enumerate(doc.paragraphs) if n not in skip)
    return replace(doc, scans=scans)
