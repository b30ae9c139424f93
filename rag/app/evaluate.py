"""`rag eval`: source hit@k, speaker accuracy, phrase recall, abstention, citation validity."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from rag.app.service import Service
from rag.core.types import line_window
from rag.ingest.corpus import SeedError, decode_bytes, resolve_seed

METRICS = ["hit@1", "hit@5", "speaker", "phrases", "abstain_ok", "false_abstain", "citations_valid", "latency_ms"]


def load_questions(path: Path) -> list[dict[str, Any]]:
    """Read evaluation questions (JSON lines)."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def citation_valid(seeds_dir: Path, citation: dict[str, Any]) -> bool:
    """Return True if the quote occurs verbatim in its file within its lines."""
    try:
        text, _ = decode_bytes(resolve_seed(seeds_dir, citation["source"]).read_bytes())
    except (SeedError, OSError):
        return False
    window = line_window(text, citation["start_line"], citation["end_line"])
    return bool(citation["quote"]) and citation["quote"] in window


def score_one(seeds_dir: Path, item: dict[str, Any], result: dict[str, Any]) -> dict[str, float | None]:
    """Return this question's metric values (None where a metric does not apply)."""
    answer = result["answer"].lower()
    answerable = bool(item.get("answerable", True))
    expected = set(item.get("expected_sources") or [])
    cites = result["citations"]
    row: dict[str, float | None] = dict.fromkeys(METRICS)
    row["citations_valid"] = float(all(citation_valid(seeds_dir, c) for c in cites)) if cites else None
    if not answerable:
        row["abstain_ok"] = float(not result["answerable"])
        return row
    row["false_abstain"] = float(not result["answerable"])
    if expected:
        row["hit@1"] = float(bool(cites) and cites[0]["source"] in expected)
        row["hit@5"] = float(any(p["source"] in expected for p in result["passages"][:5]))
    if item.get("expected_speaker"):
        row["speaker"] = float(item["expected_speaker"].lower() in answer)
    if item.get("expected_phrases"):
        row["phrases"] = float(all(p.lower() in answer for p in item["expected_phrases"]))
    return row


def aggregate(rows: Iterable[tuple[str, dict[str, float | None]]]) -> dict[str, dict[str, Any]]:
    """Average each metric per kind and overall, ignoring None."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for kind, row in rows:
        for key, value in row.items():
            if value is not None:
                sums[kind][key].append(value)
                sums["overall"][key].append(value)
    out: dict[str, dict[str, Any]] = {}
    for kind, metrics in sums.items():
        out[kind] = {k: round(sum(v) / len(v), 4) for k, v in metrics.items()}
        out[kind]["n"] = max(len(v) for v in metrics.values())
    return out


def evaluate_file(service: Service, path: Path, details: Path | None = None) -> dict[str, dict[str, Any]]:
    """Ask every question in the file and return the metrics."""
    items = load_questions(path)
    service.context()  # build or load the index before timing anything
    rows, records = [], []
    for item in items:
        started = time.perf_counter()
        result = service.ask(item["question"]).to_json()
        row = score_one(service.settings.seeds_dir, item, result)
        row["latency_ms"] = (time.perf_counter() - started) * 1000
        rows.append((item.get("kind", "open"), row))
        kept = ("answer", "answerable", "speaker", "citations", "confidence", "reasons", "decision")
        records.append({"item": item, "result": {k: result.get(k) for k in kept}, "scores": row})
    if details:
        details.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    metrics = aggregate(rows)
    metrics["tradeoff"] = tradeoff(records)  # type: ignore[assignment]
    return metrics


THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def tradeoff(records: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Return, for each answer threshold, the share of answerable questions refused and of unanswerable ones refused.

    The verifier answers when its confidence reaches the threshold, so re-deciding each recorded answer at
    another threshold gives exactly what that threshold would have done.
    """
    answerable = [r["result"]["confidence"] or 0.0 for r in records if r["item"].get("answerable", True)]
    unanswerable = [r["result"]["confidence"] or 0.0 for r in records if not r["item"].get("answerable", True)]
    rows = []
    for t in THRESHOLDS:
        rows.append({
            "threshold": t,
            "false_abstain": round(sum(c < t for c in answerable) / len(answerable), 4) if answerable else 0.0,
            "abstain_ok": round(sum(c < t for c in unanswerable) / len(unanswerable), 4) if unanswerable else 1.0,
        })
    return rows


def format_tradeoff(rows: list[dict[str, float]], current: float) -> str:
    """Return the threshold table: false 'not found' against correct abstention."""
    lines = ["threshold  false_abstain  abstain_ok"]
    for r in rows:
        mark = "  <- current" if abs(r["threshold"] - current) < 1e-9 else ""
        lines.append(f"{r['threshold']:>9.2f}{r['false_abstain']:>15.3f}{r['abstain_ok']:>12.3f}{mark}")
    return "\n".join(lines)


def format_metrics(metrics: dict[str, dict[str, Any]]) -> str:
    """Return the metrics as an aligned text table."""
    header = f"{'kind':<16}{'n':>4}" + "".join(f"{m:>16}" for m in METRICS)
    lines = [header]
    for kind in sorted((k for k in metrics if k != "tradeoff"), key=lambda k: (k == "overall", k)):
        row = metrics[kind]
        cells = "".join(f"{_cell(row.get(m)):>16}" for m in METRICS)
        lines.append(f"{kind:<16}{row['n']:>4}{cells}")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    """Format one table cell."""
    return "-" if value is None else (f"{value:.1f}" if value > 1.5 else f"{value:.3f}")
