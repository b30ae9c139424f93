"""Plain text out of PDF, DOCX and saved HTML articles.

`extract_document` turns a document's bytes into article text (paragraphs
separated by a blank line) plus whatever credit metadata the file carries.
A file that cannot be used raises `DocumentError` with an Indonesian reason
a journalist can act on (encrypted PDF, scanned PDF without text, broken
archive, page without article text).
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from rag.core.lexicon import word_set
from rag.core.text import LETTERS

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")
MAX_PAGES = 1000
MAX_TEXT_CHARS = 2_000_000
MAX_UNZIPPED_BYTES = 100_000_000  # a DOCX that inflates beyond this is refused (zip bomb)
_OLD_FORMATS = {".doc": "Word lama (.doc)", ".rtf": "RTF", ".odt": "OpenDocument (.odt)", ".pages": "Pages"}
_REPLACEMENTS = str.maketrans({"\u00a0": " ", "\u00ad": None, "\ufb01": "fi", "\ufb02": "fl", "\ufeff": None, "\u200b": None})
_SENTENCE_END = re.compile(r"[.!?:\"”’)]$")


class DocumentError(ValueError):
    """A document that yields no usable text, with a reason in Indonesian."""


@dataclass(frozen=True)
class Extracted:
    """The text of a document and the credit metadata it carries (title, outlet, published, url)."""

    text: str
    kind: str  # "pdf", "docx" or "html"
    meta: dict[str, str] = field(default_factory=dict)


def is_document(name: str) -> bool:
    """Return True for a file name this module converts (PDF, DOCX, HTML)."""
    return PurePosixPath(name).suffix.lower() in DOCUMENT_SUFFIXES


def unsupported_reason(name: str) -> str:
    """Return why a file type cannot be used ('' when it can): a hint for old office formats."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _OLD_FORMATS:
        return f"format {_OLD_FORMATS[suffix]} tidak didukung; simpan sebagai .docx atau .pdf lalu unggah lagi"
    return ""


def extract_document(name: str, data: bytes) -> Extracted:
    """Return the article text of a PDF, DOCX or HTML file; raise DocumentError with a reason."""
    suffix = PurePosixPath(name).suffix.lower()
    if not data:
        raise DocumentError("berkas kosong")
    if suffix == ".pdf":
        result = _pdf(data)
    elif suffix == ".docx":
        result = _docx(data)
    elif suffix in (".html", ".htm"):
        result = _html(data)
    else:
        raise DocumentError(unsupported_reason(name) or f"jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung")
    text = tidy(result.text)
    if sum(ch.isalpha() for ch in text) < 20:
        raise DocumentError(_EMPTY[result.kind])
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(f"teks terlalu panjang ({len(text)} karakter; batas {MAX_TEXT_CHARS})")
    return Extracted(text, result.kind, {k: v for k, v in result.meta.items() if v})


_EMPTY = {
    "pdf": "PDF tidak berisi teks yang dapat dibaca (mungkin hasil pindaian/scan); jalankan OCR dulu atau unggah versi teksnya",
    "docx": "dokumen DOCX tidak berisi teks",
    "html": "halaman HTML tidak berisi teks artikel",
}


def tidy(text: str) -> str:
    """Return text with odd spaces and ligatures normalized, lines right-trimmed and at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).translate(_REPLACEMENTS).replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1]):
            out.append(line if line.strip() else "")
    return "\n".join(out).strip("\n") + "\n"


def _pdf(data: bytes) -> Extracted:
    """Extract a PDF's text page by page, rejoining lines into paragraphs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a broken file is reported once, as the reason below
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _open_without_password(reader):
            raise DocumentError("PDF terkunci kata sandi (terenkripsi); buka kuncinya lalu unggah lagi")
        if len(reader.pages) > MAX_PAGES:
            raise DocumentError(f"PDF terlalu banyak halaman ({len(reader.pages)}; batas {MAX_PAGES})")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = _pdf_title(reader)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError, NotImplementedError) as exc:
        log.info("unreadable PDF: %s", exc)
        raise DocumentError("PDF rusak atau tidak dapat dibaca") from exc
    return Extracted(paragraphs_from_lines("\n".join(pages).split("\n")), "pdf", {"title": title})


