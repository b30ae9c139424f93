"""Step processes of the benchmark: a frozen copy of the code, their environment, `python -m bench.steps` runs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARK = "BENCH_RESULT "
CODE_PARTS = ("rag", "bench", "seeds", "tests/data")  # what the steps import and read


def snapshot_code(folder: Path) -> Path:
    """Copy the code and data the steps use into ``folder``; return it (the steps' root)."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for part in CODE_PARTS:
        shutil.copytree(ROOT / part, folder / part, ignore=skip)
    return folder


def code_version() -> str:
    """Return the checkout's commit, with '+dirty' when its tracked files differ from it (or '' without git)."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+dirty" if dirty.strip() else "")


def step_env(root: Path = ROOT) -> dict[str, str]:
    """Return the environment of a step process: offline, quiet, the steps' code first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        TOKENIZERS_PARALLELISM="false",
        TQDM_DISABLE="1",
        HF_HUB_DISABLE_PROGRESS_BARS="1",
        TRANSFORMERS_VERBOSITY="error",
    )
    return env


def run_step(name: str, args: dict[str, Any], timeout: float = 3 * 3600, root: Path = ROOT) -> dict[str, Any]:
    """Run ``python -m bench.steps NAME ARGS`` from the code in ``root``; return its result, or {"error": ...}."""
    cmd = [sys.executable, "-m", "bench.steps", name, json.dumps(args)]
    proc = subprocess.Popen(cmd, cwd=root, env=step_env(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tail: deque[str] = deque(maxlen=15)

    def pump() -> None:
        assert proc.stderr is not None
        for line in proc.stderr:
            tail.append(line.rstrip())
            sys.stderr.write(line)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
        return {"error": f"timed out after {timeout:.0f}s"}
    reader.join(timeout=5)
    for line in reversed(stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])
    return {"error": f"exit {proc.returncode}: " + " | ".join(list(tail)[-3:])}
