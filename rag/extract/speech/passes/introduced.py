"""Pass: a bare title's paragraph, then a quote the next paragraph closes with a name and no title: one person.

"Kapolres Takalar menegaskan komitmen ... / “Kami akan ...,” kata AKBP Gotham Hidayat." The first paragraph
introduces the speaker by title only, the quote that follows names them only; nobody else is named between. Every
statement of that bare title in the article, and the named quote, get the name and the title together. Nothing is
joined when the article names someone else for that title, or when the named person has a title of their own.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from rag.core.types import Span, Speaker, Statement
from rag.extract.people.entities import roles_compatible
from rag.extract.speech.doc import SpeechDoc


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with bare-title statements named by the quote the next paragraph closes with a name."""
    paragraphs = [para for para, _ in doc.scans]
    statements = list(doc.statements)
    for i in range(len(statements) - 1):
        bare, named = statements[i], statements[i + 1]
        if not _introduces(bare, named, paragraphs) or _titled_elsewhere(doc, bare.speaker.role):
            continue
        person = Speaker(named.speaker.name, bare.speaker.role, named.speaker.rank, "")
        statements = [_joined(s, bare.speaker.role, named.speaker.name, person) for s in statements]
    return replace(doc, statements=tuple(statements))


def _introduces(bare: Statement, named: Statement, paragraphs: Sequence[Span]) -> bool:
    """Return True when a title-only statement is followed, in the very next paragraph, by a direct quote whose
    speaker has a name and no title."""
    if bare.speaker.name or not bare.speaker.role or named.kind != "direct":
        return False
    if not named.speaker.name or named.speaker.role:
        return False
    at, then = _paragraph_of(bare.start, paragraphs), _paragraph_of(named.start, paragraphs)
    return at is not None and then is not None and then == at + 1


def _paragraph_of(offset: int, paragraphs: Sequence[Span]) -> int | None:
    """Return the number of the paragraph holding an offset."""
    return next((n for n, p in enumerate(paragraphs) if p.start <= offset < p.end), None)


def _titled_elsewhere(doc: SpeechDoc, role: str) -> bool:
    """Return True when the article names a person for this title (the bare title is theirs, not the quote's)."""
    people = doc.roster.people if doc.roster else []
    return any(p.name and p.role and roles_compatible(role, p.role) for p in people)


def _joined(s: Statement, role: str, name: str, person: Speaker) -> Statement:
    """Return a statement of the bare title or of the named person with both name and title."""
    sp = s.speaker
    if (not sp.name and sp.role == role) or (sp.name == name and not sp.role):
        return replace(s, speaker=replace(person, mention=sp.mention))
    return s
