"""Deciding whether evidence really supports an answer.

Precision first: a name, place or number in the question that the cited
article does not contain makes the answer unsupported.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Sequence

from rag.answer.backing import PIECES, WORD, capitalized_words, first_piece, outlet_named, outlets_asked, pieces_known
from rag.answer.candidates import Draft
from rag.answer.named import outlet_words
from rag.answer.naming import venue_words
from rag.answer.regions import asked_regions, has_any, kind_lacking, place_words, province_held
from rag.answer.spelling import PARTS as _PARTS
from rag.answer.spelling import spelled_alike as _spelled_alike
from rag.answer.spelling import variants
from rag.core.dates import month_number, months_written
from rag.core.lexicon import resolve_place, word_set
from rag.core.settings import ModelTuning
from rag.core.text import UNIT_AREA, acronym_written, is_acronym, terms
from rag.core.types import Citation
from rag.extract.meetings.places import provinces_named
from rag.extract.people.mentions import is_person_title
from rag.extract.people.names import alias_forms, is_title_word
from rag.index.snapshot import Snapshot
from rag.ingest.corpus import news_text
from rag.query.analysis import Question, generic_topic, generic_words
from rag.query.elections import backs_election, election_kind
from rag.query.meetings import asked_event_kinds, asked_months, held_as
from rag.query.quantities import number_in, stated_numbers, states_count

# A paraphrase answer with no named person or meeting to anchor it must clear the model's dense floor
# (Settings.tuning), or come close while sharing half the topic words.
LEAD_KINDS = ("who_said", "what_said", "list_speakers")  # kinds whose question words the lead article alone must have
FLOORED_KINDS = frozenset({"who_said", "open"})  # kinds whose answers must clear the model's dense floor
EN_MIN_SHARE = 0.34  # share of an English question's concepts the evidence must show above the floor
TOPIC_SHARE = 0.5  # ... and of any question's concepts just under it
MIN_WRITTEN = 3  # concepts (election words aside) a citation must write, all of them, to stand whatever its cosine


def _event_fits(q: Question, draft: Draft) -> bool:
    """Return False when the question places the statement at a kind of event ("dalam deklarasi ...") and the
    answer's lead statement comes from a known meeting of another kind."""
    kinds = asked_event_kinds(q)
    lead = draft.citations[0].meeting if draft.citations else None
    return not kinds or lead is None or held_as(lead, kinds)


def _evidence_text(citation: Citation) -> str:
    """Return what a citation shows a reader: the quote, who said it and at which meeting."""
    speaker, meeting = citation.speaker, citation.meeting
    parts = [citation.quote, speaker.role if speaker is not None else "", *((meeting.event, meeting.name) if meeting else ())]
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=4096)
def words_of(text: str) -> frozenset[str]:
    """Return the lower-case words of a text, with their alias forms."""
    out: set[str] = set()
    for word in WORD.findall(text.lower()):
        out.add(word)
        out.update(PIECES.split(word))  # "VI/Mulawarman", "Nawasenanews.com-Medan": each piece is a word too
    return frozenset(out)


_POSSESSIVE = re.compile(r"['’]s$")


