"""`python -m bench.run [--big]` (or `rag bench`): this project against the plain LangChain pipeline.

Every figure is measured in the same run as the baseline it is compared with,
and each step runs in its own process (see `bench.steps`), so the "peak RSS"
column is that process's ``ru_maxrss``: interpreter, libraries, model and data
included. Index builds alternate baseline / ours / ours / baseline over two
slices of the corpus so that load from other work on the machine hits both
sides alike. Progress is logged to stderr; the table is the only thing printed
on stdout; the same figures go to ``test-artifacts/bench.json``.

The steps run from a copy of the code taken when the bench starts (``CODE_PARTS``
of `bench.launch` copied into the scratch folder), so editing or merging in the
checkout during a run cannot change the code between steps: the extraction version is a hash of
the sources, and a step that saw other sources than the one that built its index
would rebuild it instead of loading it, and time the wrong thing.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

from .launch import code_version, run_step, snapshot_code
from .report import NOTES, OUT, render, table_rows

ROOT = Path(__file__).resolve().parents[1]
DEV_ARTICLES = ROOT / "tests" / "data" / "articles"
SEEDS = ROOT / "seeds"
GROUPS = ("build", "eval", "cold", "incremental", "latency", "ann", "oneline")
COLD_QUESTION = "Siapa yang berpesan kepada warga NTB agar ikut menyukseskan Pilkada Serentak 2024 sambil menjaga persatuan dan kesatuan?"

log = logging.getLogger("bench")

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


if __name__ == "__main__":
    sys.exit(main())
