"""What the benchmark steps share: their Settings, the dev questions, percentiles, timing, article files."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "dev.jsonl"


def _settings(args: dict[str, Any], **extra: Any):  # noqa: ANN202 - rag.core.settings.Settings
    """Return Settings for a step from its arguments."""
    from rag.core.settings import Settings

    return Settings(
        seeds_dir=Path(args["seeds"]),
        index_dir=Path(args["index"]),
        model_cache_dir=Path(args["cache"]),
        quantize=args.get("quantize", "int8"),
        threads=2,
    ).with_overrides(**extra)


def _questions() -> list[dict[str, Any]]:
    """Return the dev questions."""
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pcts(seconds: list[float]) -> dict[str, float]:
    """Return p50 / p95 / mean in milliseconds."""
    ms = np.asarray(seconds) * 1000
    return {
        "p50_ms": round(float(np.percentile(ms, 50)), 2),
        "p95_ms": round(float(np.percentile(ms, 95)), 2),
        "mean_ms": round(float(ms.mean()), 2),
    }


def _files(folder: str) -> list[Path]:
    """Return the article files of a folder, sorted."""
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".md") and not p.name.startswith("."))


def _timed(fn: Callable[[], Any]) -> float:
    """Return the seconds one call takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _no_rebuild(service: Any) -> None:
    """Fail the step if loading the index made `Service` rebuild it (the figure would be wrong)."""
    if service.last_report is not None:
        raise RuntimeError(f"Service rebuilt the index instead of loading it: {service.last_report.reason}")
