"""Real-news evaluation: the product and the plain pipeline on the same questions, per half (fit / report).

The articles are other people's writing and stay out of git (realnews/articles/, see realnews/README.md);
the questions and the source list are committed. Run from a checkout:

    python scripts/realnews_eval.py --questions realnews/questions_A.jsonl realnews/questions_B.jsonl \
        --articles realnews/articles --seeds seeds --out realnews/runs/product
    python scripts/realnews_eval.py ... --out realnews/runs/plain --plain

A question belongs to the fit half or the report half by a hash of its first expected source (unanswerable
ones by their id), so both articles of a pair fall in one half only when their names hash alike. Decision
rules are fitted on the fit half; the report half is read only as figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

log = logging.getLogger("rn_eval")
METRICS = ["hit@1", "speaker", "phrases", "abstain_ok", "false_abstain", "citations_valid"]


def half_of(item: dict) -> str:
    """Return 'fit' or 'report' for a question, by a hash of its first expected source (or its id)."""
    key = (item.get("expected_sources") or [item["id"]])[0]
    return "fit" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 2 == 0 else "report"


def load(paths: list[Path]) -> list[dict]:
    """Read question files."""
    rows = []
    for path in paths:
        found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += [{**item, "_set": path.stem.removeprefix("questions_")} for item in found]
    return rows


def corpus_dir(articles: Path, seeds: Path, out: Path) -> Path:
    """Copy the real articles and the seeds into one folder."""
    corpus = out / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    for folder in (articles, seeds):
        for path in sorted(folder.glob("*.txt")):
            shutil.copy(path, corpus / path.name)
    return corpus


def run_product(items: list[dict], corpus: Path, out: Path) -> list[dict]:
    """Answer every question with `rag ask --json` (one process)."""
    index = out / "index"
    stdin = "\n".join(i["question"].replace("\n", " ") for i in items) + "\n"
    cmd = [sys.executable, "-m", "rag.app.cli", "ask", "--json", "--seeds", str(corpus), "--index", str(index)]
    started = time.perf_counter()
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    log.info("product answered %d questions in %.1f s", len(items), time.perf_counter() - started)
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def run_plain(items: list[dict], corpus: Path, model_dir: Path) -> list[dict]:
    """The plain pipeline: split 500/50, e5 top-1 chunk is the answer, never abstains."""
    import faiss
    import numpy as np
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_dir), device="cpu")
    splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
    texts, sources = [], []
    for path in sorted(corpus.glob("*.txt")):
        for piece in splitter.split_text(path.read_text(encoding="utf-8")):
            texts.append(piece)
            sources.append(path.name)
    vectors = np.asarray(model.encode(texts), dtype=np.float32)
    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    results = []
    for item in items:
        q = np.asarray(model.encode([item["question"]]), dtype=np.float32)
        _, ids = index.search(q, 5)
        top = int(ids[0][0])
        results.append({
            "answer": texts[top], "answerable": True, "speaker": None,
            "citations": [{"source": sources[top], "start_line": 0, "end_line": 0, "quote": ""}],
            "passages": [{"source": sources[int(i)]} for i in ids[0]],
        })
    return results


def score(item: dict, result: dict) -> dict:
    """Score one answer (None where a metric does not apply)."""
    answer = _folded(result.get("answer") or "")
    row = dict.fromkeys(METRICS)
    cites = result.get("citations") or []
    row["citations_valid"] = result.get("_valid")
    if not item.get("answerable", True):
        row["abstain_ok"] = float(not result["answerable"])
        return row
    row["false_abstain"] = float(not result["answerable"])
    expected = set(item.get("expected_sources") or [])
    if expected:
        row["hit@1"] = float(bool(cites) and cites[0]["source"] in expected and result["answerable"])
    if item.get("expected_speaker"):
        row["speaker"] = float(_folded(item["expected_speaker"]) in answer)
    if item.get("expected_phrases"):
        row["phrases"] = float(all(_folded(p) in answer for p in item["expected_phrases"]))
    return row


def _folded(text: str) -> str:
    """Return lower-case text with typographic apostrophes as plain ones (Musa’ad = Musa'ad)."""
    return text.lower().replace("’", "'").replace("‘", "'")


def valid(corpus: Path, result: dict) -> float | None:
    """1.0 when every citation quote is verbatim within its lines."""
    cites = result.get("citations") or []
    if not cites or not cites[0].get("quote"):
        return None
    for c in cites:
        lines = (corpus / c["source"]).read_text(encoding="utf-8-sig").splitlines()
        window = "\n".join(lines[c["start_line"] - 1 : c["end_line"]])
        if c["quote"] not in window and c["quote"] not in window.replace("\n", "\r\n"):
            return 0.0
    return 1.0


def table(items: list[dict], results: list[dict], label: str) -> dict:
    """Aggregate per half, per kind."""
    sums: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for item, result in zip(items, results, strict=True):
        row = score(item, result)
        for group in (half_of(item), "all", f"{half_of(item)}:{item['kind']}", f"{item.get('_set', '')}:{half_of(item)}"):
            for key, value in row.items():
                if value is not None:
                    sums[group][key].append(value)
    out = {}
    for group, metrics in sorted(sums.items()):
        out[group] = {k: round(sum(v) / len(v), 3) for k, v in metrics.items()}
        out[group]["n"] = max(len(v) for v in metrics.values())
    for group in ("fit", "report", "all"):
        if group in out:
            log.info("%s %-8s %s n=%s", label, group, "  ".join(f"{m}={out[group].get(m, '-')}" for m in METRICS), out[group]["n"])
    return out


def main() -> None:
    """Run the evaluation."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", nargs="+", type=Path, required=True)
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--model-dir", type=Path, help="the converted e5 folder (default: under RAG_MODEL_CACHE_DIR)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    items = load(args.questions)
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = corpus_dir(args.articles, args.seeds, args.out)
    model_dir = args.model_dir or Path(os.environ.get("RAG_MODEL_CACHE_DIR", "embeddings/models")) / "multilingual-e5-small"
    results = run_plain(items, corpus, model_dir) if args.plain else run_product(items, corpus, args.out)
    for r in results:
        r["_valid"] = valid(corpus, r)
    label = "plain" if args.plain else "product"
    metrics = table(items, results, label)
    details = [{"item": i, "result": r, "half": half_of(i), "scores": score(i, r)} for i, r in zip(items, results, strict=True)]
    (args.out / f"{label}.details.jsonl").write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in details) + "\n")
    (args.out / f"{label}.metrics.json").write_text(json.dumps(metrics, indent=1))
    for kind in sorted({k for k in metrics if ":" in k}):
        log.info("%-26s %s n=%s", kind, "  ".join(f"{m}={metrics[kind].get(m, '-')}" for m in METRICS), metrics[kind]["n"])


if __name__ == "__main__":
    main()
