"""The one document the speech passes read and extend: an article and what earlier passes found in it."""

from __future__ import annotations

from dataclasses import dataclass

from rag.core.types import Article, Meeting, Span, Statement
from rag.extract.speech.claims import Scan
from rag.extract.speech.interviews import Interview
from rag.extract.speech.roster import Roster


@dataclass(frozen=True)
class SpeechDoc:
    """An article on its way through the passes; each pass returns a new doc (``dataclasses.replace``)."""

    article: Article
    meetings: tuple[Meeting, ...] = ()
    places: tuple[str, ...] = ()  # place names, so "Kapolres Ambon" is a role and not a name
    paragraphs: tuple[Span, ...] = ()  # content paragraphs, headline and header chrome left out
    interview: Interview | None = None  # the interviewee and the answer paragraphs
    questions: frozenset[int] = frozenset()  # paragraph numbers of the interview's questions
    scans: tuple[tuple[Span, Scan], ...] = ()  # each paragraph the scan read (not questions or answers) with what it holds
    roster: Roster | None = None  # everyone the article names, to expand short names and bare roles
    statements: tuple[Statement, ...] = ()  # what was said, by whom, in article order

    @classmethod
    def of(cls, article: Article, meetings: tuple[Meeting, ...] = ()) -> SpeechDoc:
        """Return the doc of an article before any pass has run."""
        return cls(article=article, meetings=tuple(meetings))
