"""What each `rag` subcommand does (the parser lives in `cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tqdm import tqdm

from rag.app.service import IndexUnavailable, IndexUnwritable, Service
from rag.app.statement_csv import write_statements
from rag.core.settings import Settings
from rag.core.types import IndexReport
from rag.index.build import BuildBusy, NothingToIndex, Progress


def dump(obj: object) -> str:
    """Return compact JSON (UTF-8 characters kept)."""
    return json.dumps(obj, ensure_ascii=False)


@contextmanager
def tqdm_progress(enabled: bool = True) -> Iterator[Progress]:
    """Yield an on_progress callback that draws tqdm bars on stderr."""
    bars: dict[str, tqdm] = {}

    def update(done: int, total: int, desc: str) -> None:
        if not enabled:
            return
        bar = bars.get(desc)
        if bar is None:
            bar = bars[desc] = tqdm(total=total, desc=desc, file=sys.stderr, leave=False)
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        for bar in bars.values():
            bar.close()


def format_report(report: IndexReport) -> str:
    """Return the human summary of an index build."""
    lines = [
        f"added: {len(report.added)}  changed: {len(report.changed)}  removed: {len(report.removed)}  "
        f"unchanged: {len(report.unchanged)}  skipped: {len(report.skipped)}",
        f"chunks: {report.chunks}  statements: {report.statements}  embedded: {report.embedded}  reused: {report.reused}  "
        f"seconds: {report.seconds:.2f}",
    ]
    if report.full and report.reason:
        lines.append(f"full rebuild: {report.reason}")
    lines += [f"skipped {s.source}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    """Build or update the index and print the report."""
    service = Service(settings)
    try:
        with tqdm_progress(sys.stderr.isatty()) as progress:
            report = service.rebuild(full=args.full, on_progress=progress)
    except BuildBusy as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 3
    except NothingToIndex as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 1
    except IndexUnwritable as exc:
        print(f"rag: {exc} (the previous index is kept)", file=sys.stderr)
        return 4
    print(dump(report.to_json()) if args.json else format_report(report))
    return 0


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer one question, or one per stdin line with the model loaded once."""
    service = Service(settings)
    try:
        history = _read_history(args.history) if getattr(args, "history", None) else None
    except ValueError as exc:
        print(f"rag: --history: {exc}", file=sys.stderr)
        return 2
    try:
        service.context()
    except NothingToIndex as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 4 if isinstance(exc, IndexUnavailable) else 1
    if service.notice:
        print(f"rag: {service.notice}", file=sys.stderr)  # once: the update could not be saved, and why
    for stream, options in ((sys.stdin, {"errors": "surrogateescape"}),  # undecodable bytes reach Service.ask, which refuses them
                            (sys.stdout, {"encoding": "utf-8", "errors": "replace"} if args.json else {"errors": "replace"})):
        if hasattr(stream, "reconfigure"):  # not on every stand-in stream
            stream.reconfigure(**options)
    questions = [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    for question in questions:
        if args.question is None and not question.strip():
            continue
        answer = service.ask(question, history)
        if args.json:
            print(dump(answer.to_json()), flush=True)
        else:
            print(answer.answer)
            for c in answer.citations:
                print(f"  [{c.id}] {c.source}:{c.start_line}-{c.end_line}")
            print(flush=True)
    return 0


def _read_history(path: Path) -> list[object]:
    """Return the turns of a --history file: a JSON list (questions, [question, answer] pairs or answer objects)."""
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, list):
        raise ValueError(f"{path} must hold a JSON list of earlier turns")
    return data


def cmd_statements(settings: Settings, args: argparse.Namespace) -> int:
    """Print every statement as a table, JSON lines or CSV."""
    rows = Service(settings).statement_rows()
    if args.json:
        for row in rows:
            print(dump(row))
    elif args.csv:
        write_statements(sys.stdout, rows)  # formulas defused, as in the web download
    else:
        for row in rows:
            who = " ".join(str(p) for p in (row["role"], row["speaker"]) if p)
            print(f"{row['source']}:{row['start_line']}-{row['end_line']}  {who}: {row['quote']}")
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Run the evaluation and print its table."""
    from rag.app.evaluate import evaluate_file, format_metrics, format_tradeoff

    metrics = evaluate_file(Service(settings), args.file, details=args.details)
    if args.json:
        print(dump(metrics))
    else:
        print(format_metrics(metrics))
        print("\nAnswer threshold (RAG_ANSWER_THRESHOLD) against false 'not found' and correct abstention:")
        print(format_tradeoff(metrics["tradeoff"], settings.answer_threshold))
    return 0


def checkout_root() -> Path | None:
    """Return the source checkout this `rag` runs from (it has bench/ and tests/data/), or None when installed."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "bench" / "run.py").is_file() and (root / "tests" / "data").is_dir() else None


def cmd_bench(settings: Settings, args: argparse.Namespace) -> int:
    """Run the benchmark script of the source checkout (bench/ is not part of the installed package)."""
    root = checkout_root()
    if root is None:
        print("rag: `rag bench` runs only from a source checkout (it needs bench/ and tests/data/)", file=sys.stderr)
        return 2
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from bench.run import main as bench_main

    return bench_main(["--big"] if args.big else [])


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Start the web app."""
    from rag.app.ui import serve

    return serve(settings)
