"""The named API endpoints of the web app (/ask, /rebuild, /statements, /article): plain JSON in and out.

Every argument is checked here (`rag.app.inputs`) before it reaches the service,
so a wrong type, an oversize name or undecodable text gets a clear Indonesian
message and never a traceback, in the reply or in the server log. A refusal is
raised as `Refused`; `rag.app.ui` sends it as Gradio's error reply.
"""

from __future__ import annotations

from typing import Any, Protocol

from rag.app.inputs import name_problem
from rag.app.notices import cannot_build
from rag.app.service import BuildBusy, IndexUnwritable, NothingToIndex, SeedError, Service
from rag.app.ui_turns import normalize_history
from rag.core.types import Answer

NOT_A_SEED = "Ditolak: bukan berkas artikel di folder seeds (refused: not a seed file)."


class Refused(ValueError):
    """An API call refused, with the message for the caller."""


class Handlers(Protocol):
    """What the endpoints need from the app's handlers (`rag.app.ui.App`)."""

    service: Service

    def ask(self, question: str, history: list[list[str]] | None = None) -> Answer:
        """Answer a question (earlier turns optional) without raising."""

    def statement_rows(self) -> list[dict[str, Any]]:
        """Return every statement row."""

    def unavailable(self, exc: NothingToIndex) -> str:
        """Return what to say when there is no index to answer from."""


class Api:
    """The named API endpoints, bound to the app's handlers."""

    def __init__(self, app: Handlers) -> None:
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
        except IndexUnwritable as exc:
            return {"error": cannot_build(exc)}

    def statements(self) -> list[dict[str, Any]]:
        """Return every extracted statement as a flat row."""
        return self.app.statement_rows()

    def article(self, source: str) -> dict[str, str]:
        """Return one seed article's text by file name (only files inside the seeds folder)."""
        problem = name_problem(source)
        if problem:
            raise Refused(f"Ditolak: {problem}.")
        try:
            found = self.app.service.article(source)
        except SeedError:
            raise Refused(NOT_A_SEED) from None
        except NothingToIndex as exc:
            raise Refused(self.app.unavailable(exc)) from None
        return {"source": found.source, "text": found.text}
