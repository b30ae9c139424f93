"""How an article backs a question word it does not spell the same way.

- a hyphen joins what the article writes apart: "Aep-Maslani" (the pair "Aep Syaepuloh dan Maslani"), "TNI-Polri";
- an acronym the article writes out: "DPT" for "daftar pemilih tetap" (`rag.core.text.acronym_written`);
- an outlet's name the question writes with spaces: "Cahaya Terang Nusantara" for cahayaterangnusantara.com.
"""

from __future__ import annotations

import re
from typing import Collection

_RUN = re.compile(r"[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)+")  # two or more capitalized words in a row


def pieces_known(word: str, vocab: Collection[str]) -> bool:
    """Return True when a hyphen-joined lower-case word has every piece in ``vocab`` ("aep-maslani")."""
    pieces = [p for p in word.split("-") if p]
    return len(pieces) > 1 and all(p in vocab for p in pieces)


def first_piece(word: str, vocab: Collection[str]) -> str:
    """Return the lower-case word, or its first hyphen piece when ``vocab`` lacks the whole ("aep-maslani": "aep")."""
    return word if word in vocab or "-" not in word else next((p for p in word.split("-") if p), word)


def outlet_run_words(text: str, outlet: Collection[str]) -> frozenset[str]:
    """Return the words of the question's runs of capitalized words that, joined, are one of an article's outlet words
    ("Cahaya Terang Nusantara" when the outlet is cahayaterangnusantara)."""
    found: set[str] = set()
    for m in _RUN.finditer(text):
        words = m.group().split()
        for start in range(len(words) - 1):  # the name may be only part of the run ("Menurut Cahaya Terang Nusantara")
            found.update(*(words[start:end] for end in range(start + 2, len(words) + 1)
                           if "".join(words[start:end]).lower() in outlet))
    return frozenset(found)


# Not rag.core.text.WORD: no apostrophe joins, so "Ma'ruf" gives its parts to the support check as it always has.
WORD = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*", re.UNICODE)
PIECES = re.compile(r"[-/.]")  # "VI/Mulawarman", "Nawasenanews.com-Medan": each piece is a word too


def capitalized_words(text: str) -> frozenset[str]:
    """Return the lower-case words a text writes with a capital, with the pieces of hyphenated ones."""
    out: set[str] = set()
    for word in WORD.findall(text):
        if word[0].isupper():
            out.add(word.lower())
            out.update(p.lower() for p in PIECES.split(word) if p[:1].isupper())
    return frozenset(out)
