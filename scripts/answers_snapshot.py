"""Snapshot `rag ask --json` answers on every question set of tests/data, and compare two snapshots byte for byte.

Snapshot mode (the default) builds, for each set, a corpus folder the way ``tests/answer/test_eval_floors.py`` does
(seeds, the dev articles, the held-out sets up to 8 and the set itself), lets one `rag ask --json`
process build its index in a temporary folder and answer every question of the set from stdin (model
loaded once), and writes that process's raw stdout to ``OUT/<set>.jsonl``::

    RAG_MODEL_CACHE_DIR=/work/cache/models python scripts/answers_snapshot.py OUT

Compare mode reports, per set, whether two snapshots are byte-identical and shows the first differing line::

    python scripts/answers_snapshot.py --compare DIR_A DIR_B

The `rag` that runs is the one importable from the current directory and ``PYTHONPATH`` (its path is logged),
so the same script can snapshot an older checkout: ``cd OLD && PYTHONPATH=OLD python NEW/scripts/answers_snapshot.py OUT``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("answers_snapshot")

DATA = Path("tests") / "data"
# The CLI module: the staged layout first, then the flat one (older checkouts).
CLI_MODULES = ("rag.app.cli", "rag.cli")
LAST_SHARED_HOLDOUT = 8
NEWLINE = b"\n"


@dataclass(frozen=True)
class QuestionSet:
    """One snapshot unit: a name, its questions and the article folders its corpus is made of."""

    name: str
    questions: list[str]
    folders: list[Path]


def _number(name: str) -> int:
    """Return a held-out set's number ("holdout" is 1, "holdout12" is 12)."""
    return int(name.removeprefix("holdout") or 1)


