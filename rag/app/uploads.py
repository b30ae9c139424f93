"""Uploads: the file names and types the seeds folder accepts, and the error a refused upload raises."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from rag.ingest.corpus import is_hidden_or_temp
from rag.ingest.documents import unsupported_reason

MAX_NAME_CHARS = 120  # uploaded file names are cut to this length, extension kept
UPLOAD_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


class UploadError(ValueError):
    """An uploaded file was refused, with a reason a person can act on."""


def safe_filename(filename: str) -> str:
    """Return a file name safe to write in the seeds folder, or raise UploadError."""
    base = Path(str(filename).replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base).strip()
    base = _UNSAFE.sub("_", base).strip(" .")
    if not base or is_hidden_or_temp(base):
        raise UploadError(f"{filename!r}: nama berkas tidak dapat dipakai")
    stem, suffix = Path(base).stem, Path(base).suffix
    if suffix.lower() not in UPLOAD_SUFFIXES:
        hint = unsupported_reason(base) or f"jenis berkas ini tidak didukung; yang diterima: {', '.join(UPLOAD_SUFFIXES)}"
        raise UploadError(f"{base}: {hint}")
    return stem[: MAX_NAME_CHARS - len(suffix)].rstrip(" .") + suffix
