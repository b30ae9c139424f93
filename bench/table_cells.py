"""Cell formatting of the benchmark table: numbers, ratios, verdicts, p50/p95 pairs, peak RSS."""

from __future__ import annotations

from typing import Any


def _get(d: dict[str, Any] | None, *path: str) -> Any:
    """Return d[path...] or None."""
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def _fmt(value: Any, digits: int = 2) -> str:
    """Format a number or pass a string through."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def _ratio(ours: float | None, base: float | None) -> str:
    """Return 'x.xx×' (ours / baseline)."""
    if ours is None or base in (None, 0):
        return "-"
    return f"{ours / base:.2f}x"


def _verdict(ok: bool | None) -> str:
    """Return PASS / FAIL / - ."""
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def _rss(*steps: dict[str, Any] | None) -> str:
    """Return 'a / b' peak RSS MiB of steps."""
    return " / ".join(_fmt(_get(s, "peak_rss_mib"), 0) if s else "-" for s in steps)


def _pair(d: dict[str, Any] | None) -> str:
    """Return 'p50 / p95' ms."""
    if not d or "p50_ms" not in d:
        return "-"
    return f"{d['p50_ms']:.1f} / {d['p95_ms']:.1f}"
