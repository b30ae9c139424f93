"""Two questions in one ("berapa pasangan calon ... dan siapa Pj Bupati yang hadir?"): the parts, each answerable alone."""

from __future__ import annotations

import re

from rag.extract.people.mentions import is_person_title
from rag.query.analysis import proper_words

_WH = (
    r"siapa|berapa|apa|apakah|mengapa|kenapa|bagaimana|kapan|di\s*mana|dimana|ke\s*mana"
    r"|who|what|how\s+many|how\s+much|how\s+long|how|why|which|when|where"
)
_FIRST = re.compile(rf"\b(?:{_WH}|[a-z]+\s+mana)\b", re.IGNORECASE)  # "Di jalan mana ..." asks too
_LEAD = r"di|ke|dari|kepada|untuk|pada|dalam|oleh|dengan|in|at|for|on|to|by|from|with"  # "dan di kecamatan mana", "dan untuk berapa TPS"
_SECOND = re.compile(
    rf"(?:,\s*|\s+)(?:dan|serta|and)\s+(?P<rest>(?:(?:{_LEAD})\s+)?(?:(?P<wh>{_WH})\b|(?P<noun>[a-z]+)\s+(?P<which>mana)\b))",
    re.IGNORECASE,
)
_NAMED = re.compile(r"\b[A-Z0-9][\w/.'’-]*[\w]")  # names, titles, units and numbers: "Kodim 0722/Kudus", "Pj"
_PLACE_OR_TIME = frozenset({"kapan", "di mana", "dimana", "when", "where"})  # "di mana dan kapan": one meeting's facts


_TIME_NOUN = re.compile(r"\s+(?:date|day|time|tanggal|hari)\b", re.IGNORECASE)  # "and on what date": when


def _second_ask(text: str, second: re.Match[str]) -> str:
    """Return the second part's question word; "what date" / "which day" ask when, "<noun> mana" asks where."""
    wh = second.group("wh")
    if wh is None:
        return "di mana"
    if wh.lower() in ("what", "which", "apa") and _TIME_NOUN.match(text, second.end("wh")):
        return "when"
    return wh


def split_compound(text: str) -> tuple[str, str] | None:
    """Return the two questions a question joins with "dan"/"and" and a second question word, or None.

    The second part keeps what opens the first ("Dalam rakor Bawaslu Tabalong, ...") and the names only the first
    part writes, so it can be answered alone: "berapa TPS yang diamankan (Kodim 0722/Kudus)?".
    """
    second = _SECOND.search(text)
    first = _FIRST.search(text)
    if second is None or first is None or first.start() >= second.start():
        return None
    asked = [" ".join(w.lower().split()) for w in (first.group(), _second_ask(text, second))]
    words = {"di mana" if w.endswith(" mana") else w for w in asked}  # "hotel mana", "kecamatan mana": a place
    if words <= _PLACE_OR_TIME:
        return None
    head = text[: second.start()].strip().rstrip(",") + "?"
    tail = text[second.start("rest") :].strip()
    opening = text[: first.start()] if "," in text[: first.start()] else ""  # "Dalam rakor X, berapa ...": shared
    proper = set(proper_words(head))  # not "Kegiatan" of "Kegiatan apa ...": capitalized only to open the question
    named = [w for w in _NAMED.findall(head) if (w in proper or w[0].isdigit()) and not is_person_title(w)]  # not "Pj"
    lacking = list(dict.fromkeys(w for w in named if w not in tail and w not in opening))
    if lacking:
        body = tail.rstrip("?.! ")
        tail = f"{body} ({' '.join(lacking)})?"
    return head, opening + tail if opening else tail[:1].upper() + tail[1:]
