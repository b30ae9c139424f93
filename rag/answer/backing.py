"""How an article backs a question word it does not spell the same way.

- a hyphen joins what the article writes apart: "Aep-Maslani" (the pair "Aep Syaepuloh dan Maslani"), "TNI-Polri";
- an acronym the article writes out: "DPT" for "daftar pemilih tetap" (`rag.core.text.acronym_written`);
- an outlet's name the question writes with spaces: "Cahaya Terang Nusantara" for cahayaterangnusantara.com.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Collection, Mapping, Sequence

from rag.core.dates import month_number
from rag.core.lexicon import resolve_place
from rag.extract.people.mentions import is_person_title
from rag.query.analysis import generic_words
from rag.query.elections import election_kind

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
    return frozenset(w for joined, words in _joined_runs(text) if joined in outlet for w in words)


@lru_cache(maxsize=1024)
def _joined_runs(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return every stretch of two or more words of the text's capitalized runs, joined in lower case, with its words
    (the name may be only part of a run: "Menurut Cahaya Terang Nusantara"); read once per question, not per article."""
    out = []
    for m in _RUN.finditer(text):
        words = m.group().split()
        out += [("".join(words[a:b]).lower(), tuple(words[a:b])) for a in range(len(words) - 1) for b in range(a + 2, len(words) + 1)]
    return tuple(out)


def outlet_named(word: str, text: str, outlet: Collection[str]) -> bool:
    """Return True when a question word names an article's outlet: part of a run that joined is an outlet word, or the
    head of one ("Tribratanews" for tribratanewskaltara, a regional edition)."""
    low = word.lower()
    if len(low) >= OUTLET_HEAD_MIN and any(w.startswith(low) for w in outlet):
        return True
    squashed = _NOT_LETTER.sub("", low)  # "Artikel.news" for artikelnews
    return (squashed != low and squashed in outlet) or word in outlet_run_words(text, outlet)


_NOT_LETTER = re.compile(r"[\W_]+")
OUTLET_HEAD_MIN = 6  # letters: a shorter head ("Pos", "Radar") starts too many outlets' names


def outlets_asked(
    text: str, proper: Sequence[str], outlets: Mapping[str, Collection[str]], written: Callable[[str], int]
) -> tuple[str, ...]:
    """Return the question's words that name two or more outlets ("Bagaimana FkkNews dan Alor Pos menulis ...",
    "Tribun Ternate ...; menurut Jurnal Malut ..."), () when it names fewer: an article is one outlet's, so it backs one
    of them. ``outlets`` holds each article's outlet words, ``written`` counts the articles whose text has a word: a
    word alone names an outlet when hardly any article writes it ("FkkNews", not "Pemetaan" of a file name), and a
    place, a title, a month or an election word never does."""
    found: dict[str, frozenset[str]] = {}
    for word in proper:
        sources = frozenset(s for s, words in outlets.items() if word in outlet_run_words(text, words))  # "Tribun Ternate"
        if not sources and not names_no_one(word) and written(word.lower()) <= OUTLET_TEXTS_MAX:
            sources = frozenset(s for s, words in outlets.items() if outlet_named(word, text, words))
        if 0 < len(sources) <= OUTLET_ARTICLES_MAX:
            found[word] = sources
    named = set(found.values())
    return tuple(found) if any(a.isdisjoint(b) for a in named for b in named) else ()


def names_no_one(word: str) -> bool:
    """Return True for a capitalized word that is no person's or outlet's name: a place, a title, a month, an election
    word or a common word of election news."""
    low = word.lower()
    return any(resolve_place(word)) or is_person_title(word) or bool(month_number(word) or election_kind(word)) or low in generic_words()


OUTLET_TEXTS_MAX = 2  # articles whose text may write a one-word outlet name (its own, and one more)
OUTLET_ARTICLES_MAX = 8  # a word more articles' outlet names share is a common word of file names ("polres", "pleno")


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
