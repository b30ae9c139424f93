"""`python -m bench.run [--big]` (or `rag bench`): this project against the plain LangChain pipeline.

Every figure is measured in the same run as the baseline it is compared with,
and each step runs in its own process (see `bench.steps`), so the "peak RSS"
column is that process's ``ru_maxrss``: interpreter, libraries, model and data
included. Index builds alternate baseline / ours / ours / baseline over two
slices of the corpus so that load from other work on the machine hits both
sides alike. Progress is logged to stderr; the table is the only thing printed
on stdout; the same figures go to ``test-artifacts/bench.json``.

The steps run from a copy of the code taken when the bench starts (``CODE_PARTS``
copied into the scratch folder), so editing or merging in the checkout during a
run cannot change the code between steps: the extraction version is a hash of
the sources, and a step that saw other sources than the one that built its index
would rebuild it instead of loading it, and time the wrong thing.
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
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any, Sequence

from .oneline import oneline_rows

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-artifacts" / "bench.json"
DEV_ARTICLES = ROOT / "tests" / "data" / "articles"
SEEDS = ROOT / "seeds"
MARK = "BENCH_RESULT "
CODE_PARTS = ("rag", "bench", "seeds", "tests/data")  # what the steps import and read
GROUPS = ("build", "eval", "cold", "incremental", "latency", "ann", "oneline")
COLD_QUESTION = "Siapa yang berpesan kepada warga NTB agar ikut menyukseskan Pilkada Serentak 2024 sambil menjaga persatuan dan kesatuan?"

log = logging.getLogger("bench")

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

SIZES = {
    # synthetic articles in the build corpus, articles in the incremental base, chunks for latency, ANN vectors
    "default": {"synthetic": 20, "incremental": 200, "latency_chunks": 10_000, "ann": 200_000, "ivf": 0, "cold_repeat": 2, "oneline_bytes": 1_000_000},
    "big": {"synthetic": 200, "incremental": 1_000, "latency_chunks": 10_000, "ann": 1_000_000, "ivf": 1, "cold_repeat": 3, "oneline_bytes": 3_000_000},
}


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line."""
    p = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--big", action="store_true", help="1,000-article incremental base, 200 synthetic articles to build, 1M ANN vectors")
    p.add_argument("--only", default="", help=f"comma list of groups to run ({','.join(GROUPS)}); 'build' is added when needed")
    p.add_argument("--out", type=Path, default=OUT, help=f"JSON output (default {OUT.relative_to(ROOT)})")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    p.add_argument("--synthetic", type=int, help="override the number of synthetic articles in the build corpus")
    p.add_argument("--ann", type=int, help="override the number of ANN vectors")
    p.add_argument("--incremental", type=int, help="override the number of articles in the incremental base")
    p.add_argument("--latency-chunks", type=int, help="override the chunk count of the latency index")
    return p.parse_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table, write the JSON; return 0 unless a step crashed."""
    args = parse(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr)
    sizes = dict(SIZES["big" if args.big else "default"])
    if args.synthetic is not None:
        sizes["synthetic"] = args.synthetic
    for key in ("ann", "incremental", "latency_chunks"):
        if getattr(args, key) is not None:
            sizes[key] = getattr(args, key)
    groups = set(filter(None, args.only.split(","))) or set(GROUPS)
    unknown = groups - set(GROUPS)
    if unknown:
        log.error("unknown groups: %s", ", ".join(sorted(unknown)))
        return 2
    if groups & {"eval", "cold", "latency"}:
        groups.add("build")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="pilkada-bench-"))
    try:
        code = snapshot_code(work / "code")
        results = Bench(work, sizes, groups, code).run()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log.info("kept %s", work)
    results["wall_s"] = round(time.perf_counter() - started, 1)
    results["mode"] = "big" if args.big else "default"
    results["sizes"] = sizes
    results["notes"] = list(NOTES)
    results["code"] = code_version()
    rows = table_rows(results)
    text = render(rows, results, args.out)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows, "results": results}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return 1 if any("error" in v for v in results["steps"].values() if isinstance(v, dict)) else 0


class Bench:
    """Prepares the corpora in a scratch folder and runs the steps in order."""

    def __init__(self, work: Path, sizes: dict[str, int], groups: set[str], code: Path = ROOT) -> None:
        self.work = work
        self.code = code
        self.sizes = sizes
        self.groups = groups
        self.cache = str(model_cache())
        self.steps: dict[str, Any] = {}

    def run(self) -> dict[str, Any]:
        """Run every selected group; return all step results."""
        from .synth import load_pool, make_article, write_articles

        w = self.work
        self.step("convert", {"seeds": str(SEEDS), "index": str(w / "unused"), "cache": self.cache})
        pool = load_pool()
        eval_corpus = w / "corpus-eval"
        copy_eval_corpus(eval_corpus)
        if "build" in self.groups:
            synthetic = w / "corpus-synthetic"
            write_articles(synthetic, self.sizes["synthetic"], pool=pool)
            a = {"seeds": str(eval_corpus), "cache": self.cache}
            b = {"seeds": str(synthetic), "cache": self.cache}
            self.step("base_A", {**a, "index": "-", "evaluate": True, "tile_to": self.sizes["latency_chunks"]}, "build_base")
            self.step("ours_A", {**a, "index": str(w / "index-A")}, "build_ours")
            self.step("ours_B", {**b, "index": str(w / "index-B")}, "build_ours")
            self.step("base_B", {**b, "index": "-"}, "build_base")
        if "eval" in self.groups:
            a = {"seeds": str(eval_corpus), "cache": self.cache}
            self.step("eval_int8", {**a, "index": str(w / "index-A"), "latency": True}, "eval_ours")
            self.step("eval_fp32", {**a, "index": str(w / "index-A-fp32"), "quantize": "none", "build": True}, "eval_ours")
        if "cold" in self.groups:
            a = {"seeds": str(eval_corpus), "index": str(w / "index-A"), "cache": self.cache, "question": COLD_QUESTION}
            self.step("cold_cli", {**a, "repeat": self.sizes["cold_repeat"]})
            self.step("cold_inproc", a)
        if "incremental" in self.groups:
            base = w / "corpus-incremental"
            copy_eval_corpus(base)
            write_articles(base, self.sizes["incremental"] - len(list(base.iterdir())), start=10_000, pool=pool)
            name, text = make_article(pool, 99_999)
            new = w / name
            new.write_text(text, encoding="utf-8")
            self.step("incremental", {"seeds": str(base), "index": str(w / "index-incremental"), "cache": self.cache, "new_file": str(new)})
        if "latency" in self.groups:
            tiled = {"seeds": str(w / "corpus-10k"), "index": str(w / "index-10k"), "cache": self.cache}
            self.step(
                "tile_10k", {**tiled, "sources": [str(w / "index-A"), str(w / "index-B")], "target": self.sizes["latency_chunks"]}, "tile"
            )
            self.step("latency_10k", tiled, "latency")
            self.step("cold_inproc_10k", {**tiled, "question": COLD_QUESTION}, "cold_inproc")
        if "ann" in self.groups:
            ann_work = w / "ann"
            ann_work.mkdir()
            n = self.sizes["ann"]
            self.step("ann_hnsw", {"n": n, "work": str(ann_work)})
            self.step("ann_variants", {"n": n, "work": str(ann_work), "ivf": bool(self.sizes["ivf"])})
        if "oneline" in self.groups:
            self.step("oneline", {"bytes": self.sizes["oneline_bytes"]})
        return {"steps": self.steps}

    def step(self, label: str, args: dict[str, Any], name: str | None = None) -> dict[str, Any]:
        """Run one step in a fresh process; keep its result (or its error) under ``label``."""
        name = name or label
        log.info("step %s (%s)", label, name)
        result = run_step(name, args, root=self.code)
        self.steps[label] = result
        if "error" in result:
            log.error("step %s failed: %s", label, result["error"])
        else:
            log.info("step %s done in %.1fs, peak RSS %.0f MiB", label, result.get("step_wall_s", 0), result.get("peak_rss_mib", 0))
        return result


def model_cache() -> Path:
    """Return where the converted model lives (RAG_MODEL_CACHE_DIR, else the project's default)."""
    env = os.environ.get("RAG_MODEL_CACHE_DIR")
    return Path(env).resolve() if env else ROOT / "embeddings" / "models"


def copy_eval_corpus(folder: Path) -> None:
    """Copy the seeds and the dev articles into one folder (the dev set's corpus)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.glob("*.txt")) + sorted(DEV_ARTICLES.glob("*.txt")):
        shutil.copyfile(path, folder / path.name)


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


# --- the table -----------------------------------------------------------------


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
        "  vectors embedded / that file's chunks + statements",
        "-",
        f"{inc['embedded']} / {inc['expected']}",
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


if __name__ == "__main__":
    sys.exit(main())
