"""The seeds folder as a library: adding, replacing and deleting an article's files.

An article is one cited text file plus, when it came from a document, the
original (``laporan.pdf`` beside ``laporan.pdf.txt``) and its credit
sidecar. `prepare` validates an upload completely before anything is
written, so a refused file leaves the folder as it was; `Backup` keeps the
bytes of the files a delete or replace touches so the service can put them
back when the new index cannot be built. Every message is Indonesian.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from rag.core.types import Article
from rag.ingest.corpus import content_paragraphs, normalized_hash, sha256_bytes
from rag.ingest.credits import clean_meta, sidecar_path
from rag.ingest.decoding import SeedError, decode_bytes
from rag.ingest.docsync import derived_name, original_of, write_atomic, write_extracted
from rag.ingest.documents import DocumentError, Extracted, extract_document, is_document


class LibraryError(ValueError):
    """A library operation was refused, with a reason in Indonesian."""


@dataclass(frozen=True)
class Upload:
    """A validated article, ready to be written: the stored name, the cited text and what it came from."""

    name: str  # the file as the user gave it ("laporan.pdf", "berita.txt")
    cited: str  # the file that is indexed and cited ("laporan.pdf.txt", "berita.txt")
    data: bytes
    text: str
    extracted: Extracted | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Return the white-space-folded hash duplicates are found by."""
        return normalized_hash(self.text)


def prepare(name: str, data: bytes, meta: Mapping[str, Any] | None = None) -> Upload:
    """Validate an upload (document conversion, decoding, article text); raise LibraryError with the reason."""
    try:
        if is_document(name):
            extracted = extract_document(name, data)
            text, cited = extracted.text, derived_name(name)
        else:
            extracted, cited = None, name
            text, _ = decode_bytes(data)
    except (DocumentError, SeedError) as exc:
        raise LibraryError(f"{name}: {exc}") from exc
    if not any(ch.isalpha() for ch in text):
        raise LibraryError(f"{name}: tidak ada kata dalam berkas")
    if not content_paragraphs(Article(cited, text, sha256_bytes(data))):
        raise LibraryError(f"{name}: tidak ada teks berita (hanya kaki halaman/boilerplate atau spasi)")
    return Upload(name, cited, data, text, extracted, clean_meta(meta or {}))


def files_of(seeds_dir: Path, name: str) -> list[Path]:
    """Return the existing files of the article named by its cited or original name (cited text first)."""
    root = seeds_dir.resolve()
    if not name or "\x00" in name or Path(name).is_absolute() or ".." in Path(name).parts:
        raise LibraryError(f"bukan nama sumber yang sah: {name!r}")
    if is_document(name):
        original, cited = name, derived_name(name)
    else:
        original, cited = original_of(name), name
    candidates = [root / cited, *([root / original] if original else []), sidecar_path(root, cited)]
    found = [p for p in candidates if p.is_file() and p.resolve().is_relative_to(root)]
    if not any(p.name in (cited, original) for p in found):
        raise LibraryError(f"tidak ada sumber bernama {name}")
    return found


def stored_name(seeds_dir: Path, name: str) -> str:
    """Return the name an article was uploaded under: its document if it has one, else its text file."""
    original = name if is_document(name) else original_of(name)
    if original and (seeds_dir.resolve() / original).is_file():
        return original
    return name


def write_new(seeds_dir: Path, upload: Upload) -> str:
    """Write a new article's files, never replacing an existing one; return the cited name."""
    root = seeds_dir.resolve()
    root.mkdir(parents=True, exist_ok=True)
    targets = [upload.name] + ([upload.cited] if upload.cited != upload.name else [])
    taken = [t for t in targets if (root / t).exists() or (root / t).is_symlink()]
    if taken:
        raise LibraryError(f"{upload.name}: sudah ada berkas bernama {taken[0]}; pakai 'Ganti' untuk memperbaruinya atau ganti nama berkas")
    written: list[Path] = []
    try:
        with open(root / upload.name, "xb") as handle:  # "x": never replaces a file or follows a link
            written.append(root / upload.name)
            handle.write(upload.data)
        _write_rest(root, upload)
    except FileExistsError:
        raise LibraryError(f"{upload.name}: sudah ada berkas dengan nama ini; ganti nama berkas") from None
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise LibraryError(f"{upload.name}: tidak dapat disimpan ({exc.strerror or exc})") from None
    return upload.cited


def write_over(seeds_dir: Path, upload: Upload) -> str:
    """Write an article's files over its previous version (each file replaced atomically); return the cited name."""
    root = seeds_dir.resolve()
    try:
        write_atomic(root / upload.name, upload.data)
        _write_rest(root, upload)
    except OSError as exc:
        raise LibraryError(f"{upload.name}: tidak dapat disimpan ({exc.strerror or exc})") from None
    return upload.cited


def _write_rest(root: Path, upload: Upload) -> None:
    """Write the extracted text of a document and the credit sidecar the upload form filled."""
    if upload.extracted is not None:
        write_extracted(root, upload.name, upload.extracted)
    if upload.meta:
        payload = json.dumps(upload.meta, ensure_ascii=False, indent=2) + "\n"
        write_atomic(sidecar_path(root, upload.cited), payload.encode("utf-8"))


@dataclass
class Backup:
    """The bytes of an article's files before a delete or replace, to put back if the new index fails."""

    files: dict[Path, bytes]

    @classmethod
    def take(cls, paths: list[Path]) -> Backup:
        """Read the files into memory."""
        try:
            return cls({p: p.read_bytes() for p in paths})
        except OSError as exc:
            raise LibraryError(f"{paths[0].name}: tidak dapat dibaca ({exc.strerror or exc})") from None

    def remove(self) -> None:
        """Delete the files (they are put back by `restore`)."""
        try:
            for path in self.files:
                path.unlink(missing_ok=True)
        except OSError as exc:
            self.restore()
            raise LibraryError(f"tidak dapat dihapus ({exc.strerror or exc})") from None

    def restore(self, written: list[Path] | None = None) -> None:
        """Put every file back as it was, and remove files a failed replace added (``written``)."""
        for path in written or []:
            if path not in self.files:
                path.unlink(missing_ok=True)
        for path, data in self.files.items():
            write_atomic(path, data)