class Support:
    """Support checks over one snapshot."""

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

    def naming_all(self, q: Question) -> list[str]:
        """Return the articles that have every name, place and number of the question (none when it names nothing)."""
        if not q.proper and not q.numbers:
            return []
        clues = [c for c in (self._clue(q, w) for w in q.proper if not any(w in g for g in q.each)) if c is not None]
        return [s for s, v in self.vocab.items() if all(not v.isdisjoint(c) for c in clues) and not self.missing(q, s)]

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

    def fits(self, q: Question, source: str) -> bool:
        """Return True when an article contains every name, place and number of the question."""
        text = self.texts[source]
        return not self._lacking(q, source) and all(number_in(n, text) for n in q.numbers)

    def missing(self, q: Question, source: str) -> str:
        """Return the first name, place or number of the question that an article lacks ('' when it has them all)."""
        text = self.texts[source]
        joined = {w.lower() for g in q.each for w in g}  # "Magelang dan Boyolali ... masing-masing": one of them will do
        asked = UNIT_AREA.sub(" ", f"{q.text} {' '.join(q.proper)}")
        regions = [(r, forms) for r, forms in asked_regions(asked) if not joined & set(r.lower().split())]
        own = text if _about_unit(q.text) else UNIT_AREA.sub(" ", text)  # "Kodim 0204/Deli Serdang": a unit's area
        region = next((r for r, forms in regions if not has_any(own, forms) and not province_held(r, self.provinces(source))), "")
        region = region or kind_lacking(q.text, text)  # "Kota Solok" asked of an article about Kabupaten Solok
        return self._lacking(q, source) or region or next((n for n in q.numbers if not number_in(n, text)), "")

    def _lacking(self, q: Question, source: str) -> str:
        """Return the first name of the question an article lacks; of names asked about one by one, it needs one (and
        of the months a question spans, "pada September dan Oktober", one)."""
        months = tuple(dict.fromkeys(w for w in q.proper if month_number(w)))
        outlets = self._outlets_asked(q.text, q.proper)  # "FkkNews dan Alor Pos": one of them will do
        groups = [*q.each, months, outlets] if len(months) > 1 else [*q.each, outlets]
        alone = [w for w in q.proper if not any(w in group for group in groups)]
        word = next((w for w in alone if not self._supported_word(q, w, [source])), "")
        group = next((g for g in groups if not any(self._supported_word(q, w, [source]) for w in g)), ())
        absent = next((w for g in q.each for w in g if not self.known(w)), "")  # each name must be somewhere
        return word or " / ".join(group) or absent

    def _outlets_of(self, text: str, proper: tuple[str, ...]) -> tuple[str, ...]:
        """Return the question's words naming two or more outlets (an article backs one of them; memoized per question)."""
        written = lambda w: sum(w in v and w not in self.outlets[s] for s, v in self.vocab.items())  # noqa: E731
        return outlets_asked(text, proper, self.outlets, written)

    def objection(self, q: Question, draft: Draft) -> str:
        """Return why the evidence does not support the answer ('' when it does)."""
        sources = list(dict.fromkeys(c.source for c in draft.citations))
        if not sources:
            return "no evidence"
        named = sources[:1] if draft.kind in LEAD_KINDS else sources  # the lead statement's (or list's) own article
        for word in q.proper:
            if not self._supported_word(q, word, named):
                return f"{word!r} is not in the cited articles"
        texts = " ".join(self.texts[s] for s in sources)
        missing = [n for n in q.numbers if not number_in(n, texts)]
        if missing:
            return f"number {missing[0]} is not in the cited article"
        shown = " ".join(_evidence_text(c) for c in draft.citations) if draft.kind in ("who_said", "what_said") else texts
        unsaid = [n for n in stated_numbers(q.text, q.numbers) if not number_in(n, shown)]
        if unsaid:  # "tentang uang Rp100 ribu": the figure must be in what the cited speaker said
            return f"number {unsaid[0]} is not in the cited statements"
        if q.asks_count and not any(states_count(c.quote, q.counted) for c in draft.citations):
            return "the evidence states no quantity" + (f" of {' '.join(q.counted)}" if q.counted else "")
        if not self._on_topic(q, draft):
            return f"evidence too far from the question (cosine {draft.score:.3f})"
        if draft.kind == "what_said" and not self._about_topic(q, draft):
            return f"the cited statements are not about the question's topic (cosine {draft.score:.3f})"
        if draft.kind in ("who_said", "what_said", "open") and not _event_fits(q, draft):
            return "the cited statements come from another kind of meeting than the question names"
        return ""

    def _about_topic(self, q: Question, draft: Draft) -> bool:
        """Return True unless a named person's statements share none of the question's topic concepts.

        "Apa kata X tentang dana hibah?" when X never spoke of it. The topic is what follows "tentang",
        "soal", "about"... (an English question's translated concepts); the person's own name and role and
        the meeting words are set aside, and one remaining concept must be in what the citations show,
        unless the evidence is very close to the question anyway.
        """
        if draft.score >= self.tuning.topic_free_cosine:
            return True
        about = " ".join(f"{c.speaker.name} {c.speaker.role}" for c in draft.citations if c.speaker is not None)
        known = set(terms(about)) | generic_topic()
        if q.lang == "en":
            groups = [g for g in q.topic_groups if not g <= known and not g <= q.meeting_terms]
        else:
            asked = [t for t in q.asked_topic if t not in q.meeting_terms and not t.isdigit() and t not in place_words()]
            groups = [frozenset({t}) for t in asked if t not in known]
        if not groups:
            return True
        evidence = set(terms(" ".join(_evidence_text(c) for c in draft.citations)))
        return any(g & evidence for g in groups)

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
        if resolve_place(word)[0] and not _about_unit(q.text) and not self.known(word, sources, self._placed(sources)):
            return False  # a regency written only as a unit's area ("Kodim 1306/Donggala") is no meeting there
        if word.lower() in generic_words() or is_person_title(word) or self.known(word, sources):
            return True
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

    def coverage(self, q: Question, text: str) -> int:
        """Return how many of the question's concepts a text mentions."""
        found = set(terms(text))
        return sum(1 for g in q.topic_groups if g & found)

    def _on_topic(self, q: Question, draft: Draft) -> bool:
        """Return True when a paraphrase answer is close enough to the question: its citations write every concept
        (three or more), or, close to the floor, half of them; an English question's cosine to Indonesian evidence
        says little on its own, so with two or more translated concepts a third must be there even above the floor."""
        tuning = self.tuning
        floor = tuning.dense_floor if draft.kind in FLOORED_KINDS else 0.0
        groups = q.topic_groups
        english = q.lang == "en" and len(groups) >= 2
        if draft.score >= floor and not (english and floor):
            return True
        evidence = set(terms(" ".join(_evidence_text(c) for c in draft.citations)))
        own = [g for g in groups if not g & generic_topic()]
        if len(own) >= MIN_WRITTEN and all(g & evidence for g in own):
            return True  # "Siapa Ketua Bawaslu Kabupaten Kampar?": the citation writes every concept, whatever the cosine
        margin = tuning.near_floor_en if q.lang == "en" else tuning.near_floor
        if not groups or draft.score < floor - margin - tuning.full_cover_en:
            return False
        share = sum(1 for g in groups if g & evidence) / len(groups)
        if draft.score < floor - margin:  # lower still: only an English question whose every concept is there
            return english and len(groups) >= 3 and share == 1.0
        return share >= (EN_MIN_SHARE if draft.score >= floor else TOPIC_SHARE)


def _names_a_venue(text: str, word: str) -> bool:
    """Return True when a word follows a venue head in the question ("Hotel Maqna"): a name, not English prose."""
    return any(text[m.end() :].lstrip().startswith(word) for m in venue_words().finditer(text))


def _about_unit(text: str) -> bool:
    """Return True when a question is about a numbered unit ("Dandim 0204/Deli Serdang", "Dandim Deli Serdang")."""
    return bool(UNIT_AREA.search(text)) or any(w.lower() in word_set("titles", "unit_titles") for w in WORD.findall(text))
