"""A conversation's history, and what its previous turn was about (for `rag.followup`).

History is a list of previous turns, oldest first. A turn is a question
(``"Apa kata Pj Bupati Madiun?"``), a ``[question, answer]`` pair where the
answer is the `rag ask --json` object (or its JSON text), or that answer
object alone (it carries its ``question``). When the previous turn has no
answer, the service asks it again (with the turns before it as its own
history), so chains of follow-ups resolve too.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from rag.answer.compose import meeting_title
from rag.core.types import Answer, Meeting, Statement
from rag.index.snapshot import Snapshot
from rag.query.followup import Referents, asked_person, has_reference, rewrite, speaker_phrase

log = logging.getLogger(__name__)

MAX_TURNS = 4  # only the last turns matter; older ones are dropped before anything is asked again


@dataclass(frozen=True)
class Turn:
    """One earlier question and, when the caller kept it, its answer (JSON form)."""

    question: str
    answer: dict[str, Any] | None = None


def parse_history(history: Sequence[Any] | None) -> list[Turn]:
    """Return the usable turns of a history (malformed items are skipped), at most the last MAX_TURNS."""
    turns: list[Turn] = []
    for item in history or []:
        turn = _turn(item)
        if turn is not None and turn.question.strip():
            turns.append(turn)
    return turns[-MAX_TURNS:]


def _turn(item: Any) -> Turn | None:
    """Return one history item as a Turn, or None when it is not one."""
    if isinstance(item, Turn):
        return item
    if isinstance(item, str):
        return Turn(item)
    if isinstance(item, dict) and isinstance(item.get("question"), str):
        return Turn(item["question"], item)
    if isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
        answer = item[1] if len(item) > 1 else None
        if isinstance(answer, str):
            try:
                answer = json.loads(answer)
            except ValueError:
                answer = None
        return Turn(item[0], answer if isinstance(answer, dict) else None)
    return None


Asker = Callable[[str, list[Turn]], Answer]


def interpret(question: str, history: Sequence[Any] | None, ask: Asker, snapshot: Snapshot) -> str:
    """Return the question with references to the previous turn resolved (the question itself when none)."""
    turns = parse_history(history)
    if not turns or not has_reference(question):
        return question
    last = turns[-1]
    answer = last.answer
    if answer is None:
        answer = ask(last.question, turns[:-1]).to_json()
    ref = referents(answer, snapshot, last.question)
    return rewrite(question, ref) if ref else question


def referents(answer: dict[str, Any], snapshot: Snapshot, question: str = "") -> Referents:
    """Return who, which meeting and where an answer (JSON form) was about, read through its first citation."""
    asked = asked_person(str(answer.get("interpreted_as") or answer.get("question") or question))
    name = str(answer.get("speaker") or "")
    citations = [c for c in answer.get("citations") or [] if isinstance(c, dict)]
    statement = _cited_statement(snapshot, citations[0]) if citations else None
    described = statement.speaker.display if statement is not None else ""
    meeting = _meeting(snapshot, statement, citations[0] if citations else None)
    place = (meeting.venue or meeting.city or meeting.province) if meeting else ""
    return Referents(speaker=speaker_phrase(asked, name, described), meeting=_meeting_label(meeting), place=place)


def _cited_statement(snapshot: Snapshot, citation: dict[str, Any]) -> Statement | None:
    """Return the extracted statement a citation quotes (same file, overlapping lines, the quote holding it)."""
    source, quote = citation.get("source"), str(citation.get("quote") or "")
    try:
        first, last = int(citation.get("start_line", 0)), int(citation.get("end_line", 0))
    except (TypeError, ValueError):
        return None
    found = [s for s in snapshot.statements if s.source == source and s.start_line <= last and first <= s.end_line]
    exact = [s for s in found if s.text in quote or quote in s.text]
    named = [s for s in exact or found if s.speaker.name or s.speaker.role]
    return named[0] if named else None


def _meeting(snapshot: Snapshot, statement: Statement | None, citation: dict[str, Any] | None) -> Meeting | None:
    """Return the meeting of the cited statement, else the main meeting of the cited file."""
    if statement is not None:
        return snapshot.meeting_of(statement)
    if citation is not None:
        found = snapshot.meetings_of(str(citation.get("source")))
        return found[0] if found else None
    return None


def _meeting_label(meeting: Meeting | None) -> str:
    """Return how a question names a meeting: its title, with its venue or city when the title alone is generic."""
    if meeting is None:
        return ""
    title = meeting_title(meeting)
    place = meeting.venue or meeting.city
    if place and place.lower() not in title.lower() and len(title.split()) <= 3:
        return f"{title} di {place}"
    return title
