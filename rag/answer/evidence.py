"""Evidence candidates: the verbatim sentences of the top passages, each with the features the verifier reads."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rag.answer.context import Context
from rag.answer.naming import QUOTE_MARKS, venue_words, with_shorter_titles
from rag.answer.surround import accounts
from rag.core.sentences import find_quotes, mask, sentences
from rag.core.text import WORD, stop_words, terms
from rag.core.types import Hit, Meeting, Statement
from rag.index.snapshot import Snapshot
from rag.query.analysis import Question, english_function_words, generic_topic
from rag.query.english import glossary_words

# a date as news writes it: "Senin (5/8/2024)", "Rabu 20 November 2024", "(12/9)"
_DATE = re.compile(
    r"\b\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Aug|Sep|Okt|Oct|Nov|Des|Dec)[a-z]*\b",
    re.IGNORECASE,
)
_PLACE = re.compile(r"\b(?:di|bertempat di|berlangsung di|digelar di|at|in)\s+(?:[A-Z][\w.'/-]*\s?){1,}")


@dataclass(frozen=True)
class Evidence:
    """One verbatim sentence of an article that may carry the answer, with what the verifier reads about it."""

    source: str
    start: int
    end: int
    text: str
    rank: int  # rank of its article among the retrieved passages' articles (0 = the top passage's)
    dense: float  # cosine of that passage to the question
    cover: float  # share of the question's concepts the sentence mentions
    window_cover: float  # the same over the sentence and its neighbours in the paragraph
    dated: bool  # states a date
    placed: bool  # states a place ("di Aula ...")
    fits: bool  # the article has every name, place and number of the question
    statement: Statement | None = None  # the extracted statement it lies in, if any
    meeting: Meeting | None = None  # the meeting whose describing sentence it is, if any

    asks_place: bool = False  # the question asks where or when
    phrase: float = 0.0  # weighted share of the question's word pairs the sentence has side by side ("Kepala Bakesbangpol")
    speaker_match: float = 0.0  # weighted share of the question's concepts in the name and role of the sentence's speaker
    focus: float = 0.0  # share of the question that only names who spoke ("Siapa Kepala Bakesbangpol Madiun?" = 1)
    previous: Statement | None = None  # the statement of the sentence before it in the paragraph ("..., ujarnya. Lebih lanjut ...")
    window_terms: frozenset[str] = frozenset()  # the stemmed terms of the sentence and its neighbours
    held: Meeting | None = None  # the meeting it belongs to: its statement's, the one it describes, or the article's first
    context: Statement | None = None  # the statement whose speaker's account it continues (between two of theirs)
    content: float = 0.0  # weighted share of what the question asks about (not names, places, meeting words) it covers
    asks_content: bool = False  # the question asks what was said or is open

    @property
    def said(self) -> Statement | None:
        """Return the statement that gives the sentence its speaker: its own, else the account it continues."""
        return self.statement or self.context

    @property
    def score(self) -> float:
        """Return the ranking score: concepts covered, passage rank, and stated facts when they are asked for."""
        facts = (0.25 if self.asks_place else 0.05) * (self.dated + self.placed)
        said = (1 - self.focus) * (self.cover + 0.5 * self.window_cover) + (0.5 + self.focus) * self.speaker_match
        return said + 0.5 * self.phrase + 0.4 / (1 + self.rank) + facts + CONTENT_WEIGHT * self.asks_content * self.content


CONTENT_WEIGHT = 0.6  # for "what did X say about ..." and open questions: the asked content outweighs the names
CONTENT_KINDS = ("open", "what_said")


def states_date(text: str) -> bool:
    """Return True when a text states a date as news writes it."""
    return bool(_DATE.search(text))


def states_place(text: str) -> bool:
    """Return True when a text states where: "di Aula Kantor Bupati", or "di <venue head>" ("di gedung serbaguna")."""
    if _PLACE.search(text):
        return True
    return any(text[max(0, m.start() - 3) : m.start()].lower() == "di " for m in venue_words().finditer(text))


def paragraph_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return the sentence spans of every paragraph line touching ``[start, end)`` (quotes never cut)."""
    out: list[tuple[int, int]] = []
    left = text.rfind("\n", 0, start) + 1
    while left < end:
        right = text.find("\n", left)
        right = len(text) if right < 0 else right
        line = text[left:right]
        if line.strip():
            out += [(left + a, left + b) for a, b in sentences(mask(line, find_quotes(line)))]
        left = right + 1
    return out


