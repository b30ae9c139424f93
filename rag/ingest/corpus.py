"""Reading seed files safely and finding the article's real content.

`load_corpus` decodes every acceptable file in the seeds folder and reports
the rest with a reason. `content_paragraphs` returns the spans of an article
that carry news text: boilerplate footers and verbatim repeats are left out,
and every span still points into the untouched original text.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Collection

from rag.core.lexicon import patterns
from rag.core.types import Article, Skipped, Span
from rag.ingest.credits import is_sidecar
from rag.ingest.decoding import SeedError, decode_bytes
from rag.ingest.documents import is_document, unsupported_reason

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = (".txt", ".md")
SUPPORTED = ".txt, .md, .pdf, .docx, .html, .htm"
_PARAGRAPH = re.compile(r"[^\r\n]+(?:\r?\n[^\r\n]+)*")
_WS = re.compile(r"\s+")


def sha256_bytes(data: bytes) -> str:
    """Return the hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def is_hidden_or_temp(name: str) -> bool:
    """Return True for editor temp files, hidden files and backups."""
    return (
        name.startswith((".", "~", "#"))
        or name.endswith(("~", ".swp", ".swo", ".tmp", ".part", ".bak"))
        or ".#" in name
    )


def read_article(path: Path, source: str, max_bytes: int) -> Article:
    """Read and decode one seed file, raising SeedError with a reason."""
    size = path.stat().st_size
    if size == 0:
        raise SeedError("berkas kosong")
    if size > max_bytes:
        raise SeedError(f"berkas terlalu besar ({size} byte; batas {max_bytes})")
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise SeedError("tidak ada teks (hanya spasi)")
    if not any(ch.isalpha() for ch in text):
        raise SeedError("tidak ada kata dalam berkas")
    return Article(source=source, text=text, sha256=sha256_bytes(data), encoding=encoding)


def list_seed_files(seeds_dir: Path) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    """List usable seed files (name, path) and the skipped ones, sorted by name."""
    root = seeds_dir.resolve()
    files: list[tuple[str, Path]] = []
    skipped: list[Skipped] = []
    if not root.is_dir():
        return files, skipped
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if not _utf8(name):
            if path.is_file():
                skipped.append(Skipped(_printable(name), "nama berkas bukan UTF-8 yang sah (ganti nama berkasnya)"))
            continue
        if any(is_hidden_or_temp(part) for part in Path(name).parts):
            if path.is_file():
                skipped.append(Skipped(name, "berkas tersembunyi atau sementara"))
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        reason = _path_problem(path, root)
        if reason:
            skipped.append(Skipped(name, reason))
            continue
        files.append((name, path))
    return files, skipped


def _utf8(name: str) -> bool:
    """Return True if a file name decoded from the disk is valid UTF-8 (no surrogate escapes)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(name: str) -> str:
    """Return a file name with undecodable bytes shown as ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _path_problem(path: Path, root: Path) -> str:
    """Return why a path under the seeds folder cannot be read, or ''."""
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "tautan (symlink) rusak"
    if not real.is_relative_to(root):
        return "tautan menunjuk ke luar folder seeds"
    if not real.is_file():
        return "bukan berkas biasa"
    if path.suffix.lower() not in ACCEPTED_SUFFIXES and not is_document(path.name) and not is_sidecar(path.name):
        return unsupported_reason(path.name) or f"jenis berkas {path.suffix or '(tanpa akhiran)'} tidak didukung (hanya {SUPPORTED})"
    return ""


def load_corpus(seeds_dir: Path, max_bytes: int, prefer: Collection[str] = ()) -> tuple[list[Article], list[Skipped]]:
    """Decode every usable seed; skip duplicates and bad files with a reason.

    Of two copies of the same article, a name in ``prefer`` (already indexed)
    is kept; otherwise the first name in sorted order.
    """
    files, skipped = list_seed_files(seeds_dir)
    articles: list[Article] = []
    seen: dict[str, str] = {}
    for name, path in sorted(files, key=lambda item: (item[0] not in prefer, item[0])):
        if path.suffix.lower() not in ACCEPTED_SUFFIXES:
            continue  # documents are read through their extracted text (rag.docsync); sidecars through rag.credits
        try:
            article = read_article(path, name, max_bytes)
        except (SeedError, OSError) as exc:
            skipped.append(Skipped(name, str(exc)))
            continue
        key = normalized_hash(article.text)
        if key in seen:
            skipped.append(Skipped(name, f"duplikat: isinya sama dengan {seen[key]}"))
            continue
        seen[key] = name
        articles.append(article)
    return sorted(articles, key=lambda a: a.source), skipped


