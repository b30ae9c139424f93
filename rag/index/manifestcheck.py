"""The shape of ``manifest.json``: every field the code reads, with its type.

`rag.index.stores.read_manifest` calls `problems` so that a manifest with a wrong type
anywhere (``sources`` entries that are not objects, a string dimension, a list
of settings) is damage, rebuilt from the seeds like a damaged index file,
never a traceback in whatever later reads the field.
"""

from __future__ import annotations

from typing import Any, Callable

Check = Callable[[Any], bool]


def _is(*types: type) -> Check:
    return lambda value: isinstance(value, types) and not isinstance(value, bool)  # JSON true is not a count


def _map(check: Check) -> Check:
    return lambda value: isinstance(value, dict) and all(isinstance(k, str) and check(v) for k, v in value.items())


def _record(fields: dict[str, Check]) -> Check:
    return lambda value: isinstance(value, dict) and all(k not in value or ok(value[k]) for k, ok in fields.items())


def _rows(check: Check) -> Check:
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


_TEXT, _INT, _ANY_MAP = _is(str), _is(int), _is(dict)
_NUMBER_OR_TEXT = _is(int, float, str)
_SOURCE = _record({"sha256": _TEXT, "encoding": _TEXT, "chars": _INT, "chunks": _INT, "statements": _INT})
_SEED = _record({"size": _INT, "mtime_ns": _INT, "sha256": _TEXT})
_VECTORS = _record({"type": _TEXT, "params": _map(_NUMBER_OR_TEXT), "metric": _TEXT})
FIELDS: dict[str, Check] = {  # absent fields are allowed (older manifests); present ones must have these types
    "format": _INT,
    "generation": _TEXT,
    "files": _map(_TEXT),
    "model": _TEXT,
    "dim": _INT,
    "prompts": _map(_TEXT),
    "chunker": _ANY_MAP,
    "extraction": _TEXT,
    "vector_index": _VECTORS,
    "statement_index": _VECTORS,
    "lexical": _ANY_MAP,
    "counts": _map(_INT),
    "sources": _map(_SOURCE),
    "skipped": _rows(_record({"source": _TEXT, "reason": _TEXT})),
    "seeds": _map(_SEED),
    "built_at": _TEXT,
}


def problems(manifest: dict[str, Any]) -> list[str]:
    """Return the manifest fields whose value has the wrong type (or shape)."""
    return [key for key, ok in FIELDS.items() if key in manifest and not ok(manifest[key])]