def _share(groups: Sequence[frozenset[str]], weights: Sequence[float], found: set[str]) -> float:
    """Return the weighted share of concept groups that have a term in ``found``."""
    total = sum(weights)
    return sum(w for g, w in zip(groups, weights, strict=True) if g & found) / total if total else 0.0


def _weights(groups: Sequence[frozenset[str]], term_sets: Sequence[set[str]]) -> list[float]:
    """Weigh each concept by its rarity among the candidate sentences (a word every sentence has tells little)."""
    n = len(term_sets)
    return [math.log(1 + n / (1 + sum(1 for t in term_sets if g & t))) for g in groups]


def concepts(q: Question) -> tuple[frozenset[str], ...]:
    """Return the question's concepts: its topic groups (or its terms one by one), plus, for an English question,
    every content word the glossary could not translate ("e-voting"): evidence that lacks it covers less."""
    found = q.topic_groups or tuple(frozenset({t}) for t in q.topic_terms)
    if q.lang != "en":
        return found
    return found + tuple(frozenset({w}) for w in untranslated(q.text))


def untranslated(text: str) -> list[str]:
    """Return the lower-case English content words of a question that the glossary has no Indonesian for."""
    known = glossary_words() | english_function_words()
    words = [w.lower() for w in WORD.findall(text) if not w[:1].isupper() and not any(c.isdigit() for c in w)]
    stops = stop_words()
    return list(dict.fromkeys(w for w in words if len(w) >= 5 and not all(_english_known(p, known | stops) for p in w.split("-"))))


def _english_known(word: str, known: frozenset[str]) -> bool:
    """Return True when an English word, or its form without a plural or verb ending, is known."""
    forms = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e"} if len(word) > 4 else {word}
    return len(word) < 5 or any(f in known for f in forms if f)


def gather(ctx: Context, q: Question, passages: Sequence[Hit], fits: dict[str, bool], depth: int = 5) -> list[Evidence]:
    """Return every sentence of the top ``depth`` passages as evidence, best first."""
    snap = ctx.snapshot
    found_concepts = concepts(q)
    found: list[tuple[int, Hit, list[tuple[int, int]], list[set[str]]]] = []
    for rank, hit in enumerate(passages[:depth]):
        text = snap.articles[hit.chunk.source].text
        spans = paragraph_sentences(text, hit.chunk.start, hit.chunk.end)
        found.append((rank, hit, spans, [concept_terms(text[a:b]) for a, b in spans]))
    everything = [t for *_, words in found for t in words]
    weights = _weights(found_concepts, everything)
    pairs = sorted(_pairs(terms(q.search_text)))
    pair_weights = _weights([frozenset({p}) for p in pairs], [_pairs(sentence_terms(e)) for e in _texts(snap, found)])
    order = list(dict.fromkeys(h.chunk.source for h in passages))
    focus = _share(found_concepts, weights, set(terms(q.speaker_text))) if q.kind == "who_said" else 0.0
    skip = not_content(q)
    content = [(g, w) for g, w in zip(found_concepts, weights, strict=True) if not g & skip]
    seen: dict[tuple[str, int], Evidence] = {}
    for _, hit, spans, words in found:
        chunk = hit.chunk
        rank = order.index(chunk.source)
        said = [_statement_in(ctx.retriever.statements_of(chunk.source), a, b) for a, b in spans]
        context = accounts([snap.articles[chunk.source].text[a:b] for a, b in spans], said)
        for i, (a, b) in enumerate(spans):
            if (chunk.source, a) in seen or b - a < 15 or not (chunk.start <= a < chunk.end):
                continue
            sentence = snap.articles[chunk.source].text[a:b]
            statement = said[i]
            speaker = (statement or context[i]).speaker if statement or context[i] else None
            who = set(sentence_terms(f"{speaker.role} {speaker.name}")) if speaker else set()
            seen[(chunk.source, a)] = Evidence(
                source=chunk.source, start=a, end=b, text=sentence, rank=rank, dense=hit.dense_score,
                cover=_share(found_concepts, weights, words[i]),
                window_cover=_share(found_concepts, weights, window := set().union(*words[max(0, i - 1) : i + 2])),
                window_terms=frozenset(window), held=_held(snap, chunk.source, statement, a, b),
                dated=states_date(sentence), placed=states_place(sentence),
                fits=fits.get(chunk.source, False),
                statement=statement, context=context[i], speaker_match=_share(found_concepts, weights, who), focus=focus,
                previous=said[i - 1] if i else None,
                meeting=_meeting_at(snap, chunk.source, a, b), asks_place=q.kind in ("where_when", "which_meeting"),
                content=_share([g for g, _ in content], [w for _, w in content], words[i]) if content else 0.0,
                asks_content=q.kind in CONTENT_KINDS,
                phrase=_share([frozenset({p}) for p in pairs], pair_weights, _pairs(sentence_terms(sentence))),
            )
    return sorted(seen.values(), key=lambda e: (-e.score, e.rank, e.start))


