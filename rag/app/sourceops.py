"""The service's source management: add, delete and replace an article, keeping the index consistent.

Files are checked before anything is written (`rag.library.prepare`); a
delete or replace keeps the old bytes in memory and puts them back when the
new index cannot be built or cannot use the new version, so nothing already
indexed is lost. The index is updated incrementally by `Service.rebuild`,
and the chat keeps answering from the old generation until it is swapped in.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol

from rag.answer.context import Context
from rag.app.uploads import UploadError, safe_filename
from rag.core.settings import Settings
from rag.core.types import IndexReport
from rag.index.build import NothingToIndex
from rag.index.embed.e5convert import Progress
from rag.ingest import library
from rag.ingest.corpus import normalized_hash
from rag.ingest.credits import sidecar_path


class Service(Protocol):
    """What source management needs of the service: its settings, its loaded context and a rebuild."""

    settings: Settings

    def loaded_context(self) -> Context | None:
        """Return the live query context if one is loaded."""

    def rebuild(self, full: bool = False, on_progress: Progress | None = None) -> IndexReport:
        """Update the index from the seeds and swap it in."""


def add_document(service: Service, name: str, data: bytes, meta: Mapping[str, Any] | None) -> str:
    """Validate and store a new article; return its cited file name (see `Service.add_document`)."""
    safe = safe_filename(name)
    limit = service.settings.max_upload_bytes
    try:
        if len(data) > limit:
            raise library.LibraryError(f"{safe}: lebih besar dari {limit} byte")
        upload = library.prepare(safe, data, meta)
        refuse_duplicate(service, upload)
        return library.write_new(service.settings.seeds_dir, upload)
    except library.LibraryError as exc:
        raise UploadError(str(exc)) from None


def delete_source(service: Service, name: str, rebuild: bool, on_progress: Progress | None) -> IndexReport | None:
    """Delete an article's files and update the index; put them back if that fails (see `Service.delete_source`)."""
    try:
        backup = library.Backup.take(library.files_of(service.settings.seeds_dir, name))
        backup.remove()
    except library.LibraryError as exc:
        raise UploadError(str(exc)) from None
    if not rebuild:
        return None
    try:
        return service.rebuild(on_progress=on_progress)
    except NothingToIndex:
        backup.restore()
        raise UploadError(f"{name}: tidak dapat dihapus karena tidak ada artikel lain; indeks lama tetap dipakai") from None
    except BaseException:
        backup.restore()
        raise


def replace_source(service: Service, name: str, data: bytes, meta: Mapping[str, Any] | None, rebuild: bool,
                   on_progress: Progress | None) -> IndexReport | None:
    """Write a corrected version over an article and update the index (see `Service.replace_source`)."""
    seeds = service.settings.seeds_dir
    try:
        paths = library.files_of(seeds, name)
        stored = library.stored_name(seeds, name)
        if len(data) > service.settings.max_upload_bytes:
            raise library.LibraryError(f"{stored}: lebih besar dari {service.settings.max_upload_bytes} byte")
        upload = library.prepare(stored, data, meta)
        refuse_duplicate(service, upload, allowed=upload.cited)
        backup = library.Backup.take(paths)
        library.write_over(seeds, upload)
    except library.LibraryError as exc:
        raise UploadError(str(exc)) from None
    added = [sidecar_path(seeds.resolve(), upload.cited)]  # a sidecar the new version brought, removed on undo
    if not rebuild:
        return None
    try:
        report = service.rebuild(on_progress=on_progress)
    except BaseException:
        backup.restore(added)
        raise
    reasons = {s.source: s.reason for s in report.skipped}
    refused = reasons.get(upload.cited) or reasons.get(stored)
    if refused:
        backup.restore(added)
        service.rebuild(on_progress=on_progress)
        raise UploadError(f"{stored}: versi baru tidak dapat dipakai ({refused}); versi lama dikembalikan")
    return report


def refuse_duplicate(service: Service, upload: library.Upload, allowed: str = "") -> None:
    """Refuse an article whose text equals an indexed one's (other than ``allowed``), naming that one."""
    ctx = service.loaded_context()
    if ctx is None:
        return  # nothing loaded yet: the index report names any duplicate
    for source, article in ctx.snapshot.articles.items():
        if source != allowed and normalized_hash(article.text) == upload.fingerprint:
            raise library.LibraryError(f"{upload.name}: isinya sama dengan {source} yang sudah ada (duplikat)")
