"""Pass: a whole-paragraph quote gets the speaker a next "Demikian disampaikan X" paragraph names."""

from __future__ import annotations

from dataclasses import replace

from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.trailing import with_trailing


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with trailing attributions attached to the quotes they name."""
    return replace(doc, scans=tuple(with_trailing(doc.scans)))
