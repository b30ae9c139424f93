"""Pure presentation helpers for the web app: HTML fragments, CSS/JS snippets, table rows, filters, CSV.

Nothing here imports gradio. Every piece of article or user text goes through
`esc` (``html.escape``) before it is put into HTML, so ``<script>``, ``<img
onerror>`` or markdown in a seed file is shown as literal, inert text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from rag.app.statement_csv import write_statements
from rag.core.types import Answer, Citation, Meeting, Speaker, line_spans

ALL = "(semua)"
STATEMENT_HEADERS = [
    "Pembicara", "Jabatan", "Pernyataan", "Langsung/Tidak langsung", "Rapat", "Tempat", "Provinsi", "Tanggal", "Berkas", "Baris",
]
SOURCE_HEADERS = ["Berkas", "Rapat", "Pernyataan", "Terindeks", "Alasan dilewati"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

OPEN_JS = (
    "element.addEventListener('click', (e) => { const b = e.target.closest('[data-cite]');"
    " if (b) trigger('click', {cite: b.dataset.cite}); });"
)
SCROLL_JS = (
    "watch('value', () => { const m = element.querySelector('#hl');"
    " if (m) m.scrollIntoView({block: 'center'}); });"
)
LIGHT_JS = "() => { document.documentElement.classList.remove('dark'); document.body.classList.remove('dark'); }"
CSS = """
html, body { background: #fff; color-scheme: light; }
#chat-row { gap: 16px; }
@media (max-width: 760px) { #chat-row { flex-direction: column !important; } #chat-row > div { width: 100% !important; } }
.corpus-line { color: #555; margin: 0 0 8px 0; }
.sources h3 { margin: 4px 0 8px 0; }
.cite-card, .near-card { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin-bottom: 10px; background: #fff; }
.cite-head { font-weight: 600; }
.cite-meet, .cite-file { font-size: 0.9em; color: #444; }
.cite-passage { margin: 6px 0; padding-left: 8px; border-left: 3px solid #c9a227; white-space: pre-wrap; }
.cite-open { margin-top: 4px; padding: 2px 10px; border: 1px solid #888; border-radius: 6px; background: #f4f4f4; cursor: pointer;
  font-size: 0.9em; font-weight: normal; }
.cite-open:hover { background: #ffe9a8; }
mark { background: #ffe066; color: #000; padding: 0 1px; }
.article { font-family: ui-monospace, monospace; font-size: 0.9em; }
.article .ln { display: flex; gap: 10px; } .article .ln.hit { background: #fff8d6; }
.article .no { color: #999; min-width: 2.5em; text-align: right; user-select: none; }
.article .tx { white-space: pre-wrap; word-break: break-word; }
#chat .message-markdown-disabled .message-content { white-space: pre-wrap; }
"""


def esc(text: object) -> str:
    """Return ``text`` HTML-escaped (quotes included); None becomes ''."""
    return html.escape("" if text is None else str(text), quote=True)


def marked(text: str, start: int, end: int, mark_start: int, mark_end: int, mark_id: str = "") -> str:
    """Return escaped ``text[start:end]`` with ``[mark_start, mark_end)`` wrapped in <mark>."""
    start, end = max(0, start), min(len(text), end)
    lo, hi = max(start, mark_start), min(end, mark_end)
    if lo >= hi:
        return esc(text[start:end])
    ident = f' id="{esc(mark_id)}"' if mark_id else ""
    return f"{esc(text[start:lo])}<mark{ident}>{esc(text[lo:hi])}</mark>{esc(text[hi:end])}"


def lines_label(start_line: int, end_line: int) -> str:
    """Return 'baris 5' or 'baris 5–7'."""
    return f"baris {start_line}" if start_line == end_line else f"baris {start_line}–{end_line}"


def speaker_text(speaker: Speaker | None) -> str:
    """Return 'Name — rank role' (plain text) for a citation header."""
    if speaker is None:
        return ""
    role = " ".join(p for p in (speaker.rank, speaker.role) if p)
    name = speaker.name or speaker.mention
    return " — ".join(p for p in (name, role) if p)


def meeting_text(meeting: Meeting | None) -> str:
    """Return 'Name · venue, city, province · date' (plain text) for a meeting."""
    if meeting is None:
        return ""
    place = ", ".join(p for p in (meeting.venue, meeting.city, meeting.province) if p)
    when = meeting.date_text or ""
    if meeting.date and meeting.date not in when:
        when = f"{when} ({meeting.date})" if when else meeting.date
    return " · ".join(p for p in (meeting.name or meeting.event, place, when) if p)


def citation_card(c: Citation, text: str | None = None) -> str:
    """Return the sources-panel card of one citation with its quote highlighted."""
    passage = c.passage
    if passage is not None and text is None:
        body = marked(passage.text, 0, len(passage.text), c.start - passage.start, c.end - passage.start)
    elif text is not None:
        lo, hi = (passage.start, passage.end) if passage else (c.start, c.end)
        body = marked(text, lo, hi, c.start, c.end)
    else:
        body = f"<mark>{esc(c.quote)}</mark>"
    parts = [
        f'<div class="cite-card" data-n="{c.id}">',
        f'<div class="cite-head"><b>[{c.id}]</b> {esc(speaker_text(c.speaker))}</div>',
        f'<div class="cite-meet">{esc(meeting_text(c.meeting))}</div>' if c.meeting else "",
        f'<div class="cite-file"><code>{esc(c.source)}</code> · {lines_label(c.start_line, c.end_line)}</div>',
        f'<blockquote class="cite-passage">{body}</blockquote>',
        f'<button class="cite-open" type="button" data-cite="{c.id}">Buka artikel [{c.id}]</button>',
        "</div>",
    ]
    return "".join(parts)


def sources_panel(answer: Answer, limit: int = 3) -> str:
    """Return the sources panel for an answer: citations, or the nearest passages."""
    if answer.citations:
        cards = "".join(citation_card(c) for c in answer.citations)
        return f'<div class="sources"><h3>Sumber</h3>{cards}</div>'
    if not answer.passages:
        return empty_panel("Tidak ada sumber untuk pertanyaan ini.")
    blocks = []
    for hit in answer.passages[:limit]:
        ch = hit.chunk
        blocks.append(
            f'<div class="near-card"><div class="cite-file"><code>{esc(ch.source)}</code> · '
            f'{lines_label(ch.start_line, ch.end_line)}</div><blockquote class="cite-passage">{esc(ch.text)}</blockquote></div>'
        )
    return f'<div class="sources"><h3>Bagian terdekat</h3>{"".join(blocks)}</div>'


def empty_panel(note: str) -> str:
    """Return a placeholder panel with a short note."""
    return f'<div class="sources empty"><p>{esc(note)}</p></div>'


def chat_text(answer: Answer) -> str:
    """Return the plain answer text plus one 'file, lines' line per citation."""
    refs = [f"[{c.id}] {c.source}, {lines_label(c.start_line, c.end_line)}" for c in answer.citations]
    return "\n\n".join(p for p in (answer.answer, "\n".join(refs)) if p)


def article_view(source: str, text: str, start: int = -1, end: int = -1) -> str:
    """Return the whole article, escaped, with line numbers and ``[start, end)`` marked id="hl"."""
    rows, first = [], True
    for number, (lo, hi) in enumerate(line_spans(text), 1):
        hit = start < hi and lo < end
        ident = "hl" if hit and first else ""
        first = first and not hit
        body = marked(text, lo, hi, start, end, ident) if hit else esc(text[lo:hi])
        cls = "ln hit" if hit else "ln"
        rows.append(f'<div class="{cls}"><span class="no">{number}</span><span class="tx">{body}</span></div>')
    head = f'<div class="art-head"><code>{esc(source)}</code></div>'
    return f'<div class="article">{head}{"".join(rows)}</div>'


def statement_card(row: dict[str, Any], text: str) -> str:
    """Return the passage of one statements-table row with the statement highlighted."""
    start, end = int(row.get("start", 0)), int(row.get("end", 0))
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    who = " — ".join(p for p in (str(row.get("speaker") or ""), role_text(row)) if p)
    return (
        f'<div class="cite-card"><div class="cite-head">{esc(who)}</div>'
        f'<div class="cite-meet">{esc(row_meeting(row))}</div>'
        f'<div class="cite-file"><code>{esc(row.get("source"))}</code> · '
        f'{lines_label(int(row.get("start_line", 0)), int(row.get("end_line", 0)))}</div>'
        f'<blockquote class="cite-passage">{marked(text, lo, hi, start, end)}</blockquote></div>'
    )


def role_text(row: dict[str, Any]) -> str:
    """Return 'role (rank)' of a statement row."""
    role, rank = str(row.get("role") or ""), str(row.get("rank") or "")
    return f"{role} ({rank})" if role and rank else role or rank


def row_meeting(row: dict[str, Any]) -> str:
    """Return 'meeting · place · date' of a statement row."""
    return " · ".join(p for p in (str(row.get("meeting") or ""), row_place(row), str(row.get("date") or "")) if p)


def row_place(row: dict[str, Any]) -> str:
    """Return 'venue, city' of a statement row."""
    return ", ".join(str(row[k]) for k in ("venue", "city") if row.get(k))


def table_row(row: dict[str, Any]) -> list[str]:
    """Return one statements-table row (all strings, shown as plain text)."""
    kind = "Langsung" if row.get("kind") == "direct" else "Tidak langsung"
    lines = lines_label(int(row.get("start_line", 0)), int(row.get("end_line", 0))).removeprefix("baris ")
    return [
        str(row.get("speaker") or "—"), role_text(row), str(row.get("quote") or ""), kind, str(row.get("meeting") or ""),
        row_place(row), str(row.get("province") or ""), str(row.get("date") or ""), str(row.get("source") or ""), lines,
    ]


@dataclass(frozen=True)
class Filters:
    """What the statements table is filtered by ('' or ALL means no filter)."""

    speaker: str = ""
    meeting: str = ""
    province: str = ""
    date_from: str = ""
    date_to: str = ""
    text: str = ""

    def problem(self) -> str:
        """Return why a date filter cannot be used, or ''."""
        bad = [d for d in (self.date_from, self.date_to) if d.strip() and not _ISO.match(d.strip())]
        return f"Format tanggal harus YYYY-MM-DD (bukan {bad[0]!r})." if bad else ""


def _chosen(value: str | None) -> str:
    """Return a dropdown value, with ALL and None meaning ''."""
    return "" if value in (None, ALL) else str(value)


def filter_rows(rows: Iterable[dict[str, Any]], f: Filters) -> list[dict[str, Any]]:
    """Return the rows that pass every filter (dates compared as ISO strings)."""
    speaker, meeting, province = _chosen(f.speaker), _chosen(f.meeting), _chosen(f.province)
    lo = f.date_from.strip() if _ISO.match(f.date_from.strip()) else ""
    hi = f.date_to.strip() if _ISO.match(f.date_to.strip()) else ""
    needle = f.text.strip().lower()
    out = []
    for row in rows:
        date = str(row.get("date") or "")
        if (speaker and row.get("speaker") != speaker) or (meeting and row.get("meeting") != meeting):
            continue
        if (province and row.get("province") != province) or ((lo or hi) and not _ISO.match(date)):
            continue
        if (lo and date < lo) or (hi and date > hi):
            continue
        if needle and needle not in " ".join(table_row(row)).lower():
            continue
        out.append(row)
    return out


def choices(rows: Iterable[dict[str, Any]], key: str) -> list[str]:
    """Return ALL plus the sorted distinct non-empty values of one column."""
    return [ALL, *sorted({str(r[key]) for r in rows if r.get(key)}, key=str.lower)]


def find_row(rows: Sequence[dict[str, Any]], index: int, shown: Sequence[Any] | None) -> dict[str, Any] | None:
    """Return the row a table click refers to: by its shown values, else by position."""
    if shown:
        values = [str(v) for v in shown]
        for row in rows:
            if table_row(row) == values:
                return row
    return rows[index] if 0 <= index < len(rows) else None


def write_csv(rows: Iterable[dict[str, Any]], path: Path) -> Path:
    """Write statement rows as UTF-8 CSV (with BOM for spreadsheets, formulas defused) and return the path."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        write_statements(handle, rows)
    return path


def human_date(iso: str) -> str:
    """Return '12 Des 2023' for '2023-12-12' (or the input if it is not ISO)."""
    if not _ISO.match(iso or ""):
        return iso or ""
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def corpus_line(articles: int, meetings: int, dates: Sequence[str]) -> str:
    """Return the one-line description of what the corpus covers (escaped HTML)."""
    isos = sorted(d for d in dates if d and _ISO.match(d))
    span = f", {human_date(isos[0])} – {human_date(isos[-1])}" if isos else ""
    text = f"Korpus: {articles} artikel berita Pilkada/Pemilu 2024, {meetings} rapat/acara koordinasi{span}."
    return f'<p class="corpus-line">{esc(text)}</p>'


def report_text(report: dict[str, Any]) -> str:
    """Return the human summary of a rebuild report dict (plain text)."""
    names = {k: report.get(k) or [] for k in ("added", "changed", "removed", "unchanged")}
    lines = ["  ".join(f"{k}: {len(v)}" for k, v in names.items()) + f"  skipped: {len(report.get('skipped') or [])}"]
    seconds = float(report.get("seconds") or 0)
    lines.append(f"chunks: {report.get('chunks', 0)}  embedded: {report.get('embedded', 0)}  seconds: {seconds:.2f}")
    for key in ("added", "changed", "removed"):
        lines += [f"{key}: {name}" for name in names[key]]
    lines += [f"skipped {s.get('source')}: {s.get('reason')}" for s in report.get("skipped") or []]
    if report.get("full") and report.get("reason"):
        lines.append(f"full rebuild: {report['reason']}")
    return "\n".join(lines)


def prefixes(text: str, steps: int = 8) -> list[str]:
    """Return growing prefixes of ``text`` cut at spaces (the last one is the whole text)."""
    cuts = [i for i, ch in enumerate(text) if ch == " "]
    every = max(1, len(cuts) // steps)
    return [text[:i] for i in cuts[every - 1 :: every]][: steps - 1] + [text]


def table(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the statements table value for some rows."""
    return {"headers": STATEMENT_HEADERS, "data": [table_row(r) for r in rows]}
