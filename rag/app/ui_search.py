"""Text search for the statements browser that tolerates Indonesian word forms and typos.

A query word matches a row when it is a substring of the row's text, when its
Sastrawi stem is one of the row's stems ("menegaskan" finds "penegasan"), or,
for words of five letters or more, when rapidfuzz's partial ratio against the
row's stems or text is at least 80 ("netralitsa" finds "netralitas"). Every
content word of the query must match; stop words are ignored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Mapping

from rapidfuzz import fuzz

from rag.core.text import PLAIN_WORD, stem, stop_words

FIELDS = ("speaker", "role", "rank", "quote", "meeting", "venue", "city", "province", "date", "source", "title", "outlet")
FUZZY_MIN_LEN = 5
FUZZY_SCORE = 80.0


@lru_cache(maxsize=50_000)
def _haystack(values: tuple[str, ...]) -> tuple[str, str, frozenset[str]]:
    """Return a row's lower-case text, its stems joined, and the set of stems (cached per row content)."""
    raw = " ".join(values).lower()
    stems = [stem(w) for w in PLAIN_WORD.findall(raw)]
    return raw, " ".join(stems), frozenset(stems)


def row_haystack(row: Mapping[str, Any]) -> tuple[str, str, frozenset[str]]:
    """Return the searchable forms of a statement row."""
    return _haystack(tuple(str(row.get(k) or "") for k in FIELDS))


def query_words(query: str) -> list[str]:
    """Return the content words of a query (all its words when every one is a stop word)."""
    words = PLAIN_WORD.findall(query.lower())
    content = [w for w in words if w not in stop_words()]
    return content or words


def word_matches(word: str, raw: str, stems_text: str, stems: frozenset[str]) -> bool:
    """Return True when one query word is found in a row: as written, by stem, or nearly (typos)."""
    if word in raw:
        return True
    root = stem(word)
    if root in stems or (len(root) >= 3 and root in stems_text):
        return True
    if len(word) < FUZZY_MIN_LEN:
        return False
    best = max(fuzz.partial_ratio(root, stems_text), fuzz.partial_ratio(word, raw))
    return best >= FUZZY_SCORE


def matches(query: str, row: Mapping[str, Any]) -> bool:
    """Return True when every content word of ``query`` is found in ``row``."""
    words = query_words(query)
    if not words:
        return True
    raw, stems_text, stems = row_haystack(row)
    return all(word_matches(w, raw, stems_text, stems) for w in words)


def search(rows: Iterable[Mapping[str, Any]], query: str) -> list[Mapping[str, Any]]:
    """Return the rows that match ``query`` (all rows for an empty query)."""
    if not query.strip():
        return list(rows)
    return [r for r in rows if matches(query, r)]


def name_matches(value: str, name: str) -> bool:
    """Return True when a typed name picks ``name``: equal, a part of it, or nearly (typos in five letters or more)."""
    typed, full = value.strip().casefold(), name.casefold()
    if not typed or typed == full or typed in full:
        return True
    return len(typed) >= FUZZY_MIN_LEN and fuzz.partial_ratio(typed, full) >= 85.0
