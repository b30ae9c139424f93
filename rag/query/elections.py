"""Which election an article is about: a regional one (Pilkada, Pilgub, Pilbup, Pilwalkot) or the general one.

A question that says "Pilkada" must not be answered from an article about the
February 2024 general election (Pemilu). Articles about a regional election do
not always use the word, though: "Pemilihan", "Pilbup Kampar" or only "pemungutan
suara 27 November" are just as much about the Pilkada. So a regional-election
word of a question is backed by an article that names any regional election, or
that names no election at all, and never by one that is only about the Pemilu.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.core.lexicon import words
from rag.extract.people.roles import alias_table

REGIONAL = ("pilkada", "pilgub", "pilbup", "pilwalkot")  # canonical tokens of the alias table
GENERIC = "pilkada"  # covers every specific kind
_CANDIDATE = re.compile(r"\bpemilihan calon ")
# The general election, when no regional one is named. "Pemilu" after "Badan Pengawas", "penyelenggara" or
# "Komisi" is an institution or a role, not the election an article is about.
_GENERAL = re.compile(
    r"\b(?:pileg|pilpres|capres|cawapres|caleg|pemilihan\s+(?:presiden|legislatif|anggota\s+legislatif)|14\s+februari\s+2024)\b"
    r"|(?<!pengawas\s)(?<!penyelenggara\s)(?<!komisi\s)\b(?:pemilu|pemilihan\s+umum)\b",
    re.IGNORECASE,
)


def election_kind(word: str) -> str:
    """Return the regional-election canonical token a question word names ('' if it names none)."""
    canon = alias_table().get(tuple(words(word)), "")
    return canon if canon in REGIONAL else ""


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Return one pattern per regional-election kind, over folded words."""
    spellings: dict[str, list[str]] = {}
    for seq, canon in alias_table().items():
        if canon in REGIONAL:
            spellings.setdefault(canon, []).append(re.escape(" ".join(seq)))
    return tuple((canon, re.compile(rf"\b(?:{'|'.join(forms)})\b")) for canon, forms in spellings.items())


@lru_cache(maxsize=1024)
def _named(text: str) -> frozenset[str]:
    """Return the regional-election kinds a text names."""
    folded = _CANDIDATE.sub("pemilihan ", " ".join(words(text)))  # "pemilihan calon walikota" names the mayoral election
    return frozenset(canon for canon, pattern in _patterns() if pattern.search(folded))


def asked_elections(text: str) -> frozenset[str]:
    """Return the regional-election kinds a question names in any case ("pemilihan bupati"; an English question's
    search text carries the glossary's "pilbup pemilihan bupati" for "regent election")."""
    return _named(text)


def backs_election(kind: str, text: str) -> bool:
    """Return True when an article's text can back a question about a regional election of ``kind``."""
    named = _named(text)
    if named:
        return kind in named or GENERIC in named or kind == GENERIC
    return not _GENERAL.search(text)
