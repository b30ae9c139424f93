"""Turning chosen evidence into answer text and verbatim citations."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from rag.core.sentences import find_quotes, mask, sentences
from rag.core.types import Article, Citation, Meeting, Span, Speaker, Statement
from rag.index.snapshot import Snapshot

MESSAGES = {
    "not_found": {"id": "Tidak ditemukan dalam korpus.", "en": "Not found in the corpus."},
    "empty": {"id": "Pertanyaan kosong. Tulis pertanyaan tentang rapat atau pernyataan pejabat.", "en": "The question is empty."},
    "too_long": {
        "id": "Pertanyaan terlalu panjang (maksimal {limit} karakter).",
        "en": "The question is too long (at most {limit} characters).",
    },
    "no_words": {"id": "Pertanyaan tidak berisi kata. Tulis pertanyaan dengan huruf atau angka.", "en": "The question has no words."},
    "said": {"id": "mengatakan", "en": "said"},
    "said_indirect": {"id": "menyampaikan", "en": "stated"},
    "at": {"id": "Dalam", "en": "At"},
    "held": {"id": "digelar", "en": "was held"},
    "in": {"id": "di", "en": "at"},
    "on": {"id": "pada", "en": "on"},
    "speakers": {"id": "Yang berbicara", "en": "Speakers"},
    "also": {"id": "Juga diberitakan", "en": "Also reported"},
    "meetings": {"id": "Rapat/acara yang diikuti", "en": "Meetings attended"},
    "said_it_at": {"id": "Disampaikan dalam", "en": "Said at"},
    "passage": {"id": "Bagian yang paling relevan", "en": "Most relevant passage"},
    "quote_note": {"id": "", "en": " (quoted in Indonesian)"},
}


def message(key: str, lang: str) -> str:
    """Return a fixed UI/answer phrase in the question's language."""
    entry = MESSAGES[key]
    return entry.get(lang) or entry["id"]


def span(article: Article, start: int, end: int) -> Span:
    """Return a verbatim span of an article with its 1-based lines."""
    first, last = article.lines_of(start, end)
    return Span(article.source, start, end, first, last, article.text[start:end])


def paragraph_around(article: Article, start: int, end: int) -> Span:
    """Return the paragraph (non-blank line block) that contains ``[start, end)``."""
    text = article.text
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    while right > left and text[right - 1].isspace():
        right -= 1
    return span(article, left, max(right, end))


def cite(number: int, article: Article, start: int, end: int, speaker: Speaker | None = None, meeting: Meeting | None = None) -> Citation:
    """Return a citation of ``article.text[start:end]`` (verbatim, with its lines)."""
    first, last = article.lines_of(start, end)
    return Citation(
        id=number,
        source=article.source,
        start_line=first,
        end_line=last,
        quote=article.text[start:end],
        start=start,
        end=end,
        passage=paragraph_around(article, start, end),
        speaker=speaker,
        meeting=meeting,
    )


def cite_field(article: Article, meeting: Meeting, needle: str, cited: Sequence[Citation], number: int) -> Citation | None:
    """Return a citation of the sentence nearest the meeting's that writes ``needle`` (its venue or date as written),
    or None when there is none or it is already cited."""
    found = first_sentence_with(article, needle, meeting.start)
    if found is None or any((c.source, c.start) == (article.source, found[0]) for c in cited):
        return None
    return cite(number, article, *found, meeting=meeting)


def cite_next(citations: Sequence[Citation], article: Article, start: int, end: int) -> tuple[Citation, ...]:
    """Return the citations with ``article.text[start:end]`` cited after them, numbered next and unattributed."""
    return (*citations, cite(len(citations) + 1, article, start, end))


def cite_statement(number: int, snap: Snapshot, statement: Statement) -> Citation:
    """Return the citation of one statement; an indirect one is quoted as its whole sentence."""
    article = snap.articles[statement.source]
    start, end = statement.start, statement.end
    if statement.kind == "indirect":
        first = min(start, statement.attribution_start or start)
        start, end = sentence_bounds(article.text, first, max(end, statement.attribution_end))
    return cite(number, article, start, end, statement.speaker, snap.meeting_of(statement))


