"""Event-kind phrases, past references, and which event a statement was made at.

A statement belongs to the event the text last set the scene at: the sentence
that reports an event ("... menggelar Rakor ... di Gedung Sate"), or a short
scene-setting opener naming its kind ("Pada apel itu,", "Saat deklarasi,",
"Kembali ke rakor,"). Events merely recalled or announced ("pada Juli lalu",
"tindak lanjut dari", "akan digelar") never set the scene.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Sequence

from rag.core.lexicon import fold, load, word_set
from rag.core.sentences import find_quotes, mask, sentences, tokenize
from rag.core.types import Meeting


@cache
def kind_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """Compile one regex over every event phrase; map folded phrase -> kind."""
    phrase_kind: dict[str, str] = {}
    for kind, spec in load("events")["kinds"].items():
        for phrase in spec["phrases"]:
            phrase_kind.setdefault(fold(phrase), kind)
    alts = sorted(phrase_kind, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE), phrase_kind


def norm(phrase: str) -> str:
    """Fold an event phrase and collapse its white space."""
    return " ".join(fold(phrase).split())


@cache
def _past_pattern() -> re.Pattern[str]:
    """Compile the markers of a recalled (earlier) or announced (later) event."""
    cal = load("calendar")
    words = {*cal["months"], *cal["weekdays"], "pekan", "minggu", "bulan", "tahun", "hari", "waktu"}
    times = "|".join(sorted(words, key=len, reverse=True))
    return re.compile(
        rf"\b(?:silam|sebelumnya|akan|mendatang|rencananya|direncanakan|tindak\s+lanjut|menindaklanjuti)\b"
        rf"|\b(?:{times})\s+(?:yang\s+)?lalu\b"
    )


@lru_cache(maxsize=1 << 12)
def is_past_reference(sentence: str) -> bool:
    """Return True for a sentence that recalls an earlier event ('pada Juli lalu') or announces a later one."""
    low = " ".join(fold(sentence).split())
    return "hari ini" not in low and bool(_past_pattern().search(low))


def meeting_index(meetings: Sequence[Meeting], offset: int, text: str = "") -> int | None:
    """Return the index of the meeting a statement at ``offset`` belongs to (the last scene set before it, else the main one).

    Without the article ``text`` only the meetings' own sentences set the scene.
    """
    if not meetings:
        return None
    found = tuple(meetings)
    marks = _marks(found, text) if text else tuple((m.start, i) for i, m in enumerate(found))
    before = [pair for pair in marks if pair[0] <= offset]
    return max(before)[1] if before else 0


@lru_cache(maxsize=64)
def _marks(meetings: tuple[Meeting, ...], text: str) -> tuple[tuple[int, int], ...]:
    """Return (offset, meeting index) of every place where the text sets the scene at a meeting."""
    out = [(m.start, i) for i, m in enumerate(meetings) if i == 0 or not _is_past(m, text)]
    for pos, kind in _scene_mentions(text):
        index = _resolve(meetings, text, pos, kind)
        if index is not None:
            out.append((pos, index))
    return tuple(sorted(out))


def _is_past(meeting: Meeting, text: str) -> bool:
    """Return True when a meeting's own sentence recalls or announces it."""
    return is_past_reference(text[meeting.start : meeting.end])


def _resolve(meetings: tuple[Meeting, ...], text: str, pos: int, kind: str) -> int | None:
    """Return the meeting a scene-setting mention of ``kind`` at ``pos`` refers to, or None."""
    kinds = word_set("events", "meeting_like") if kind in word_set("events", "generic_kinds") else frozenset({kind})
    same = [i for i, m in enumerate(meetings) if m.event in kinds and m.start <= pos]
    live = [i for i in same if i == 0 or not _is_past(meetings[i], text)]
    pick = live or same
    return max(pick, key=lambda i: meetings[i].start) if pick else None


@lru_cache(maxsize=64)
def _scene_mentions(text: str) -> tuple[tuple[int, str], ...]:
    """Return (offset, kind) of event kinds named at the very start of a sentence ('Pada apel itu, ...')."""
    pattern, kinds = kind_pattern()
    openers = word_set("titles", "sentence_openers") | word_set("titles", "gap_adverbs") | word_set("events", "scene_words")
    out: list[tuple[int, str]] = []
    for line in re.finditer(r"[^\r\n]+", text):
        masked = mask(line.group(), find_quotes(line.group()))
        for s, e in sentences(masked):
            if is_past_reference(masked[s:e]):
                continue
            for m in pattern.finditer(masked, s, e):
                lead = [fold(t.text) for t in tokenize(masked, s, m.start())]
                if len(lead) <= 5 and all(w in openers for w in lead):
                    out.append((line.start() + m.start(), kinds[norm(m.group())]))
    return tuple(out)
