"""Checksums of the converted model: recorded when it is converted, checked every time it is loaded.

``checksums.json`` in the converted folder holds the sha256 of every file the
conversion wrote (and of the int8 graph once it is made). `rag.index.embed.embedder`
checks the files the chosen backend reads before loading them; a file that
does not match, or a folder converted before checksums were recorded, makes
it convert the bundled model again, as a damaged index is rebuilt.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Callable

from rag.index.stores import file_sha256

CHECKSUMS = "checksums.json"
UNRECORDED = "no checksums recorded (converted by an older version)"


def record(folder: Path) -> None:
    """Write the sha256 of every file of a freshly converted folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != CHECKSUMS)
    _write(folder, {p.relative_to(folder).as_posix(): file_sha256(p) for p in files})


def record_file(folder: Path, path: Path) -> None:
    """Add (or replace) the sha256 of one file made after the conversion (the int8 graph)."""
    _write(folder, {**recorded(folder), path.relative_to(folder).as_posix(): file_sha256(path)})


def recorded(folder: Path) -> dict[str, str]:
    """Return the recorded checksums by relative path ({} if there are none or they are unreadable)."""
    try:
        data = json.loads((folder / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return {}
    return files


def problem(folder: Path, skip: Callable[[str], bool] = lambda name: False) -> str:
    """Return why the folder's files cannot be trusted ('' if every recorded file that is not skipped matches)."""
    files = recorded(folder)
    if not files:
        return UNRECORDED
    for name, expected in sorted(files.items()):
        if skip(name):
            continue
        path = folder / name
        if Path(name).is_absolute() or ".." in Path(name).parts:
            return f"checksums.json names a file outside the folder: {name!r}"
        try:
            if file_sha256(path) != expected:
                return f"{name} does not match its checksum"
        except OSError as exc:
            return f"{name} cannot be read ({exc.strerror or exc})"
    return ""


def matches(folder: Path, path: Path) -> bool:
    """Return True if one file matches its recorded checksum."""
    expected = recorded(folder).get(path.relative_to(folder).as_posix())
    try:
        return expected is not None and file_sha256(path) == expected
    except OSError:
        return False


def _write(folder: Path, files: dict[str, str]) -> None:
    """Replace checksums.json atomically."""
    tmp = folder / f".{CHECKSUMS}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        tmp.write_text(json.dumps({"format": 1, "files": files}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, folder / CHECKSUMS)
    finally:
        tmp.unlink(missing_ok=True)
