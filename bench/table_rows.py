"""The benchmark table's rows, one function per group of steps (build, incremental, latency, ANN, cold, quality)."""

from __future__ import annotations

from typing import Any

from .table_cells import _fmt, _get, _pair, _ratio, _rss, _verdict


def _build_rows(s: dict[str, Any], row: Any) -> None:
    """Index build throughput, baseline vs `build_index` (int8)."""
    parts = [s.get(k) for k in ("base_A", "ours_A", "ours_B", "base_B")]
    if not all(p and "error" not in p for p in parts):
        return
    base_a, ours_a, ours_b, base_b = parts
    b_chunks, b_s = base_a["chunks"] + base_b["chunks"], base_a["seconds"] + base_b["seconds"]
    o_chunks, o_s = ours_a["chunks"] + ours_b["chunks"], ours_a["seconds"] + ours_b["seconds"]
    b_rate, o_rate = b_chunks / b_s, o_chunks / o_s
    arts = ours_a["articles"] + ours_b["articles"]
    rss = f"{max(base_a['peak_rss_mib'], base_b['peak_rss_mib']):,.0f} / {max(ours_a['peak_rss_mib'], ours_b['peak_rss_mib']):,.0f}"
    row(
        f"index build, chunks/s ({arts} articles, int8)",
        _fmt(b_rate),
        _fmt(o_rate),
        _ratio(o_rate, b_rate),
        ">= 2.00x",
        _verdict(o_rate >= 2 * b_rate),
        rss,
    )
    _same_chunks_row([ours_a, ours_b], b_rate, row)
    slices = " / ".join(_ratio(o["chunks"] / o["seconds"], b["chunks"] / b["seconds"]) for o, b in ((ours_a, base_a), (ours_b, base_b)))
    row("  chunks/s per slice (A: dev corpus, B: synthetic)", "-", "-", slices)
    fp32 = _get(s.get("eval_fp32"), "build")
    if fp32:
        a_rate, f_rate = base_a["chunks"] / base_a["seconds"], fp32["chunks"] / fp32["seconds"]
        row("  slice A with fp32 (the default, exact vectors)", _fmt(a_rate), _fmt(f_rate), _ratio(f_rate, a_rate))
    row("  chunks in the index", _fmt(b_chunks), _fmt(o_chunks), _ratio(o_chunks, b_chunks))
    row("  build seconds (model load excluded)", _fmt(b_s, 1), _fmt(o_s, 1), _ratio(o_s, b_s))
    b_chars, o_chars = base_a["chars"] + base_b["chars"], ours_a["chars"] + ours_b["chars"]
    o_all = o_chars + ours_a["statement_chars"] + ours_b["statement_chars"]
    row("  chunk chars indexed / s", _fmt(b_chars / b_s, 0), _fmt(o_chars / o_s, 0), _ratio(o_chars / o_s, b_chars / b_s))
    statements = ours_a["statements"] + ours_b["statements"]
    row(
        f"  chars embedded / s (ours: + {statements:,} statements)",
        _fmt(b_chars / b_s, 0),
        _fmt(o_all / o_s, 0),
        _ratio(o_all / o_s, b_chars / b_s),
    )


def _same_chunks_row(ours: list[dict[str, Any]], b_rate: float, row: Any) -> None:
    """Our embedder on the baseline's own chunk texts: the engine compared on identical work."""
    same = [o.get("same_chunks") for o in ours]
    if not all(same):
        return
    rate = sum(x["chunks"] for x in same) / sum(x["seconds"] for x in same)
    row(
        "  embedding the baseline's own 500/50 chunks, chunks/s",
        _fmt(b_rate),
        _fmt(rate),
        _ratio(rate, b_rate),
        ">= 2.00x",
        _verdict(rate >= 2 * b_rate),
    )


def _incremental_rows(s: dict[str, Any], row: Any) -> None:
    """Incremental add of one file."""
    inc = s.get("incremental")
    if not inc or "error" in inc:
        return
    row(f"incremental add of 1 file to {inc['base_articles']} articles, s", "-", _fmt(inc["seconds"]), rss=_rss(None, inc))
    row(
        "  vectors embedded / that file's texts not yet indexed",
        "-",
        f"{inc['embedded']} / {inc['expected']} of {inc.get('new_texts', '?')}",
        target="equal, added only",
        result=_verdict(inc["ok"]),
    )


def _latency_rows(s: dict[str, Any], row: Any) -> None:
    """Warm latency at the dev corpus size and at ~10k chunks."""
    base, ours = s.get("base_A"), s.get("eval_int8")
    if base and ours and "warm" in ours:
        w = ours["warm"]
        row(
            f"warm ask p50/p95 ms, dev corpus ({w['chunks']} chunks; base {base['warm']['chunks']})",
            _pair(base.get("warm")),
            _pair(w["ask"]),
            _ratio(w["ask"]["p95_ms"], base["warm"]["p95_ms"]),
            rss=_rss(base, ours),
        )
        row("  retrieval+answer only (no query embedding)", "-", _pair(w["answer_only"]))
    lat = s.get("latency_10k")
    if lat and "error" not in lat:
        b = _get(base, "warm_10k")
        tile = s.get("tile_10k", {})
        row(
            f"warm ask p50/p95 ms @ {lat['chunks']:,} chunks ({tile.get('statements', 0):,} statements)",
            _pair(b),
            _pair(lat["ask"]),
            _ratio(lat["ask"]["p95_ms"], _get(b, "p95_ms")),
            "p95 <= 50 ms",
            _verdict(lat["ask"]["p95_ms"] <= 50),
            _rss(None, lat),
        )
        row(
            "  retrieval+answer only (no query embedding)",
            "-",
            _pair(lat["answer_only"]),
            target="p95 <= 50 ms",
            result=_verdict(lat["answer_only"]["p95_ms"] <= 50),
        )
        row("  query embedding alone (int8)", "-", _pair(lat["query_embed"]))


