"""Whose account a sentence is: one with no speaker of its own, between two statements of one speaker, is theirs."""

from __future__ import annotations

from typing import Sequence

from rag.answer.naming import names_a_person
from rag.core.types import Statement

LIST_SENTENCES = 12  # how many sentences after a statement ending in ':' are the points it lists


def same_speaker(a: Statement, b: Statement) -> bool:
    """Return True when two statements have one speaker (by name, else by role)."""
    if a.speaker.name or b.speaker.name:
        return a.speaker.name.lower() == b.speaker.name.lower()
    return bool(a.speaker.role) and a.speaker.role.lower() == b.speaker.role.lower()


def accounts(texts: Sequence[str], said: Sequence[Statement | None]) -> list[Statement | None]:
    """Return, per sentence, the statement whose speaker's account it continues: a sentence with no statement of its
    own that names no one, with the nearest statements before and after it by one speaker ("“...,” kata X. <sentence>.
    “...,” tambahnya."); or one of the points listed after a statement that ends in ':'."""
    out: list[Statement | None] = []
    listing, left = None, 0
    for i, (text, own) in enumerate(zip(texts, said, strict=True)):
        if own is not None:  # "... ada 6 indikator, yakni:" then "Pertama : ...": the points listed are that speaker's
            listing, left = (own, LIST_SENTENCES) if text.rstrip().endswith(":") else (None, 0)
        elif listing is not None and left > 0:
            out.append(listing)
            left -= 1
            continue
        if own is not None or names_a_person(text):
            out.append(None)
            continue
        before = next((s for s in reversed(said[:i]) if s is not None), None)
        after = next((s for s in said[i + 1 :] if s is not None), None)
        out.append(before if before is not None and after is not None and same_speaker(before, after) else None)
    return out
