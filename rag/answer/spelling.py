"""Spelling variants of a long name in the texts: one transliteration slip or a consonant abbreviation."""

from __future__ import annotations

import re
from typing import Iterable

from rapidfuzz import fuzz, process

PARTS = re.compile(r"[\s/]+")
VARIANT_MIN_LETTERS, VARIANT_MIN_RATIO = 7, 88  # "Tjahjanto" = "Tjahyanto": one spelling variant of a long name


def spelled_alike(word: str, vocab: frozenset[str]) -> bool:
    """Return True when a long word is written in the texts with one transliteration slip ("Tjahyanto"), or as
    its consonant abbreviation ("VI/Mulawarman" as "VI/Mlw", "Brawijaya" as "Brw")."""
    parts = [p for p in PARTS.split(word.lower()) if p]
    return bool(parts) and all(p in vocab or variant_of(p, vocab) for p in parts) and any(p not in vocab for p in parts)


def variant_of(word: str, vocab: Iterable[str]) -> bool:
    """Return True when one word of the vocabulary is a spelling variant or a consonant abbreviation of ``word``."""
    if len(word) < VARIANT_MIN_LETTERS or not word.isalpha():
        return False
    same_start = [w for w in vocab if w[:1] == word[:1]]
    if any(_abbreviates(w, word) for w in same_start):
        return True
    return process.extractOne(word, same_start, scorer=fuzz.ratio, score_cutoff=VARIANT_MIN_RATIO) is not None


def variants(word: str, vocab: Iterable[str]) -> frozenset[str]:
    """Return every word of the vocabulary that `variant_of` counts as a variant of ``word``."""
    if len(word) < VARIANT_MIN_LETTERS or not word.isalpha():
        return frozenset()
    same_start = [w for w in vocab if w[:1] == word[:1]]
    alike = process.extract(word, same_start, scorer=fuzz.ratio, score_cutoff=VARIANT_MIN_RATIO, limit=None)
    return frozenset(w for w in same_start if _abbreviates(w, word)) | {w for w, _, _ in alike}


def _abbreviates(short: str, word: str) -> bool:
    """Return True for a 3-4 letter consonant abbreviation of a word: its first letter, then consonants in order."""
    if not 3 <= len(short) <= 4 or not short.isalpha() or any(c in "aeiou" for c in short[1:]):
        return False
    rest = iter(word[1:])
    return all(c in rest for c in short[1:])
