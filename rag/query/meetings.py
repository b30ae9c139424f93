"""The meeting a question places a statement at: the kind of event it names and the months it dates it by."""

from __future__ import annotations

import re

from rag.core.dates import month_number
from rag.core.types import Meeting
from rag.query.analysis import Question

# Kinds of event a question may place a statement at: (how a meeting's name spells it, how a question does).
# A generic "rakor"/"rapat" is left out: articles and extraction call the same meeting many things.
_EVENT_KINDS = (
    (("deklarasi",), r"deklarasi|declaration"),
    (("apel",), r"apel|roll[- ]call|parade"),
    (("fgd", "focus group"), r"fgd|focus[- ]group"),
    (("bimtek", "bimbingan teknis"), r"bimtek|bimbingan teknis|technical guidance"),
    (("sosialisasi",), r"sosialisasi|outreach|socialization"),
    (("pleno",), r"(?:rapat )?pleno|plenary"),
    (("simulasi",), r"simulasi|simulation"),
    (("debat",), r"debat|debate"),
    (("rakor", "rapat koordinasi", "rapat"), r"rakor(?:da|nas|tek)?|rapat koordinasi|coordination meeting"),
)
_MONTH_OF_MEETING = r"(?:pada|bulan|in|during|the|its|rakor|rapat|apel|deklarasi|fgd|sosialisasi)"  # "the February 2024 meeting"
_AT_EVENT = r"\b(?:dalam|pada|di|saat|ketika|at|during)\s+(?:the\s+|acara\s+|kegiatan\s+)?(?:[\w/'’-]+\s+){{0,3}}?(?:{kinds})\b"


def asked_event_kinds(q: Question) -> list[tuple[str, ...]]:
    """Return how meeting names spell each kind of event the question places a statement at ("dalam deklarasi ...")."""
    return [spell for spell, asked in _EVENT_KINDS if re.search(_AT_EVENT.format(kinds=asked), q.text, re.IGNORECASE)]


def asked_months(q: Question) -> frozenset[int]:
    """Return the months the question dates its meeting by ("pada November 2024", "the February 2024 meeting")."""
    found = re.finditer(rf"(?=\b{_MONTH_OF_MEETING}\s+(?:bulan\s+)?([A-Za-z]+)\b)", q.text, re.IGNORECASE)  # overlapping
    return frozenset(n for m in found if (n := month_number(m.group(1))))


def held_as(meeting: Meeting | None, kinds: list[tuple[str, ...]]) -> bool:
    """Return True when a meeting is of one of the kinds (spelled as in ``asked_event_kinds``)."""
    held = f"{meeting.event} {meeting.name}".lower() if meeting is not None else ""
    return any(any(s in held for s in spellings) for spellings in kinds)
