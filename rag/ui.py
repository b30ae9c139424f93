"""The Gradio web app: the shared handlers, the named API, and the page that holds the three tabs.

Only the ``rag.ui*`` modules import gradio. The tabs live in `rag.ui_chat`,
`rag.ui_statements` and `rag.ui_sources`; HTML, rows and words are pure
functions in `rag.ui_html`, `rag.ui_turns`, `rag.ui_rows` and
`rag.ui_messages`. Every handler delegates to `Service` and escapes untrusted
text before it reaches the browser.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from . import ui_messages as M
from .access import bind_problem, parse_auth
from .headers import article_outlet, article_title, publication_date
from .service import BuildBusy, NothingToIndex, SeedError, Service
from .settings import Settings
from .types import Answer, Article
from .ui_assets import CSS, LIGHT_JS
from .ui_html import CREDIT_KEYS, corpus_line, credit_of, esc
from .ui_turns import normalize_history

log = logging.getLogger(__name__)

TITLE = "Pilkada RAG — Siapa bilang apa"
CONCURRENCY = 24  # per event; 20 simultaneous users are served without queueing
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "sans-serif"], font_mono=["ui-monospace", "monospace"])


class App:
    """Handlers shared by the tabs, bound to one Service."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._credits: dict[tuple[str, str], dict[str, str]] = {}

    def ask(self, question: str, history: list[list[str]] | None = None) -> Answer:
        """Answer a question with the earlier turns; an empty index or a bug gives a clear reply, not an error."""
        try:
            return self.service.ask(question, history=history or None)
        except NothingToIndex:
            return Answer(question=question or "", answer=M.NO_INDEX, answerable=False, kind="no_index")
        except Exception:  # a pipeline bug must not leave the chat hanging
            log.exception("answering %r failed", (question or "")[:200])
            return Answer(question=question or "", answer=M.FAILED, answerable=False, kind="error")

    def article(self, source: str) -> Article | None:
        """Return an indexed article, or None when it is gone."""
        try:
            return self.service.article(source)
        except (SeedError, NothingToIndex):
            return None

    def credit(self, source: str) -> dict[str, str]:
        """Return what is known of an article's credit line: its own fields, a NAME.meta.json sidecar, its header lines."""
        article = self.article(source)
        if article is None:
            return {k: "" for k in CREDIT_KEYS}
        key = (source, article.sha256)
        if key not in self._credits:
            own = {k: getattr(article, k, "") for k in CREDIT_KEYS}
            self._credits[key] = credit_of(own, _sidecar(self.service.settings.seeds_dir, source), _header_credit(article))
        return self._credits[key]

    def statement_rows(self) -> list[dict[str, Any]]:
        """Return every statement row with its credit line ([] when nothing is indexed)."""
        try:
            rows = self.service.statement_rows()
        except NothingToIndex:
            return []
        credits: dict[str, dict[str, str]] = {}
        for row in rows:
            source = str(row.get("source") or "")
            if source not in credits:
                credits[source] = self.credit(source)
            for k in CREDIT_KEYS:
                row[k] = row.get(k) or credits[source][k]
        return rows

    def corpus_html(self) -> str:
        """Return the one-line description of the corpus."""
        try:
            snap = self.service.context().snapshot
        except NothingToIndex:
            return f'<p class="corpus-line">{esc(M.NO_INDEX)}</p>'
        return corpus_line(len(snap.articles), len(snap.meetings), [m.date or "" for m in snap.meetings])


def _sidecar(seeds_dir: Path, source: str) -> dict[str, Any]:
    """Return the credit fields of ``NAME.meta.json`` (or ``STEM.meta.json``) beside a seed, or {}."""
    path = seeds_dir / source
    for side in (path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json")):
        try:
            data = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            return {k: data[k] for k in CREDIT_KEYS if isinstance(data.get(k), str)}
    return {}


def _header_credit(article: Article) -> dict[str, str]:
    """Return the title, outlet and publication date read from the article's first lines."""
    published: dt.date | None = publication_date(article)
    return {"title": article_title(article), "outlet": article_outlet(article), "published": published.isoformat() if published else ""}


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
    from .ui_chat import chat_tab
    from .ui_sources import sources_tab
    from .ui_statements import statements_tab

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
