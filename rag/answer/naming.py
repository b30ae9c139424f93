"""Who a text names: the titled people a question asks about ("Ketua KPU Garut"), speech, persons and venues."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz

from rag.answer.regions import capital_runs, regions_named, shortens
from rag.core.dates import month_number
from rag.core.lexicon import load, resolve_place, word_set
from rag.core.text import WORD, terms
from rag.extract.people.mentions import is_person_title
from rag.extract.people.names import alias_forms, title_tokens
from rag.extract.people.roles import canonical_tokens, canonical_values
from rag.query.analysis import Question

TITLE_REACH = 8  # terms between a title and the word that completes it
QUOTE_MARKS = re.compile(r"[“”\"]")


@dataclass(frozen=True)
class Titled:
    """A person a question names by title: the title's terms, the word that completes it, a deputy or not.

    Titles in one run are one person: in English the glossary's translations are alternatives ("Kapolres Kapolda"); in
    Indonesian the last is the title and the ones before it are written too ("Pj Bupati Agam")."""

    title: frozenset[str]
    after: frozenset[str]
    deputy: bool
    word: str = ""  # the completing word as the question writes it ("KPU", "0705/Magelang", "Bolmong")
    words: tuple[str, ...] = ()  # the capitalized words from it on ("Bolaang Mongondow", "Komisi Pemilihan Umum")
    modifiers: tuple[frozenset[str], ...] = ()  # title words before the title, each written too ("Pj" of "Pj Bupati")
    proxy: bool = False  # the question asks who stood in for them ("Siapa yang mewakili Dandim 0313/KPR?")


@lru_cache(maxsize=1)
def _long_titles() -> tuple[re.Pattern[str], dict[str, str]]:
    """Return the pattern of a title's long forms ("Komandan Kodim", "Kepala Kepolisian Resor") and their short form."""
    data = load("role_aliases")
    titles = set(data["titles"])
    table = {v: c for c, forms in data["aliases"].items() if c in titles and c.isalpha() for v in forms if " " in v}
    forms = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")\b", re.IGNORECASE), table


@lru_cache(maxsize=4096)
def short_titles(text: str) -> str:
    """Return a text with every title's long form written short ("Komandan Kodim 1310" -> "Dandim 1310")."""
    pattern, table = _long_titles()
    return pattern.sub(lambda m: table[" ".join(m.group().lower().split())].capitalize(), text)


@lru_cache(maxsize=4096)
def cached_terms(text: str) -> tuple[str, ...]:
    """Return a text's stemmed terms (cached: the same sentences come back for many questions)."""
    return tuple(terms(text))


def titled_pairs(q: Question) -> list[Titled]:
    """Return the people the question names by title: "Ketua KPU", "Gubernur of Bali", "Wakil Ketua DPRD"."""
    words = WORD.findall(short_titles(q.people_text))
    runs: list[list[int]] = []
    for i, word in enumerate(words):
        if is_person_title(word):
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
    sought = word_set("answer_words", "candidacy")  # "pasangan calon Bupati Rohul": an office sought, nobody holding it
    counted = word_set("answer_words", "counting")  # "berapa di antaranya anggota PPS": members counted, nobody named
    kept, dropped = [], -9
    for run in runs:  # "pemilihan Bupati dan Wakil Bupati": the office joined by "dan" is sought too
        joined = dropped == run[0] - 2 and words[run[0] - 1].lower() in ("dan", "and", "serta")
        if joined or {w.lower() for w in words[max(0, run[0] - 2) : run[0]]} & sought:
            dropped = run[-1]
        elif not {w.lower() for w in words[max(0, run[0] - 3) : run[0]]} & counted:
            before = " ".join(words[max(0, run[0] - 3) : run[0]])  # "yang mewakili Pj Gubernur", "represented the National"
            kept.append(replace(_titled(q, words, run), proxy=bool(_PROXY_ASKED.search(before))))
    return kept


_PROXY_ASKED = re.compile(r"\b(?:mewakili|diwakili|represent(?:ed|ing|s)?|stood in for|on behalf of)\b", re.IGNORECASE)


