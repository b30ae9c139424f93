"""Interview pieces: "Berikut petikan wawancara ... dengan Ketua KPU X, Nama" then question and answer paragraphs.

The answers are the interviewee's own words even though no quote mark or speech
verb marks them. A paragraph is a question when it is labelled ("Tanya:", "T:",
"Q:") or is one short sentence ending in "?"; an answer is labelled ("Jawab:",
"J:", "A:") or follows a question. Only articles that announce an interview
with one named person get answers; any doubt leaves the paragraphs to the
ordinary quote reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from rag.core.sentences import sentences
from rag.core.types import Span
from rag.extract.speech.subjects import speaker_in

_ANNOUNCE = re.compile(
    r"\b(?:(?:petikan\s+)?wawancara(?:\s+[^\s.:]+){0,4}?\s+(?:dengan|bersama)|mewawancarai|"
    r"berbincang(?:-bincang)?\s+(?:dengan|bersama))\s+"
)
_WHO_END = re.compile(
    r"\s*(?::|\.(?:\s|$)|\(|\s+(?:di|saat|ketika|usai|seusai|pada|berikut|mengenai|tentang|soal|terkait)\b|"
    r",\s+(?:di|saat|usai|seusai|pada|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|berikut)\b|$)"
)
_QUESTION_LABEL = re.compile(r"^\s*(?:Tanya|Pertanyaan|T|Q)\s*[:.\-–—]\s*", re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"^\s*(?:Jawab|Jawaban|J|A)\s*[:.\-–—]\s*", re.IGNORECASE)
_QUOTE_MARKS = "“”\""


@dataclass(frozen=True)
class Reply:
    """One answer paragraph: where its words are (paragraph number and article offsets)."""

    para: int
    start: int
    end: int


@dataclass(frozen=True)
class Interview:
    """The interviewee's mention (article offsets) and the answer paragraphs."""

    mention_start: int
    mention_end: int
    mention: str
    answers: tuple[Reply, ...]

    @property
    def paragraphs(self) -> frozenset[int]:
        """Return the paragraph numbers that are answers."""
        return frozenset(a.para for a in self.answers)


def find_interview(paras: Sequence[Span]) -> tuple[Interview | None, frozenset[int]]:
    """Return the article's interview (or None) and the paragraph numbers of its questions."""
    for n, para in enumerate(paras):
        named = _interviewee(para.text)
        if named is None and not _BARE_ANNOUNCE.search(para.text):
            continue
        found = (para, named) if named else _earlier_interviewee(paras, n)
        if found is None:
            continue
        answers, questions = _answers(paras, n + 1)
        if not answers:
            return None, frozenset()
        where, (a, b) = found
        return Interview(where.start + a, where.start + b, where.text[a:b], tuple(answers)), frozenset(questions)
    return None, frozenset()


_BARE_ANNOUNCE = re.compile(r"\b(?:petikan\s+)?wawancara(?:nya)?\b|\btanya[\s-]+jawab\b", re.IGNORECASE)
_CUE = re.compile(r"\b(?:pertanyaan|wawancara|diwawancarai|ditemui|berbincang|menjawab|dikonfirmasi)\b", re.IGNORECASE)
_PERSON_RUN = re.compile(r"(?:[A-Z][\w.'/-]*,?\s+){1,10}[A-Z][\w.'-]*")


def _earlier_interviewee(paras: Sequence[Span], n: int) -> tuple[Span, tuple[int, int]] | None:
    """Return "Ketua KPU X Name ... menjawab pertanyaan wartawan" before a bare "Berikut petikan wawancaranya"."""
    for para in reversed(paras[max(0, n - 3) : n]):
        for start, end in sentences(para.text):
            sentence = para.text[start:end]
            if not _CUE.search(sentence):
                continue
            runs = [m for m in _PERSON_RUN.finditer(sentence) if _is_person(m.group())]
            if runs:
                return para, (start + runs[0].start(), start + runs[0].end())
    return None


def _is_person(text: str) -> bool:
    """Return True when a capitalized run holds a person's title and name."""
    sp = speaker_in(text)
    return bool(sp.role) and len(sp.name.split()) >= 2


def _interviewee(text: str) -> tuple[int, int] | None:
    """Return the span of the person an interview announcement names ("... dengan Ketua KPU X, Nama"), or None."""
    found = _ANNOUNCE.search(text)
    if found is None:
        return None
    start = found.end()
    end = start + _WHO_END.search(text, start).start() - start
    who = text[start:end].rstrip(" ,;")
    if len(re.findall(r"\b[A-Z][\w.'-]+", who)) < 2 or len(who) > 160:
        return None  # a title and a name at least
    return start, start + len(who)


def _answers(paras: Sequence[Span], first: int) -> tuple[list[Reply], list[int]]:
    """Return the answer paragraphs after the announcement and the question paragraphs.

    When answers are labelled ("Jawab:"), only labelled paragraphs count; otherwise
    up to three paragraphs after each question do, until a quoted paragraph.
    """
    labelled = any(_ANSWER_LABEL.match(p.text) for p in paras[first:])
    answers: list[Reply] = []
    questions: list[int] = []
    left = 0
    for n in range(first, len(paras)):
        text = paras[n].text
        if _is_question(text):
            questions.append(n)
            left = 3
            continue
        label = _ANSWER_LABEL.match(text)
        if labelled and label is None or not labelled and (left == 0 or any(m in text for m in _QUOTE_MARKS)):
            left = 0
            continue
        left -= 1
        skip = label.end() if label else len(text) - len(text.lstrip())
        end = len(text.rstrip())
        if end - skip >= 12:
            answers.append(Reply(n, paras[n].start + skip, paras[n].start + end))
    return answers, questions


def _is_question(text: str) -> bool:
    """Return True for a labelled question, or one short unquoted sentence ending in '?'."""
    if _QUESTION_LABEL.match(text):
        return True
    body = text.strip()
    return body.endswith("?") and len(body) <= 300 and not any(m in body for m in _QUOTE_MARKS) and body.count(". ") == 0
