"""The Gradio web app: cited chat, the statements table, the seed files and the named API.

This is the only module that imports gradio. HTML fragments, table rows and
filters are pure functions in `rag.app.html`; every handler here delegates to
`Service` and escapes untrusted text before it reaches the browser.
"""

from __future__ import annotations

import functools
import logging
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

import gradio as gr

from rag.app import html as H
from rag.app.access import bind_problem, parse_auth
from rag.app.api import Api, Refused
from rag.app.inputs import as_question
from rag.app.notices import cannot_build
from rag.app.service import BuildBusy, IndexUnavailable, IndexUnwritable, NothingToIndex, SeedError, Service, UploadError
from rag.core.settings import Settings
from rag.core.types import Answer, Citation
from rag.ingest.corpus import list_seed_files

log = logging.getLogger(__name__)

TITLE = "Pilkada RAG — Siapa bilang apa"
CONCURRENCY = 24  # per event; 20 simultaneous users are served without queueing
QUESTIONS = 4  # questions (chat and /ask together) worked on at once; the rest wait in the queue, in order
QUEUE_SIZE = 512  # events waiting at most; beyond that Gradio answers 503 "Queue is full"
EXAMPLES = [
    "Siapa yang menegaskan bahwa anggota TNI yang melanggar netralitas akan dikenai sanksi?",
    "Apa kata Sekda Kaltim soal logistik Pilkada?",
    "Di mana dan kapan rakor Forkopimda Kaltim digelar?",
    "Siapa saja yang berbicara di FGD Bakesbangpol NTB?",
    "What did the Acting Governor of NTB urge the public to do?",
    "Which meeting did Hadi Tjahjanto open?",
]
BUSY = "Rebuild sedang berjalan — tunggu sampai selesai, lalu coba lagi."
PENDING = "belum diindeks — klik «Rebuild index»"
FAILED = "Maaf, terjadi kesalahan saat menjawab. Coba lagi, atau laporkan pertanyaan ini ke pengelola."
NO_INDEX = "Belum ada artikel terindeks. Unggah artikel di tab «Sumber», lalu klik «Rebuild index»."
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])


