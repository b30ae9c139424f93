"""The one calibrated decision: the checks' objections and the evidence's strength are features of one learned model.

Each check of the reader (a question word no retrieved article has, no sentence naming the asked person or venue, no
stated quantity, a statement off the topic, ...) no longer refuses on its own: it is a feature, beside how close and how
complete the best sentence is. A logistic model over these features, fitted on labelled real news
(`scripts/fit_decision.py`, weights in ``rag/data/decision.json``), gives the probability that answering is right; the
reader answers when it reaches ``Settings.answer_threshold`` (`rag eval --tradeoff` shows the rates at other values).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rapidfuzz import fuzz, process

from rag.answer.asks import asks_venue, asks_who
from rag.answer.context import Context
from rag.answer.evidence import Evidence
from rag.answer.naming import names_a_person
from rag.core.lexicon import load
from rag.core.settings import ModelTuning
from rag.core.text import DIGIT, WORD
from rag.query.analysis import Question, generic_topic

# the checks' objections, each a feature: the prefix of the reason it gives
VETOES = {
    "veto_word": "no retrieved article has",
    "veto_named": "no retrieved sentence names",
    "veto_person": "no retrieved sentence is a statement",
    "veto_topic": "no retrieved sentence is about",
    "veto_count": "no retrieved sentence states",
    "veto_confidence": "evidence confidence",
}
KINDS = ("who_said", "what_said", "who_is", "where_when", "which_meeting")


@dataclass(frozen=True)
class Model:
    """A fitted logistic model: one weight per feature name, and a bias."""

    weights: dict[str, float]
    bias: float

    def probability(self, features: dict[str, float]) -> float:
        """Return the modelled probability that answering is right."""
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def model() -> Model:
    """Return the fitted model of ``rag/data/decision.json`` (read once)."""
    data = load("decision")
    return Model(dict(data["weights"]), float(data["bias"]))


def candidate(evidence: Sequence[Evidence]) -> Evidence | None:
    """Return the sentence to answer from when the checks objected: the best of the articles with every name of the
    question, else the best of all."""
    pool = [e for e in evidence if e.fits] or list(evidence)
    return max(pool, key=lambda e: (e.score, -e.rank, -e.start), default=None)


def features(
    ctx: Context, q: Question, reasons: Sequence[str], best: Evidence | None, checked: bool, fits: dict[str, str]
) -> dict[str, float]:
    """Return the decision's features: which checks objected, what the best sentence's article lacks and how alike
    its nearest word is, and how close and complete the best sentence is. ``fits`` holds what each retrieved article
    lacks of the question, top passage's first (the reader computed it: not again here)."""
    said = " ".join(reasons)
    out = {name: float(prefix in said) for name, prefix in VETOES.items()}
    out["veto_topic"] = max(out["veto_topic"], float("not about the question's topic" in said or "too far from" in said))
    out["checked"] = float(checked)
    out["structured"] = float(checked and "structured answer passed" in said)
    out["english"] = float(q.lang == "en")
    out.update({f"kind_{k}": float(q.kind == k) for k in KINDS})
    if best is None:
        return out | {"no_evidence": 1.0}
    lacks = fits.get(best.source, "")
    out |= {
        "fits": float(best.fits),
        "lacks_digit": float(bool(DIGIT.search(lacks))),
        "lacks_name": float(bool(lacks[:1].isupper())),
        "lacks_alike": 1.0 if not lacks else _alike(lacks, ctx.support.vocab.get(best.source, frozenset())),
        "dense": scaled_cosine(ctx.settings.tuning, best.dense, q.lang),
        "cover": best.cover,
        "window_cover": best.window_cover,
        "phrase": best.phrase,
        "top": float(best.source == next(iter(fits), "")),
        "said": float(best.said is not None),
        "speaker_match": best.speaker_match,
        "content": best.content,
        "lacks_known": float(bool(lacks) and ctx.support.known(lacks)),
        "names_asked": _share([w for w in q.proper if len(w) > 2], set(WORD.findall(best.text))),
        "topic_share": _share([t for t in q.asked_topic if t not in generic_topic()], best.window_terms),
        "vetoes": sum(out[name] for name in VETOES),
    }
    return out | _answer_types(q, best)


def _answer_types(q: Question, best: Evidence) -> dict[str, float]:
    """Return what kind of answer the question wants and whether the best sentence holds that kind: a person, a venue
    or date, a figure."""
    person, place, figure = asks_who(q), asks_venue(q) or q.kind == "where_when", q.asks_count
    named, placed, counted = names_a_person(best.text), best.placed or best.dated, bool(DIGIT.search(best.text))
    return {
        "asks_person": float(person), "asks_place": float(place), "asks_figure": float(figure),
        "has_person": float(named), "has_place": float(placed), "has_figure": float(counted),
        "person_found": float(person and named), "place_found": float(place and placed), "figure_found": float(figure and counted),
    }


def _share(wanted: Sequence[str], found: set[str] | frozenset[str]) -> float:
    """Return the share of wanted words found (1.0 when nothing is wanted)."""
    return sum(w in found for w in wanted) / len(wanted) if wanted else 1.0


def scaled_cosine(tuning: ModelTuning, dense: float, lang: str) -> float:
    """Return a cosine scaled 0..1 between the model's evidence floor and ceiling (lower for an English question)."""
    shift = tuning.evidence_shift_en if lang == "en" else 0.0
    low, high = tuning.evidence_floor - shift, tuning.evidence_ceiling - shift
    return min(1.0, max(0.0, (dense - low) / max(high - low, 1e-6)))


def _alike(lacks: str, vocab: frozenset[str]) -> float:
    """Return how alike (0..1) the article's nearest word is to each lacking word, the least of them."""
    words = [w for w in re.findall(r"\w+", lacks.lower()) if len(w) > 1] or [lacks.lower()]
    if not vocab:
        return 0.0
    return min((process.extractOne(w, vocab, scorer=fuzz.ratio) or (None, 0.0))[1] for w in words) / 100.0
