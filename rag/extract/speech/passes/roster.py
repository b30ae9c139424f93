"""Pass: everyone the article (and its headline) names, to expand short names and bare roles later."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.roster import Roster
from rag.ingest.headers import title_span


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with the article's roster of people."""
    text = doc.article.text
    span = title_span(doc.article)
    roster = Roster.build(list(doc.scans), doc.places, text, text[span[0] : span[1]] if span else "")
    return replace(doc, roster=roster)
