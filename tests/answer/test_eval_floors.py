"""`rag eval` on the dev set (seeds + tests/data/articles) must meet the issue's targets."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, subprocess_env

DEV = ROOT / "tests" / "data" / "dev.jsonl"
ARTICLES = ROOT / "tests" / "data" / "articles"

TARGETS = {
    "speaker": 0.95,
    "hit@1": 0.95,
    "phrases": 0.90,
    "abstain_ok": 0.90,
}
MAX_FALSE_ABSTAIN = 0.05


def run_eval(questions: Path, folders: list[Path], workdir: Path, model_cache: Path) -> dict:
    """Run the real `rag eval` CLI over the articles of ``folders`` copied into one corpus; return its metrics."""
    corpus, index = workdir / "corpus", workdir / "index"
    corpus.mkdir()
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, corpus / path.name)
    cmd = [sys.executable, "-m", "rag.app.cli", "eval", str(questions), "--seeds", str(corpus), "--index", str(index), "--json"]
    done = subprocess.run(cmd, capture_output=True, text=True, env=subprocess_env(model_cache), cwd=ROOT, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def dev_metrics(tmp_path_factory: pytest.TempPathFactory, model_cache: Path) -> dict:
    """`rag eval` once over seeds plus the dev articles."""
    return run_eval(DEV, [ROOT / "seeds", ARTICLES], tmp_path_factory.mktemp("dev"), model_cache)


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(TARGETS))
def test_dev_set_meets_target(dev_metrics: dict, metric: str) -> None:
    overall = dev_metrics["overall"]
    assert overall[metric] >= TARGETS[metric], f"{metric} = {overall[metric]} < {TARGETS[metric]}: {overall}"


@pytest.mark.slow
def test_dev_set_false_abstention_is_rare(dev_metrics: dict) -> None:
    assert dev_metrics["overall"]["false_abstain"] <= MAX_FALSE_ABSTAIN, dev_metrics["overall"]


@pytest.mark.slow
def test_dev_set_citations_are_all_verbatim(dev_metrics: dict) -> None:
    assert dev_metrics["overall"]["citations_valid"] == 1.0, dev_metrics["overall"]


@pytest.mark.slow
def test_every_kind_is_measured(dev_metrics: dict) -> None:
    kinds = {json.loads(line)["kind"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert kinds <= set(dev_metrics), sorted(set(dev_metrics))


# Held-out sets: fictional articles and questions written without looking at the code. Their floors sit under
# what each set scored once its first failures were fixed (holdout: hit@1 0.92, speaker 0.85, abstain 1.0;
# holdout2: hit@1 1.0, speaker 1.0, abstain 0.89; holdout3, blind at first use: hit@1 0.94, speaker 0.89,
# abstain 0.78, then 0.94 / 0.96 / 0.89; holdout4, blind: 0.97 / 0.92 / 0.78, then 1.0 / 1.0 / 1.0; holdout5,
# blind: 0.92 / 0.81 / 0.89, then 1.0 / 1.0 / 1.0; holdout6, blind: 0.92 / 0.77 / 1.0, then 0.97 / 0.96 / 1.0;
# holdout7, blind: 0.91 / 0.83 / 0.85, then 1.0 / 1.0 / 0.92; holdout8 (36 questions), blind: 0.93 / 0.90 / 1.0, then
# 0.96 / 0.95 / 1.0); holdout9, blind: 0.84 / 0.68 / 0.63, then 1.0 / 1.0 / 0.75; holdout10, blind: 0.83 / 0.65 /
# 0.80, then 1.0 / 1.0 / 1.0; holdout11, blind: 0.83 / 0.48 / 0.80, then 0.93 / 0.96 / 0.90; holdout12, blind: 0.97 /
# 0.95 / 1.0, then 1.0 / 0.95 / 1.0).
# They catch regressions in how the pipeline generalizes. Sets 9-12 were written at the same time and two of them share
# regencies (with different, invented officials), so each is measured with sets 1-8 but not with its siblings.
HELD_OUT = {
    "holdout": {"hit@1": 0.88, "speaker": 0.80, "phrases": 0.84, "abstain_ok": 0.88, "citations_valid": 1.0},
    "holdout2": {"hit@1": 0.92, "speaker": 0.92, "phrases": 0.80, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout3": {"hit@1": 0.90, "speaker": 0.90, "phrases": 0.80, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout4": {"hit@1": 0.93, "speaker": 0.90, "phrases": 0.84, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout5": {"hit@1": 0.93, "speaker": 0.90, "phrases": 0.86, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout6": {"hit@1": 0.93, "speaker": 0.88, "phrases": 0.86, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout7": {"hit@1": 0.93, "speaker": 0.90, "phrases": 0.86, "abstain_ok": 0.80, "citations_valid": 1.0},
    "holdout8": {"hit@1": 0.90, "speaker": 0.88, "phrases": 0.74, "abstain_ok": 0.77, "citations_valid": 1.0},
    "holdout9": {"hit@1": 0.93, "speaker": 0.90, "phrases": 0.80, "abstain_ok": 0.62, "citations_valid": 1.0},
    "holdout10": {"hit@1": 0.93, "speaker": 0.92, "phrases": 0.80, "abstain_ok": 0.80, "citations_valid": 1.0},
    "holdout11": {"hit@1": 0.86, "speaker": 0.86, "phrases": 0.62, "abstain_ok": 0.80, "citations_valid": 1.0},
    "holdout12": {"hit@1": 0.93, "speaker": 0.90, "phrases": 0.72, "abstain_ok": 0.86, "citations_valid": 1.0},
}


def _number(name: str) -> int:
    """Return a held-out set's number ("holdout" is 1, "holdout12" is 12)."""
    return int(name.removeprefix("holdout") or 1)


def _corpus(name: str) -> list[Path]:
    """Return the folders a held-out set is measured on: seeds, dev articles, sets 1-8 up to it, and itself."""
    earlier = [h for h in HELD_OUT if _number(h) <= min(_number(name), 8)]
    return [ROOT / "seeds", ARTICLES, *(ROOT / "tests" / "data" / h / "articles" for h in sorted(set(earlier) | {name}, key=_number))]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HELD_OUT, key=_number))
def test_held_out_sets_do_not_regress(name: str, tmp_path: Path, model_cache: Path) -> None:
    held = ROOT / "tests" / "data" / name
    overall = run_eval(held / "questions.jsonl", _corpus(name), tmp_path, model_cache)["overall"]
    low = {k: overall[k] for k, floor in HELD_OUT[name].items() if overall[k] < floor}
    assert not low, overall
