"""The extracted text of PDF, DOCX and HTML seeds, kept beside them as the cited file.

Convention: ``laporan.pdf`` in the seeds folder is converted once into
``laporan.pdf.txt`` (UTF-8, paragraphs separated by a blank line). The
``.txt`` is what gets indexed and cited, so line numbers and highlights work
as for any article; the original is kept and never indexed itself. Metadata
the document carries (an HTML page's title, site name, date and URL) goes
into a generated sidecar ``laporan.pdf.meta.json`` unless the user wrote one.
A document is converted again only when its bytes change; one that cannot be
read is skipped with a reason, and a text extracted earlier stays indexed.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from rag.core.types import Article, Skipped
from rag.ingest.corpus import list_seed_files, sha256_bytes
from rag.ingest.credits import clean_meta, is_sidecar, sidecar_path
from rag.ingest.documents import DocumentError, Extracted, extract_document, is_document

log = logging.getLogger(__name__)

GENERATED_KEY = "generated_from"


def derived_name(original: str) -> str:
    """Return the name of the cited text file of a document: ``laporan.pdf`` -> ``laporan.pdf.txt``."""
    return f"{original}.txt"


def original_of(name: str) -> str | None:
    """Return the document a text file was extracted from (``laporan.pdf.txt`` -> ``laporan.pdf``), or None."""
    if name.lower().endswith(".txt") and is_document(name[:-4]):
        return name[:-4]
    return None


@dataclass
class DocumentSync:
    """What converting the seeds folder's documents found."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # text name -> {"original": {source, sha256, format}}
    skipped: list[Skipped] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # documents and sidecars -> sha256 (for the seeds fingerprint)
    orphans: dict[str, str] = field(default_factory=dict)  # extracted text whose document is gone -> that document

    def apply(self, articles: list[Article], skipped: list[Skipped]) -> tuple[list[Article], list[Skipped]]:
        """Drop the texts of deleted documents and add this sync's skipped files to a corpus listing."""
        kept = [a for a in articles if a.source not in self.orphans]
        gone = [Skipped(name, f"dokumen asli {original} sudah tidak ada; hapus juga {name}") for name, original in self.orphans.items()]
        return kept, sorted([*skipped, *self.skipped, *gone], key=lambda s: s.source)


def sync_documents(seeds_dir: Path, max_bytes: int, previous: Mapping[str, Any]) -> DocumentSync:
    """Convert new or changed documents of the seeds folder; ``previous`` is the live manifest's ``sources``."""
    files, _ = list_seed_files(seeds_dir)
    present = {name for name, _ in files}
    sync = DocumentSync()
    for name, path in files:
        if is_sidecar(name):
            sync.hashes[name] = _hash(path)
        elif is_document(name):
            _sync_one(seeds_dir, name, path, max_bytes, previous, sync)
        elif (original := original_of(name)) and original not in present:
            sync.orphans[name] = original
    return sync


def _sync_one(seeds_dir: Path, name: str, path: Path, max_bytes: int, previous: Mapping[str, Any], sync: DocumentSync) -> None:
    """Convert one document unless its extracted text is current; record it or the reason it was skipped."""
    text_name = derived_name(name)
    text_path = seeds_dir.resolve() / text_name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DocumentError(f"berkas terlalu besar ({size} byte; batas {max_bytes})")
        data = path.read_bytes()
    except OSError as exc:
        sync.skipped.append(Skipped(name, f"tidak dapat dibaca ({exc.strerror or exc})"))
        return
    except DocumentError as exc:
        sync.skipped.append(_kept_note(name, str(exc), text_path))
        return
    digest = sync.hashes[name] = sha256_bytes(data)
    record = previous.get(text_name) if isinstance(previous, Mapping) else None
    old = record.get("original") if isinstance(record, dict) else None
    if isinstance(old, dict) and old.get("sha256") == digest and _hash(text_path) == record.get("sha256"):
        sync.records[text_name] = {"original": dict(old)}
        return
    try:
        extracted = extract_document(name, data)
        write_extracted(seeds_dir, name, extracted)
    except DocumentError as exc:
        sync.skipped.append(_kept_note(name, str(exc), text_path))
        return
    except OSError as exc:
        sync.skipped.append(Skipped(name, f"teks hasil ekstraksi tidak dapat disimpan ({exc.strerror or exc})"))
        return
    sync.records[text_name] = {"original": {"source": name, "sha256": digest, "format": extracted.kind}}


def pending_sources(seeds_dir: Path, known: set[str]) -> list[str]:
    """Return the seed files an index does not list yet, leaving out sidecars and documents whose text is listed."""
    files, _ = list_seed_files(seeds_dir)
    names = {name for name, _ in files}
    pending = []
    for name in sorted(names - known):
        if is_sidecar(name) or (is_document(name) and derived_name(name) in known | names):
            continue  # shown through the article they belong to
        pending.append(name)
    return pending


def _kept_note(name: str, reason: str, text_path: Path) -> Skipped:
    """Return the skip entry of an unreadable document, noting when its earlier text stays indexed."""
    if text_path.is_file():
        reason += f"; teks lama {text_path.name} tetap dipakai"
    return Skipped(name, reason)


def write_extracted(seeds_dir: Path, original: str, extracted: Extracted) -> str:
    """Write a document's extracted text (and its generated sidecar) beside it; return the text file's name."""
    name = derived_name(original)
    write_atomic(seeds_dir.resolve() / name, extracted.text.encode("utf-8"))
    meta = clean_meta(extracted.meta)
    sidecar = sidecar_path(seeds_dir.resolve(), name)
    if meta and _generated_or_absent(sidecar):
        payload = {**meta, GENERATED_KEY: Path(original).name}
        write_atomic(sidecar, (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    return name


def write_atomic(path: Path, data: bytes) -> bool:
    """Replace ``path`` with ``data`` through a temporary file (never half-written); return False if it already held them."""
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)  # replaces a link itself, never writes through it
    finally:
        temp.unlink(missing_ok=True)
    return True


def _generated_or_absent(sidecar: Path) -> bool:
    """Return True when a sidecar may be (re)written: it does not exist or an earlier conversion wrote it."""
    if not sidecar.exists():
        return True
    try:
        data = json.loads(sidecar.read_text("utf-8-sig"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and bool(data.get(GENERATED_KEY))


def _hash(path: Path) -> str:
    """Return a file's sha256, or '' when it cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return ""