def seed_stats(seeds_dir: Path) -> dict[str, tuple[int, int]]:
    """Return ``(size, mtime_ns)`` of every candidate seed file by name, without reading any."""
    files, _ = list_seed_files(seeds_dir)
    stats: dict[str, tuple[int, int]] = {}
    for name, path in files:
        try:
            info = path.stat()
        except OSError:
            continue
        stats[name] = (info.st_size, info.st_mtime_ns)
    return stats


def fingerprint(stats: dict[str, tuple[int, int]], hashes: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Return the manifest's record of the seeds folder: size, mtime and sha256 per file."""
    return {name: {"size": size, "mtime_ns": mtime, "sha256": hashes.get(name, "")} for name, (size, mtime) in stats.items()}


def seeds_changed(seeds_dir: Path, recorded: dict[str, Any] | None) -> str:
    """Return why the seeds folder differs from a recorded fingerprint, or '' if it does not.

    Cheap: files whose size and mtime are unchanged are not read; a file that
    was only touched is hashed and compared with its recorded sha256.
    """
    if not isinstance(recorded, dict):
        return "the index does not record the seeds folder"
    current = seed_stats(seeds_dir)
    if set(current) != set(recorded):
        added, gone = sorted(set(current) - set(recorded)), sorted(set(recorded) - set(current))
        return f"files added {added[:5]} or removed {gone[:5]}"
    root = seeds_dir.resolve()
    for name, (size, mtime) in current.items():
        old = recorded[name] if isinstance(recorded[name], dict) else {}
        if (size, mtime) == (old.get("size"), old.get("mtime_ns")):
            continue
        if size != old.get("size") or not old.get("sha256") or _hash_file(root / name) != old["sha256"]:
            return f"{name} changed"
    return ""


def _hash_file(path: Path) -> str:
    """Return the sha256 of a file, or '' if it cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return ""


def normalized_hash(text: str) -> str:
    """Hash text with white space folded, to find the same article saved twice."""
    return sha256_bytes(_WS.sub(" ", text).strip().lower().encode("utf-8"))


def resolve_seed(seeds_dir: Path, name: str) -> Path:
    """Return the path of seed ``name``, refusing anything outside the seeds folder."""
    if not name or "\x00" in name or Path(name).is_absolute() or ".." in Path(name).parts:
        raise SeedError(f"bukan nama berkas seeds: {name!r}")
    root = seeds_dir.resolve()
    try:
        path = (root / name).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise SeedError(f"tidak ada berkas seeds bernama {name!r}")
    except OSError as exc:  # a name too long for the file system, a loop of links ...
        raise SeedError(f"bukan nama berkas seeds: {exc.strerror or exc}") from None
    return path


def is_boilerplate(text: str) -> bool:
    """Return True for a paragraph that is a site footer, byline stub or comment form."""
    line = text.strip()
    return any(p.search(line) for p in patterns("boilerplate", "line_patterns"))


def paragraph_spans(article: Article) -> list[Span]:
    """Return every non-blank line block of the article as a span (lines split too)."""
    return list(_paragraph_spans(article))


@lru_cache(maxsize=8)
def _paragraph_spans(article: Article) -> tuple[Span, ...]:
    """Return the line blocks of an article (cached: indexing asks several times per article)."""
    from rag.ingest.runs import runs  # an over-long line comes sentence by sentence

    text, spans = article.text, []
    for a, b in runs(text):
        start, end = _strip_span(text, a, b)
        first, last = article.lines_of(start, end)
        spans.append(Span(article.source, start, end, first, last, text[start:end]))
    return tuple(spans)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it has no leading or trailing white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def content_paragraphs(article: Article) -> list[Span]:
    """Return the article's paragraphs minus footers and verbatim repeats."""
    return list(_content_paragraphs(article))


@lru_cache(maxsize=8)
def _content_paragraphs(article: Article) -> tuple[Span, ...]:
    """Return the kept paragraphs of an article (memoized: chunking and both extractors ask)."""
    kept: list[Span] = []
    seen: set[str] = set()
    footer_hit = False
    for span in paragraph_spans(article):
        if is_boilerplate(span.text):
            footer_hit = footer_hit or _ends_article(span.text)
            continue
        if footer_hit and len(span.text) < 60:
            continue  # short lines after a footer: "Pos terkait", share buttons...
        key = _WS.sub(" ", span.text).strip().lower()
        if key in seen:
            continue
        seen.add(key)
        kept.append(span)
    return tuple(kept)


def news_text(article: Article) -> str:
    """Return the article's kept paragraphs as one text: no footers, no "Baca juga" teasers of other articles."""
    return "\n\n".join(span.text for span in _content_paragraphs(article))


def _ends_article(text: str) -> bool:
    """Return True for footers after which only site chrome follows."""
    low = text.lower()
    return "tinggalkan balasan" in low or "copyright" in low or "©" in low
