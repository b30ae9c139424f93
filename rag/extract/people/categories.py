"""Kinds of speaker a question names without a title: "Tokoh agama mana yang ...", "the customary leader".

A religious figure is whoever speaks for a religious body (MUI, FKUB, a synod); a
customary leader speaks for an adat council. The words live in ``data/categories.json``.
"""

from __future__ import annotations

import re
from functools import cache

from rag.core.lexicon import fold, load


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Return, per kind, the pattern of the question words and the pattern of the role words."""
    out = {}
    for kind, data in load("categories").items():
        if kind == "comment":
            continue
        asked = "|".join(re.escape(w) for w in sorted(data["asked"], key=len, reverse=True))
        roles = "|".join(re.escape(w) for w in sorted(data["roles"], key=len, reverse=True))
        out[kind] = (re.compile(rf"\b(?:{asked})\b", re.IGNORECASE), re.compile(rf"\b(?:{roles})\b"))
    return out


def asked_kinds(question: str) -> tuple[str, ...]:
    """Return the kinds of speaker the question names ("religious", "customary")."""
    return tuple(kind for kind, (asked, _) in _patterns().items() if asked.search(question))


def role_is(kind: str, role: str) -> bool:
    """Return True when a role speaks for a body of that kind ("Ketua MUI Kepahiang" is religious)."""
    return bool(role) and _patterns()[kind][1].search(fold(role)) is not None


def without_kinds(question: str) -> str:
    """Return the question with the words that name a kind of speaker blanked out."""
    for asked, _ in _patterns().values():
        question = asked.sub(" ", question)
    return question
