"""One-line articles: indexing time of a file written on one line against the same text with line breaks.

``python -m bench.oneline [BYTES]`` prints one JSON object; `rag bench` runs the
same measurement as its ``oneline`` step (row "one-line article"). The text is
the seeds' and dev articles' paragraphs, repeated with every number shifted
per copy, so the paragraphs differ while the people stay the same (a long
article, not a list of unrelated ones). The line-broken copy has one paragraph
per line; the one-line copy joins them with spaces. Both are timed through
chunking and extraction (`rag.index.build._prepare`, everything but the model),
alternating line-broken / one-line / one-line / line-broken; the best of each.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "seeds", ROOT / "tests" / "data" / "articles")
TARGET_RATIO = 2.0


def long_texts(size: int) -> tuple[str, str]:
    """Return ``(one_line, line_broken)``: the same ``size`` characters of news paragraphs, without and with line breaks."""
    paragraphs = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                line = " ".join(line.split())
                if len(line) > 80 and line.endswith((".", '"', "”")):
                    paragraphs.append(line)
    out: list[str] = []
    total, copy = 0, 0
    while total < size:
        for paragraph in paragraphs:
            out.append(re.sub(r"\d+", lambda m, k=copy: str(int(m.group()) + k), paragraph))
            total += len(out[-1]) + 1
            if total >= size:
                break
        copy += 1
    return " ".join(out), "\n".join(out)


def _prepare_seconds(text: str, name: str) -> tuple[float, int]:
    """Return the seconds to chunk and extract one article, and its chunk count."""
    from rag.core.settings import Settings
    from rag.core.types import Article
    from rag.index.build import _prepare, chunker_params

    article = Article(name, text, name)
    started = time.perf_counter()
    prepared = _prepare(article, chunker_params(Settings()))
    return time.perf_counter() - started, len(prepared.chunks)


def measure(size: int = 1_000_000) -> dict[str, Any]:
    """Time one-line against line-broken extraction of ``size`` characters; return the figures."""
    one_line, line_broken = long_texts(size)
    _prepare_seconds(line_broken[:20_000], "warm-up.txt")
    times: dict[str, list[float]] = {"one_line": [], "line_broken": []}
    chunks: dict[str, int] = {}
    for kind in ("line_broken", "one_line", "one_line", "line_broken"):
        seconds, chunks[kind] = _prepare_seconds(one_line if kind == "one_line" else line_broken, f"{kind}-{len(times[kind])}.txt")
        times[kind].append(seconds)
    best = {kind: min(values) for kind, values in times.items()}
    return {
        "chars": len(one_line),
        "one_line_s": round(best["one_line"], 2),
        "line_broken_s": round(best["line_broken"], 2),
        "ratio": round(best["one_line"] / best["line_broken"], 3),
        "chunks": chunks,
        "target_ratio": TARGET_RATIO,
    }


def oneline_step(args: dict[str, Any]) -> dict[str, Any]:
    """Run the measurement as a `bench.steps` step."""
    return measure(int(args.get("bytes", 1_000_000)))


def oneline_rows(steps: dict[str, Any], row: Any) -> None:
    """Add the one-line row to the bench table."""
    r = steps.get("oneline")
    if not isinstance(r, dict) or "ratio" not in r:
        return
    row(f"one-line article, {r['chars'] / 1e6:.1f} MB: extraction s (line-broken / one-line)", f"{r['line_broken_s']:.1f}",
        f"{r['one_line_s']:.1f}", f"{r['ratio']:.2f}x", f"<= {r['target_ratio']:.0f}x", "PASS" if r["ratio"] <= r["target_ratio"] else "FAIL")


if __name__ == "__main__":  # pragma: no cover
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
