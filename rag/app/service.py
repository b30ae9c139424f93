"""The application facade: one loaded index, questions, rebuilds and seed files.

The UI and the CLI talk to `Service` only. It keeps answering from the old
snapshot while a rebuild runs and swaps the new one in when it is committed.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping, Sequence

from rag.answer.context import Context
from rag.answer.reader import read
from rag.app.inputs import as_question, name_problem, validate_question
from rag.app.notices import cannot_build, not_saved
from rag.app.uploads import MAX_NAME_CHARS, UPLOAD_SUFFIXES, UploadError, safe_filename
from rag.core.memory import Burst
from rag.core.settings import Settings
from rag.core.types import Answer, Article, Credit, IndexReport
from rag.index.build import BuildBusy, IndexUnwritable, NothingToIndex, Progress, build_index, compatibility
from rag.index.snapshot import Snapshot, load_snapshot
from rag.index.stores import IndexCorrupt
from rag.ingest.corpus import SeedError, resolve_seed, seeds_changed
from rag.ingest.docsync import pending_sources

log = logging.getLogger(__name__)

__all__ = ["Service", "BuildBusy", "IndexUnavailable", "IndexUnwritable", "NothingToIndex", "UploadError", "SeedError",
           "safe_filename", "MAX_NAME_CHARS", "UPLOAD_SUFFIXES"]


ANSWER_FAILED = "Maaf, pertanyaan ini tidak dapat dijawab karena kesalahan internal; kesalahan sudah dicatat di log."
NOT_YET = "belum diindeks (klik «Rebuild index»)"

STATEMENT_COLUMNS = [
    "speaker", "role", "rank", "quote", "kind", "verb", "meeting", "venue", "city", "province", "date", "source", "start_line", "end_line",
    "title", "outlet", "published", "url",
]


class IndexUnavailable(NothingToIndex):
    """No index to answer from, and none can be saved (read-only folder, full disk); the message is for people."""


@dataclass(frozen=True)
class SourceInfo:
    """One row of the sources list."""

    source: str
    indexed: bool
    statements: int
    meeting: str
    reason: str = ""
    original: str = ""  # the document the cited text was extracted from ("laporan.pdf"), if any
    credit: Credit = Credit()


class Service:
    """Holds settings, the embedder and the live snapshot."""

    def __init__(self, settings: Settings, embedder_factory: Callable[[Settings], object] | None = None) -> None:
        """Create the service; nothing is loaded until first use."""
        self.settings = settings
        self._factory = embedder_factory
        self._embedder = None
        self._context: Context | None = None
        self._swap = threading.Lock()
        self._load = threading.Lock()
        self._ensure = threading.Lock()
        self.last_report: IndexReport | None = None
        self.notice = ""  # set when an update could not be saved: say so once (rag.app.notices)
        self._burst = Burst()

    @property
    def embedder(self):  # noqa: ANN201 - an Embedder
        """Return the embedder, loading the model on first use."""
        with self._load:
            if self._embedder is None:
                if self._factory is None:
                    from rag.index.embed.embedder import Embedder

                    self._factory = Embedder
                self._embedder = self._factory(self.settings)
        return self._embedder

    def context(self) -> Context:
        """Return the live query context, building the index first if needed."""
        ctx = self._context
        if ctx is None:
            with self._ensure:  # one thread loads or builds; the others wait for it
                if self._context is None:
                    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="model-load") as pool:
                        warming = pool.submit(self.warm_up)  # the model loads while the index is read
                        self.ensure_index()
                        warming.result()  # re-raises a model error here
            ctx = self._context
        assert ctx is not None
        return ctx

    def warm_up(self) -> None:
        """Run one query through the model so the first user's answer is not slowed by first-touch costs."""
        self.embedder.embed_queries(["rapat koordinasi Pilkada"])

    def ensure_index(self, on_progress: Progress | None = None) -> IndexReport | None:
        """Load the index; build or repair it when it is missing, stale or damaged."""
        try:
            snapshot = load_snapshot(self.settings.index_dir)
        except IndexCorrupt as exc:
            log.warning("index damaged (%s); rebuilding from the seeds", exc)
            snapshot = None
        if snapshot is not None:
            problem = self._outdated(snapshot)
            if not problem:
                self.install(snapshot)
                return None
            log.info("index out of date (%s); updating it", problem)
        try:
            return self.rebuild(on_progress=on_progress)
        except BuildBusy:
            self._wait_for_build()
            return None
        except IndexUnwritable as exc:  # read-only folder or full disk: answer from the last good generation
            if snapshot is None:
                raise IndexUnavailable(cannot_build(exc)) from exc
            self.notice = not_saved(exc)
            log.info("%s; answering from the last good index", exc)
            self.install(snapshot)
            return None

    def rebuild(self, full: bool = False, on_progress: Progress | None = None) -> IndexReport:
        """Update the index from the seeds and swap it in; raises BuildBusy if one runs."""
        report = build_index(self.settings, self.embedder, full=full, on_progress=on_progress)
        snapshot = load_snapshot(self.settings.index_dir)
        if snapshot is not None:
            self.install(snapshot)
        self.last_report = report
        return report

    def ask(self, question: str, history: Sequence[Any] | None = None) -> Answer:
        """Answer one question; bad questions (wrong type, undecodable text, too long ...) get a clear, non-raising reply.

        ``history`` holds the earlier turns (questions, ``[question, answer_json]`` pairs or answer objects, oldest
        first); "dia", "-nya", "rapat itu", "di sana" are resolved against the last one (``Answer.interpreted_as``).
        """
        question, problem = as_question(question)
        problem = problem or validate_question(question, self.settings.max_question_chars)
        if problem:
            return Answer(question=question, answer=problem, answerable=False, kind="invalid")
        ctx = self.context()
        text = question.strip()
        asked = self._interpret(text, history, ctx) if history else text
        with self._burst.running():  # the last question of a burst gives the heap back (rag.core.memory)
            try:
                qvec = self.embedder.embed_queries([asked])[0]
                answer = read(ctx, asked, qvec)
            except Exception:  # noqa: BLE001 - a question must get a reply, never a traceback
                log.exception("answering %r failed", asked[:200])
                return Answer(question=question, answer=ANSWER_FAILED, answerable=False, kind="error", interpreted_as=asked)
        credited = tuple(replace(c, credit=ctx.snapshot.credit_of(c.source)) for c in answer.citations)
        return replace(answer, question=text, interpreted_as=asked, citations=credited)

    def _interpret(self, text: str, history: Sequence[Any], ctx: Context) -> str:
        """Return the question with follow-up references resolved; the question itself if that fails."""
        from rag.app.conversation import interpret

        try:
            return interpret(text, history, lambda q, turns: self.ask(q, turns), ctx.snapshot)
        except Exception:  # noqa: BLE001 - a history that cannot be read must not cost the answer
            log.exception("resolving the follow-up %r failed", text[:200])
            return text

    def article(self, source: str) -> Article:
        """Return an indexed article by file name (only files inside the seeds folder); a document's name gives its text."""
        problem = name_problem(source)
        if problem:
            raise SeedError(problem)
        if not self._indexed(source) and self._indexed(f"{source}.txt"):
            source = f"{source}.txt"
        if not self._indexed(source):
            resolve_seed(self.settings.seeds_dir, source)  # refuses names outside seeds/ before any loading
        snap = self.context().snapshot
        if source not in snap.articles:
            raise SeedError(f"bukan berkas seeds yang terindeks: {source!r}")
        return snap.articles[source]

    def sources(self) -> list[SourceInfo]:
        """List indexed files with their meeting and statement count, then skipped ones, then new files ("belum diindeks")."""
        snap = self.context().snapshot
        rows = []
        for name, record in sorted(snap.sources.items()):
            meetings = snap.meetings_of(name)
            title = meetings[0].name or meetings[0].event if meetings else ""
            original = record.get("original") if isinstance(record.get("original"), dict) else {}
            rows.append(SourceInfo(name, True, int(record.get("statements", 0)), title, "", str(original.get("source", "")),
                                   snap.credit_of(name)))
        rows += [SourceInfo(name, False, 0, "", reason) for name, reason in skipped_files(snap).items()]
        new = pending_sources(self.settings.seeds_dir, {r.source for r in rows})
        return rows + [SourceInfo(name, False, 0, "", NOT_YET) for name in new]

    def statement_rows(self) -> list[dict[str, object]]:
        """Return one flat row per extracted statement (the statements table)."""
        snap = self.context().snapshot
        rows = []
        for s in snap.statements:
            m = snap.meeting_of(s)
            rows.append({
                "speaker": s.speaker.name, "role": s.speaker.role, "rank": s.speaker.rank, "quote": s.text,
                "kind": s.kind, "verb": s.verb, "meeting": (m.name or m.event) if m else "",
                "venue": m.venue if m else "", "city": m.city if m else "", "province": m.province if m else "",
                "date": (m.date or m.date_text) if m else "", "source": s.source,
                "start_line": s.start_line, "end_line": s.end_line, "start": s.start, "end": s.end,
                **snap.credit_of(s.source).to_json(),
            })
        return rows

    def save_upload(self, filename: str, data: bytes) -> str:
        """Store an uploaded article in the seeds folder; return the name of its cited file (see `add_document`)."""
        return self.add_document(filename, data)

    def add_document(self, name: str, data: bytes, meta: Mapping[str, Any] | None = None) -> str:
        """Store a new article (.txt .md .pdf .docx .html .htm; a document's text is saved as NAME.txt beside it) and its
        credit ``meta`` (title, outlet, published, url); return the cited file name. Indexed by the next `rebuild`.
        Raises UploadError with an Indonesian reason (unreadable file, duplicate of an indexed article, name taken)."""
        from rag.app.sourceops import add_document

        return add_document(self, name, data, meta)

    def delete_source(self, name: str, rebuild: bool = True, on_progress: Progress | None = None) -> IndexReport | None:
        """Delete an article (text, original document, sidecar) and update the index incrementally; the old index
        answers until the new one is swapped in. If that fails the files are put back (UploadError, BuildBusy)."""
        from rag.app.sourceops import delete_source

        return delete_source(self, name, rebuild, on_progress)

    def replace_source(self, name: str, data: bytes, meta: Mapping[str, Any] | None = None, rebuild: bool = True,
                       on_progress: Progress | None = None) -> IndexReport | None:
        """Replace an article (by its cited or original name) with a corrected version of the same type, then update the
        index incrementally; a version the new index cannot use is refused (UploadError) and the old one put back."""
        from rag.app.sourceops import replace_source

        return replace_source(self, name, data, meta, rebuild, on_progress)

    def loaded_context(self) -> Context | None:
        """Return the live query context if one is loaded (never loads or builds anything)."""
        return self._context

    def _indexed(self, source: str) -> bool:
        """Return True if ``source`` is a file name of the live snapshot."""
        ctx = self._context
        return ctx is not None and source in ctx.snapshot.articles

    def install(self, snapshot: Snapshot, only_if_empty: bool = False) -> None:
        """Swap in a freshly loaded snapshot (``only_if_empty``: unless another one was installed meanwhile)."""
        ctx = Context.create(snapshot, self.settings)
        with self._swap:
            if not (only_if_empty and self._context is not None):
                self._context = ctx

    def _outdated(self, snapshot: Snapshot) -> str:
        """Return why the snapshot cannot be served as is: other model or chunker, or changed seeds."""
        reason = compatibility(snapshot.manifest, self.settings, self.embedder.model_id)
        return reason or seeds_changed(self.settings.seeds_dir, snapshot.manifest.get("seeds"))

    def _wait_for_build(self, timeout: float = 600.0) -> None:
        """Wait for another process's build, then load what it committed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                snapshot = load_snapshot(self.settings.index_dir)
            except IndexCorrupt:
                snapshot = None
            if snapshot is not None:
                self.install(snapshot, only_if_empty=True)  # never replace what a finished rebuild installed
                return
            time.sleep(0.5)
        raise BuildBusy("rebuild already running")


def skipped_files(snapshot: Snapshot) -> dict[str, str]:
    """Return the files the snapshot's build skipped, with their reasons."""
    rows = snapshot.manifest.get("skipped") or []
    return {str(r.get("source", "")): str(r.get("reason", "")) for r in rows if isinstance(r, dict)}
