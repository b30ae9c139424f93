"""One benchmark step per process: ``python -m bench.steps NAME JSON-ARGS``.

Each step runs in a fresh interpreter so its peak RSS (``ru_maxrss`` of that
process, which includes the Python runtime and any loaded model) belongs to
that step alone. The step prints its figures as one JSON line prefixed with
``BENCH_RESULT`` on stdout; progress goes to stderr through `logging`.

This module holds the entry point and the table of steps; the steps live in
`bench.steps_baseline`, `bench.steps_ours`, `bench.steps_latency` and
`bench.tiling`, their shared helpers in `bench.step_common`.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path
from typing import Any, Callable

from .steps_baseline import build_base
from .steps_latency import cold_cli, cold_inproc, latency
from .steps_ours import build_ours, convert, eval_ours, incremental
from .tiling import tile

MARK = "BENCH_RESULT "


def ann_hnsw(args: dict[str, Any]) -> dict[str, Any]:
    """Search-only: the pipeline's HNSW at ``n`` vectors."""
    from . import ann

    return ann.hnsw(int(args["n"]), Path(args["work"]))


def ann_variants(args: dict[str, Any]) -> dict[str, Any]:
    """Search-only: SQ8 / float16 storage and IVF at ``n`` vectors."""
    from . import ann

    return ann.variants(int(args["n"]), Path(args["work"]), ivf=bool(args.get("ivf", True)))


def oneline(args: dict[str, Any]) -> dict[str, Any]:
    """Chunking and extraction time of a one-line article against the same text with line breaks."""
    from .oneline import oneline_step

    return oneline_step(args)


STEPS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "convert": convert,
    "build_base": build_base,
    "build_ours": build_ours,
    "eval_ours": eval_ours,
    "latency": latency,
    "cold_cli": cold_cli,
    "cold_inproc": cold_inproc,
    "incremental": incremental,
    "tile": tile,
    "ann_hnsw": ann_hnsw,
    "ann_variants": ann_variants,
    "oneline": oneline,
}


def main(argv: list[str]) -> int:
    """Run one step and print its result line."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    logging.getLogger("bench").setLevel(logging.INFO)
    name, args = argv[0], json.loads(argv[1])
    started = time.perf_counter()
    result = STEPS[name](args)
    result["step_wall_s"] = round(time.perf_counter() - started, 1)
    result["peak_rss_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    sys.stdout.write(MARK + json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
