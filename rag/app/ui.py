"""The Gradio web app: the named API, and the page that holds the three tabs.

Only the ``rag.app.ui*`` modules import gradio. The tabs live in `rag.app.ui_chat`,
`rag.app.ui_statements` and `rag.app.ui_sources`, their shared handlers in
`rag.app.ui_app`; HTML, rows and words are pure
functions in `rag.app.html`, `rag.app.ui_turns`, `rag.app.ui_rows` and
`rag.app.ui_messages`. Every handler delegates to `Service` and escapes untrusted
text before it reaches the browser.
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Callable

import gradio as gr

from rag.app.access import bind_problem, parse_auth
from rag.app.api import Api, Refused
from rag.app.html import esc
from rag.app.service import NothingToIndex, Service
from rag.app.ui_app import App
from rag.app.ui_assets import CSS, LIGHT_JS
from rag.app.ui_chat import chat_tab
from rag.app.ui_sources import sources_tab
from rag.app.ui_statements import statements_tab
from rag.core.settings import Settings

log = logging.getLogger(__name__)

TITLE = "Pilkada RAG — Siapa bilang apa"
CONCURRENCY = 24  # per event; 20 simultaneous users are served without queueing
QUESTIONS = 4  # questions (chat and /ask together) worked on at once; the rest wait in the queue, in order
QUEUE_SIZE = 512  # events waiting at most; beyond that Gradio answers 503 "Queue is full"
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])


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
        gr.HTML(f'<h1 class="app-title">{esc(TITLE)}</h1>', js_on_load=None)
        line = gr.HTML("", elem_id="corpus-line", js_on_load=None)
        with gr.Tabs():
            chat_tab(app, demo)
            sources_tab(app, statements_tab(app), line, demo)
        gr.HTML('<p class="app-foot">Untuk program: <a href="?view=api">API</a> (/ask, /statements, /article, /rebuild).</p>',
                js_on_load=None)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
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
    if service.notice:
        log.warning("%s", service.notice)
    try:
        launch(build_app(service), settings, block=True)
    except OSError as exc:
        log.error("cannot start the server on %s:%s: %s", settings.host, settings.port, exc)
        return 1
    return 0
