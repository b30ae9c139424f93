"""Pass: the article's place names, so a place after a title is read as part of the role."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.meetings.places import article_places
from rag.extract.speech.doc import SpeechDoc


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with the places the article names."""
    return replace(doc, places=tuple(article_places(doc.article.text)))
