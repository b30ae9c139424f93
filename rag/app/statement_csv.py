"""Statement rows as CSV that is safe to open in a spreadsheet: one writer for the web download and `rag statements --csv`."""

from __future__ import annotations

import csv
from typing import IO, Any, Iterable

from rag.app.service import STATEMENT_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one of these is run as a formula


def safe_cell(value: object) -> object:
    """Defuse spreadsheet formulas: prefix text cells starting with = + - @ (or a tab or CR) with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_statements(handle: IO[str], rows: Iterable[dict[str, Any]]) -> None:
    """Write the header and one CSV line per statement row (the STATEMENT_COLUMNS, every text cell defused)."""
    writer = csv.DictWriter(handle, fieldnames=STATEMENT_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k, "")) for k in STATEMENT_COLUMNS})