class App:
    """Event handlers bound to one Service."""

    def __init__(self, service: Service) -> None:
        self.service = service

    def ask(self, question: str) -> Answer:
        """Answer a question; an empty (or unsavable) index gives a clear reply, not an error."""
        try:
            return self.service.ask(question)
        except NothingToIndex as exc:
            return Answer(question=as_question(question)[0], answer=self.unavailable(exc), answerable=False, kind="no_index")

    @staticmethod
    def unavailable(exc: NothingToIndex) -> str:
        """Return what to tell a person when there is no index to answer from (and why, if it cannot be saved)."""
        return str(exc) if isinstance(exc, IndexUnavailable) else NO_INDEX

    def chat(self, question: str, history: list[dict[str, Any]] | None) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat, then fill the sources panel."""
        history = [*(history or []), {"role": "user", "content": H.esc(as_question(question)[0])}]
        history.append({"role": "assistant", "content": "Mencari…"})
        yield history, gr.skip(), gr.skip(), ""
        try:
            answer = self.ask(question or "")
        except Exception:  # a pipeline bug must not leave the chat hanging
            log.exception("answering %r failed", question)
            answer = Answer(question=question or "", answer=FAILED, answerable=False, kind="error")
        for part in H.prefixes(H.esc(H.chat_text(answer))):
            history[-1] = {"role": "assistant", "content": part}
            yield history, gr.skip(), gr.skip(), ""
        yield history, H.sources_panel(answer), list(answer.citations), ""

    def open_citation(self, cites: list[Citation] | None, evt: gr.EventData) -> str:
        """Show the article of the clicked citation, its quote highlighted."""
        try:
            number = str(evt.cite)
        except (AttributeError, TypeError):  # a crafted call may bring no event data at all
            number = ""
        for c in cites or []:
            if str(c.id) == number:
                return self.article_html(c.source, c.start, c.end)
        return gr.skip()

    def article_html(self, source: str, start: int = -1, end: int = -1) -> str:
        """Return the whole article as HTML, or a short note if it is unavailable."""
        try:
            return H.article_view(source, self.service.article(source).text, start, end)
        except (SeedError, NothingToIndex):
            return H.empty_panel("Artikel tidak tersedia (mungkin sudah dihapus; klik «Rebuild index»).")

    def statement_rows(self) -> list[dict[str, Any]]:
        """Return every statement row ([] when nothing is indexed)."""
        try:
            return self.service.statement_rows()
        except NothingToIndex:
            return []

    def filter(self, speaker: str, meeting: str, province: str, date_from: str, date_to: str, text: str) -> tuple[Any, ...]:
        """Return the filtered table, its rows and a status line."""
        f = H.Filters(speaker or "", meeting or "", province or "", date_from or "", date_to or "", text or "")
        rows = H.filter_rows(self.statement_rows(), f)
        note = f.problem() or f"{len(rows)} pernyataan."
        return H.table(rows), rows, f'<p class="corpus-line">{H.esc(note)}</p>'

    def select_statement(self, rows: list[dict[str, Any]] | None, evt: gr.SelectData) -> str:
        """Show the passage of the clicked statements-table row."""
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else int(evt.index or 0)
        row = H.find_row(rows or [], index, evt.row_value)
        if row is None:
            return gr.skip()
        try:
            text = self.service.article(str(row["source"])).text
        except (SeedError, NothingToIndex):
            return H.empty_panel("Artikel tidak tersedia.")
        return H.statement_card(row, text)

    def csv(self, rows: list[dict[str, Any]] | None) -> Any:
        """Write the shown rows to a temporary CSV file and offer it for download."""
        folder = Path(tempfile.mkdtemp(prefix="pilkada-csv-"))
        return gr.update(value=str(H.write_csv(rows or [], folder / "pernyataan.csv")), visible=True)

    def source_rows(self) -> dict[str, Any]:
        """Return the seed files table: indexed, skipped and not yet indexed files."""
        try:
            infos = self.service.sources()
        except NothingToIndex:
            infos = []
        data = [[s.source, s.meeting, str(s.statements), "ya" if s.indexed else "tidak", s.reason] for s in infos]
        known = {s.source for s in infos}
        reasons = self._skip_reasons()
        files, skipped = list_seed_files(self.service.settings.seeds_dir)
        data += [[name, "", "0", "tidak", reasons.get(name, PENDING)] for name, _ in files if name not in known]
        data += [[s.source, "", "0", "tidak", s.reason] for s in skipped if s.source not in known]
        return {"headers": H.SOURCE_HEADERS, "data": data}

    def _skip_reasons(self) -> dict[str, str]:
        """Return why the live index skipped files (kept in its manifest across restarts)."""
        try:
            skipped = self.service.context().snapshot.manifest.get("skipped") or []
        except NothingToIndex:
            return {}
        return {str(s.get("source")): str(s.get("reason")) for s in skipped if isinstance(s, dict)}

    def upload(self, files: list[str] | None) -> tuple[Any, ...]:
        """Save uploaded files into the seeds folder; report each one."""
        lines = [self._save_one(Path(p)) for p in files or []]
        return "\n".join(lines) or "Tidak ada berkas.", self.source_rows(), None

    def _save_one(self, path: Path) -> str:
        """Save one uploaded file and return a line for the user."""
        limit = self.service.settings.max_upload_bytes
        try:
            if path.stat().st_size > limit:
                raise UploadError(f"{path.name}: lebih besar dari {limit} byte")
            name = self.service.save_upload(path.name, path.read_bytes())
        except (UploadError, OSError) as exc:
            return f"Ditolak — {exc}"
        return f"Tersimpan: {name} — klik «Rebuild index» agar bisa ditanyakan."

    def rebuild(self, progress: gr.Progress = gr.Progress()) -> str:
        """Rebuild the index with a progress bar; return the report text."""

        def step(done: int, total: int, desc: str) -> None:
            progress((done, total) if total > 0 else 0.0, desc=desc)

        try:
            report = self.service.rebuild(on_progress=step)
        except BuildBusy:
            return BUSY
        except NothingToIndex as exc:
            return f"Tidak ada yang bisa diindeks: {exc}"
        except IndexUnwritable as exc:
            return cannot_build(exc)
        return H.report_text(report.to_json())

    def corpus_html(self) -> str:
        """Return the one-line description of the corpus."""
        try:
            snap = self.service.context().snapshot
        except NothingToIndex as exc:
            return f'<p class="corpus-line">{H.esc(self.unavailable(exc))}</p>'
        line = H.corpus_line(len(snap.articles), len(snap.meetings), [m.date or "" for m in snap.meetings])
        return line + (f'<p class="corpus-line notice">{H.esc(self.service.notice)}</p>' if self.service.notice else "")

    def refresh(self) -> tuple[Any, ...]:
        """Return fresh values for everything that depends on the index."""
        rows = self.statement_rows()
        drops = [gr.update(choices=H.choices(rows, key), value=H.ALL) for key in ("speaker", "meeting", "province")]
        note = f'<p class="corpus-line">{len(rows)} pernyataan.</p>'
        return (self.corpus_html(), self.source_rows(), *drops, H.table(rows), rows, note)


def _chat_tab(app: App) -> None:
    """Lay out the chat, its sources panel and the article viewer."""
    with gr.Tab("Tanya", id="tanya"):
        with gr.Row(equal_height=False, elem_id="chat-row"):
            with gr.Column(scale=3, min_width=300):
                bot = gr.Chatbot(label="Jawaban", elem_id="chat", height=580, render_markdown=False, sanitize_html=True, allow_tags=False)
                with gr.Row():
                    box = gr.Textbox(label="Pertanyaan", show_label=False, placeholder="Tulis pertanyaan…", elem_id="question",
                                     scale=5, max_lines=4)
                    send = gr.Button("Tanya", variant="primary", elem_id="ask", scale=1, min_width=80)
                gr.Examples(EXAMPLES, inputs=box, label="Contoh pertanyaan")
            with gr.Column(scale=2, min_width=300):
                panel = gr.HTML(H.empty_panel("Sumber jawaban muncul di sini."), elem_id="sources-panel", js_on_load=H.OPEN_JS)
        viewer = gr.HTML(H.empty_panel("Klik «Buka artikel» pada sumber untuk membaca artikel lengkap."),
                         elem_id="article-view", js_on_load=H.SCROLL_JS, max_height=520)
        cites = gr.State([])
        gr.on([box.submit, send.click], app.chat, [box, bot], [bot, panel, cites, box], api_visibility="private",
              concurrency_limit=QUESTIONS, concurrency_id="questions")
        panel.click(app.open_citation, [cites], [viewer], api_visibility="private")


def _statements_tab(app: App) -> list[Any]:
    """Lay out the statements table with its filters; return the refreshable parts."""
    with gr.Tab("Siapa bilang apa", id="pernyataan"):
        with gr.Row():
            speaker = gr.Dropdown([H.ALL], value=H.ALL, label="Pembicara", elem_id="f-speaker")
            meeting = gr.Dropdown([H.ALL], value=H.ALL, label="Rapat", elem_id="f-meeting")
            province = gr.Dropdown([H.ALL], value=H.ALL, label="Provinsi", elem_id="f-province")
        with gr.Row():
            date_from = gr.Textbox(label="Dari tanggal", placeholder="YYYY-MM-DD", elem_id="f-from")
            date_to = gr.Textbox(label="Sampai tanggal", placeholder="YYYY-MM-DD", elem_id="f-to")
            text = gr.Textbox(label="Cari", placeholder="kata dalam pernyataan, nama, rapat…", elem_id="f-text")
        status = gr.HTML("", elem_id="statements-status", js_on_load=None)
        grid = gr.Dataframe(headers=H.STATEMENT_HEADERS, datatype="str", interactive=False, wrap=True, max_height=560, elem_id="statements",
                            column_widths=["10%", "11%", "26%", "7%", "12%", "8%", "7%", "7%", "7%", "5%"])
        card = gr.HTML(H.empty_panel("Klik sebuah baris untuk melihat bagian artikelnya."), elem_id="statement-card", js_on_load=None)
        with gr.Row():
            download = gr.Button("Unduh CSV", elem_id="csv")
            csv_file = gr.File(label="CSV", interactive=False, elem_id="csv-file", visible=False)
        rows = gr.State([])
        filters = [speaker, meeting, province, date_from, date_to, text]
        triggers = [speaker.change, meeting.change, province.change, text.change]
        triggers += [date_from.submit, date_from.blur, date_to.submit, date_to.blur]
        gr.on(triggers, app.filter, filters, [grid, rows, status], api_visibility="private", trigger_mode="always_last")
        grid.select(app.select_statement, [rows], [card], api_visibility="private")
        download.click(app.csv, [rows], [csv_file], api_visibility="private")
    return [speaker, meeting, province, grid, rows, status]


def _sources_tab(app: App) -> tuple[Any, Any, Any]:
    """Lay out the seed files table, the upload and the rebuild button."""
    with gr.Tab("Sumber", id="sumber"):
        files = gr.Dataframe(headers=H.SOURCE_HEADERS, datatype="str", interactive=False, wrap=True, elem_id="sources-table",
                             column_widths=["24%", "44%", "10%", "8%", "14%"])
        upload = gr.File(label="Unggah artikel (.txt / .md)", file_count="multiple", file_types=[".txt", ".md"], elem_id="upload",
                         height=150)
        upload_note = gr.Textbox(label="Hasil unggah", interactive=False, lines=2, elem_id="upload-note")
        rebuild = gr.Button("Rebuild index", variant="primary", elem_id="rebuild")
        report = gr.Textbox(label="Laporan indeks", interactive=False, lines=6, elem_id="report")
        upload.upload(app.upload, [upload], [upload_note, files, upload], api_visibility="private")
    return files, rebuild, report


def _api(app: App) -> None:
    """Register the named API endpoints /ask, /rebuild, /statements and /article."""
    api = Api(app)
    gr.api(api.ask, api_name="ask", concurrency_limit=QUESTIONS, concurrency_id="questions")
    gr.api(api.rebuild, api_name="rebuild")
    gr.api(api.statements, api_name="statements")
    gr.api(_refusals_as_errors(api.article), api_name="article")


def _refusals_as_errors(endpoint: Callable[..., Any]) -> Callable[..., Any]:
    """Return ``endpoint`` sending a `Refused` as Gradio's error reply (a plain message, no traceback in the log)."""

    @functools.wraps(endpoint)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return endpoint(*args, **kwargs)
        except Refused as exc:
            raise gr.Error(str(exc), print_exception=False) from None

    return call


