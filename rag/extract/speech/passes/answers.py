"""Pass: an interview's answers as the interviewee's direct statements, merged into article order."""

from __future__ import annotations

from dataclasses import replace

from rag.core.types import Speaker, Statement
from rag.extract.meetings.records import meeting_index
from rag.extract.people.names import is_person_role
from rag.extract.speech.doc import SpeechDoc
from rag.extract.speech.roster import Roster
from rag.extract.speech.subjects import speaker_in

ANSWER_VERB = "menjawab"


def run(doc: SpeechDoc) -> SpeechDoc:
    """Return the doc with the interviewee's answers added (unchanged without an interview)."""
    if doc.interview is None:
        return doc
    speaker = (doc.roster or Roster()).resolve(speaker_in(doc.interview.mention, doc.places))
    statements = [*doc.statements, *answers(doc, speaker)]
    statements.sort(key=lambda st: st.start)
    return replace(doc, statements=tuple(statements))


def answers(doc: SpeechDoc, speaker: Speaker) -> list[Statement]:
    """Return the interview's answers as direct statements of ``speaker`` (none when the interviewee is not a person)."""
    interview, article = doc.interview, doc.article
    if interview is None or not speaker.name and not is_person_role(speaker.role):
        return []
    out = []
    for answer in interview.answers:
        first, last = article.lines_of(answer.start, answer.end)
        out.append(Statement(
            source=article.source, start=answer.start, end=answer.end, start_line=first, end_line=last,
            text=article.text[answer.start : answer.end], kind="direct", verb=ANSWER_VERB, speaker=speaker,
            meeting=meeting_index(doc.meetings, answer.start, article.text),
            attribution_start=interview.mention_start, attribution_end=interview.mention_end,
        ))
    return out
