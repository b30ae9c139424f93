"""Run `rag eval` on the dev set and every held-out set, each over the corpus tests/answer/test_eval_floors.py gives it.

Usage, from a checkout: ``python scripts/eval_sets.py OUT_DIR [SET ...]``. Writes ``OUT_DIR/<set>.json`` (overall
metrics) and ``OUT_DIR/<set>.details.jsonl`` (every answer), and logs one line per set.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger("eval_sets")
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHOWN = ("hit@1", "speaker", "phrases", "abstain_ok", "false_abstain", "citations_valid", "latency_ms")


def number(name: str) -> int:
    """Return a held-out set's number ("holdout" is 1)."""
    return int(name.removeprefix("holdout") or 1)


def eval_sets() -> dict[str, tuple[Path, list[Path]]]:
    """Return every set's question file and the folders of its corpus (as tests/answer/test_eval_floors.py forms them)."""
    base = [ROOT / "seeds", DATA / "articles"]
    sets = {"dev": (DATA / "dev.jsonl", base)}
    names = sorted((p.name for p in DATA.glob("holdout*")), key=number)
    for name in names:
        earlier = {h for h in names if number(h) <= min(number(name), 8)} | {name}
        sets[name] = (DATA / name / "questions.jsonl", base + [DATA / h / "articles" for h in sorted(earlier, key=number)])
    return sets


def run_one(name: str, questions: Path, folders: list[Path], out: Path) -> dict | None:
    """Evaluate one set in a fresh corpus and index; return its overall metrics."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for folder in folders:
            for path in sorted(folder.glob("*.txt")):
                shutil.copy(path, corpus / path.name)
        cmd = [sys.executable, "-m", "rag.app.cli", "eval", str(questions), "--seeds", str(corpus), "--index", str(Path(tmp) / "index"),
               "--json", "--details", str(out / f"{name}.details.jsonl")]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode:
        log.error("%s failed: %s", name, done.stderr[-1500:])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])["overall"]


def main() -> None:
    """Evaluate the sets named on the command line (all by default)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[2:])
    for name, (questions, folders) in eval_sets().items():
        if only and name not in only:
            continue
        overall = run_one(name, questions, folders, out)
        if overall is not None:
            (out / f"{name}.json").write_text(json.dumps(overall), encoding="utf-8")
            log.info("%s %s", name, {k: overall.get(k) for k in SHOWN})


if __name__ == "__main__":
    main()
