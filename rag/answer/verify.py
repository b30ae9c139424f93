"""Deciding whether evidence really supports an answer.

Precision first: a name, place or number in the question that the cited
article does not contain makes the answer unsupported.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Callable, Sequence

from rag.answer.candidates import Draft
from rag.answer.regions import asked_regions, has_any, kind_lacking, place_words, province_held
from rag.answer.vocabulary import Vocabulary, about_unit
from rag.core.dates import month_number
from rag.core.settings import ModelTuning
from rag.core.text import UNIT_AREA, terms
from rag.core.types import Citation
from rag.index.snapshot import Snapshot
from rag.query.analysis import Question, generic_topic
from rag.query.elections import asked_elections, backs_election
from rag.query.meetings import asked_event_kinds, held_as
from rag.query.quantities import number_in, stated_numbers, states_count

# A paraphrase answer with no named person or meeting to anchor it must clear the model's dense floor
# (Settings.tuning), or come close while sharing half the topic words.
LEAD_KINDS = ("who_said", "what_said", "list_speakers")  # kinds whose question words the lead article alone must have
FLOORED_KINDS = frozenset({"who_said", "open"})  # kinds whose answers must clear the model's dense floor
EN_MIN_SHARE = 0.34  # share of an English question's concepts the evidence must show above the floor
TOPIC_SHARE = 0.5  # ... and of any question's concepts just under it
SIBLINGS_MAX = 3  # other reports of one meeting read for its place (a corpus of copies links hundreds)
MIN_WRITTEN = 3  # concepts (election words aside) a citation must write, all of them, to stand whatever its cosine


_PLACED = re.compile(r"\b(?:di|in|at)\s+((?:[A-Z][\w'’.-]*\s*)+)")  # "di Bundaran Besar", "at Hotel Claro"


@lru_cache(maxsize=1024)
def placed_words(text: str) -> frozenset[str]:
    """Return the capitalized words a question writes after "di", "in" or "at": where it places the meeting."""
    return frozenset(w for m in _PLACED.finditer(text) for w in m.group(1).split())


def _election_lacking(q: Question, text: str) -> str:
    """Return the regional election a question names in words ("regent election") that an article cannot back."""
    return next((k for k in asked_elections(q.search_text) if not backs_election(k, text)), "")


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


class Support(Vocabulary):
    """Support checks over one snapshot."""

    def __init__(self, snapshot: Snapshot, tuning: ModelTuning, siblings: Callable[[str], Sequence[str]] | None = None) -> None:
        """Index the snapshot's vocabulary; ``siblings`` gives an article's other reports of its meetings."""
        super().__init__(snapshot, tuning)
        self.siblings = lru_cache(maxsize=4096)(siblings or (lambda source: [source]))

    def naming_all(self, q: Question) -> list[str]:
        """Return the articles that have every name, place and number of the question (none when it names nothing)."""
        if not q.proper and not q.numbers:
            return []
        clues = [c for c in (self._clue(q, w) for w in q.proper if not any(w in g for g in q.each)) if c is not None]
        return [s for s, v in self.vocab.items() if all(not v.isdisjoint(c) for c in clues) and not self.missing(q, s)]

    def fits(self, q: Question, source: str) -> bool:
        """Return True when an article contains every name, place and number of the question."""
        text = self.texts[source]
        return not self._lacking(q, source) and all(number_in(n, text) for n in q.numbers)

    def missing(self, q: Question, source: str) -> str:
        """Return the first name, place or number of the question that an article lacks ('' when it has them all)."""
        text = self.texts[source]
        lacking = self._lacking(q, source) or self._region_lacking(q, source) or _election_lacking(q, text)
        return lacking or next((n for n in q.numbers if not number_in(n, text)), "")

    def _region_lacking(self, q: Question, source: str) -> str:
        """Return the first region of the question an article neither writes nor is about ('' when none)."""
        text = self.texts[source]
        joined = {w.lower() for g in q.each for w in g}  # "Magelang dan Boyolali ... masing-masing": one of them will do
        asked = UNIT_AREA.sub(" ", f"{q.text} {' '.join(q.proper)}")
        regions = [(r, forms) for r, forms in asked_regions(asked) if not joined & set(r.lower().split())]
        own = text if about_unit(q.text) else UNIT_AREA.sub(" ", text)  # "Kodim 0204/Deli Serdang": a unit's area
        region = next((r for r, forms in regions if not has_any(own, forms) and not province_held(r, self.provinces(source))), "")
        return region or kind_lacking(q.text, text)  # "Kota Solok" asked of an article about Kabupaten Solok

    def _lacking(self, q: Question, source: str) -> str:
        """Return the first name of the question an article lacks; of names asked about one by one, it needs one (and
        of the months a question spans, "pada September dan Oktober", one)."""
        months = tuple(dict.fromkeys(w for w in q.proper if month_number(w)))
        outlets = self._outlets_asked(q.text, q.proper)  # "FkkNews dan Alor Pos": one of them will do
        groups = [*q.each, months, outlets] if len(months) > 1 else [*q.each, outlets]
        alone = [w for w in q.proper if not any(w in group for group in groups)]
        backed = partial(self._backed, q, source)
        word = next((w for w in alone if not backed(w)), "")
        group = next((g for g in groups if not any(backed(w) for w in g)), ())
        absent = next((w for g in q.each for w in g if not self.known(w)), "")  # each name must be somewhere
        return word or " / ".join(group) or absent

    def _backed(self, q: Question, source: str, word: str) -> bool:
        """Return True when an article backs a question word, or, for a word of where the question places the meeting,
        another report of its meeting does ("di Selatpanjang" written only by the other outlet is still its place)."""
        if self._supported_word(q, word, [source]):
            return True
        if word not in placed_words(q.text):
            return False
        others = [s for s in self.siblings(source) if s != source][:SIBLINGS_MAX]
        return bool(others) and self._supported_word(q, word, others)

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
