"""Pass: an announced interview's answer and question paragraphs, which the paragraph scan then skips."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.interviews import find_interview


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with its interview (or None) and the interview's question paragraphs."""
    interview, questions = find_interview(doc.paragraphs)
    return replace(doc, interview=interview, questions=questions)
