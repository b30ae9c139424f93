"""Values that come from outside (API calls, the chat box, stdin, argv), checked before any work is done on them.

A question that is not text gets a clear reply; one with undecodable bytes or
lone surrogates (which no UTF-8 output can carry) is cleaned, each bad
character shown as U+FFFD, and refused with a message, so nothing downstream
(the model's tokenizer, JSON output, the web server) ever sees them.
"""

from __future__ import annotations

import re
import unicodedata

from rag.answer.legacy import message

MAX_NAME_CHARS = 1024  # a seed file name (with its folders); longer ones are refused before any file system call
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_KINDS = {type(None): "nilai kosong (null)", bool: "nilai benar/salah", int: "angka", float: "angka", list: "daftar", tuple: "daftar",
          dict: "objek"}
BAD_CHARACTERS = ("Pertanyaan berisi karakter yang tidak terbaca (bukan UTF-8 yang sah), ditampilkan sebagai \ufffd. "
                  "Ketik ulang pertanyaan tanpa karakter itu.")


def kind_of(value: object) -> str:
    """Return what a value is, in Indonesian ('angka', 'daftar', 'objek', ...)."""
    return _KINDS.get(type(value), type(value).__name__)


def clean(text: str) -> str:
    """Return ``text`` with every lone surrogate (an undecodable byte, a broken escape) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def as_question(value: object) -> tuple[str, str]:
    """Return ``(question, problem)``: the question as text that is safe to echo, and why it cannot be asked ('' if it can)."""
    if value is None:
        return "", ""
    if not isinstance(value, str):
        return "", f"Pertanyaan harus berupa teks, bukan {kind_of(value)}."
    cleaned = clean(value)
    return cleaned, BAD_CHARACTERS if cleaned != value else ""


def name_problem(value: object) -> str:
    """Return why ``value`` cannot be a seed file name ('' if it can be looked up)."""
    if not isinstance(value, str):
        return f"nama berkas harus berupa teks, bukan {kind_of(value)}"
    if len(value) > MAX_NAME_CHARS:
        return f"nama berkas terlalu panjang ({len(value)} karakter, maksimal {MAX_NAME_CHARS})"
    if clean(value) != value:
        return "nama berkas berisi karakter yang tidak terbaca"
    return ""


NOT_LATIN = ("Pertanyaan harus ditulis dengan huruf Latin, dalam bahasa Indonesia atau Inggris "
             "(please ask in Indonesian or English).")


def validate_question(question: str | None, limit: int) -> str:
    """Return a reason the question cannot be asked, or '' if it is fine."""
    if question is None or not question.strip():
        return message("empty", "id")
    text = question.strip()
    if len(text) > limit:
        return message("too_long", "id").format(limit=limit)
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        return message("no_words", "id")
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(1 for ch in letters if _latin(ch)) < len(letters) / 2:
        return NOT_LATIN
    return ""


def _latin(ch: str) -> bool:
    """Return True for a letter of the Latin script (the corpus and the supported languages use it)."""
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
