"""The app's shared state for the tabs: one Service, answers that never raise, articles, credit lines, statement rows.

No gradio here: the tabs (`rag.app.ui_chat`, `rag.app.ui_statements`,
`rag.app.ui_sources`) and the page (`rag.app.ui`) hold the gradio parts.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from rag.app import ui_messages as M
from rag.app.html import CREDIT_KEYS, corpus_line, credit_of, esc
from rag.app.inputs import as_question
from rag.app.service import IndexUnavailable, NothingToIndex, SeedError, Service
from rag.core.types import Answer, Article
from rag.ingest.headers import article_outlet, article_title, publication_date

log = logging.getLogger(__name__)


class App:
    """Handlers shared by the tabs, bound to one Service."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self._credits: dict[tuple[str, str], dict[str, str]] = {}

    def ask(self, question: str, history: list[list[str]] | None = None) -> Answer:
        """Answer a question with the earlier turns; an empty index or a bug gives a clear reply, not an error."""
        text = as_question(question)[0]
        try:
            return self.service.ask(question, history=history or None)
        except NothingToIndex as exc:
            return Answer(question=text, answer=self.unavailable(exc), answerable=False, kind="no_index")
        except Exception:  # a pipeline bug must not leave the chat hanging
            log.exception("answering %r failed", text[:200])
            return Answer(question=text, answer=M.FAILED, answerable=False, kind="error")

    @staticmethod
    def unavailable(exc: NothingToIndex) -> str:
        """Return what to tell a person when there is no index to answer from (and why, if it cannot be saved)."""
        return str(exc) if isinstance(exc, IndexUnavailable) else M.NO_INDEX

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