def _open_without_password(reader: object) -> bool:
    """Return True when an encrypted PDF opens with the empty user password (permissions-only encryption)."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - an unsupported cipher is the same as a password for the user
        return False


def _pdf_title(reader: object) -> str:
    """Return the PDF's Title metadata unless it is a file name or a tool's placeholder."""
    try:
        title = str((reader.metadata or {}).get("/Title") or "").strip()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - metadata is optional
        return ""
    if not title or re.search(r"\.(?:docx?|pdf|odt|rtf|txt)$|^microsoft word|^untitled|^judul$", title, re.IGNORECASE):
        return ""
    return title if len(title.split()) >= 3 else ""


def paragraphs_from_lines(lines: list[str]) -> str:
    """Rejoin a PDF's visual lines into paragraphs (one blank line between them), undoing end-of-line hyphenation.

    A line ends a paragraph when it is blank, when it ends a sentence or is in title case and is clearly
    shorter than the page's usual line, or when it is a title-case first line (the headline).
    "pemi-" + "lihan" becomes "pemilihan", while "masing-" + "masing" keeps its hyphen.
    """
    clean = [" ".join(line.split()) for line in lines]
    widths = sorted(len(line) for line in clean if line)
    usual = widths[int(len(widths) * 0.8)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in clean:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        headline = not paragraphs and current == "" and _heading(line)  # the first line, however long
        current = _join(current, line)
        if headline or (len(line) < 0.8 * usual and (_SENTENCE_END.search(line) or _heading(line))):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _heading(line: str) -> bool:
    """Return True for a short title-case line (a headline or subheading), which stands alone."""
    words = [w for w in LETTERS.findall(line) if w.lower() not in word_set("stopwords", "title_small_words")]
    if len(words) < 2 or line.endswith((",", ";", "-")):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _join(left: str, right: str) -> str:
    """Join two visual lines of one paragraph."""
    if not left:
        return right
    m = re.search(r"(\w+)-$", left)
    if m and right[:1].islower():
        head = m.group(1)
        if right.lower().startswith(head.lower()) or head.isupper():
            return left + right  # "masing-" + "masing", "KPU-" + "nya": a real hyphen
        return left[:-1] + right
    return f"{left} {right}"


def _docx(data: bytes) -> Extracted:
    """Extract a DOCX's paragraphs and table rows in document order."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise DocumentError("DOCX terlalu besar setelah dibuka (arsip mencurigakan)")
    except zipfile.BadZipFile as exc:
        raise DocumentError("DOCX rusak: bukan arsip .docx yang sah (mungkin berkas .doc lama yang diganti namanya)") from exc
    try:
        import docx
        from docx.table import Table

        document = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                parts += [" | ".join(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip())) for row in block.rows]
            else:
                parts.append(block.text)
        title = (document.core_properties.title or "").strip()
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for broken packages
        log.info("unreadable DOCX: %s", exc)
        raise DocumentError("DOCX rusak atau bukan dokumen Word (.docx) yang sah") from exc
    text = "\n\n".join(" ".join(p.split()) for p in parts if p.strip())
    return Extracted(text, "docx", {"title": title if len(title.split()) >= 3 else ""})


def _html(data: bytes) -> Extracted:
    """Extract a saved web page's article text and its metadata (title, site name, date, URL) with trafilatura."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, include_tables=True)
    except Exception as exc:  # noqa: BLE001 - a malformed page must be a reason, not a crash
        log.info("unreadable HTML: %s", exc)
        raise DocumentError("halaman HTML tidak dapat dibaca") from exc
    if found is None:
        raise DocumentError(_EMPTY["html"])
    info = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    body = [line.strip() for line in str(info.get("text") or "").split("\n") if line.strip()]
    title = " ".join(str(info.get("title") or "").split())
    if title and (not body or body[0] != title):
        body.insert(0, title)
    meta = {"title": title, "outlet": str(info.get("sitename") or info.get("hostname") or ""),
            "published": str(info.get("date") or ""), "url": str(info.get("url") or "")}
    return Extracted("\n\n".join(body), "html", meta)
