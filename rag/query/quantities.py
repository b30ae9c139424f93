"""Quantities: whether a passage states the number a "berapa ..." / "how many ..." question asks for."""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from rapidfuzz import fuzz

from rag.core.lexicon import alternation, fold, word_set
from rag.core.text import acronym_written, terms


@cache
def _number_words() -> re.Pattern[str]:
    """Return the pattern of a digit or an Indonesian number word (query_words.json 'number_words')."""
    return re.compile(rf"\d|\b(?:{alternation('query_words', 'number_words')})\b", re.IGNORECASE)


_MONTH = r"(?:jan|feb|mar|apr|mei|jun|jul|agu|ags|sep|okt|nov|des)\w*"
_DATE_OR_YEAR = re.compile(
    rf"\(?\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\)?|\b(?:19|20)\d{{2}}\b|\b\d{{1,2}}\s+{_MONTH}"
    rf"|\b\d{{1,2}}\s*(?:-|–|hingga|sampai|s/d|dan)\s*(?=\d{{1,2}}\s+{_MONTH})",  # "3 hingga 5 Desember": a day too
    re.IGNORECASE,
)


def has_count(text: str) -> bool:
    """Return True when a text states a quantity: a number that is not a date, a year or a unit's number (Kodim 1702/X)."""
    return bool(_number_words().search(_UNIT_NUMBER.sub(" ", _DATE_OR_YEAR.sub(" ", text))))


_UNIT_NUMBER = re.compile(r"\b\d+/[^\W\d_]+|\b(?:nomor|no\.)\s*\d+", re.IGNORECASE)


def states_count(quote: str, counted: Sequence[str]) -> bool:
    """Return True when a quote states a quantity, in one sentence with what is counted (when that is known)."""
    if not counted:
        return has_count(quote)
    wanted = set(counted)
    money = bool(wanted & word_set("query_words", "money_stems"))
    percent = bool(wanted & word_set("query_words", "percent_nouns"))
    return any(
        has_count(s) and (_spelled_among(wanted, terms(s)) or (money and _MONEY.search(s)) or (percent and _PERCENT.search(s))
                          or any(acronym_written(w.upper(), s) for w in wanted))  # "DPT": "daftar pemilih tetap"
        for s in re.split(r"(?<=[.!?;])\s+", quote)
    )


def _spelled_among(wanted: set[str], found: Sequence[str]) -> bool:
    """Return True when a counted word is among the sentence's terms, also as news spells it otherwise ("personel" /
    "personil"): a word of six letters or more, the same first four, and at most one letter in eight different."""
    if wanted.intersection(found):
        return True
    return any(
        len(w) >= SPELLING_MIN and w[:4] == t[:4] and fuzz.ratio(w, t) >= SPELLING_RATIO for w in wanted for t in found
    )


SPELLING_MIN = 6
SPELLING_RATIO = 85


_PERCENT = re.compile(r"\d\s?%")  # "60%" states the "berapa persen"
_MONEY = re.compile(r"\bRp\.?\s?\d|\brupiah\b|\b(?:miliar|triliun|juta)\b", re.IGNORECASE)


_NUMBER_OF_YEAR = re.compile(r"0*(\d{1,4})/((?:19|20)\d\d)")


def number_in(number: str, text: str) -> bool:
    """Return True when ``text`` contains ``number`` as written in either convention ("72.4" = "72,4", "1,200" = "1.200"),
    with or without leading zeros ("4 Oktober" = "(04/10/2024)", "TPS 07" = "TPS 7")."""
    numbered = _NUMBER_OF_YEAR.fullmatch(number)  # "PKPU No. 8/2024" is "PKPU Nomor 8 Tahun 2024"
    if numbered and re.search(rf"(?<!\d)(?<!\d[.,])0*{numbered[1]}\s+tahun\s+{numbered[2]}\b", text, re.IGNORECASE):
        return True
    digits = [re.escape(part) for part in re.split(r"[.,]", number)]
    digits[0] = digits[0].lstrip("0") or "0"
    return re.search(r"(?<![\d.,])0*" + r"[.,]".join(digits) + r"(?![\d]|[.,]\d)", text) is not None


def stated_numbers(question: str, numbers: Sequence[str]) -> tuple[str, ...]:
    """Return the question's numbers that are not parts of a date ("14 November", "(5/2/2024)")."""
    dated = {m.group() for m in _DATE_OR_YEAR.finditer(question)}
    units = set(re.findall(r"\b(\d+)/[A-Za-z]", question))  # "Dandim 1702/Jayawijaya": a unit, not a figure
    return tuple(n for n in numbers if n not in units and not any(n in d for d in dated))


def counted_terms(text: str, after: int) -> tuple[str, ...]:
    """Return the stemmed terms of the word the count cue ending at ``after`` is about ("Berapa jumlah personel" -> personel)."""
    for word in re.findall(r"[\w-]+", text[after:]):
        if fold(word) in word_set("query_words", "count_fillers"):
            continue
        return tuple(terms(word))  # the head noun ("anggaran" of "anggaran sewa helikopter"); () for a stop word
    return ()


_NUMBER = re.compile(r"(?:\b|(?<=Rp)|(?<=Rp\.))\d+(?:[.,/]\d+)*\b")


def numbers_in(text: str) -> tuple[str, ...]:
    """Return numbers in the question that are not plain election years."""
    return tuple(n for n in _NUMBER.findall(text) if n not in {"2023", "2024", "2025"})
