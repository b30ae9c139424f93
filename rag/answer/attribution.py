"""Whose words a sentence is: the person a question names by title or by name, and the sentences that are theirs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rag.answer.context import Context
from rag.answer.evidence import Evidence
from rag.answer.naming import names_titled, speaks, titled_pairs
from rag.core.text import WORD
from rag.core.types import Speaker, Statement
from rag.query.analysis import Question


def name_written(ctx: Context, q: Question) -> bool:
    """Return True when the question writes the name of a person it matched ("Gede Wiranata"), not only a role."""
    words = {w.lower() for w in WORD.findall(q.text)}
    return any(len(t) >= 3 and t.lower() in words for e in ctx.people.matches(q.people_text) for t in e.name.split())


def said_among(e: Evidence, statements: set[tuple[str, int]]) -> bool:
    """Return True when the sentence is (or continues, or follows) one of the given statements."""
    return any(s is not None and (s.source, s.start) in statements for s in (e.said, e.previous))


def who_of(statement: Statement | None) -> str:
    """Return the role and name of a statement's speaker."""
    return f"{statement.speaker.role} {statement.speaker.name}" if statement is not None else ""


def said_by(e: Evidence, titled: list) -> bool:
    """Return True when the titled person said it: their statement, the sentence after it, or a speech sentence naming them."""
    if names_titled(titled, who_of(e.said)):
        return True
    before = e.previous  # the statement before counts unless the sentence is another speaker's own statement
    if before is not None and (e.said is None or e.said.speaker.name == before.speaker.name) and names_titled(titled, who_of(before)):
        return True
    return speaks(e.text) and names_titled(titled, e.text)


def speaker_written(e: Evidence, asked: set[str]) -> bool:
    """Return True when the question writes the speaker's whole name ("Gubernur Kepri Ansar Ahmad", quoted as "Gubernur
    Ansar Ahmad" or "Ansar"): the name decides, however the article words the title."""
    said = e.said or e.previous  # the sentence's own statement first: it is that speaker's, whoever else it names
    name = said.speaker.name.lower().split() if said is not None else []
    return bool(name) and any(len(t) >= 4 for t in name) and all(t in asked for t in name)


NAME_PART_MIN = 4  # "terang Rita": a first or last name of four letters or more names its holder in their own article


@dataclass(frozen=True)
class Named:
    """A person the question's title resolves to ("Kapolres Sukabumi Kota" is Rita Suwadi): who, and their articles."""

    speaker: Speaker
    sources: frozenset[str]


def resolved(ctx: Context, q: Question) -> tuple[Named, ...]:
    """Return the named people a question that names a title resolves to."""
    titled = titled_pairs(q)
    if not titled:
        return ()
    return tuple(
        Named(Speaker(e.name, e.roles[0] if e.roles else "", e.ranks[0] if e.ranks else ""), frozenset(e.sources))
        for e in ctx.people.matches(q.people_text)
        if e.name and any(names_titled(titled, f"{role} {e.name}") for role in e.roles)  # the title the question asks
    )


def holder_in(e: Evidence, named: Sequence[Named]) -> Speaker | None:
    """Return the person a sentence of their own article names by full, first or last name ("terang Rita"), if any."""
    words = set(WORD.findall(e.text))
    for person in named:
        parts = person.speaker.name.split()
        ends = {p for p in (parts[0], parts[-1]) if len(p) >= NAME_PART_MIN}
        theirs = e.said is None or e.said.speaker.name == person.speaker.name  # not another speaker's quote naming them
        if theirs and e.source in person.sources and (person.speaker.name in e.text or ends & words):
            return person.speaker
    return None
