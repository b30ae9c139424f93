"""Loading the word lists in ``rag/data`` and small text helpers shared by the extractors.

Every lexicon is a JSON file read once with importlib.resources; the extraction
code holds no names, places or titles of its own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

_NON_WORD = re.compile(r"[^\w/&'-]+", re.UNICODE)


@cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed JSON data file ``rag/data/<name>.json``."""
    raw = resources.files("rag.data").joinpath(f"{name}.json").read_text("utf-8")
    return json.loads(raw)


def fold(text: str) -> str:
    """Return ``text`` lower-cased with accents removed and curly apostrophes unified."""
    if text.isascii():
        return text.lower()  # NFKD leaves ASCII alone and casefold() equals lower() on it
    return _fold_unicode(text)


@lru_cache(maxsize=1 << 15)
def _fold_unicode(text: str) -> str:
    """Return the fold of a non-ASCII text (cached: names and tokens repeat)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """Return the folded words of ``text`` (punctuation dropped, '/' and '-' kept inside words)."""
    return list(word_tuple(text))


@lru_cache(maxsize=1 << 16)
def word_tuple(text: str) -> tuple[str, ...]:
    """Return the folded words of ``text`` as a tuple (cached; names and roles repeat across a corpus)."""
    return tuple(w.strip("'-") for w in _NON_WORD.split(fold(text)) if w.strip("'-"))


def bare(token: str) -> str:
    """Return a token folded with dots, commas and brackets removed ("S.H.," -> "sh")."""
    return re.sub(r"[.,()\[\]\s]", "", fold(token))


@cache
def word_set(name: str, key: str) -> frozenset[str]:
    """Return the folded entries of list ``key`` in data file ``name`` as a set."""
    return frozenset(fold(w) for w in load(name)[key])


@cache
def patterns(name: str, key: str) -> tuple[re.Pattern[str], ...]:
    """Return list ``key`` of data file ``name`` as case-insensitive regular expressions, compiled once."""
    return tuple(re.compile(p, re.IGNORECASE) for p in load(name)[key])


@cache
def alternation(name: str, key: str) -> str:
    """Return list ``key`` of data file ``name`` as a regex alternation: each entry literal, a space any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in load(name)[key])


@cache
def speech_verbs() -> dict[str, frozenset[str]]:
    """Return the speech verb sets: 'post' (after a quote), 'pre' (after a subject), 'passive'."""
    data = load("speech_verbs")
    roots = [fold(r) for r in data["post_roots"]]
    post = set(roots) | {r + "nya" for r in roots if " " not in r and not r.endswith("nya")}
    post |= {fold(v) for v in data["post_extra"]}
    return {
        "post": frozenset(post),
        "pre": frozenset(fold(v) for v in data["pre"]),
        "passive": frozenset(fold(v) for v in data["passive_intro"]),
        "menurut": frozenset(fold(v) for v in data["menurut"]),
    }


@cache
def title_words() -> frozenset[str]:
    """Return every word that belongs to a title or institution rather than a name."""
    data = load("titles")
    out: set[str] = set()
    for key in ("person_titles", "org_words", "place_takers", "place_words", "acting_modifiers", "not_names"):
        out |= {fold(w) for w in data[key]}
    return frozenset(out)


@cache
def province_index() -> dict[str, str]:
    """Map every folded province name or alias to the province's official name."""
    out: dict[str, str] = {}
    for prov in load("regions")["provinces"]:
        for alias in [prov["name"], *prov["aliases"]]:
            out[" ".join(words(alias))] = prov["name"]
    return out


@cache
def place_index() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Map every folded city/regency name or alias to (official name, its provinces)."""
    found: dict[str, tuple[str, set[str]]] = {}
    for place in load("regions")["places"]:
        for alias in [place["name"], *place["aliases"]]:
            key = " ".join(words(alias))
            name, provs = found.get(key, (place["name"], set()))
            provs.add(place["province"])
            found[key] = (name, provs)
    return {k: (n, tuple(sorted(p))) for k, (n, p) in found.items()}


@cache
def region_phrases() -> frozenset[str]:
    """Return every folded province or place name/alias (one string per phrase)."""
    return frozenset(province_index()) | frozenset(place_index())


def match_region(tokens: list[str], start: int) -> int:
    """Return how many tokens from ``start`` form a known region name (0 if none)."""
    phrases = region_phrases()
    limit = start
    while limit < len(tokens) and limit < start + 4 and any(ch.isalnum() for ch in tokens[limit]):
        limit += 1
    for size in range(limit - start, 0, -1):
        key = " ".join(words(" ".join(tokens[start : start + size])))
        if key and key in phrases:
            return size
    return 0


def _capital_of(province: str) -> str:
    """Return the folded capital city of an official province name."""
    for prov in load("regions")["provinces"]:
        if prov["name"] == province:
            return " ".join(words(prov["capital"]))
    return ""


def resolve_place(text: str) -> tuple[str, str]:
    """Return (city, province) that ``text`` names exactly; either may be ''."""
    key = " ".join(words(text))
    for prefix in ("kota ", "kabupaten ", "kab ", "provinsi ", "prov "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    if key in province_index():
        province = province_index()[key]
        return (key.title() if _capital_of(province) == key else ""), province
    if key in place_index():
        name, provs = place_index()[key]
        return name, provs[0] if len(provs) == 1 else ""
    return "", ""
