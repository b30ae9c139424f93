"""The named API endpoints of the web app (/ask, /rebuild, /statements, /article): plain JSON in and out.

Every argument is checked here (`rag.inputs`) before it reaches the service, so
a wrong type, an oversize name or undecodable text gets a clear Indonesian
message and never a traceback, in the reply or in the server log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr

from .inputs import name_problem
from .notices import cannot_build
from .service import BuildBusy, IndexUnwritable, NothingToIndex, SeedError

if TYPE_CHECKING:
    from .ui import App

REFUSED = "Ditolak: bukan berkas artikel di folder seeds (refused: not a seed file)."


class Api:
    """The named API endpoints, bound to the app's handlers."""

    def __init__(self, app: App) -> None:
        self.app = app

    def ask(self, question: str) -> dict[str, Any]:
        """Answer a question; returns the `rag ask --json` contract object."""
        return self.app.ask(question).to_json()

    def rebuild(self) -> dict[str, Any]:
        """Update the index from the seeds folder; returns the index report."""
        try:
            return self.app.service.rebuild().to_json()
        except BuildBusy:
            return {"error": "rebuild already running"}
        except NothingToIndex as exc:
            return {"error": str(exc)}
        except IndexUnwritable as exc:
            return {"error": cannot_build(exc)}

    def statements(self) -> list[dict[str, Any]]:
        """Return every extracted statement as a flat row."""
        return self.app.statement_rows()

    def article(self, source: str) -> dict[str, str]:
        """Return one seed article's text by file name (only files inside the seeds folder)."""
        problem = name_problem(source)
        if problem:
            raise gr.Error(f"Ditolak: {problem}.", print_exception=False)
        try:
            found = self.app.service.article(source)
        except SeedError:
            raise gr.Error(REFUSED, print_exception=False) from None
        except NothingToIndex as exc:
            raise gr.Error(self.app.unavailable(exc), print_exception=False) from None
        return {"source": found.source, "text": found.text}
