"""The package layering: imports run app -> answer -> query / index -> extract -> ingest -> core, with no cycles.

Every module under rag/ is parsed with ``ast`` (nothing is imported), each of its imports of another rag
module is mapped to that module's stage, and the direction is checked. Imports under ``if TYPE_CHECKING:``
count too: a type-only import upward is still a layering fault.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAG = ROOT / "rag"

# Each stage with the stages it may import (itself included). query and index never import each other.
ALLOWED = {
    "core": {"core"},
    "ingest": {"ingest", "core"},
    "extract": {"extract", "ingest", "core"},
    "query": {"query", "extract", "ingest", "core"},
    "index": {"index", "extract", "ingest", "core"},
    "answer": {"answer", "query", "index", "extract", "ingest", "core"},
    "app": {"app", "answer", "query", "index", "extract", "ingest", "core"},
}
LINE_LIMIT = 300
# Moved but not split while they are being edited on other branches; split them once those land.
UNSPLIT = {"rag.app.ui", "rag.app.html", "rag.ingest.corpus", "rag.core.sentences"}


def module_name(path: Path) -> str:
    """Return the dotted module name of a file under the repository root."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    """Return every rag module by dotted name."""
    return {module_name(p): p for p in sorted(RAG.rglob("*.py"))}


def stage(module: str) -> str | None:
    """Return the stage of a rag module (``rag.index.embed.encoders`` -> ``index``), None for the package itself or data."""
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in ALLOWED else None


def imports_of(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """Return the rag modules one module imports (resolving relative imports and ``from pkg import module``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "rag")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "rag":
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in known else base)
    return {m for m in found if m != module}


def graph() -> dict[str, set[str]]:
    """Return the import graph between rag modules."""
    known = modules()
    return {name: {m for m in imports_of(name, path, known) if m in known} for name, path in known.items()}


def test_every_module_is_in_a_stage() -> None:
    loose = [m for m in modules() if stage(m) is None and m not in ("rag",) and not m.startswith("rag.data")]
    assert not loose, loose


def test_imports_follow_the_stage_direction() -> None:
    wrong = [
        f"{src} ({stage(src)}) imports {dst} ({stage(dst)})"
        for src, targets in graph().items()
        for dst in sorted(targets)
        if stage(src) and stage(dst) and stage(dst) not in ALLOWED[stage(src)]
    ]
    assert not wrong, "\n".join(wrong)


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """Return one import cycle as a list of modules, or [] when there is none."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        trail.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def test_there_are_no_import_cycles() -> None:
    cycle = _cycle(graph())
    assert not cycle, " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_only_the_ui_imports_gradio() -> None:
    users = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "gradio" for n in names):
                users.append(name)
    assert sorted(set(users)) == ["rag.app.ui"], users


@pytest.mark.parametrize("name", sorted(set(modules()) - UNSPLIT))
def test_modules_stay_short(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= LINE_LIMIT, f"{name}: {lines} lines"
