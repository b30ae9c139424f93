"""The Gradio web app: the named API, and the page that holds the three tabs.

Only the ``rag.app.ui*`` modules import gradio. The tabs live in `rag.app.ui_chat`,
`rag.app.ui_statements` and `rag.app.ui_sources`, their shared handlers in
`rag.app.ui_app`; HTML, rows and words are pure
functions in `rag.app.html`, `rag.app.ui_turns`, `rag.app.ui_rows` and
`rag.app.ui_messages`. Every handler delegates to `Service` and escapes untrusted
text before it reaches the browser.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

from rag.app import ui_messages as M
from rag.app.access import bind_problem, parse_auth
from rag.app.html import esc
from rag.app.service import BuildBusy, NothingToIndex, SeedError, Service
from rag.app.ui_app import App
from rag.app.ui_assets import CSS, LIGHT_JS
from rag.app.ui_chat import chat_tab
from rag.app.ui_sources import sources_tab
from rag.app.ui_statements import statements_tab
from rag.app.ui_turns import normalize_history
from rag.core.settings import Settings

log = logging.getLogger(__name__)

TITLE = "Pilkada RAG — Siapa bilang apa"
CONCURRENCY = 24  # per event; 20 simultaneous users are served without queueing
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])


class Api:
    """The named API endpoints (plain JSON in and out)."""

    def __init__(self, app: App) -> None:
        self.app = app

    def ask(self, question: str, history: list | None = None) -> dict[str, Any]:
        """Answer a question; ``history`` (optional): earlier questions, or [question, answer] pairs, oldest first.

        Returns the `rag ask --json` contract object.
        """
        return self.app.ask(question, normalize_history(history)).to_json()

    def rebuild(self) -> dict[str, Any]:
        """Update the index from the seeds folder; returns the index report."""
        try:
            return self.app.service.rebuild().to_json()
        except BuildBusy:
            return {"error": "rebuild already running"}
        except NothingToIndex as exc:
            return {"error": str(exc)}

    def statements(self) -> list[dict[str, Any]]:
        """Return every extracted statement as a flat row (with its credit line)."""
        return self.app.statement_rows()

    def article(self, source: str) -> dict[str, str]:
        """Return one seed article's text by file name (only files inside the seeds folder)."""
        try:
            found = self.app.service.article(source)
        except SeedError:
            raise gr.Error("Ditolak: bukan berkas artikel di folder seeds (refused: not a seed file).", print_exception=False) from None
        except NothingToIndex:
            raise gr.Error(M.NO_INDEX, print_exception=False) from None
        return {"source": found.source, "text": found.text}


def _api(app: App) -> None:
    """Register the named API endpoints /ask, /rebuild, /statements and /article."""
    api = Api(app)
    gr.api(api.ask, api_name="ask")
    gr.api(api.rebuild, api_name="rebuild")
    gr.api(api.statements, api_name="statements")
    gr.api(api.article, api_name="article")


def build_app(service: Service) -> gr.Blocks:
    """Return the web app (queued, not launched) for a service."""
    app = App(service)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        _api(app)  # first, so the named endpoints keep their exact names
        gr.HTML(f'<h1 class="app-title">{esc(TITLE)}</h1>', js_on_load=None)
        line = gr.HTML("", elem_id="corpus-line", js_on_load=None)
        with gr.Tabs():
            chat_tab(app, demo)
            sources_tab(app, statements_tab(app), line, demo)
        gr.HTML('<p class="app-foot">Untuk program: <a href="?view=api">API</a> (/ask, /statements, /article, /rebuild).</p>',
                js_on_load=None)
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def launch(demo: gr.Blocks, settings: Settings, block: bool = True) -> str:
    """Launch the app on settings.host:settings.port; return its local URL.

    Gradio's own upload cap is set well above RAG_MAX_UPLOAD_BYTES, so a too large
    article reaches the upload handler and is refused with an Indonesian reason
    instead of Gradio's English notice.
    """
    _, url, _ = demo.launch(
        server_name=settings.host, server_port=settings.port, auth=parse_auth(settings.auth), prevent_thread_lock=not block,
        show_error=False, ssr_mode=False, quiet=not block, max_file_size=max(25 * settings.max_upload_bytes, 50_000_000),
        theme=THEME, css=CSS, js=LIGHT_JS, footer_links=["api"],
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
    try:
        launch(build_app(service), settings, block=True)
    except OSError as exc:
        log.error("cannot start the server on %s:%s: %s", settings.host, settings.port, exc)
        return 1
    return 0
