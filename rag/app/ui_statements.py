"""The «Siapa bilang apa» tab: every extracted statement, filtered, readable in its article, downloadable as CSV."""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from rag.app.html import article_view, credit_of, empty_panel, esc, human_date, lines_label
from rag.app.ui_app import App
from rag.app.ui_assets import DATES_JS, DATES_TEMPLATE, REVEAL_JS, ROWS_JS
from rag.app.ui_messages import GONE
from rag.app.ui_rows import Filters, choices, filter_rows, role_text, statements_table, status_line, write_csv

CARD_HINT = "Klik sebuah baris untuk membaca pernyataannya di artikel."


class Statements:
    """The statements-table handlers."""

    KEYS = ("speaker", "role", "meeting", "province")

    def __init__(self, app: App) -> None:
        self.app = app
        self.folder = Path(tempfile.mkdtemp(prefix="pilkada-csv-"))

    def filter(self, speaker: str | None, role: str | None, meeting: str | None, province: str | None, dates: str | None,
               text: str | None) -> tuple[Any, ...]:
        """Return the filtered table, its rows, a status line and the CSV of every matching row."""
        f = Filters(speaker or "", role or "", meeting or "", province or "", dates or "", text or "")
        everything = self.app.statement_rows()
        rows = [dict(r) for r in filter_rows(everything, f)]
        note = f.date_range()[2]
        return statements_table(rows), rows, status_line(len(rows), len(everything), note), self.csv(rows)

    def csv(self, rows: list[dict[str, Any]]) -> str:
        """Write the rows to pernyataan.csv (one folder per distinct result) and return its path."""
        key = hashlib.sha256(json.dumps([(r.get("source"), r.get("start")) for r in rows]).encode()).hexdigest()[:16]
        folder = self.folder / key
        path = folder / "pernyataan.csv"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            write_csv(rows, path)
        return str(path)

    def open(self, rows: list[dict[str, Any]] | None, evt: gr.EventData) -> Any:
        """Show the clicked statement in its article, highlighted, with the credit line."""
        data = getattr(evt, "_data", None) or {}
        try:
            row = (rows or [])[int(str(data.get("row")))]
        except (ValueError, IndexError):
            return gr.skip()
        source = str(row.get("source") or "")
        article = self.app.article(source)
        if article is None:
            return empty_panel(GONE)
        start, end = int(row.get("start", -1)), int(row.get("end", -1))
        if article.text[start:end] != row.get("quote"):
            found = article.text.find(str(row.get("quote") or ""))
            start, end = (found, found + len(str(row.get("quote")))) if found >= 0 else (-1, -1)
        who = " — ".join(p for p in (str(row.get("speaker") or ""), role_text(row)) if p)
        meta = " · ".join(p for p in (str(row.get("meeting") or ""), human_date(row.get("date"))) if p)
        lines = lines_label(int(row.get("start_line") or 0), int(row.get("end_line") or 0))
        head = (f'<div class="cite-card selected"><div class="cite-head">{esc(who)}</div><div class="cite-meet">{esc(meta)}</div>'
                f'<div class="cite-file"><code>{esc(source)}</code> · {lines}</div></div>')
        return head + article_view(source, article.text, start, end, credit_of(row, self.app.credit(source)))

    def refresh(self) -> tuple[Any, ...]:
        """Return fresh choices (filters cleared), the whole table and its CSV."""
        rows = self.app.statement_rows()
        drops = [gr.update(choices=choices(rows, key), value=None) for key in self.KEYS]
        return (*drops, "|", "", statements_table(rows), rows, status_line(len(rows), len(rows)), self.csv(rows))

    @staticmethod
    def reset() -> tuple[Any, ...]:
        """Clear every filter."""
        return None, None, None, None, "|", ""


@dataclass
class StatementParts:
    """The components a rebuild refreshes, and the handler that fills them."""

    handler: Statements
    dropdowns: list[Any]
    dates: Any
    text: Any
    table: Any
    rows: Any
    status: Any
    csv: Any

    def outputs(self) -> list[Any]:
        """Return the components `Statements.refresh` fills, in order."""
        return [*self.dropdowns, self.dates, self.text, self.table, self.rows, self.status, self.csv]


def statements_tab(app: App) -> StatementParts:
    """Lay out the statements table with its filters; return the parts a rebuild refreshes."""
    handler = Statements(app)
    with gr.Tab("Siapa bilang apa", id="pernyataan"):
        with gr.Row():
            common: dict[str, Any] = {"value": None, "allow_custom_value": True, "filterable": True}
            speaker = gr.Dropdown([], label="Pembicara", elem_id="f-speaker", info="ketik sebagian nama", **common)
            role = gr.Dropdown([], label="Jabatan", elem_id="f-role", info="mis. Kapolda, Pj Gubernur", **common)
            meeting = gr.Dropdown([], label="Rapat", elem_id="f-meeting", **common)
            province = gr.Dropdown([], label="Provinsi", elem_id="f-province", **common)
        with gr.Row(equal_height=False, elem_id="filters2"):
            dates = gr.HTML("|", html_template=DATES_TEMPLATE, js_on_load=DATES_JS, elem_id="f-dates", min_width=300)
            text = gr.Textbox(label="Cari kata", placeholder="mis. netralitas, sanksi, logistik (ejaan tidak harus tepat)",
                              elem_id="f-text", scale=2)
            reset = gr.Button("Hapus filter", elem_id="f-reset", size="sm", scale=0, min_width=110)
        status = gr.HTML("", elem_id="statements-status", js_on_load=None)
        with gr.Row(equal_height=False, elem_id="statements-row"):
            with gr.Column(scale=3, min_width=300):
                table = gr.HTML(statements_table([]), elem_id="statements", js_on_load=ROWS_JS)
            with gr.Column(scale=2, min_width=300, elem_id="statement-side"):
                csv = gr.DownloadButton("Unduh CSV (dengan sumber)", value=None, elem_id="csv", size="sm")
                card = gr.HTML(empty_panel(CARD_HINT), elem_id="statement-card", js_on_load=REVEAL_JS)
        rows = gr.State([])
        filters = [speaker, role, meeting, province, dates, text]
        quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
        triggers = [speaker.change, role.change, meeting.change, province.change, dates.input, text.change]
        gr.on(triggers, handler.filter, filters, [table, rows, status, csv], trigger_mode="always_last", **quiet)
        table.click(handler.open, [rows], [card], **quiet)
        reset.click(handler.reset, None, filters, **quiet).then(handler.filter, filters, [table, rows, status, csv], **quiet)
    return StatementParts(handler, [speaker, role, meeting, province], dates, text, table, rows, status, csv)
