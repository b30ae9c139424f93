"""What a question asks for: a person, the holder of a title, a venue, a date, a time."""

from __future__ import annotations

import re
from functools import cache
from typing import Callable

from rag.answer.evidence import states_place
from rag.answer.naming import has_venue, venue_words
from rag.core.lexicon import alternation, word_set
from rag.core.text import terms
from rag.extract.people.mentions import is_person_title
from rag.query.analysis import Question
from rag.query.english import english_expansions


def asked_facts(q: Question) -> tuple[bool, bool]:
    """Return whether the question asks when, and where (both when it says neither)."""
    when, where = bool(_asks_when().search(q.text)), bool(_asks_where().search(q.text))
    return (when, where) if when or where else (True, True)


def asks_who(q: Question) -> bool:
    """Return True when the person is what is asked ("Siapa ...", "Who ..."): another sentence may still name them."""
    return q.kind == "who_said" or bool(_ASKS_WHO.search(q.text)) or asks_holder(q)  # "What is the name of the Kapolres"


def asked_object(q: Question) -> frozenset[str]:
    """Return the terms of the thing whose name or title the question asks ("Apa nama maskot ...": maskot), else none:
    a sentence that never mentions it cannot give its name."""
    m = _OBJECT_NAMED.search(q.text)
    if m is None:
        return frozenset()
    word = m.group(1)
    return frozenset(terms(" ".join([word, *(english_expansions(word) if q.lang == "en" else [])])))


_OBJECT_NAMED = re.compile(r"\b(?i:apa\s+(?:nama|judul|tema)|what\s+(?:is|was)\s+the\s+(?:name|title|theme)\s+of\s+the)\s+([a-z][\w-]*)")


def asks_which_person(q: Question) -> bool:
    """Return True when the question asks which titled person ("kepada Kapolsek mana", "which Kapolsek"): the title
    is what is asked, not who spoke."""
    return any(is_person_title(m.group(1) or m.group(2)) for m in _WHICH_TITLE.finditer(q.people_text))


_WHICH_TITLE = re.compile(r"\b([A-Za-z]+)\s+mana\b|\bwhich\s+([A-Za-z]+)", re.I)


def asks_holder(q: Question) -> bool:
    """Return True when the question asks who holds a title ("Siapa (nama) Irwasda Polda Kalsel ...", "Who is the ...")."""
    return bool(asked_title(q))


def asked_title(q: Question) -> str:
    """Return the title word whose holder the question asks for ("Siapa Sekda Bintan yang mendampingi Kapolres":
    "Sekda"), else ''."""
    m = _ASKS_HOLDER.match(q.people_text)
    if m is None:
        return ""
    after = q.people_text[m.start(1) :].split()[:PLACE_WORDS + 1]  # "Who is the Tangerang Selatan police chief"
    for word in after:
        if is_person_title(word.strip("(),")):
            return word.strip("(),")
        if not word[:1].isupper():
            return ""
    return ""


PLACE_WORDS = 3  # capitalized words of a place that may stand before the title asked about ("Tulang Bawang Barat")


def asks_venue(q: Question) -> bool:
    """Return True when the question asks for the building itself ("di gedung mana", "in which hotel", "apa nama
    hotel ...", "the name of the hall")."""
    if bool(_ASKS_VENUE.search(q.text)) and bool(venue_words().search(q.text)):
        return True
    named = _NAME_OF.search(q.text)
    return named is not None and bool(venue_words().match(q.text, named.end()))


def asked_venue_kind(q: Question) -> str:
    """Return the distinct kind of venue a venue question names ("Di hotel mana ...": "hotel"), else ''."""
    if not asks_venue(q):
        return ""
    folded = q.text.lower()
    return next((k for k in word_set("answer_words", "distinct_venues") if re.search(rf"\b{re.escape(k)}\b", folded)), "")


def venue_of_kind(kind: str, text: str) -> bool:
    """Return True when a text names a venue of the kind asked ("Swiss-Belhotel" and "Hotel HB" are hotels)."""
    return not kind or kind in text.lower()


def asked_fact(q: Question) -> Callable[[str], bool] | None:
    """Return the test of a sentence stating the time or place a question asks for, if it asks one."""
    if _ASKS_TIME.search(q.text):
        return lambda text: bool(_TIME.search(text))
    if _ASKS_PLACE.match(q.text):
        return lambda text: states_place(text) or has_venue(text)
    return None


_ASKS_HOLDER = re.compile(  # "Siapa (nama) Irwasda ...", "Who is the ...", "Siapa yang mewakili Kapolri", "What is the name of the ..."
    r"\W*(?:siapa|who|what\s+(?:is|was)\s+the\s+name\s+of|apa\s+nama)\s+"
    r"(?:(?:nama|is|was|are|the|yang|mewakili|represented|stood\s+in\s+for|national)\s+)*([^\W\d_][\w-]*)",
    re.I,
)


@cache
def _asks_when() -> re.Pattern[str]:
    """Return the pattern of a question asking when (query_words.json 'asks_when')."""
    return re.compile(rf"\b(?:{alternation('query_words', 'asks_when')})\b", re.I)


@cache
def _asks_where() -> re.Pattern[str]:
    """Return the pattern of a question asking where (query_words.json 'asks_where')."""
    return re.compile(rf"\b(?:{alternation('query_words', 'asks_where')})\b", re.I)


_ASKS_WHO = re.compile(r"(?:^|[.?!]\s+)\W*(?:siapa|who)\b", re.IGNORECASE)  # "... Who was he?"
_ASKS_VENUE = re.compile(
    r"\b(?:di|ke)\s+[a-z]+(?:\s+(?:atau|dan|or)\s+[a-z]+)?\s+mana\b"  # "di gedung mana", "di lapangan atau gedung mana"
    r"|\b(?:in|at)\s+which\s+[a-z]+|\bwhat\s+(?:building|venue|hotel|hall)\b",
    re.I,
)
_NAME_OF = re.compile(r"\b(?:nama|name\s+of\s+the)\s+", re.I)  # then a venue's head word: "nama hotel"
_ASKS_TIME = re.compile(r"\b(?:pukul|jam)\s+berapa\b|\b(?:what|which)\s+time\b", re.I)
_ASKS_PLACE = re.compile(r"(?:[^,?]*,\s*)?(?:where\b|di\s*mana\b|ke\s+mana\b)", re.I)  # "Menurut X, di mana ..."
_TIME = re.compile(r"\b(?:pukul|jam)\s*\d{1,2}(?:[.:]\d{2})?\b|\b\d{1,2}[.:]\d{2}\s*(?:WIB|WITA|WIT)\b", re.I)
