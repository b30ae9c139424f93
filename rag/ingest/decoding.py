"""Decoding a seed file's bytes: UTF-8, UTF-16/UTF-32 with a byte-order mark, Windows-1252, Latin-1.

UTF-16 and UTF-32 files hold NUL bytes, so they are recognized by their
byte-order mark before the binary test. Without a mark such a file is named
for what it looks like, not decoded by guesswork. Line numbers come out right
on their own: they are counted on the decoded text, whatever its line endings.
"""

from __future__ import annotations

import codecs

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8")


class SeedError(ValueError):
    """A seed file that cannot be used, with a human reason."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes into ``(text, encoding)``; a byte-order mark is not part of the text."""
    wide = _decode_wide(data)
    if wide is None and b"\x00" in data[:8192]:
        guess = _wide_without_bom(data)
        raise SeedError(f"{guess} text without a byte-order mark (save it as UTF-8)" if guess else "binary file (contains NUL bytes)")
    if data.startswith(_SIGNATURES):
        raise SeedError("binary file (image, PDF or archive)")
    text, encoding = wide or _narrow(data)
    if _looks_binary(text):
        raise SeedError("binary file (too many control characters)")
    return text, encoding


def _narrow(data: bytes) -> tuple[str, str]:
    """Decode as UTF-8 (BOM dropped), else Windows-1252, else Latin-1 (which decodes any bytes)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _decode_wide(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding)`` of UTF-16/UTF-32 bytes that start with a byte-order mark, or None for any other file."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise SeedError(f"invalid {encoding.upper()} text at byte {exc.start + len(bom)}") from None
    return None


def _wide_without_bom(data: bytes) -> str:
    """Return the encoding NUL-laden bytes look like (UTF-16 without a byte-order mark), or ''."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return ""
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "UTF-16-LE"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "UTF-16-BE"
    return ""


def _looks_binary(text: str) -> bool:
    """Return True when control characters make up a visible share of the text."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample) > 0.01
