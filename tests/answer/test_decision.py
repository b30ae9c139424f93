"""The one learned decision: the checks' objections as features, the fitted model, and its weights file."""

from __future__ import annotations

import math

import pytest

from rag.answer.decision import VETOES, Model, features, model
from rag.query.analysis import analyze

NO_EVIDENCE_FEATURES = set(VETOES) | {"checked", "structured", "english", "no_evidence"}


@pytest.mark.parametrize(
    ("reasons", "checked", "on"),
    [
        (["no structured answer", "no retrieved article has 'Kendari'"], False, {"veto_word"}),
        (["no structured answer", "no retrieved sentence names the person, the venue or the thing asked"], False, {"veto_named"}),
        (["no structured answer", "no retrieved sentence is a statement of the person the question names"], False, {"veto_person"}),
        (["no structured answer", "no retrieved sentence states the quantity asked"], False, {"veto_count"}),
        (["the cited statements are not about the question's topic (cosine 0.801)"], False, {"veto_topic"}),
        (["no structured answer", "evidence confidence 0.31 < 0.45"], False, {"veto_confidence"}),
        (["structured answer passed every check"], True, {"checked", "structured"}),
        (["no structured answer", "evidence confidence 0.81 ≥ 0.45"], True, {"checked", "veto_confidence"}),
    ],
)
def test_each_objection_is_a_feature(reasons: list[str], checked: bool, on: set[str]) -> None:
    found = features(None, analyze("Siapa Kapolres Kendari?"), reasons, None, checked, {})  # type: ignore[arg-type]
    assert {k for k, v in found.items() if v and k != "no_evidence" and not k.startswith("kind_")} == on


def test_an_english_question_and_its_kind_are_features() -> None:
    found = features(None, analyze("Who is the police chief of Kendari?"), [], None, False, {})  # type: ignore[arg-type]
    assert found["english"] == 1.0 and found["no_evidence"] == 1.0
    assert sum(v for k, v in found.items() if k.startswith("kind_")) == 1.0


def test_the_probability_is_logistic_and_bounded() -> None:
    m = Model({"checked": 2.0, "veto_word": -3.0}, -0.5)
    assert m.probability({}) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert m.probability({"checked": 1.0}) > m.probability({}) > m.probability({"veto_word": 1.0})
    assert 0.0 < Model({"dense": 1e6}, 0.0).probability({"dense": -1.0}) < 1e-9  # no overflow


def test_the_fitted_weights_name_only_real_features() -> None:
    fitted = model()
    known = set(NO_EVIDENCE_FEATURES) | {f"kind_{k}" for k in ("who_said", "what_said", "who_is", "where_when", "which_meeting")}
    known |= {
        "fits", "lacks_digit", "lacks_name", "lacks_alike", "dense", "cover", "window_cover", "phrase", "top", "said",
        "speaker_match", "content", "lacks_known", "names_asked", "topic_share", "vetoes", "asks_person", "asks_place",
        "asks_figure", "has_person", "has_place", "has_figure", "person_found", "place_found", "figure_found",
    }
    assert set(fitted.weights) <= known
    assert math.isfinite(fitted.bias) and all(math.isfinite(w) for w in fitted.weights.values())
    # the checks' verdict weighs most: a question every check passed is answered, one a name check refused is not
    passed = {"checked": 1.0, "structured": 1.0, "fits": 1.0, "lacks_alike": 1.0, "dense": 1.0, "top": 1.0, "cover": 0.8}
    refused = {"veto_word": 1.0, "lacks_name": 1.0, "lacks_alike": 0.3, "lacks_known": 1.0, "vetoes": 1.0, "dense": 0.5}
    assert fitted.probability(passed) > 0.9 > 0.2 > fitted.probability(refused)


def test_every_objection_feature_matches_a_reason_the_checks_give() -> None:
    from pathlib import Path

    import rag.answer.verdict as verdict

    source = Path(verdict.__file__).read_text(encoding="utf-8")
    assert all(prefix in source for prefix in VETOES.values())  # a reworded reason would silently drop its feature