def speaker_label(speaker: Speaker) -> str:
    """Return 'Rank Name (Role)' (Indonesian order), or the role alone, for answer text."""
    name = " ".join(p for p in (speaker.rank, speaker.name) if p) if speaker.name else ""
    if name and speaker.role:
        return f"{name} ({speaker.role})"
    return name or " ".join(p for p in (speaker.role, speaker.rank) if p) or speaker.mention


EVENT_LABELS = {"rakor": "Rapat koordinasi", "rakorda": "Rakorda", "rakornas": "Rakornas", "fgd": "FGD", "apel": "Apel",
                "deklarasi": "Deklarasi", "rapat": "Rapat", "debat": "Debat", "sosialisasi": "Sosialisasi"}


def meeting_title(meeting: Meeting) -> str:
    """Return the meeting's name, prefixed by its kind when the name alone is only a theme."""
    name, event = meeting.name.strip(), meeting.event.strip()
    label = EVENT_LABELS.get(event.lower(), event.capitalize())
    if not name:
        return label
    if event and event.lower() not in name.lower() and label.lower().split()[0] not in name.lower():
        return f"{label} “{name}”"
    return name


def meeting_phrase(meeting: Meeting | None, lang: str) -> str:
    """Return 'Rapat X di Venue, City, pada date' for a meeting, or ''."""
    if meeting is None:
        return ""
    title = meeting_title(meeting)
    place = ", ".join(p for p in (meeting.venue, meeting.city, meeting.province) if p and p not in title)
    parts = [title] if title else []
    if place:
        parts.append(f"{message('in', lang)} {place}")
    when = meeting.date_text or ""
    if meeting.date and not re.search(r"\d{4}", when):  # each date once: the year only, where the text left it out
        when = f"{when} {meeting.date[:4]}" if when else meeting.date
    if when:
        parts.append(f"{message('on', lang)} {when}")
    return " ".join(parts)


def statement_line(citation: Citation, statement: Statement, lang: str) -> str:
    """Return one answer line: speaker, verbatim statement, [n]."""
    verb = message("said" if statement.kind == "direct" else "said_indirect", lang)
    body = f"“{statement.text}”" if statement.kind == "direct" else citation.quote
    return f"{speaker_label(statement.speaker)} {verb}: {body} [{citation.id}]"


def statements_text(citations: Sequence[Citation], statements: Sequence[Statement], lang: str) -> str:
    """Return the statements' lines, each run from one meeting followed once by that meeting."""
    blocks: list[str] = []
    for i, (citation, statement) in enumerate(zip(citations, statements, strict=True)):
        blocks.append(statement_line(citation, statement, lang))
        following = citations[i + 1].meeting if i + 1 < len(citations) else None
        where = meeting_phrase(citation.meeting, lang)
        if where and following != citation.meeting:
            blocks.append(f"{message('at', lang)} {where}.")
    return "\n".join(blocks)


def first_sentence_with(article: Article, needle: str, near: int = 0) -> tuple[int, int] | None:
    """Return the span of the sentence that contains ``needle`` nearest to ``near``."""
    if not needle:
        return None
    found = [m.start() for m in re.finditer(re.escape(needle), article.text)]
    if not found:
        return None
    pos = min(found, key=lambda p: abs(p - near))
    return sentence_bounds(article.text, pos, pos + len(needle))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to the whole sentence(s) around it, within one line.

    Quotes are masked first and abbreviations ("Kolonel Inf.") do not end a
    sentence, so a quoted sentence is never cut in half.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    masked = mask(line, find_quotes(line))
    left, right = start, end
    for a, b in sentences(masked):
        a, b = a + line_start, b + line_start
        if a < end and start < b:
            left, right = min(left, a), max(right, b)
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def dedupe(statements: Sequence[Statement]) -> list[Statement]:
    """Drop statements whose text repeats an earlier one."""
    seen, out = set(), []
    for s in statements:
        key = _dedupe_key(s.text)
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


_NON_WORDS = re.compile(r"\W+")


@lru_cache(maxsize=1 << 14)
def _dedupe_key(text: str) -> str:
    """Return a statement text lower-cased with punctuation runs collapsed (what `dedupe` compares)."""
    return _NON_WORDS.sub(" ", text.lower()).strip()
