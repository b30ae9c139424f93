"""Fit the reader's one decision to answer (a logistic model over the checks' objections and the evidence's strength).

Input: the details of a real-news run (`scripts/realnews_eval.py --out DIR` writes DIR/product.details.jsonl) in which
every answer carries its decision features (`"decision"` of `rag ask --json`). A question's label is 1 when answering
from the decision's candidate is right: the question is answerable and the candidate's article is an expected source.

The figures are leave-one-set-out: each set's probabilities come from a model fitted without it, so the printed
rates are held-out rates; the weights written are fitted on every set.

    python scripts/fit_decision.py --details runs/x/product.details.jsonl [--write rag/data/decision.json]
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

log = logging.getLogger("fit_decision")
EXCLUDED = {"p", "source"}
C = 0.5  # inverse L2 strength: a few dozen features over some two thousand questions
WRONG_COST = 2.0  # an answer to an unanswerable question costs this many missed answers: a wrong attribution is worse
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def load(path: Path) -> list[dict]:
    """Return the detail rows that carry decision features, each with the group it is left out with: a real-news set
    pair, or a `rag eval` details file (one self-written set)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    fallback = path.name.split(".")[0]
    return [{**r, "group": group_of(r, fallback)} for r in rows if r["result"].get("decision")]


def label(row: dict) -> int:
    """Return 1 when answering from the decision's candidate is right."""
    item, decision = row["item"], row["result"]["decision"]
    return int(bool(item.get("answerable", True)) and decision.get("source") in item.get("expected_sources", []))


def matrix(rows: list[dict], names: list[str]) -> np.ndarray:
    """Return the feature matrix in the order of ``names``."""
    return np.array([[float(r["result"]["decision"].get(n, 0.0)) for n in names] for r in rows])


def group_of(row: dict, fallback: str) -> str:
    """Return the set pair a real-news question belongs to (A/B, C/D, ...), else ``fallback``."""
    letter = row["item"].get("_set", "")
    return chr(ord("A") + (ord(letter) - ord("A")) // 2 * 2) if len(letter) == 1 and letter.isalpha() else fallback


def held_out(rows: list[dict], names: list[str]) -> np.ndarray:
    """Return each row's probability from a model fitted on the other sets."""
    x, y = matrix(rows, names), np.array([label(r) for r in rows])
    groups = np.array([r["group"] for r in rows])
    p = np.zeros(len(rows))
    for g in sorted(set(groups)):
        model = LogisticRegression(C=C, max_iter=2000).fit(x[groups != g], y[groups != g])
        p[groups == g] = model.predict_proba(x[groups == g])[:, 1]
    return p


def rates(rows: list[dict], answered: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Return hit@1, false 'not found' and correct abstention of a decision."""
    can = np.array([bool(r["item"].get("answerable", True)) for r in rows])
    return {
        "cost": float((~(answered & (y == 1)))[can].sum() + WRONG_COST * answered[~can].sum()),
        "hit@1": float((answered & (y == 1))[can].mean()),
        "false_nf": float((~answered)[can].mean()),
        "abstain": float((~answered)[~can].mean()) if (~can).any() else 1.0,
    }


def _rounded(found: dict[str, float]) -> dict[str, float]:
    """Return the rates rounded for the log."""
    return {k: round(v, 3) for k, v in found.items()}


def recommend(table: dict[float, dict[str, float]]) -> float:
    """Return the threshold of least held-out cost (of equal costs, the most abstaining one)."""
    least = min(found["cost"] for found in table.values())
    return max(t for t, found in table.items() if found["cost"] == least)


def main() -> None:
    """Fit, report held-out rates per threshold, optionally write the weights."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--details", type=Path, nargs="+", required=True)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--halves", default="fit,report", help="which halves to fit on")
    parser.add_argument("--sets", default="", help="the question sets to fit on (letters; default: all)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = [r for p in args.details for r in load(p) if r.get("half", "fit") in args.halves.split(",")]
    rows = [r for r in rows if not args.sets or r["item"].get("_set", "-") in args.sets or "_set" not in r["item"]]
    names = sorted({k for r in rows for k in r["result"]["decision"] if k not in EXCLUDED})
    y = np.array([label(r) for r in rows])
    checked = np.array([bool(r["result"]["decision"].get("checked")) for r in rows])
    p = held_out(rows, names)
    real = np.array(["_set" in r["item"] for r in rows])
    for label_, part in (("real news", real), ("own sets", ~real)):
        if part.any():
            sub = [r for r, keep in zip(rows, part, strict=True) if keep]
            log.info("%s, %d questions; the checks alone: %s", label_, len(sub), _rounded(rates(sub, checked[part], y[part])))
            for t in THRESHOLDS:
                log.info("  threshold %.2f held out: %s", t, _rounded(rates(sub, (p >= t)[part], y[part])))
    table = {t: rates(rows, p >= t, y) for t in THRESHOLDS}
    log.info("recommended threshold (all %d questions, %d features): %.2f", len(rows), len(names), recommend(table))
    if args.write:
        model = LogisticRegression(C=C, max_iter=2000).fit(matrix(rows, names), y)
        weights = {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)}
        about = f"logistic regression (C={C}) on {int(real.sum())} real-news and {int((~real).sum())} own questions"
        data = {"about": about, "bias": round(float(model.intercept_[0]), 4), "weights": weights}
        args.write.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        log.info("wrote %s", args.write)


if __name__ == "__main__":
    main()
