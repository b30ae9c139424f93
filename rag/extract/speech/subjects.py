"""Finding the subject of a speech verb in Indonesian: 'X mengatakan', 'Ia berharap'.

The subject is the capitalized run (title, rank, name) closest before the verb
such that only adverbs, asides between commas, relative clauses ("yang ...")
or prepositional phrases ("kepada Humas ...") stand between them, and that is
not itself the object of a preposition ("kepada X", "oleh X"). ``speaker_in`` and
``people_in`` memoize parsing a mention: the same mentions recur across sentences and articles.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Literal

from rag.core.lexicon import fold, speech_verbs, word_set
from rag.core.sentences import MASK, Tok, cap_runs
from rag.core.text import stop_words
from rag.core.types import Speaker
from rag.extract.people.listing import split_people
from rag.extract.people.names import parse_speaker

RefKind = Literal["name", "pronoun", "continue", "none"]
_LIST_SEPARATORS = (",", ";", "&", "dan", "serta")  # what split_people splits a mention at (a superset test on the folded text)


@dataclass(frozen=True)
class Ref:
    """Who a claim points at: a mention span, a pronoun, or the previous speaker."""

    kind: RefKind
    text: str = ""
    start: int = 0
    end: int = 0


def name_ref(toks: list[Tok], i: int, j: int) -> Ref:
    """Return a name reference covering tokens [i, j)."""
    return Ref("name", " ".join(t.text for t in toks[i:j]), toks[i].start, toks[j - 1].end)


def skip_adverbs(toks: list[Tok], k: int) -> int:
    """Return the first index at or after ``k`` that is not an adverb like 'juga'."""
    while k < len(toks) and fold(toks[k].text) in word_set("titles", "gap_adverbs"):
        k += 1
    return k


def person_runs(toks: list[Tok]) -> list[tuple[int, int]]:
    """Return capitalized runs, split where a title starts after a comma ('Gedung Sate, Sekda X')."""
    titles = word_set("titles", "person_titles")
    out: list[tuple[int, int]] = []
    for i, j in cap_runs(toks):
        if i > 0 and toks[i - 1].text.islower() and fold(toks[i - 1].text) in titles:
            i -= 1  # "serta akademisi Universitas Khairun Dr. Name": a title written in lower case
        start = i
        for c in range(i + 1, j - 1):
            if toks[c].text == "," and fold(toks[c + 1].text) in titles:
                if not any(fold(t.text) in titles for t in toks[start:c]):
                    if c > start:
                        out.append((start, c))
                    start = c + 1
        out.append((start, j))
    return out


def subject_before(toks: list[Tok], k: int, accept: Callable[[str], bool] | None = None) -> Ref | None:
    """Return the subject of the verb at token ``k``: a name run or a pronoun, else None.

    ``accept`` filters candidate runs by their text (e.g. "is this a person?"); rejected
    runs are skipped in favour of an earlier run whose gap to the verb is still valid.
    """
    pron = word_set("pronouns", "subject")
    for p in range(k - 1, -1, -1):
        if fold(toks[p].text) in pron and clause_start(toks, p) and _gap_ok(toks, p + 1, k):
            return Ref("pronoun", toks[p].text, toks[p].start, toks[p].end)
    before_object, locatives = word_set("titles", "prepositions_before_object"), word_set("titles", "locatives")
    for i, j in reversed(person_runs(toks[:k])):
        i = skip_openers(toks, i, j)
        if i >= j or not (_gap_ok(toks, j, k) or _apposition_gap_ok(toks, i, j, k)):
            continue
        if fold(toks[i].text) in before_object:  # the run opens the sentence: "Didampingi Dandim X, Pj Bupati Y"
            i = _after_listed_object(toks, i + 1, j)
        elif i > 0 and fold(toks[i - 1].text) in before_object:
            continue  # "X didampingi Dandim Y mengatakan": X speaks
        elif i > 1 and fold(toks[i - 1].text) in word_set("events", "venue_heads") and fold(toks[i - 2].text) in locatives:
            continue  # "Rakor yang berlangsung di aula Mapolres X ini menyoroti ...": a place, not who spoke
        if i >= j:
            continue
        if j - i == 1 and fold(toks[i].text) in word_set("pronouns", "not_names"):
            continue  # "Kami berharap ...": a pronoun opening the sentence, not a name
        ref = name_ref(toks, i, j)
        if accept is not None and not accept(ref.text):
            continue
        return ref
    return None


def _after_listed_object(toks: list[Tok], i: int, j: int) -> int:
    """Return where the subject starts in a run that opens with a preposition's object ('Dandim X, Bupati Y').

    Returns ``j`` (no subject) unless a comma followed by a person title splits the run.
    """
    titles = word_set("titles", "person_titles")
    cuts = [c + 1 for c in range(i + 1, j - 1) if toks[c].text == "," and fold(toks[c + 1].text) in titles]
    return cuts[-1] if cuts else j


def skip_openers(toks: list[Tok], i: int, j: int) -> int:
    """Skip capitalized sentence openers ('Sementara', 'Ditambahkan', any stop word: 'Sebelum') at the start of a run."""
    skip = _openers()
    while i < j and (fold(toks[i].text) in skip or toks[i].text == ","):
        i += 1
    return i


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Return the words that open a sentence without being anyone's name."""
    return word_set("titles", "sentence_openers") | speech_verbs()["passive"] | speech_verbs()["menurut"] | stop_words()


