"""Helpers of the per-pass tables: run the speech passes on a short text and read back what they found."""

from __future__ import annotations

from typing import Callable, Sequence

from rag.core.types import Article
from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.pipeline import PASSES, run_passes

Said = tuple[str, str, str]  # (speaker name, or role when unnamed; kind; the statement's first words)


def article(text: str) -> Article:
    """Return an article of ``text``."""
    return Article(source="t.txt", text=text, sha256="0")


def start(text: str, words: int = 3) -> str:
    """Return the first ``words`` words of a statement."""
    return " ".join(text.split()[:words])


def said(text: str, passes: Sequence[Callable[[SpeechDoc], SpeechDoc]] = PASSES) -> list[Said]:
    """Return (who, kind, first words) of every statement the passes find in ``text``."""
    doc = run_passes(article(text), (), passes)
    return [(s.speaker.name or s.speaker.role, s.kind, start(s.text)) for s in doc.statements]


def said_by(text: str) -> list[tuple[str, str, str]]:
    """Return (name, role, first words) of every statement, for tables where the role matters."""
    return [(s.speaker.name, s.speaker.role, start(s.text)) for s in run_passes(article(text)).statements]


def without(step: Callable[[SpeechDoc], SpeechDoc]) -> tuple[Callable[[SpeechDoc], SpeechDoc], ...]:
    """Return the pass list without one pass, to show what that pass adds."""
    return tuple(p for p in PASSES if p is not step)


def through(step: Callable[[SpeechDoc], SpeechDoc]) -> tuple[Callable[[SpeechDoc], SpeechDoc], ...]:
    """Return the pass list up to and including one pass."""
    return PASSES[: PASSES.index(step) + 1]