def _ann_rows(s: dict[str, Any], row: Any, n: int | None) -> None:
    """Search-only figures of the scaled index."""
    h = s.get("ann_hnsw")
    if not h or "error" in h:
        return
    mib = 1024 * 1024
    row(
        f"search only @ {h['n']:,} vectors: exact flat p50/p95 ms",
        _pair({"p50_ms": h["flat_p50_ms"], "p95_ms": h["flat_p95_ms"]}),
        "-",
        target=f"{h['flat_bytes'] / mib:,.0f} MiB",
    )
    target_ok = h["p95_ms"] <= 20 and h["recall@10"] >= 0.95
    at_1m = h["n"] >= 1_000_000
    row(
        f"  HNSW M=32 efC=80, efSearch={h['efSearch']}: p50/p95 ms",
        "-",
        _pair(h),
        _ratio(h["p95_ms"], h["flat_p95_ms"]),
        "p95 <= 20 ms @1M" if at_1m else "p95 <= 20 ms (1M in --big)",
        _verdict(target_ok) if at_1m else f"({_verdict(target_ok)})",
        _rss(None, h),
    )
    row(
        "  HNSW recall@10 / build s / MiB",
        "-",
        f"{h['recall@10']:.3f} / {h['build_s']:,.0f} / {h['bytes'] / mib:,.0f}",
        target="recall >= 0.95",
        result=_verdict(h["recall@10"] >= 0.95),
    )
    v = s.get("ann_variants")
    if v and "error" not in v:
        for key, label in (
            ("hnsw_sq8", "HNSW + SQ8 storage"),
            ("hnsw_fp16", "HNSW + float16 storage"),
            ("ivf_flat", "IVF-Flat"),
            ("ivf_sq8", "IVF-SQ8"),
        ):
            x = v.get(key)
            if not isinstance(x, dict):
                continue
            knob = "efSearch" if "efSearch" in x else "nprobe"
            row(
                f"  {label} {knob}={x[knob]}: p50/p95 ms",
                "-",
                _pair(x),
                _ratio(x["p95_ms"], h["flat_p95_ms"]),
                rss=_rss(None, v) if key == "hnsw_sq8" else "-",
            )
            row(
                "    recall@10 / build s / MiB",
                "-",
                f"{x['recall@10']:.3f} / {x['build_s']:,.0f} / {x['bytes'] / mib:,.0f}",
                target=x["note"],
            )


def _cold_rows(s: dict[str, Any], row: Any) -> None:
    """Cold start to the first answer."""
    cli = s.get("cold_cli")
    if cli and "error" not in cli:
        row(
            "cold start `rag ask` (new process), median s",
            "-",
            _fmt(cli["median_s"]),
            target="<= 10 s",
            result=_verdict(cli["median_s"] <= 10),
            rss=f"- / {cli['child_peak_rss_mib']:,.0f}",
        )
    for key, where in (("cold_inproc", "dev corpus"), ("cold_inproc_10k", "10k chunks")):
        inproc = s.get(key)
        if inproc and "error" not in inproc:
            parts = f"{inproc['model_load_s']:.1f}+{inproc['load_snapshot_s']:.1f}+{inproc['first_ask_s']:.2f}"
            row(f"  in-process @ {where}: model + index + first ask, s", "-", f"{inproc['total_s']:.1f} ({parts})", rss=_rss(None, inproc))


def _quality_rows(s: dict[str, Any], row: Any) -> None:
    """Dev-set hit@1 and speaker accuracy: baseline, fp32, int8."""
    base = _get(s.get("base_A"), "eval")
    int8 = _get(s.get("eval_int8"), "metrics", "overall")
    fp32 = _get(s.get("eval_fp32"), "metrics", "overall")
    if not (base and int8):
        return
    for key, label in (("hit@1", "dev hit@1"), ("speaker", "dev speaker accuracy")):
        b, i, f = base.get(key), int8.get(key), (fp32 or {}).get(key)
        ours = f"int8 {_fmt(i, 3)} | fp32 {_fmt(f, 3)}"
        checks = []
        if key == "hit@1" and i is not None and b is not None:
            checks.append(i > b)
        if i is not None and f is not None:
            checks.append(i >= f - 0.01)
            ours += f" (int8-fp32 {100 * (i - f):+.1f} pt)"
        target = ("int8 > baseline; " if key == "hit@1" else "") + "int8 >= fp32 - 1 pt"
        row(
            label,
            _fmt(b, 3),
            ours,
            _ratio(i, b),
            target,
            _verdict(all(checks)) if checks else "-",
            _rss(s.get("base_A"), s.get("eval_int8")),
        )
