"""The «Sumber» tab: the articles with their credit lines, upload, preview, delete and replace, and the index update.

Every change to the seeds folder is followed by an incremental index update
with a progress bar, so an uploaded article is answerable (and a deleted one
gone) as soon as its report shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import gradio as gr

from rag.app import ui_messages as M
from rag.app.html import article_view, empty_panel, esc
from rag.app.service import BuildBusy, NothingToIndex, SeedError, UploadError, safe_filename
from rag.app.ui_app import App
from rag.app.ui_assets import REVEAL_JS, ROWS_JS
from rag.app.ui_rows import sources_table
from rag.app.ui_statements import StatementParts
from rag.ingest.corpus import decode_bytes, list_seed_files, normalized_hash

PREVIEW_HINT = "Klik sebuah baris untuk membaca artikelnya, lalu hapus atau ganti bila perlu."
STEPS = {"Embedding passages": "Memproses bagian teks", "Embedding statements": "Memproses pernyataan"}
TEXT_TYPES = (".txt", ".md")


class Sources:
    """The Sumber-tab handlers."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.service = app.service

    def items(self) -> list[dict[str, Any]]:
        """Return every file in the seeds folder: indexed ones with their credit line, then pending and skipped ones."""
        try:
            infos = self.service.sources()
        except NothingToIndex:
            infos = []
        items = []
        for s in infos:
            credit = self.app.credit(s.source) if s.indexed else {}
            status = "terindeks" if s.indexed else f"dilewati: {M.reason_id(s.reason)}"
            items.append({"source": s.source, "meeting": s.meeting, "statements": s.statements, "indexed": s.indexed,
                          "status": status, **credit})
        known = {s.source for s in infos}
        files, skipped = list_seed_files(self.service.settings.seeds_dir)
        items += [{"source": n, "statements": 0, "indexed": False, "status": M.PENDING} for n, _ in files if n not in known]
        items += [{"source": s.source, "statements": 0, "indexed": False, "status": f"dilewati: {M.reason_id(s.reason)}"}
                  for s in skipped if s.source not in known]
        return [it for it in items if not str(it["source"]).endswith(".meta.json")]

    def listing(self) -> tuple[str, list[dict[str, Any]]]:
        """Return the sources table and its rows."""
        items = self.items()
        return sources_table(items), items

    def select(self, items: list[dict[str, Any]] | None, evt: gr.EventData) -> tuple[Any, ...]:
        """Preview the clicked article and offer to delete or replace it."""
        data = getattr(evt, "_data", None) or {}
        try:
            item = (items or [])[int(str(data.get("row")))]
        except (ValueError, IndexError):
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        name = str(item["source"])
        return self.preview(name, item), name, gr.update(visible=True), gr.update(visible=False)

    def preview(self, name: str, item: dict[str, Any] | None = None) -> str:
        """Return the article with its credit line, or a note for a file that is not indexed."""
        article = self.app.article(name)
        if article is None:
            status = str((item or {}).get("status") or M.PENDING)
            return empty_panel(f"{name}: {status}")
        return article_view(name, article.text, credit=self.app.credit(name))

    def ask_delete(self, name: str) -> tuple[Any, ...]:
        """Ask before deleting the selected article."""
        if not name:
            return gr.skip(), gr.skip(), gr.skip()
        text = f"Hapus «{name}» dari korpus? Berkasnya dihapus dari folder artikel dan jawabannya tidak akan muncul lagi."
        return gr.update(visible=True), f"<p>{esc(text)}</p>", {"action": "delete", "source": name}

    def ask_replace(self, file: str | None, name: str) -> tuple[Any, ...]:
        """Check the corrected version, then ask before replacing the selected article with it."""
        if not file or not name:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        path = Path(file)
        old, new = Path(name).suffix.lower(), path.suffix.lower()
        if new != old:
            note = f"Ditolak — versi baru harus berjenis sama dengan {name} ({old}), bukan {new or '(tanpa ekstensi)'}."
            return gr.update(visible=False), "", {}, note
        size = path.stat().st_size
        text = f"Ganti isi «{name}» dengan «{path.name}» ({max(1, size // 1024)} KB)? Isi lama ditimpa dan indeks diperbarui."
        return gr.update(visible=True), f"<p>{esc(text)}</p>", {"action": "replace", "source": name, "file": str(path)}, ""

    @staticmethod
    def cancel() -> tuple[Any, ...]:
        """Drop the pending delete or replace."""
        return gr.update(visible=False), {}, "Dibatalkan."

    def confirm(self, pending: dict[str, Any] | None, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:
        """Delete or replace the article, then update the index; returns note, report, confirm box, pending, preview, chosen."""
        pending = pending or {}
        name, action = str(pending.get("source") or ""), pending.get("action")
        hidden = gr.update(visible=False)
        try:
            if action == "delete":
                self.service.delete_source(name, rebuild=False)
                note, preview, chosen = f"Dihapus: {name}.", empty_panel(f"«{name}» sudah dihapus."), ""
            elif action == "replace":
                self.service.replace_source(name, Path(str(pending.get("file"))).read_bytes(), rebuild=False)
                note, preview, chosen = f"Diganti: {name}.", None, name
            else:
                return gr.skip(), gr.skip(), hidden, {}, gr.skip(), gr.skip()
        except (UploadError, SeedError, OSError) as exc:
            return f"Gagal — {M.error_id(exc)}", gr.skip(), hidden, {}, gr.skip(), gr.skip()
        _, report = self.rebuild_now(progress)
        return note, report, hidden, {}, self.preview(name) if preview is None else preview, chosen

    def upload(self, files: list[str] | None, progress: gr.Progress = gr.Progress()) -> tuple[str, Any]:
        """Save uploaded articles, update the index, and report each file (refused, indexed, or skipped and why)."""
        lines, saved = [], []
        for file in files or []:
            line, name = self.save_one(Path(file))
            lines.append(line)
            if name:
                saved.append((len(lines) - 1, name))
        if not saved:
            return "\n".join(lines) or "Tidak ada berkas.", gr.skip()
        report, text = self.rebuild_now(progress)
        skipped = {str(s.get("source")): M.reason_id(s.get("reason")) for s in (report or {}).get("skipped") or []}
        for i, name in saved:
            if name in skipped:
                lines[i] = f"Tersimpan, tetapi dilewati — {name}: {skipped[name]}"
            elif report is not None:
                lines[i] = f"Tersimpan dan terindeks: {name} — sekarang bisa ditanyakan."
        return "\n".join(lines), text

    def save_one(self, path: Path) -> tuple[str, str]:
        """Save one uploaded file; return a line for the user and the saved name ('' when refused)."""
        suffix = path.suffix.lower()
        if suffix not in M.ACCEPTED:
            return M.unsupported(path.name, suffix), ""
        limit = self.service.settings.max_upload_bytes
        try:
            data = path.read_bytes()
            if len(data) > limit:
                raise UploadError(f"{path.name}: larger than {limit} bytes")
            name = safe_filename(path.name)
            if (self.service.settings.seeds_dir / name).exists():
                raise UploadError(f"{name}: a seed with this name already exists; rename the file")
            same = self.duplicate_of(data) if suffix in TEXT_TYPES else ""
            if same:
                return f"Ditolak — {path.name}: isinya sama dengan {same} yang sudah ada di korpus.", ""
            add: Callable[[str, bytes], str] = getattr(self.service, "add_document", None) or self.service.save_upload
            name = add(path.name, data)
        except (UploadError, SeedError, OSError) as exc:
            return f"Ditolak — {M.error_id(exc)}", ""
        return f"Tersimpan: {name}", name

    def duplicate_of(self, data: bytes) -> str:
        """Return the indexed article whose text equals this upload's (white space and case aside), or ''."""
        try:
            key = normalized_hash(decode_bytes(data)[0])
            articles = self.service.context().snapshot.articles
        except (SeedError, NothingToIndex):
            return ""
        return next((name for name, a in sorted(articles.items()) if normalized_hash(a.text) == key), "")

    def rebuild_now(self, progress: gr.Progress) -> tuple[dict[str, Any] | None, str]:
        """Update the index with a progress bar; return the report (None on failure) and its Indonesian text."""

        def step(done: int, total: int, desc: str) -> None:
            progress((done, total) if total > 0 else 0.0, desc=STEPS.get(desc, desc))

        try:
            report = self.service.rebuild(on_progress=step).to_json()
        except BuildBusy:
            return None, M.BUSY
        except NothingToIndex as exc:
            return None, M.nothing_text(str(exc))
        return report, M.report_text(report)

    def rebuild(self, progress: gr.Progress = gr.Progress()) -> str:
        """The «Perbarui indeks» button: update the index and return the report text."""
        return self.rebuild_now(progress)[1]


def sources_tab(app: App, statements: StatementParts, line: Any, demo: gr.Blocks) -> None:
    """Lay out the sources list, upload, preview and actions; refresh everything after each index update and on load."""
    handler = Sources(app)
    with gr.Tab("Sumber", id="sumber"):
        with gr.Row(equal_height=False, elem_id="sources-row"):
            with gr.Column(scale=3, min_width=300):
                table = gr.HTML(sources_table([]), elem_id="sources-table", js_on_load=ROWS_JS)
                with gr.Row():
                    upload = gr.UploadButton(f"Unggah artikel ({M.ACCEPTED_TEXT})", file_count="multiple", elem_id="upload",
                                             variant="primary")
                    rebuild = gr.Button(M.REBUILD, elem_id="rebuild")
                note = gr.Textbox(label="Hasil unggah", interactive=False, lines=2, elem_id="upload-note")
                report = gr.Textbox(label="Laporan indeks", interactive=False, lines=5, elem_id="report")
            with gr.Column(scale=2, min_width=300, elem_id="source-side"):
                with gr.Row(visible=False, elem_id="source-actions") as actions:
                    delete = gr.Button("Hapus artikel…", variant="stop", elem_id="delete", size="sm")
                    replace = gr.UploadButton("Ganti dengan versi baru…", elem_id="replace", size="sm")
                with gr.Column(visible=False, elem_id="confirm-box", elem_classes=["confirm"]) as confirm_box:
                    confirm_text = gr.HTML("", elem_id="confirm-text", js_on_load=None)
                    with gr.Row():
                        yes = gr.Button("Ya, lanjutkan", variant="stop", elem_id="confirm-yes", size="sm")
                        no = gr.Button("Batal", elem_id="confirm-no", size="sm")
                preview = gr.HTML(empty_panel(PREVIEW_HINT), elem_id="source-preview", js_on_load=REVEAL_JS)
        items, chosen, pending = gr.State([]), gr.State(""), gr.State({})

    def refresh() -> tuple[Any, ...]:
        return (app.corpus_html(), *handler.listing(), *statements.handler.refresh())

    outputs = [line, table, items, *statements.outputs()]
    quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
    private: dict[str, Any] = {"api_visibility": "private"}
    table.click(handler.select, [items], [preview, chosen, actions, confirm_box], **quiet)
    delete.click(handler.ask_delete, [chosen], [confirm_box, confirm_text, pending], **quiet)
    replace.upload(handler.ask_replace, [replace, chosen], [confirm_box, confirm_text, pending, note], **quiet)
    no.click(handler.cancel, None, [confirm_box, pending, note], **quiet)
    yes.click(handler.confirm, [pending], [note, report, confirm_box, pending, preview, chosen], **private).then(
        lambda name: gr.update(visible=bool(name)), [chosen], [actions], **quiet).then(refresh, None, outputs, **quiet)
    upload.upload(handler.upload, [upload], [note, report], **private).then(refresh, None, outputs, **quiet)
    rebuild.click(handler.rebuild, None, [report], **private).then(refresh, None, outputs, **quiet)
    demo.load(refresh, None, outputs, **quiet)
