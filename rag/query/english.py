"""English questions: glossary translations of their titles, places, elections and topic words into Indonesian."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.core.lexicon import fold, load, match_region, word_set
from rag.extract.people.ranks import rank_table


@lru_cache(maxsize=1)
def _glossary() -> dict[str, str]:
    """Return English → Indonesian expansions, longest phrase first."""
    raw = load("glossary_en_id")
    return dict(sorted(raw["phrases"].items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=1)
def _phrase_patterns() -> tuple[tuple[str, str, re.Pattern[str], re.Pattern[str]], ...]:
    """Return (phrase, Indonesian, whole-word pattern, case-blind whole-word pattern) per glossary phrase, compiled once."""
    out = []
    for phrase, indonesian in _glossary().items():
        pattern = rf"\b{re.escape(phrase)}\b"
        out.append((phrase, indonesian, re.compile(pattern), re.compile(pattern, re.IGNORECASE)))
    return tuple(out)


def english_expansions(text: str) -> list[str]:
    """Return the Indonesian equivalents of the English phrases a question contains, longest phrases first."""
    low = text.lower()
    extra = []
    for phrase, indonesian, whole, _ in _phrase_patterns():
        if phrase in low and whole.search(low):
            extra.append(indonesian)
            low = low.replace(phrase, " ")
    return extra


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[tuple[str, str, re.Pattern[str], re.Pattern[str]], ...]:
    """Return the glossary phrases that translate into a title, an institution or a region (not verbs or topics)."""
    titles = load("titles")
    heads = {fold(w) for key in ("person_titles", "acting_modifiers", "org_words", "place_takers", "place_words") for w in titles[key]}
    heads -= word_set("query_words", "topic_heads")
    heads |= {w for seq in rank_table()[0] for w in seq}

    def role_like(indonesian: str) -> bool:
        first = indonesian.split()
        return bool(first) and (first[0] in heads or match_region(first, 0) > 0)

    return tuple(p for p in _phrase_patterns() if role_like(p[1]))


def translate_english(text: str) -> str:
    """Replace English titles, institutions and regions by their Indonesian equivalents, in place (for people matching).

    Topic words stay English: capitalized in the translation they would look like unknown names.
    """
    out = _COMPASS_PLACE.sub(_indonesian_place, _POSSESSIVE.sub(r"\1", text))  # "Manggarai's Bawaslu"
    for phrase, indonesian, _, blind in _phrase_patterns():
        if indonesian.startswith("pil") and phrase.lower() in out.lower():
            out = blind.sub(indonesian.split()[0].title(), out)  # "governor election" is Pilgub, not a governor
    for phrase, indonesian, _, blind in _role_patterns():
        if out.isascii() and phrase.isascii() and phrase.lower() not in out.lower():
            continue  # cannot match: saves running every pattern on every question
        out = blind.sub(indonesian.title(), out)
    return out


_COMPASS = {"north": "Utara", "south": "Selatan", "east": "Timur", "west": "Barat", "central": "Tengah", "southeast": "Tenggara",
            "southwest": "Barat Daya"}
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]*)['’]s\b")
_COMPASS_PLACE = re.compile(r"\b(North|South|East|West|Central|Southeast|Southwest)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")


def _indonesian_place(m: re.Match[str]) -> str:
    """Return "Lombok Timur" for "East Lombok" when that is a known region (else the text unchanged)."""
    for name in (m.group(2), m.group(2).split()[0]):
        place = f"{name} {_COMPASS[m.group(1).lower()]}"
        toks = place.split()
        if match_region(toks, 0) == len(toks):
            return place + m.group(2)[len(name) :]
    return m.group()


def english_places(text: str) -> tuple[str, ...]:
    """Return the Indonesian short name of each province an English question names ("East Java" -> "jatim")."""
    low = text.lower()
    out = []
    for phrase, indonesian, whole, _ in _phrase_patterns():
        words = indonesian.split()
        if len(words) >= 3 and words[0] in word_set("query_words", "province_heads") and phrase in low and whole.search(low):
            out.append(words[-1])
    return tuple(out)


@lru_cache(maxsize=1)
def glossary_words() -> frozenset[str]:
    """Return every single English word that the glossary knows."""
    return frozenset(w for phrase in _glossary() for w in phrase.split())
