"""Indonesian search terms: Sastrawi stemming and stop words (the BM25 index over them is ``rag.index.bm25``)."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.core.lexicon import load, word_set

# The shared word patterns: a module that splits text into words uses one of these, or says why its own differs.
WORD = re.compile(r"[^\W_]+(?:[-/.'’][^\W_]+)*")  # letters/digits joined inside by - / . ' ’ ("Pj.", "Ma'ruf", "1702/X")
PLAIN_WORD = re.compile(r"\w+")  # a run of word characters, nothing joined
LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters only
DIGIT = re.compile(r"\d")  # any digit
# A numbered unit and its area, one notation ("Kodim 0204/Deli Serdang", "Dandim 1707/Merauke"): the number before the
# slash, and the capitalized area after it.
UNIT_NUMBER = re.compile(r"\b(\d+)/(?=[^\W\d_])")
UNIT_AREA = re.compile(r"(?<=\d/)[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}")

# BM25 terms keep '_' and join only by - and / (never . or '): the index was built with this split, so it stays its own.
_TOKEN = re.compile(r"\w+(?:[-/]\w+)*", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - Sastrawi has no type hints
    """Return the (slow to build) Sastrawi stemmer, once."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return Indonesian (Sastrawi) plus English stop words."""
    import bm25s
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    words = set(StopWordRemoverFactory().get_stop_words())
    words |= set(bm25s.stopwords.STOPWORDS_EN)
    words |= set(load("stopwords")["words"])
    return frozenset(words)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Sastrawi stem of one lower-case word (cached)."""
    if not word.isalpha() or len(word) <= 3:
        return word
    return _stemmer().stem(word) or word


@lru_cache(maxsize=1)
def _root_words() -> frozenset[str]:
    """Return Sastrawi's dictionary of Indonesian root words."""
    from importlib.resources import files

    data = files("Sastrawi.Stemmer") / "data" / "kata-dasar.txt"
    return frozenset(line.strip() for line in data.read_text(encoding="utf-8").splitlines() if line.strip())


def dictionary_word(word: str) -> bool:
    """Return True when a word is an Indonesian dictionary word, as written or by its stem ("Sebutkan": sebut)."""
    lower = word.lower()
    return lower.isalpha() and (lower in _root_words() or stem(lower) in _root_words())


def terms(text: str) -> list[str]:
    """Return the stemmed, stop-word-free terms of ``text``.

    A capitalized word may be a name (Kutim, Wahyuni) that stemming would
    mangle, so it yields both its whole form and its stem.
    """
    out = []
    stops = stop_words()
    for raw in _TOKEN.findall(text):
        capital = raw[:1].isupper()
        for word in raw.lower().split("-"):
            if len(word) < 2 or word in stops:
                continue
            root = stem(word)
            out.append(root)
            if capital and root != word:
                out.append(word)
    return out


@lru_cache(maxsize=1024)
def query_terms(text: str) -> tuple[str, ...]:
    """Return the terms of a question (cached: several rankers tokenize the same question)."""
    return tuple(terms(text))


# "Kapolres Minahasa (bukan Minahasa Selatan)": what the asker rules out is not part of what they ask about
_EXCLUDED = re.compile(r"\s*\((?:bukan|not|tidak|selain)\s[^()]*\)", re.IGNORECASE)


def without_exclusions(text: str) -> str:
    """Return a question without the parenthesized places or people it rules out ("(not Pidie Jaya)")."""
    return _EXCLUDED.sub("", text)


ACRONYM_LETTERS = (2, 6)  # an acronym of fewer or more letters is rarely written out word by word


def is_acronym(word: str) -> bool:
    """Return True for a word of capital letters only, of an acronym's length ("DPT", "KPPS")."""
    low, high = ACRONYM_LETTERS
    return low <= len(word) <= high and word.isalpha() and word.isupper()


def acronym_written(word: str, text: str) -> bool:
    """Return True when ``text`` writes an acronym out, one word per letter and no function word among them
    ("DPT": "daftar pemilih tetap"; not "dan pihak terkait")."""
    if not is_acronym(word):
        return False
    stops = word_set("stopwords", "title_small_words")
    return any(not any(w.lower() in stops for w in m.group().split()) for m in _spelled_out(word.lower()).finditer(text))


@lru_cache(maxsize=256)
def _spelled_out(letters: str) -> re.Pattern[str]:
    """Return the pattern of words that open with the acronym's letters in turn (each of three letters or more)."""
    return re.compile(r"\b" + r"\s+".join(rf"{re.escape(c)}[^\W\d_]{{2,}}" for c in letters) + r"\b", re.IGNORECASE)
