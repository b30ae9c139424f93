"""Tests use only public names of `rag`: no ``from rag... import _x``, no ``module._y`` or ``obj._y``.

Every test file is parsed with ``ast`` (nothing is imported). A private name a test needs is made
public in `rag`, or the test goes through the public function that uses it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
NAMEDTUPLE_API = {"_replace", "_asdict", "_fields", "_field_defaults", "_make"}  # public despite the underscore
PRIVATE_PATH = re.compile(r"^rag(\.\w+)*\._(?!_)\w*")


def is_private(name: str) -> bool:
    """Return True for ``_x`` (not ``__x__`` and not the namedtuple API)."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name not in NAMEDTUPLE_API


def problems(source: str) -> list[str]:
    """Return where a test module's source reaches a private name of rag, as ``line: what``."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "rag":
            parts = node.module.split(".") + [alias.name for alias in node.names]
            found += [f"{node.lineno}: from {node.module} import {p}" for p in parts if is_private(p)]
        elif isinstance(node, ast.Import):
            found += [f"{node.lineno}: import {a.name}" for a in node.names
                      if a.name.split(".")[0] == "rag" and any(is_private(p) for p in a.name.split("."))]
        elif isinstance(node, ast.Attribute) and is_private(node.attr):
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and PRIVATE_PATH.match(node.value):
            found.append(f"{node.lineno}: {node.value!r}")  # monkeypatch.setattr("rag.x._y", ...)
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            args = node.args[1:2]
            if name in {"setattr", "getattr", "delattr", "hasattr"} and args and isinstance(args[0], ast.Constant):
                if isinstance(args[0].value, str) and is_private(args[0].value):
                    found.append(f"{node.lineno}: {name}(..., {args[0].value!r})")
    return found


def every_test_file() -> list[Path]:
    """Return every Python file of tests/ (test modules and their helpers), test data excluded."""
    return sorted(p for p in TESTS.rglob("*.py") if "data" not in p.relative_to(TESTS).parts[:-1])


@pytest.mark.parametrize("path", every_test_file(), ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_reaches_a_private_name_of_rag(path: Path) -> None:
    assert problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from rag.index.embed.embedder import _install",
        "from rag.index.embed._private import thing",
        "import rag.index._private",
        "from rag.app import service\nservice._install",
        "def f(service):\n    service.context()._context",
        "monkeypatch.setattr('rag.index.build._reusable', None)",
        "monkeypatch.setattr(build, '_reusable', None)",
        "getattr(service, '_swap')",
    ],
)
def test_the_checker_finds_private_names(source: str) -> None:
    assert problems(source)


def test_the_checker_lets_public_and_dunder_names_pass() -> None:
    source = (
        "from rag.index.build import build_index\nfrom rag import __version__ as v\nrow._replace(a=1)._asdict()\n"
        "x.__class__.__name__\nmonkeypatch.setattr(build, 'extract_statements', f)\nmonkeypatch.setattr('rag.index.x.f', g)\n"
    )
    assert problems(source) == []
