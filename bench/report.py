"""The benchmark report: the notes, the rows of all steps' results, and the table as aligned text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .oneline import oneline_rows
from .table_rows import _ann_rows, _build_rows, _cold_rows, _incremental_rows, _latency_rows, _quality_rows

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-artifacts" / "bench.json"

NOTES = (
    "baseline vectors: plain model.encode() with no prompt; the e5 folder ends in a Normalize module, so they are unit length"
    " without the tutorial normalizing (we do not normalize again); IndexFlatIP = cosine",
    "ours = build_index(full=True), quantize=int8 on onnxruntime (RAG_QUANTIZE=int8; the default is fp32, also shown), embeds chunks (800/100 cleaned) AND extracted statements; model load"
    " is timed apart (cold start rows), not in build seconds; build slices run base/ours/ours/base",
    "incremental: the N-article base is pre-built with stand-in random vectors (same model id) to stay in budget;"
    " the added file is embedded by the real int8 model",
    "10k chunks: real int8 vectors of the build corpus, copied under new file names with N(0, 0.01^2) noise per copy"
    " (cosine ~0.98); baseline 10k = its real vectors tiled the same way; its time = measured encode + timed search",
    "search-only vectors: random unit vectors with e5's geometry (mean direction |mu|=0.92, residual variance 0.15,"
    " power-law spectrum k^-0.9); queries drawn the same way; recall@10 against exact IndexFlatIP",
)


def table_rows(results: dict[str, Any]) -> list[dict[str, str]]:
    """Turn step results into table rows (every cell a string)."""
    s = results["steps"]
    rows: list[dict[str, str]] = []

    def row(figure: str, base: str = "-", ours: str = "-", ratio: str = "-", target: str = "-", result: str = "-", rss: str = "-") -> None:
        rows.append({"figure": figure, "baseline": base, "ours": ours, "ratio": ratio, "target": target, "result": result, "rss": rss})

    _build_rows(s, row)
    _incremental_rows(s, row)
    _latency_rows(s, row)
    _ann_rows(s, row, results.get("sizes", {}).get("ann"))
    _cold_rows(s, row)
    _quality_rows(s, row)
    oneline_rows(s, row)
    return rows


def render(rows: list[dict[str, str]], results: dict[str, Any], out_path: Path = OUT) -> str:
    """Return the table as aligned text with a short header."""
    cols = [
        ("figure", "figure"),
        ("baseline", "baseline"),
        ("ours", "this project"),
        ("ratio", "ours/base"),
        ("target", "target"),
        ("result", "result"),
        ("rss", "peak RSS MiB b/o"),
    ]
    widths = {k: max(len(title), *(len(r[k]) for r in rows)) if rows else len(title) for k, title in cols}
    line = "  ".join(title.ljust(widths[k]) for k, title in cols)
    out = [
        f"Pilkada RAG benchmark ({results['mode']}, {results['wall_s']:.0f}s). Baseline: LangChain splitter 500/50,"
        " e5 fp32 plain encode, IndexFlatIP, top-1 chunk as the answer.",
        line,
        "-" * len(line),
    ]
    for r in rows:
        out.append("  ".join(r[k].ljust(widths[k]) for k, _ in cols).rstrip())
    out += [f"note: {n}" for n in NOTES]
    for label, step in results["steps"].items():
        if isinstance(step, dict) and "error" in step:
            out.append(f"ERROR in step {label}: {step['error'][:300]}")
    shown = out_path.relative_to(ROOT) if out_path.resolve().is_relative_to(ROOT) else out_path
    out.append(f"JSON: {shown}  (peak RSS = ru_maxrss of the step's own process; ours/base < 1 is better for times)")
    return "\n".join(out)