def _read_jsonl(path: Path) -> list[dict]:
    """Return the JSON objects of a JSON-lines file, skipping blank lines."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def question_sets(root: Path) -> list[QuestionSet]:
    """Return the dev set, every held-out set and the seeds-only set, with their corpus folders as in tests/answer/test_eval_floors.py."""
    seeds, articles, data = root / "seeds", root / DATA / "articles", root / DATA
    dev = _read_jsonl(data / "dev.jsonl")
    sets = [QuestionSet("dev", [q["question"] for q in dev], [seeds, articles])]
    held = sorted((p.parent.name for p in data.glob("holdout*/questions.jsonl")), key=_number)
    for name in held:
        earlier = [h for h in held if _number(h) <= min(_number(name), LAST_SHARED_HOLDOUT)]
        folders = [seeds, articles, *(data / h / "articles" for h in sorted(set(earlier) | {name}, key=_number))]
        sets.append(QuestionSet(name, [q["question"] for q in _read_jsonl(data / name / "questions.jsonl")], folders))
    seed_names = {p.name for p in seeds.glob("*.txt")}
    on_seeds = [q["question"] for q in dev if q["expected_sources"] and set(q["expected_sources"]) <= seed_names]
    sets.append(QuestionSet("seeds", on_seeds, [seeds]))
    return sets


def cli_module(root: Path) -> str:
    """Return the `rag` CLI module of the checkout at ``root``, checking that it is the one a subprocess imports.

    ``rag`` may be a namespace package that an editable install extends with another checkout's folder, so the
    module is chosen by the files of ``root/rag`` and its imported path is verified, not just found.
    """
    for name in CLI_MODULES:
        if (root / (name.replace(".", "/") + ".py")).exists():
            break
    else:
        raise SystemExit(f"answers_snapshot: none of {CLI_MODULES} under {root}")
    probe = [sys.executable, "-c", f"import {name} as m; print(m.__file__)"]
    found = Path(subprocess.run(probe, capture_output=True, text=True, check=True, cwd=root).stdout.strip()).resolve()
    if not found.is_relative_to(root.resolve()):
        raise SystemExit(f"answers_snapshot: {name} imports from {found}, not from {root} (set PYTHONPATH={root})")
    log.info("rag CLI: %s (%s)", name, found)
    return name


def snapshot_set(qset: QuestionSet, out: Path, module: str, workdir: Path) -> None:
    """Build the set's corpus under ``workdir``, run one `rag ask --json` over its questions, write stdout to ``out``."""
    corpus, index = workdir / "corpus", workdir / "index"
    corpus.mkdir(parents=True)
    for folder in qset.folders:
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, corpus / path.name)
    cmd = [sys.executable, "-m", module, "ask", "--json", "--seeds", str(corpus), "--index", str(index)]
    stdin = "".join(q + "\n" for q in qset.questions)
    started = time.monotonic()
    done = subprocess.run(cmd, input=stdin.encode("utf-8"), capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{qset.name}: rag ask exited {done.returncode}: {done.stderr.decode('utf-8', 'replace')[-2000:]}")
    out.write_bytes(done.stdout)
    lines = done.stdout.count(b"\n")
    log.info("%s: %d questions, %d answers, %.0f s -> %s", qset.name, len(qset.questions), lines, time.monotonic() - started, out)
    if lines != len(qset.questions):
        raise RuntimeError(f"{qset.name}: {len(qset.questions)} questions but {lines} answer lines")


def snapshot(out_dir: Path, only: list[str] | None) -> int:
    """Write one answers file per question set into ``out_dir``; return the exit code."""
    if "RAG_MODEL_CACHE_DIR" not in os.environ:
        log.warning("RAG_MODEL_CACHE_DIR is not set: each set converts the model into its own temporary index")
    module = cli_module(Path.cwd())
    out_dir.mkdir(parents=True, exist_ok=True)
    sets = [s for s in question_sets(Path.cwd()) if not only or s.name in only]
    for qset in sets:
        with tempfile.TemporaryDirectory(prefix=f"answers-{qset.name}-") as tmp:
            snapshot_set(qset, out_dir / f"{qset.name}.jsonl", module, Path(tmp))
    return 0


def first_difference(a: bytes, b: bytes) -> str:
    """Describe the first line where two snapshot files differ."""
    lines_a, lines_b = a.split(b"\n"), b.split(b"\n")
    for number, (left, right) in enumerate(zip(lines_a, lines_b, strict=False), start=1):
        if left != right:
            at = next((i for i, (x, y) in enumerate(zip(left, right, strict=False)) if x != y), min(len(left), len(right)))
            lo = max(0, at - 120)
            return (
                f"line {number}, byte {at}:\n  A: ...{left[lo:at + 200].decode('utf-8', 'replace')}\n"
                f"  B: ...{right[lo:at + 200].decode('utf-8', 'replace')}"
            )
    return f"line counts differ: {len(lines_a)} vs {len(lines_b)}"


def compare(dir_a: Path, dir_b: Path) -> int:
    """Print, per set, whether the two snapshots are byte-identical; return 0 only when all are."""
    names = sorted({p.name for p in dir_a.glob("*.jsonl")} | {p.name for p in dir_b.glob("*.jsonl")})
    if not names:
        print(f"no snapshot files in {dir_a} or {dir_b}")
        return 1
    failures = 0
    for name in names:
        a, b = dir_a / name, dir_b / name
        if not a.exists() or not b.exists():
            print(f"{name}: MISSING in {dir_a if not a.exists() else dir_b}")
            failures += 1
            continue
        left, right = a.read_bytes(), b.read_bytes()
        if left == right:
            print(f"{name}: identical ({left.count(NEWLINE)} answers)")
        else:
            failures += 1
            print(f"{name}: DIFFERENT at {first_difference(left, right)}")
    print(f"{len(names) - failures}/{len(names)} sets byte-identical")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and snapshot or compare."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="folder to write one <set>.jsonl per question set into")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"), help="compare two snapshot folders")
    parser.add_argument("--only", nargs="+", help="snapshot only these sets (dev, holdout, holdout2 ..., seeds)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("give an output folder, or --compare DIR_A DIR_B")
    return snapshot(args.out, args.only)


if __name__ == "__main__":
    sys.exit(main())
