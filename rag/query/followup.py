"""Follow-up questions: references to the previous turn's speaker, meeting and place, rewritten explicitly.

"dan apa katanya soal netralitas?" after an answer about Pj Gubernur Sulsel
Zudan Arif Fakrulloh becomes "Apa kata Pj Gubernur Sulsel Zudan Arif
Fakrulloh soal netralitas?". `rewrite` is pure string work on `Referents`;
where the referents come from (the previous answer and its citations) is the
service's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from rag.core.lexicon import word_set

_NYA_STEMS = (
    "kata pernyataan ucapan pendapat pesan arahan tanggapan komentar penjelasan sikap imbauan himbauan harapan jawaban instruksi "
    "permintaan peringatan penegasan sambutan paparan pidato keterangan kutipan pandangan usulan ajakan seruan janji kritik saran "
    "perintah catatan menurut kepada bagi dengan pesannya"
).split()
_SPEAKER_ID = re.compile(r"\b(?:dia|ia|beliau)\b", re.IGNORECASE)
_NYA = re.compile(rf"\b({'|'.join(sorted(set(_NYA_STEMS) - {'pesannya'}, key=len, reverse=True))})nya\b", re.IGNORECASE)
_PASSIVE_NYA = re.compile(r"\b(di[a-z]{2,}kan)nya\b", re.IGNORECASE)  # disampaikannya, dikatakannya, ditegaskannya
_EN_SUBJECT = re.compile(r"\b(?:he|she|they|him|them)\b", re.IGNORECASE)
_EN_POSSESSIVE = re.compile(r"\b(?:his|their)\b|\bher\b(?=\s+(?:statement|remarks?|words?|views?|comments?|speech|position|message|"
                            r"answer|opinion|point|warning|appeal|call)\b)", re.IGNORECASE)
_MEETING_ID = re.compile(
    r"\b(?:rapat(?:\s+koordinasi)?|rakor(?:da|nas)?|acara|kegiatan|pertemuan|forum|fgd|apel|deklarasi|sosialisasi|diskusi)"
    r"\s+(?:itu|tersebut|tadi|yang\s+sama)\b",
    re.IGNORECASE,
)
_MEETING_EN = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:meeting|event|forum|gathering|session|briefing|discussion|declaration|rally|ceremony)\b",
    re.IGNORECASE,
)
_PLACE_ID = re.compile(r"\b(?:di\s+sana|disana|di\s+situ|disitu|di\s+tempat\s+(?:itu|tersebut|yang\s+sama))\b", re.IGNORECASE)
_PLACE_EN = re.compile(r"(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)\bthere\b(?=\s*(?:[?.!,]|$|too\b|as\s+well\b))", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:dan|lalu|terus|kemudian|kalau|trus|and|then|so)\b[\s,]*", re.IGNORECASE)
_ASKED = re.compile(
    r"^\W*(?:dan\s+|lalu\s+|and\s+)?(?:apa(?:\s+saja)?\s+(?:yang\s+)?(?:kata|dikatakan|disampaikan|pernyataan|tanggapan|pesan|arahan|"
    r"pendapat|komentar)|bagaimana\s+(?:tanggapan|pendapat|sikap|pernyataan)|what\s+did)\s+(?P<who>.+?)"
    r"(?=\s+(?:soal|tentang|mengenai|terkait|perihal|seputar|dalam|di|pada|saat|ketika|say|said|about|on|at|in|during)\b|\s*[?.!]|\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Referents:
    """What the previous turn was about: who spoke, at which meeting, where."""

    speaker: str = ""  # "Pj Gubernur Sulsel Zudan Arif Fakrulloh"
    meeting: str = ""  # "Rapat koordinasi “Kesiapan Pilkada Serentak”"
    place: str = ""  # "Pendopo Muda Graha Madiun"

    def __bool__(self) -> bool:
        """Return True when there is anything to resolve against."""
        return bool(self.speaker or self.meeting or self.place)


def has_reference(question: str) -> bool:
    """Return True when a question refers back to a person, meeting or place it does not name."""
    patterns = (_SPEAKER_ID, _NYA, _PASSIVE_NYA, _EN_SUBJECT, _EN_POSSESSIVE, _MEETING_ID, _MEETING_EN, _PLACE_ID, _PLACE_EN)
    return any(p.search(question) for p in patterns)


def rewrite(question: str, ref: Referents) -> str:
    """Return the question with its references to the previous turn spelled out; unchanged when none resolves."""
    text, changed = question.strip(), False

    def sub(pattern: re.Pattern[str], make: Callable[[re.Match[str]], str]) -> None:
        nonlocal text, changed
        new = pattern.sub(make, text)
        changed, text = changed or new != text, new

    if ref.meeting:
        sub(_MEETING_ID, lambda m: ref.meeting)
        sub(_MEETING_EN, lambda m: ref.meeting)
    if ref.place:
        sub(_PLACE_ID, lambda m: f"di {ref.place}")
        sub(_PLACE_EN, lambda m: f"at {ref.place}")
    if ref.speaker:
        sub(_NYA, lambda m: f"{m.group(1)} {ref.speaker}")
        sub(_PASSIVE_NYA, lambda m: f"{m.group(1)} {ref.speaker}")
        sub(_SPEAKER_ID, lambda m: ref.speaker)
        sub(_EN_POSSESSIVE, lambda m: f"{ref.speaker}'s")
        sub(_EN_SUBJECT, lambda m: ref.speaker)
    if not changed:
        return question
    text = _LEAD.sub("", text, count=1)
    return text[:1].upper() + text[1:]


def asked_person(question: str) -> str:
    """Return whom a what-said question names ("Pj Gubernur Sulsel" of "Apa kata Pj Gubernur Sulsel?"), or ''."""
    m = _ASKED.match(question.strip())
    if not m:
        return ""
    who = re.sub(r"^(?:the|a|an)\s+", "", m.group("who").strip(" ,"), flags=re.IGNORECASE)
    if not who or who.lower() in word_set("query_words", "who_stops") or has_reference(who) or len(who.split()) > 10:
        return ""
    return who


def speaker_phrase(asked: str, name: str, described: str = "") -> str:
    """Return how to name the previous speaker: the question's own words plus the name the answer found.

    ``asked`` is whom the previous question named ("Pj Gubernur Sulsel"), ``name`` the answer's speaker
    ("Zudan Arif Fakrulloh") and ``described`` the cited statement's speaker with role ("Penjabat Gubernur
    Sulawesi Selatan Zudan Arif Fakrulloh"). The question's words are kept only if they fit the cited speaker.
    """
    if asked and (not name or name.lower() in asked.lower()):
        return asked
    if asked and name and all(w.lower() in name.lower().split() for w in asked.split()):
        return described or name  # the question named only part of the name ("Zudan")
    if asked and name and (not described or _shares_word(asked, described)):
        return f"{asked} {name}"
    return described or name or asked


def _shares_word(a: str, b: str) -> bool:
    """Return True when two phrases share a word of three letters or more (case-insensitive)."""
    words = {w.lower() for w in re.findall(r"\w{3,}", b)}
    return any(w.lower() in words for w in re.findall(r"\w{3,}", a))
