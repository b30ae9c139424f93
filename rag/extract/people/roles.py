"""Canonical role tokens: "Sekda Kaltim" and "Sekretaris Provinsi Kalimantan Timur" meet.

Aliases of titles and institutions come from ``rag/data/role_aliases.json``;
regions (provinces, cities, regencies) from ``regions.json`` become
``@<official name>`` tokens.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rag.core.lexicon import fold, load, place_index, province_index, word_set, words
from rag.core.text import UNIT_NUMBER


@cache
def alias_table() -> dict[tuple[str, ...], str]:
    """Map word sequences to canonical role tokens; regions become '@<official name>'."""
    table: dict[tuple[str, ...], str] = {}
    for key, (name, _provs) in place_index().items():
        table[tuple(key.split())] = "@" + fold(name)
    for key, prov in province_index().items():
        table[tuple(key.split())] = "@" + fold(prov)
    for canon, variants in load("role_aliases")["aliases"].items():
        for variant in variants:
            table[tuple(words(variant))] = canon
    return table


def _canonical_cover(toks: list[str]) -> list[tuple[int, int, str]]:
    """Return (start, end, canonical) for every word of ``toks`` (unknown words map to themselves)."""
    table = alias_table()
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(toks):
        for size in range(min(9, len(toks) - i), 0, -1):
            canon = table.get(tuple(toks[i : i + size]))
            if canon:
                out.append((i, i + size, canon))
                i += size
                break
        else:
            out.append((i, i + 1, toks[i]))
            i += 1
    return out


def canonical_tokens(text: str) -> list[str]:
    """Return the canonical tokens of a role or question (aliases and regions unified)."""
    return list(_canonical_tuple(text))


@lru_cache(maxsize=1 << 14)
def _canonical_tuple(text: str) -> tuple[str, ...]:
    """Return the canonical tokens of a text as a tuple (cached: roles repeat across a corpus)."""
    text = UNIT_NUMBER.sub(r"\1 ", text.replace(",", " "))  # "Dandim 1707/Merauke": unit 1707, region Merauke
    return tuple(canon for _, _, canon in _canonical_cover([t for t in words(text) if t]))


@cache
def canonical_values() -> frozenset[str]:
    """Return every canonical token of the alias table."""
    return frozenset(alias_table().values())


def covered_positions(tokens: list[str]) -> frozenset[int]:
    """Return indexes of ``tokens`` that belong to a known title, institution or region phrase."""
    folded = [" ".join(words(t)) for t in tokens]
    values = canonical_values()
    hits: set[int] = set()
    for start, end, canon in _canonical_cover(folded):
        if end - start > 1 or canon in values:
            hits.update(range(start, end))
    return frozenset(hits)


@lru_cache(maxsize=1 << 14)
def role_signature(role: str) -> frozenset[str]:
    """Return the set of canonical role tokens without filler words."""
    return frozenset(canonical_tokens(role)) - word_set("role_aliases", "fillers")


@lru_cache(maxsize=4096)
def role_acronyms(role: str) -> frozenset[str]:
    """Return the initials of a role's institution, every prefix of three letters or more.

    "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kolaka Timur" gives bkp ... bkpsdm ...:
    a question that names the institution by its acronym ("Kepala BKPSDM") still finds the role.
    """
    caps = [w for w in role.split() if w[:1].isupper() and w[0].isalpha()]
    while caps and canonical_tokens(caps[0])[:1] and canonical_tokens(caps[0])[0] in title_tokens():
        caps = caps[1:]
    letters = "".join(w[0].lower() for w in caps)
    return frozenset(letters[:n] for n in range(3, len(letters) + 1))


@cache
def title_tokens() -> frozenset[str]:
    """Return canonical tokens that are a person's title (not an institution)."""
    return word_set("role_aliases", "titles") | word_set("titles", "person_titles")


def is_person_role(role: str) -> bool:
    """Return True when a role is headed by a person's title (Kepala, Gubernur, Kapolda...)."""
    first = words(role)[:1]
    if first and first[0] in word_set("events", "venue_heads"):
        return False  # "Kantor Gubernur Kaltim" is a building, not a person
    return bool(role_signature(role) & title_tokens())


@cache
def alias_words() -> frozenset[str]:
    """Return every single word used in a role alias."""
    return frozenset(w for seq in alias_table() for w in seq if not alias_table()[seq].startswith("@"))


def alias_forms(word: str) -> tuple[str, ...]:
    """Return ``word`` and every spelling of the same title, institution or region."""
    canon = alias_table().get(tuple(words(word)))
    if not canon:
        return (word,)
    return tuple(dict.fromkeys([word, *_spellings()[canon]]))


@cache
def _spellings() -> dict[str, tuple[str, ...]]:
    """Map every canonical token to its spellings, in alias-table order."""
    out: dict[str, list[str]] = {}
    for seq, canon in alias_table().items():
        out.setdefault(canon, []).append(" ".join(seq))
    return {k: tuple(v) for k, v in out.items()}


def heads_of(word: str) -> tuple[str, ...]:
    """Return every spelling of the titles that head an institution ("Polres" -> "kapolres", "kepala polres", ...):
    an article naming the Kapolres is about the Polres."""
    canon = alias_table().get(tuple(words(word)))
    return tuple(s for head in _heads().get(canon or "", ()) for s in _spellings()[head])


@cache
def _heads() -> dict[str, tuple[str, ...]]:
    """Map an institution's canonical token to the titles spelled "kepala <institution>"."""
    out: dict[str, list[str]] = {}
    for canon, forms in _spellings().items():
        for form in forms:
            unit = alias_table().get(tuple(words(form[len("kepala ") :]))) if form.startswith("kepala ") else None
            if unit and canon not in out.setdefault(unit, []):
                out[unit].append(canon)
    return {k: tuple(v) for k, v in out.items()}
