"""Each article's words, and whether a word of the question is backed by them (names, places, months, outlets)."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Sequence

from rag.answer.backing import PIECES, WORD, capitalized_words, first_piece, outlet_named, outlets_asked, pieces_known
from rag.answer.named import outlet_words
from rag.answer.naming import venue_words
from rag.answer.regions import place_words, province_held
from rag.answer.spelling import PARTS as _PARTS
from rag.answer.spelling import spelled_alike as _spelled_alike
from rag.answer.spelling import variants
from rag.core.dates import month_number, months_written
from rag.core.lexicon import resolve_place, word_set
from rag.core.settings import ModelTuning
from rag.core.text import UNIT_AREA, acronym_written, is_acronym
from rag.extract.meetings.places import provinces_named
from rag.extract.people.mentions import is_person_title
from rag.extract.people.names import alias_forms, is_title_word
from rag.extract.people.roles import heads_of
from rag.index.snapshot import Snapshot
from rag.ingest.corpus import news_text
from rag.query.analysis import Question, generic_words
from rag.query.elections import backs_election, election_kind
from rag.query.meetings import asked_months


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """Return the lower-case words of a text, with their alias forms."""
    out: set[str] = set()
    for word in WORD.findall(text.lower()):
        out.add(word)
        out.update(PIECES.split(word))  # "VI/Mulawarman", "Nawasenanews.com-Medan": each piece is a word too
    return frozenset(out)


_POSSESSIVE = re.compile(r"['’]s$")


class Vocabulary:
    """Each article's words, and whether a question word is backed by them."""

    def __init__(self, snapshot: Snapshot, tuning: ModelTuning) -> None:
        """Index the snapshot's vocabulary per article; ``tuning`` holds the model's cosine floors."""
        self.snapshot = snapshot
        self.tuning = tuning
        self.texts = {name: news_text(a) for name, a in snapshot.articles.items()}  # "Baca juga" teasers back nothing
        self.outlets = {name: outlet_words(name, snapshot.credit_of(name)) for name in self.texts}
        self.vocab = {name: words_of(self.texts[name]) | self.outlets[name] for name in self.texts}
        self.corpus_vocab = frozenset().union(*self.vocab.values()) if self.vocab else frozenset()
        self.outlet_vocab = frozenset().union(*self.outlets.values()) if self.outlets else frozenset()
        self._provinces: dict[str, frozenset[str]] = {}
        self._unitless: dict[str, frozenset[str]] = {}
        self._outlets_asked = lru_cache(maxsize=1024)(self._outlets_of)  # bounded: one entry per question asked

    def _outlets_of(self, text: str, proper: tuple[str, ...]) -> tuple[str, ...]:
        """Return the question's words naming two or more outlets (an article backs one of them; memoized per question)."""
        written = lambda w: sum(w in v and w not in self.outlets[s] for s, v in self.vocab.items())  # noqa: E731
        return outlets_asked(text, proper, self.outlets, written)

    def _clue(self, q: Question, word: str) -> frozenset[str] | None:
        """Return words one of which an article must have to back a question word (None: it may back it without).

        It backs a word that is no month, election word, title or English prose only by having the word (or an
        alias, or a spelling variant): `_supported_word` then comes down to `known`, and this is a cheap prefilter.
        """
        word = _POSSESSIVE.sub("", word)
        if month_number(word) or election_kind(word) or word.lower() in generic_words() or is_person_title(word):
            return None
        city, province = resolve_place(word)
        if province and not city:
            return None  # a province: an article about it backs it without writing it (`province_held`)
        if self._english_prose(q, word):
            return None  # English prose: backed in every article
        if (is_acronym(word) or outlet_named(word, q.text, self.outlet_vocab)) and not self.known(word):
            return None  # "DPT" written out, an outlet's name written with spaces: `_supported_word` checks them
        firsts = [next((first_piece(p, self.corpus_vocab) for p in _PARTS.split(form.lower()) if p), "") for form in alias_forms(word)]
        if not all(firsts):
            return None  # a form with no word: `known` finds it everywhere
        return frozenset(firsts) | variants(firsts[0], self.corpus_vocab)

    @cached_property
    def capitals(self) -> frozenset[str]:
        """Return the lower-case words any article writes capitalized (read for English questions only, on first use)."""
        return frozenset().union(*(capitalized_words(t) for t in self.texts.values())) if self.texts else frozenset()

    def _placed(self, sources: Sequence[str]) -> dict[str, frozenset[str]]:
        """Return the words of the articles without the areas of units ("Kodim 0204/Deli Serdang"), memoized."""
        for s in sources:
            if s not in self._unitless:
                self._unitless[s] = words_of(UNIT_AREA.sub(" ", self.texts[s])) | self.outlets[s]
        return self._unitless

    def provinces(self, source: str) -> frozenset[str]:
        """Return the provinces an article is about: its meetings' and those of the regions it names (memoized)."""
        found = self._provinces.get(source)
        if found is None:
            held = {m.province for m in self.snapshot.meetings_of(source) if m.province}
            found = self._provinces[source] = provinces_named(self.texts[source]) | held
        return found

    def known(self, word: str, sources: Sequence[str] | None = None, vocabs: dict[str, frozenset[str]] | None = None) -> bool:
        """Return True if a word (or one of its aliases) occurs in the given articles (in ``vocabs``, else their words)."""
        vocabs = self.vocab if vocabs is None else vocabs
        vocab = self.corpus_vocab if sources is None else frozenset().union(*(vocabs.get(s, frozenset()) for s in sources))
        forms = alias_forms(word)
        if any(all(part in vocab or pieces_known(part, vocab) for part in _PARTS.split(form.lower()) if part) for form in forms):
            return True
        return _spelled_alike(word, vocab)

    def _supported_word(self, q: Question, word: str, sources: list[str]) -> bool:
        """Return True when a capitalized question word is backed by the cited articles.

        Month names may be backed by a meeting date; in English questions only
        words the corpus uses at all are checked (the rest are English prose).
        """
        word = _POSSESSIVE.sub("", word)
        month = month_number(word)
        held = {int(m.date[5:7]) for s in sources for m in self.snapshot.meetings_of(s) if m.date} if month else set()
        if held and month in asked_months(q):
            # "rakor pada November 2024": a month without a day dates the meeting, so a cited meeting with a
            # date must fall in it ("27 November" in the text is usually the voting day; "hingga akhir
            # September" is a period the speaker talks about, and is checked against the text as before)
            return month in held
        kind = election_kind(word)
        if kind:  # "Pilkada" is backed by "Pilbup", "Pemilihan" or no election word, never by a Pemilu article
            return any(backs_election(kind, self.texts[s]) for s in sources)
        if resolve_place(word)[0] and not about_unit(q.text) and not self.known(word, sources, self._placed(sources)):
            return False  # a regency written only as a unit's area ("Kodim 1306/Donggala") is no meeting there
        if word.lower() in generic_words() or is_person_title(word) or self.known(word, sources):
            return True
        if any(self.known(head, sources) for head in heads_of(word)):
            return True  # "Polres Kepulauan Meranti" asked, "Kapolres Kepulauan Meranti" written
        if any(province_held(word, self.provinces(s)) for s in sources):
            return True
        if any(acronym_written(word, self.texts[s]) or outlet_named(word, q.text, self.outlets[s]) for s in sources):
            return True
        if month in held or (month and any(month in months_written(self.texts[s]) for s in sources)):
            return True  # "19 September" asked, "Kamis (19/9/2024)" written
        return self._english_prose(q, word)

    def _english_prose(self, q: Question, word: str) -> bool:
        """Return True for a capitalized word of an English question that no article writes capitalized (so no name:
        "Article 120"), is no title or place, and names no venue ("Hotel Maqna")."""
        if q.lang != "en" or word.lower() in self.capitals or is_title_word(word) or word.lower() in place_words():
            return False
        return not _names_a_venue(q.text, word)


def _names_a_venue(text: str, word: str) -> bool:
    """Return True when a word follows a venue head in the question ("Hotel Maqna"): a name, not English prose."""
    return any(text[m.end() :].lstrip().startswith(word) for m in venue_words().finditer(text))


def about_unit(text: str) -> bool:
    """Return True when a question is about a numbered unit ("Dandim 0204/Deli Serdang", "Dandim Deli Serdang")."""
    return bool(UNIT_AREA.search(text)) or any(w.lower() in word_set("titles", "unit_titles") for w in WORD.findall(text))