def not_content(q: Question) -> frozenset[str]:
    """Return the terms that say who, where and at which meeting, not what: names, places, meeting and election words."""
    return frozenset(terms(" ".join(q.proper))) | q.meeting_terms | generic_topic()


@lru_cache(maxsize=1 << 15)
def sentence_terms(sentence: str) -> tuple[str, ...]:
    """Return a sentence's stemmed terms (cached: the same passages come back for many questions)."""
    return tuple(terms(sentence))


def concept_terms(text: str) -> set[str]:
    """Return the terms a sentence covers concepts with: its stemmed terms, a longer title also counting as the title
    it is built on (a Kapolrestabes is a Kapolres)."""
    return with_shorter_titles(set(sentence_terms(text)))


def _pairs(seq: Sequence[str], reach: int = 2) -> set[tuple[str, str]]:
    """Return the ordered pairs of terms standing side by side (a capitalized word yields two terms, so skip one)."""
    return {(a, b) for i, a in enumerate(seq) for b in seq[i + 1 : i + 1 + reach] if a != b}


def _texts(snap: Snapshot, found: Sequence[tuple[int, Hit, list[tuple[int, int]], list[set[str]]]]) -> list[str]:
    """Return the text of every candidate sentence."""
    return [snap.articles[hit.chunk.source].text[a:b] for _, hit, spans, _ in found for a, b in spans]


def _statement_in(statements: Sequence[Statement], start: int, end: int) -> Statement | None:
    """Return the extracted statement that overlaps a sentence most, if any."""
    best, overlap = None, 0
    for s in statements:
        shared = min(end, max(s.end, s.attribution_end)) - max(start, min(s.start, s.attribution_start or s.start))
        if shared > overlap and (s.speaker.name or s.speaker.role):
            best, overlap = s, shared
    return best


def _held(snap: Snapshot, source: str, statement: Statement | None, start: int, end: int) -> Meeting | None:
    """Return the meeting a sentence belongs to."""
    if statement is not None:
        return snap.meeting_of(statement)
    found = snap.meetings_of(source)
    return _meeting_at(snap, source, start, end) or (found[0] if found else None)


def _meeting_at(snap: Snapshot, source: str, start: int, end: int) -> Meeting | None:
    """Return the meeting whose describing sentence overlaps this one."""
    return next((m for m in snap.meetings_of(source) if m.start < end and start < m.end), None)


def quoted(evidence: Evidence) -> bool:
    """Return True when the sentence holds quotation marks (someone's words)."""
    return bool(QUOTE_MARKS.search(evidence.text))
