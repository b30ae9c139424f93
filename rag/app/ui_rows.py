"""The statements browser and the sources list as data and HTML: filters, tables that become cards on a phone, CSV.

Nothing here imports gradio. Tables are plain escaped HTML (``data-row`` on
each row for clicks); below 760 px the CSS shows each row as a card with its
own labels, so no header is squeezed letter by letter.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from rag.app.html import esc, human_date, lines_label
from rag.app.statement_csv import safe_cell
from rag.app.ui_search import name_matches, search

STATEMENT_HEADERS = ["Pembicara", "Pernyataan", "Rapat", "Sumber"]
SOURCE_HEADERS = ["Artikel", "Rapat", "Pernyataan", "Status"]
SHOWN_ROWS = 300  # the table shows this many; the CSV has them all
CSV_COLUMNS = [  # (row key, CSV header)
    ("speaker", "pembicara"), ("role", "jabatan"), ("rank", "pangkat"), ("quote", "pernyataan"), ("kind", "jenis"),
    ("verb", "kata_kerja"), ("meeting", "rapat"), ("venue", "tempat"), ("city", "kota"), ("province", "provinsi"),
    ("date", "tanggal"), ("title", "judul"), ("outlet", "media"), ("published", "terbit"), ("url", "url"),
    ("source", "berkas"), ("start_line", "baris_awal"), ("end_line", "baris_akhir"),
]
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def role_text(row: Mapping[str, Any]) -> str:
    """Return 'role (rank)' of a statement row."""
    role, rank = str(row.get("role") or ""), str(row.get("rank") or "")
    return f"{role} ({rank})" if role and rank else role or rank


def row_place(row: Mapping[str, Any]) -> str:
    """Return 'venue, city, province' of a statement row."""
    return ", ".join(str(row[k]) for k in ("venue", "city", "province") if row.get(k))


def kind_text(row: Mapping[str, Any]) -> str:
    """Return 'Langsung' or 'Tidak langsung'."""
    return "Langsung" if row.get("kind") == "direct" else "Tidak langsung"


def parse_date(text: str) -> str | None:
    """Return ISO yyyy-mm-dd for '2024-10-17' or '17/10/2024' ('' for empty, None when unreadable)."""
    text = (text or "").strip()
    if not text:
        return ""
    m = _YMD.match(text)
    y, mo, d = (m.group(1), m.group(2), m.group(3)) if m else (None, None, None)
    m2 = _DMY.match(text)
    if m2:
        d, mo, y = m2.group(1), m2.group(2), m2.group(3)
    if y is None or not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"


@dataclass(frozen=True)
class Filters:
    """What the statements table is filtered by ('' means no filter); ``dates`` is 'from|to'."""

    speaker: str = ""
    role: str = ""
    meeting: str = ""
    province: str = ""
    dates: str = ""
    text: str = ""

    def date_range(self) -> tuple[str, str, str]:
        """Return (from, to, problem): ISO dates ('' when open) and a note for the user ('' when fine)."""
        raw = (self.dates or "").split("|") + ["", ""]
        lo, hi = parse_date(raw[0]), parse_date(raw[1])
        bad = [r for r, v in zip(raw[:2], (lo, hi), strict=True) if v is None]
        if bad:
            return "", "", f"Tanggal tidak dikenali: {bad[0]!r}. Pilih tanggal dengan kalender."
        lo, hi = lo or "", hi or ""
        if lo and hi and lo > hi:
            return hi, lo, "«Dari tanggal» sesudah «Sampai tanggal»: rentangnya dibalik."
        return lo, hi, ""


def filter_rows(rows: Iterable[Mapping[str, Any]], f: Filters) -> list[Mapping[str, Any]]:
    """Return the rows that pass every filter; typed names match partly or with typos, text by stems and typos."""
    lo, hi, _ = f.date_range()
    out = []
    for row in rows:
        if f.speaker.strip() and not name_matches(f.speaker, str(row.get("speaker") or "")):
            continue
        if f.role.strip() and not name_matches(f.role, role_text(row)):
            continue
        if f.meeting.strip() and f.meeting.strip().casefold() not in str(row.get("meeting") or "").casefold():
            continue
        if f.province.strip() and f.province.strip().casefold() not in str(row.get("province") or "").casefold():
            continue
        date = parse_date(str(row.get("date") or "")[:10]) or ""
        if (lo or hi) and (not date or (lo and date < lo) or (hi and date > hi)):
            continue
        out.append(row)
    return search(out, f.text or "")


def choices(rows: Iterable[Mapping[str, Any]], key: str) -> list[str]:
    """Return the sorted distinct non-empty values of one column ('role' gives 'role (rank)')."""
    values = {role_text(r) if key == "role" else str(r.get(key) or "") for r in rows}
    return sorted((v for v in values if v), key=str.casefold)


def _small(text: str) -> str:
    """Return escaped text as a secondary line of a cell ('' for empty text)."""
    return f'<div class="sub">{esc(text)}</div>' if text else ""


def source_cell(row: Mapping[str, Any]) -> str:
    """Return the 'where from' cell: headline, outlet · date, then the file (and lines, for a statement)."""
    lines = lines_label(int(row.get("start_line") or 0), int(row.get("end_line") or 0)) if row.get("start_line") else ""
    outlet = " · ".join(p for p in (str(row.get("outlet") or ""), human_date(row.get("published"))) if p)
    title = f'<div class="t">{esc(row.get("title"))}</div>' if row.get("title") else ""
    file = " · ".join(p for p in (f'<code>{esc(row.get("source"))}</code>', lines) if p)
    return f'{title}{_small(outlet)}<div class="sub">{file}</div>'


def _cells(row: Mapping[str, Any]) -> list[str]:
    """Return the escaped HTML cells of one statement row."""
    meeting = f'<div>{esc(row.get("meeting"))}</div>' if row.get("meeting") else ""
    return [
        f"<b>{esc(row.get('speaker') or '—')}</b>{_small(role_text(row))}",
        f'<span class="q">{esc(row.get("quote"))}</span>{_small(kind_text(row))}',
        f"{meeting}{_small(row_place(row))}{_small(human_date(row.get('date')))}",
        source_cell(row),
    ]


def table_html(headers: Sequence[str], rows: Sequence[Sequence[str]], cls: str, empty: str) -> str:
    """Return a clickable table of already-escaped cells; each cell carries its header for the phone card view."""
    if not rows:
        return f'<div class="rows-wrap"><p class="rows-empty">{esc(empty)}</p></div>'
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for i, cells in enumerate(rows):
        tds = "".join(f'<td data-label="{esc(h)}">{c}</td>' for h, c in zip(headers, cells, strict=True))
        body.append(f'<tr data-row="{i}" tabindex="0">{tds}</tr>')
    return f'<div class="rows-wrap"><table class="rows {cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def statements_table(rows: Sequence[Mapping[str, Any]], limit: int = SHOWN_ROWS) -> str:
    """Return the statements table (the first ``limit`` rows)."""
    return table_html(STATEMENT_HEADERS, [_cells(r) for r in rows[:limit]], "statements", "Tidak ada pernyataan yang cocok.")


def status_line(shown: int, total: int, note: str = "", limit: int = SHOWN_ROWS) -> str:
    """Return the line under the filters: how many statements match, and any note."""
    text = f"{shown} pernyataan."
    if shown > limit:
        text += f" Tabel menampilkan {limit} yang pertama; CSV memuat semuanya."
    if total and shown != total:
        text += f" (dari {total})"
    return f'<p class="corpus-line">{esc(text)}{" " + esc(note) if note else ""}</p>'


def sources_table(items: Sequence[Mapping[str, Any]]) -> str:
    """Return the sources list: file, credit line, meeting, statement count and status."""
    rows = []
    for it in items:
        status = f'<span class="st-{"ok" if it.get("indexed") else "no"}">{esc(it.get("status"))}</span>'
        rows.append([source_cell(it), esc(it.get("meeting")), esc(it.get("statements")), status])
    return table_html(SOURCE_HEADERS, rows, "sources-list", "Belum ada artikel. Unggah artikel di bawah.")


def write_csv(rows: Iterable[Mapping[str, Any]], path: Path) -> Path:
    """Write statement rows, credit line included, as UTF-8 CSV (with BOM for spreadsheets) and return the path."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header for _, header in CSV_COLUMNS])
        for row in rows:
            values = {**row, "kind": kind_text(row).lower()}
            writer.writerow([safe_cell(values.get(key, "")) for key, _ in CSV_COLUMNS])
    return path
