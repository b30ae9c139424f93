"""Regions a question names, and whether an article names or is about them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from rag.core.lexicon import alternation, load, resolve_place, word_set
from rag.core.text import WORD
from rag.extract.people.roles import canonical_tokens


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Return every lower-case word of a known Indonesian province, city or regency name."""
    data = load("regions")
    names = [p["name"] for p in data["provinces"]] + [p["name"] for p in data["places"]]
    names += [a for p in data["provinces"] + data["places"] for a in p.get("aliases", [])]
    return frozenset(w.lower() for n in names for w in n.split())


@lru_cache(maxsize=1)
def _region_forms() -> tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...]:
    """Return every region name of two or more words ("Sulawesi Barat") with the forms that name it (Sulbar)."""
    data = load("regions")
    out = []
    for entry in data["provinces"] + data["places"]:
        forms = (entry["name"], *entry.get("aliases", []))
        for form in forms:
            if len(form.split()) >= 2:
                out.append((re.compile(rf"\b{re.escape(form)}\b", re.IGNORECASE), form, forms))
    return tuple(out)


def asked_regions(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return the multi-word regions a text names, each with all its forms: a word-by-word match of "Sulawesi Barat"
    would accept an article about Sulawesi Tenggara that mentions Jawa Barat."""
    return list(_regions_in(text))


@lru_cache(maxsize=1024)
def _regions_in(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return `asked_regions` of a text (cached: `Support.missing` asks it of the same question once per article)."""
    return tuple((form, forms) for pattern, form, forms in _region_forms() if pattern.search(text))


def has_any(text: str, forms: Sequence[str]) -> bool:
    """Return True when a text names a region in one of its forms."""
    return any(re.search(rf"\b{re.escape(f)}\b", text, re.IGNORECASE) for f in forms)


def province_held(word: str, provinces: frozenset[str]) -> bool:
    """Return True when a word names one of the provinces an article is about: an article about a meeting in Ngada
    backs "NTT" even when it never writes the province."""
    city, province = resolve_place(word)
    return bool(province) and not city and province in provinces


_SHORT_PART = 3  # letters each word gives a two-word short form ("Bolmong" = Bolaang Mongondow)


@lru_cache(maxsize=4096)
def regions_named(text: str) -> frozenset[str]:
    """Return the regions a text names, whatever form it writes them in."""
    return frozenset(t for t in canonical_tokens(text) if t.startswith("@"))


@lru_cache(maxsize=4096)
def capital_runs(text: str) -> tuple[tuple[str, ...], ...]:
    """Return the runs of capitalized words of a text ("Komisi Pemilihan Umum", "Bolaang Mongondow")."""
    runs: list[list[str]] = [[]]
    for w in WORD.findall(text):
        if w[:1].isupper() and w.isalpha():
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    return tuple(tuple(r) for r in runs if len(r) >= 2)


def shortens(short: str, run: Sequence[str]) -> bool:
    """Return True when a lower-case word is the acronym of the run's first words ("kpu"; two letters only for a
    two-word run: "oi" = Ogan Ilir), or a prefix of its first word followed by a prefix of its second ("bolmong",
    "kalsel"), three letters at least each."""
    if len(run) < 2 or not short.isalpha():
        return False
    initials = 3 <= len(short) <= 6 or (len(short) == 2 and len(run) == 2)  # "OI" = Ogan Ilir, two words exactly
    if initials and len(run) >= len(short) and "".join(w[0] for w in run[: len(short)]) == short:
        return not _qualified(run, len(short))
    a, b = run[0], run[1]
    paired = len(short) >= 2 * _SHORT_PART and short[:_SHORT_PART] == a[:_SHORT_PART] and _split_short(short, a, b)
    return paired and not _qualified(run, 2)


def _qualified(run: Sequence[str], used: int) -> bool:
    """Return True when the words after the shortened ones qualify the place ("Bolaang Mongondow Timur" is not Bolmong)."""
    return len(run) > used and run[used] in word_set("titles", "compass")


def _split_short(low: str, a: str, b: str) -> bool:
    """Return True when ``low`` is a prefix of ``a`` (3+ letters) followed by a prefix of ``b`` (3+ letters)."""
    return any(a.startswith(low[:k]) and b.startswith(low[k:]) for k in range(_SHORT_PART, len(low) - _SHORT_PART + 1))


def kind_lacking(question: str, text: str) -> str:
    """Return the region a question asks as a city (or a regency) when the article writes that name only as the other
    kind ("Kota Solok" asked, "Kabupaten Solok" and "Bupati Solok" written), else ''."""
    for kind, name in _kinds_asked(question):
        written = _kinds_written(text, name)
        if written and kind not in written:
            return f"{'Kota' if kind == 'city' else 'Kabupaten'} {name}"
    return ""


@lru_cache(maxsize=1024)
def _kinds_asked(question: str) -> tuple[tuple[str, str], ...]:
    """Return (kind, name) for each region the question names with a city or regency marker ("Kota Solok", "Bupati
    Sleman", "Solok city"); read once per question, not once per article."""
    found = [(kind, m[1]) for kind, pattern in _markers() for m in pattern.finditer(question)]
    found += [("city" if m[2].lower() == "city" else "regency", m[1]) for m in _ENGLISH_KIND.finditer(question)]
    return tuple(found)


def _kinds_written(text: str, name: str) -> set[str]:
    """Return the kinds ("city", "regency") an article writes a region name with."""
    return {kind for kind, pattern in _markers() if any(m[1].lower() == name.lower() for m in pattern.finditer(text))}


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return the city and regency marker patterns, each capturing the capitalized name after it."""
    name = r"([A-Z][\w'-]+)"
    return tuple(
        (kind, re.compile(rf"(?<![\w.])(?i:{alternation('answer_words', key)})\s+{name}"))
        for kind, key in (("city", "city_markers"), ("regency", "regency_markers"))
    )


_ENGLISH_KIND = re.compile(r"\b([A-Z][\w'-]+)\s+((?i:city|regency))\b")