def build_app(service: Service) -> gr.Blocks:
    """Return the web app (queued, not launched) for a service."""
    app = App(service)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        _api(app)  # first, so the named endpoints keep their exact names
        gr.HTML(f"<h1>{H.esc(TITLE)}</h1>", js_on_load=None)
        line = gr.HTML("", elem_id="corpus-line", js_on_load=None)
        with gr.Tabs():
            _chat_tab(app)
            speaker, meeting, province, grid, rows, status = _statements_tab(app)
            files, rebuild, report = _sources_tab(app)
        outputs = [line, files, speaker, meeting, province, grid, rows, status]
        demo.load(app.refresh, None, outputs, api_visibility="private")
        rebuild.click(app.rebuild, None, [report], api_visibility="private").then(app.refresh, None, outputs, api_visibility="private")
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


def launch(demo: gr.Blocks, settings: Settings, block: bool = True) -> str:
    """Launch the app on settings.host:settings.port; return its local URL."""
    _, url, _ = demo.launch(
        server_name=settings.host, server_port=settings.port, auth=parse_auth(settings.auth), prevent_thread_lock=not block,
        show_error=False, ssr_mode=False, quiet=not block, max_file_size=max(2 * settings.max_upload_bytes, 1_000_000),
        theme=THEME, css=H.CSS, js=H.LIGHT_JS, footer_links=["api"],
    )
    return url


def serve(settings: Settings) -> int:
    """Run the web app until interrupted; return the exit code."""
    try:
        parse_auth(settings.auth)
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    problem = bind_problem(settings)
    if problem:
        log.error("%s", problem)
        return 2
    service = Service(settings)
    try:
        service.context()
    except NothingToIndex as exc:
        log.warning("no index yet (%s); upload articles in the «Sumber» tab", exc)
    if service.notice:
        log.warning("%s", service.notice)
    try:
        launch(build_app(service), settings, block=True)
    except OSError as exc:
        log.error("cannot start the server on %s:%s: %s", settings.host, settings.port, exc)
        return 1
    return 0
