"""Hostile text: over-long lines and runs without sentence ends are cut into bounded pieces, UTF-16 and
UTF-32 seeds are decoded with the right lines, undecodable wide text is named for what it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.ingest.corpus import load_corpus, paragraph_spans
from rag.ingest.decoding import SeedError, decode_bytes
from rag.ingest.runs import LONG_RUN, split_run

UTF16_TEXT = "Rakor Pilkada di Kota Kupang\r\n\r\nKetua KPU, Yakobus Lado, hadir.\r\n\u201cKami siap,\u201d kata Yakobus Lado.\r\n"


def test_an_over_long_line_becomes_sentence_paragraphs_with_offsets_into_the_file() -> None:
    line = " ".join(f'"Kami siap nomor {i}. Semua aman," kata Ketua KPU Budi Santoso. Rapat ke-{i} selesai.' for i in range(200))
    text = "Judul berita rakor Pilkada di Kota Contoh\n\n" + line + "\n"
    spans = paragraph_spans(Article("x.txt", text, "0"))
    assert len(line) > LONG_RUN and len(spans) == 1 + 2 * 200
    assert all(text[s.start : s.end] == s.text and s.start_line == s.end_line for s in spans)
    assert spans[1].text == '"Kami siap nomor 0. Semua aman," kata Ketua KPU Budi Santoso.'  # the quote stays whole
    assert {s.start_line for s in spans[1:]} == {3}


def test_a_run_without_sentence_ends_is_still_cut_into_bounded_pieces() -> None:
    text = "“" + "kata tanpa titik " * 2000  # an unclosed quote and no full stop: 34,001 characters
    pieces = split_run(text, 0, len(text))
    assert len(pieces) > 1 and max(b - a for a, b in pieces) <= LONG_RUN
    assert "".join(text[a:b] for a, b in pieces).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
                                           ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_utf16_and_utf32_with_a_bom_are_decoded_with_the_right_lines(encoding: str, bom: bytes, tmp_path: Path) -> None:
    """UTF-16 seeds used to be skipped as 'binary file (contains NUL bytes)'."""
    path = tmp_path / "seeds" / "kupang.txt"
    path.parent.mkdir()
    path.write_bytes(bom + UTF16_TEXT.encode(encoding))
    (art,), skipped = load_corpus(path.parent, 1_000_000)
    assert not skipped and art.text == UTF16_TEXT and art.encoding == encoding
    start = art.text.index("Kami siap")
    assert art.lines_of(start, start + 9) == (4, 4)  # CRLF counts as one line break; the BOM is not text
    (statement,) = extract_statements(art, extract_meetings(art))
    assert statement.speaker.name == "Yakobus Lado" and statement.start_line == 4
    assert art.text[statement.start : statement.end] == statement.text


@pytest.mark.parametrize("data, reason", [
    (UTF16_TEXT.encode("utf-16-le"), "teks UTF-16-LE tanpa penanda urutan byte"),
    (UTF16_TEXT.encode("utf-16-be"), "teks UTF-16-BE tanpa penanda urutan byte"),
    (b"\xff\xfe" + UTF16_TEXT.encode("utf-16-le")[:-1], "teks UTF-16-LE tidak valid"),
    (bytes(range(256)) * 4, "berkas biner, bukan teks (berisi byte NUL)"),
])
def test_undecodable_wide_text_is_named_for_what_it_is(data: bytes, reason: str) -> None:
    with pytest.raises(SeedError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)
