"""The `rag` command: index, ask, statements, eval, bench, serve."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Sequence

from rag.core.settings import Settings

log = logging.getLogger("rag")


def _common(parser: argparse.ArgumentParser) -> None:
    """Add the flags every subcommand shares."""
    parser.add_argument("--seeds", type=Path, help="seed articles folder (env RAG_SEEDS_DIR)")
    parser.add_argument("--index", type=Path, help="index folder (env RAG_INDEX_DIR)")
    parser.add_argument("--model", help="sentence-transformers model id or path (env RAG_MODEL)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the `rag` command."""
    parser = argparse.ArgumentParser(prog="rag", description="Who said what at which Pilkada/Pemilu meeting.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("index", help="build or update the index")
    _common(p)
    p.add_argument("--full", action="store_true", help="rebuild from scratch")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p = sub.add_parser("ask", help="answer a question (or one per stdin line)")
    _common(p)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--history", type=Path, help="JSON file: earlier turns (questions or [question, answer] pairs), for follow-ups")
    p.add_argument("question", nargs="?", help="the question; omit to read stdin")
    p = sub.add_parser("statements", help="list every extracted statement")
    _common(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSON lines")
    fmt.add_argument("--csv", action="store_true", help="CSV")
    p = sub.add_parser("eval", help="evaluate on a question file")
    _common(p)
    p.add_argument("file", type=Path, help="questions, JSON lines")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument("--details", type=Path, help="write per-question results here")
    p = sub.add_parser("bench", help="benchmark against the plain pipeline")
    _common(p)
    p.add_argument("--big", action="store_true", help="also the 1,000-article and 1M-vector sizes")
    p = sub.add_parser("serve", help="start the web app")
    _common(p)
    p.add_argument("--host", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default 7860)")
    p.add_argument("--insecure", action="store_true", help="allow a public address without login")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Merge environment settings with command-line flags (flags win)."""
    return Settings.from_env().with_overrides(
        seeds_dir=args.seeds,
        index_dir=args.index,
        model=args.model,
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        insecure=getattr(args, "insecure", None) or None,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `rag` command; return its exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = settings_from(args)
    except ValueError as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 2
    from rag.app import commands

    handler = getattr(commands, f"cmd_{args.command}")
    try:
        return int(handler(settings, args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except (commands.NothingToIndex, commands.IndexUnwritable) as exc:  # statements, eval: no index, or none can be saved
        print(f"rag: {exc}", file=sys.stderr)
        return 4 if isinstance(exc, (commands.IndexUnavailable, commands.IndexUnwritable)) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