def _apposition_gap_ok(toks: list[Tok], i: int, j: int, k: int) -> bool:
    """Return True for 'Name selaku OPD penyelenggara rakor <verb>': the run's apposition reaches the verb."""
    appos = word_set("titles", "apposition_words")
    at = next((x for x in range(i + 1, j) if fold(toks[x].text) in appos), None)
    return at is not None and _gap_ok(toks, at, k)


def clause_start(toks: list[Tok], p: int) -> bool:
    """Return True when token ``p`` begins a clause (sentence start or after a comma)."""
    return p == 0 or toks[p - 1].text in ",;:" or fold(toks[p - 1].text) in word_set("titles", "sentence_openers")


def _gap_ok(toks: list[Tok], j: int, k: int) -> bool:
    """Return True when tokens [j, k) between a subject and its verb are only adverbs or asides."""
    adverbs, preps = word_set("titles", "gap_adverbs"), word_set("titles", "gap_prepositions")
    idx = j
    while idx < k:
        word = fold(toks[idx].text)
        if toks[idx].text in ",":
            idx += 1
        elif word in preps:
            idx = _skip_aside(toks, idx + 1, k, relative=word == "yang")
            if idx < 0:
                return False
        elif word in adverbs:
            idx += 1
        else:
            return False
    return True


def _skip_aside(toks: list[Tok], idx: int, k: int, relative: bool) -> int:
    """Skip an aside up to the next comma (or the verb); -1 when it hides another clause."""
    start = idx
    while idx < k and toks[idx].text != ",":
        if MASK in toks[idx].text:
            return -1
        idx += 1
    closed = idx < k
    if not (closed or relative) and any(_verb_like(t.text) for t in toks[start:idx]):
        return -1  # "didampingi X memeriksa ... dan": a second clause, not an aside
    return idx


def _verb_like(word: str) -> bool:
    """Return True for a lower-case active verb form (meN-/ber-) such as 'memeriksa'."""
    return word[:1].islower() and len(word) > 5 and word.startswith(("me", "ber"))


@lru_cache(maxsize=1 << 15)
def speaker_in(mention: str, places: tuple[str, ...] = ()) -> Speaker:
    """Return ``parse_speaker(mention, places)``, memoized: mentions recur and a Speaker is immutable."""
    return parse_speaker(mention, places)


@lru_cache(maxsize=1 << 15)
def people_in(mention: str, places: tuple[str, ...] = ()) -> tuple[tuple[int, int], ...]:
    """Return ``split_people(mention, places)`` as a tuple, memoized.

    A mention without any list separator (',', ';', '&', 'dan', 'serta') is one
    part, which split_people always returns whole: skip parsing it then.
    """
    low = fold(mention)
    if not any(sep in low for sep in _LIST_SEPARATORS):
        return ((0, len(mention)),)
    return tuple(split_people(mention, places))