def _titled(q: Question, words: Sequence[str], run: Sequence[int]) -> Titled:
    """Return the person named by a run of title words, completed by the word after it (or, in English, before it)."""
    if q.lang == "en":  # the glossary's translations of one English title are alternatives ("Kapolres Kapolda")
        title, modifiers = frozenset(t for i in run for t in cached_terms(words[i])), ()
    else:  # "Pj Bupati": the last is the title, each one before it is also written ("Bupati Agam" is not the Pj)
        title, modifiers = frozenset(cached_terms(words[run[-1]])), tuple(_spelled(words[i]) for i in run[:-1])
    after = [w for w in words[run[-1] + 1 : run[-1] + 4] if w.lower() not in word_set("answer_words", "title_fillers")]
    before = [w for w in words[max(0, run[0] - 3) : run[0]] if w.lower() not in word_set("answer_words", "title_fillers")]
    deputy = any(w.lower() in word_set("answer_words", "deputy") for w in [*before[-1:], *(words[i] for i in run[:-1])])
    if after and after[0][:1].isupper():
        capitals = _capitals(words[run[-1] + 1 : run[-1] + 6])
        return Titled(title, frozenset(cached_terms(after[0])), deputy, after[0], capitals, modifiers)
    if q.lang == "en" and before and before[-1][:1].isupper() and not is_person_title(before[-1]):
        word = before[-1].strip("()")  # "North Kalimantan (Kaltara) Kapolda"
        run = tuple(w.strip("()") for w in reversed(_capitals(before[::-1])))
        return Titled(title, frozenset(cached_terms(word)), deputy, word, run)  # "Serdang Bedagai police chief": the region
    return Titled(title, frozenset(), deputy, modifiers=modifiers)


def _spelled(word: str) -> frozenset[str]:
    """Return the terms of every spelling of a title word ("Pj" is also written "Penjabat")."""
    return frozenset(cached_terms(" ".join(alias_forms(word))))


def _capitals(words: Sequence[str]) -> tuple[str, ...]:
    """Return the leading capitalized words ("of", "dan" skipped): "Bolaang Mongondow" of "Bolaang Mongondow yang hadir"."""
    kept = [w for w in words if w.lower() not in word_set("answer_words", "title_fillers")]
    end = next((i for i, w in enumerate(kept) if not w[:1].isupper()), len(kept))
    return tuple(kept[:end])


def names_titled(pairs: Sequence[Titled], text: str, every: bool = True) -> bool:
    """Return True when the text names every titled person (with ``every=False``: at least one): the title, the word
    that completes it within a few terms ("Ketua Komisi Pemilihan Umum (KPU) Garut" names the Ketua KPU), and a
    deputy only when one is asked ("Wakil Ketua DPRD" is not the Ketua DPRD)."""
    if not pairs:
        return True
    text = short_titles(text)
    found = cached_terms(text)
    named = (_names_one(found, pair, text) for pair in pairs)
    return all(named) if every else any(named)


def _names_one(found: Sequence[str], pair: Titled, text: str) -> bool:
    """Return True when the terms name one titled person."""
    if not all(any(_alike(t, m) for t in found) for m in pair.modifiers) or _longer_region(pair, text):
        return False
    for i, term in enumerate(found):
        if not is_title_term(term, pair.title):
            continue
        before = [t for t in found[max(0, i - 2) : i] if t not in pair.title]
        if bool(before) and before[-1] in word_set("answer_words", "deputy") and not pair.deputy:
            continue
        reach = found[i + 1 : i + 1 + TITLE_REACH]
        units = [p for t in reach if "/" in t for p in t.split("/")]  # "0705/magelang": the unit's place
        if not pair.after or any(t in pair.after for t in [*reach, *units]) or _same_place(pair, reach, text):
            return True
    return False


@lru_cache(maxsize=1 << 14)
def shorter_titles(term: str) -> frozenset[str]:
    """Return the titles a longer title is built on ("kapolrestabes" -> kapolres, kapolresta)."""
    if len(term) < 7 or not term.isalpha():
        return frozenset()
    return frozenset(t for t in title_tokens() if len(t) >= 6 and t != term and term.startswith(t))


def with_shorter_titles(found: set[str]) -> set[str]:
    """Return the terms plus the titles their longer titles are built on (a Kapolrestabes is a Kapolres)."""
    return found.union(*(shorter_titles(t) for t in found))


def is_title_term(term: str, title: frozenset[str]) -> bool:
    """Return True when a term is the title, a longer title built on it ("kapolrestabes" is a "kapolres"), or the
    title with a typo ("koorinator")."""
    return _alike(term, title) or any(len(t) >= 6 and term.startswith(t) and term.isalpha() for t in title)


TYPO_MIN_LETTERS, TYPO_MIN_RATIO = 7, 88  # "Koorinator" is "Koordinator": one slip in a long word


def _alike(term: str, wanted: frozenset[str]) -> bool:
    """Return True when a term is one of the wanted words, or a long one written with one slip."""
    if term in wanted:
        return True
    return len(term) >= TYPO_MIN_LETTERS and any(w[:1] == term[:1] and fuzz.ratio(term, w) >= TYPO_MIN_RATIO for w in wanted)


def _same_place(pair: Titled, reach: Sequence[str], text: str) -> bool:
    """Return True when the completing word is written otherwise in the text: an acronym of capitalized words
    ("KPU" = Komisi Pemilihan Umum, either way round), a two-word short form ("Bolmong" = Bolaang Mongondow, either way
    round), a part of a unit ("0705/Magelang")."""
    if not pair.word:
        return False
    asked = canonical_tokens(" ".join(pair.words) or pair.word)
    if asked and asked[0].startswith("@") and asked[0] in regions_named(text):  # "Kutai Timur" = "Kutim", "Sergai"
        return True
    parts = [p.lower() for p in pair.word.split("/") if len(p) >= 3 and not p.isdigit()]
    if "/" in pair.word and any(p in reach for p in parts):
        return True
    if any(shortens(term, [w.lower() for w in pair.words]) for term in reach):
        return True
    low = pair.word.lower()
    runs = [[w.lower() for w in run[i:]] for run in capital_runs(text) for i in range(len(run))]
    return any(run[0] in reach and shortens(low, run) for run in runs)


def _longer_region(pair: Titled, text: str) -> bool:
    """Return True when the text names the asked region only as part of a longer one: "Kapolres Pidie Jaya" is not
    the Kapolres of Pidie, "Minsel" (Minahasa Selatan) is not Minahasa."""
    asked = canonical_tokens(" ".join(pair.words) or pair.word)[:1] if pair.word else []
    if not asked or not asked[0].startswith("@"):
        return False
    regions = regions_named(text)
    return asked[0] not in regions and any(r.startswith(f"{asked[0]} ") for r in regions)


@lru_cache(maxsize=1)
def _speech_words() -> frozenset[str]:
    """Return the speech verbs and reporting words of the lexicon, lower-case."""
    data = load("speech_verbs")
    words = data["post_extra"] + data["pre"] + data["passive_intro"] + data["menurut"]
    return frozenset(w.lower() for w in words) | frozenset(r.lower() for r in data["post_roots"])


@lru_cache(maxsize=1)
def rank_words() -> frozenset[str]:
    """Return the single-word ranks (AKBP, Kolonel, Irjen ...), lower-case."""
    return frozenset(r.lower().rstrip(".") for r in load("ranks")["ranks"] if " " not in r)


def speaks(text: str) -> bool:
    """Return True when a sentence reports speech: quotation marks or a speech verb that is not denied
    ("... tidak menyampaikan paparan" says the person did not speak)."""
    if QUOTE_MARKS.search(text):
        return True
    words = [w.lower() for w in WORD.findall(text)]
    negations = word_set("answer_words", "negations")
    return any(w in _speech_words() and not negations & set(words[max(0, i - 2) : i]) for i, w in enumerate(words))


def names_a_person(text: str) -> bool:
    """Return True when a sentence names a person: a title or rank followed by a capitalized name."""
    words = WORD.findall(text)
    for i, word in enumerate(words[:-1]):
        if not (is_person_title(word) or word.lower().rstrip(".") in rank_words()):
            continue
        for nxt in words[i + 1 : i + 5]:
            if nxt[:1].isupper() and not nxt.isupper() and not is_person_title(nxt) and nxt.lower() not in rank_words():
                if not (any(resolve_place(nxt)) or _body(nxt) or month_number(nxt)):  # "PJ Bupati Jombang", "Komisioner
                    # Bawaslu", "dilantik pada 10 Februari": no one named
                    return True
    return False


@lru_cache(maxsize=4096)
def _body(word: str) -> bool:
    """Return True for a word that is an institution or a title in the alias table ("Bawaslu", "Kesbangpol")."""
    forms = canonical_tokens(word)
    return bool(forms) and forms[0] in canonical_values()


@lru_cache(maxsize=1)
def venue_words() -> re.Pattern[str]:
    """Return the pattern of the words that head a venue (Hotel, Gedung, Aula ...), from the lexicon."""
    heads = sorted(load("events")["venue_heads"] + ["building", "venue", "hall", "room", "hotel"], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, heads))})\b", re.IGNORECASE)


def has_venue(text: str) -> bool:
    """Return True when a text names a venue."""
    return bool(venue_words().search(text))


_NOT_A_VENUE_WORD = frozenset({"di", "ke", "dari", "pada", "yang", "dan", "in", "at", "of", "the", "on"})


def names_venue(text: str) -> bool:
    """Return True when a venue's head word stands with its name ("Hotel Flores Mandiri", "Aston Hotel", "ruang rapat
    Bupati"), not alone ("di salah satu hotel di Kota Raha" says a hotel, not which)."""
    for m in venue_words().finditer(text):
        after = text[m.end() :].split()[:2]
        if after and after[0][:1].isalpha() and after[0].lower() not in _NOT_A_VENUE_WORD and after[0][:1].islower():
            after = after[1:]  # "ruang rapat Bupati": one plain word, then the name
        if after and (after[0][:1].isupper() or after[0][:1].isdigit()) or _word_before(text, m.start())[:1].isupper():
            return True
    return False


def _word_before(text: str, at: int) -> str:
    """Return the word right before an offset."""
    words = text[:at].split()
    return words[-1] if words else ""
