"""PDF, DOCX and saved HTML articles: extraction, the extracted text kept beside the original, bad files.

The documents are written here from scratch (a hand-made PDF, python-docx, a small HTML page) with
articles written for this test (`tests/docmaker.py`)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from rag.ingest.corpus import sha256_bytes
from rag.ingest.docsync import derived_name, original_of, sync_documents
from rag.ingest.documents import MAX_UNZIPPED_BYTES, DocumentError, extract_document, paragraphs_from_lines
from tests.docmaker import (
    DOCX_ARTICLE,
    DOCX_TITLE,
    HTML_ARTICLE,
    HTML_META,
    HTML_TITLE,
    PDF_ARTICLE,
    encrypt_pdf,
    make_blank_pdf,
    make_docx,
    make_html,
    make_pdf,
)


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (MAX_UNZIPPED_BYTES + 1))
    return buffer.getvalue()


def test_pdf_text_is_rejoined_into_paragraphs() -> None:
    got = extract_document("a.pdf", make_pdf(PDF_ARTICLE, title="KPU Lembah Hijau Pastikan Logistik"))
    assert got.kind == "pdf" and got.meta == {"title": "KPU Lembah Hijau Pastikan Logistik"}
    paragraphs = got.text.split("\n\n")
    assert paragraphs[:2] == [" ".join(p.split()) for p in PDF_ARTICLE[:2]]  # the headline stands alone; lines rejoined
    assert " ".join(got.text.split()) == " ".join(" ".join(PDF_ARTICLE).split())  # every word, in order, nothing added


def test_docx_keeps_heading_paragraphs_and_table_rows_in_order() -> None:
    data = make_docx(DOCX_ARTICLE, heading=DOCX_TITLE, table=[["Kecamatan", "Pengawas"], ["Sari Timur", "12"]])
    got = extract_document("b.docx", data)
    assert got.text.split("\n\n") == [DOCX_TITLE, *DOCX_ARTICLE, "Kecamatan | Pengawas", "Sari Timur | 12\n"]


def test_html_gives_article_text_and_metadata() -> None:
    got = extract_document("c.html", make_html(HTML_TITLE, HTML_ARTICLE, **HTML_META))
    assert got.text.split("\n\n")[0] == HTML_TITLE and "Beranda" not in got.text and "Hak cipta" not in got.text
    assert got.meta == {"title": HTML_TITLE, "outlet": "Kabar Tanjung", "published": "2024-11-21", "url": HTML_META["url"]}


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("kunci.pdf", lambda: encrypt_pdf(make_pdf(PDF_ARTICLE)), "PDF terkunci kata sandi"),
        ("pindaian.pdf", make_blank_pdf, "hasil pindaian/scan"),
        ("rusak.pdf", lambda: b"%PDF-1.4 ...", "PDF rusak"),
        ("terpotong.pdf", lambda: make_pdf(PDF_ARTICLE)[:400], "PDF rusak"),
        ("rusak.docx", lambda: b"PK\x03\x04bukan zip", "DOCX rusak"),
        ("lama.docx", lambda: b"\xd0\xcf\x11\xe0" + bytes(600), "DOCX rusak"),
        ("bom.docx", zip_bomb, "terlalu besar"),
        ("kosong.docx", lambda: make_docx([]), "tidak berisi teks"),
        ("menu.html", lambda: b"<html><body><nav>Beranda</nav></body></html>", "tidak berisi teks artikel"),
        ("nol.pdf", lambda: b"", "berkas kosong"),
        ("catatan.doc", lambda: b"\xd0\xcf\x11\xe0", "Word lama (.doc) tidak didukung"),
    ],
)
def test_bad_documents_get_an_indonesian_reason(name: str, make: Callable[[], bytes], reason: str) -> None:
    with pytest.raises(DocumentError, match=reason.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        extract_document(name, make())


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["Pelaksanaan pemi-", "lihan berjalan lancar."], "Pelaksanaan pemilihan berjalan lancar."),
        (["di masing-", "masing desa dan KPU-", "nya siap."], "di masing-masing desa dan KPU-nya siap."),
        (["Judul Rapat Koordinasi Pilkada", "isi " * 20, "akhir."], "Judul Rapat Koordinasi Pilkada\n\n" + "isi " * 20 + "akhir."),
        (["kalimat pertama panjang " * 4, "selesai.", "", "Paragraf baru."], "kalimat pertama panjang " * 4 + "selesai.\n\nParagraf baru."),
    ],
)
def test_pdf_lines_become_paragraphs(lines: list[str], text: str) -> None:
    assert paragraphs_from_lines(lines) == " ".join(text.split(" ")).replace("  ", " ").strip()


@pytest.mark.parametrize(("name", "original"), [("a.pdf.txt", "a.pdf"), ("b.DOCX.txt", "b.DOCX"), ("c.htm.txt", "c.htm"), ("d.txt", None)])
def test_text_names_point_back_to_their_document(name: str, original: str | None) -> None:
    assert original_of(name) == original
    if original:
        assert derived_name(original) == name


def test_documents_are_converted_once_and_a_broken_update_keeps_the_old_text(tmp_path: Path) -> None:
    pdf = make_pdf(PDF_ARTICLE)
    (tmp_path / "laporan.pdf").write_bytes(pdf)
    (tmp_path / "halaman.html").write_bytes(make_html(HTML_TITLE, HTML_ARTICLE, **HTML_META))
    first = sync_documents(tmp_path, 10**7, {})
    text = tmp_path / "laporan.pdf.txt"
    assert set(first.records) == {"laporan.pdf.txt", "halaman.html.txt"} and not first.skipped
    assert first.records["laporan.pdf.txt"]["original"] == {"source": "laporan.pdf", "sha256": sha256_bytes(pdf), "format": "pdf"}
    sidecar = json.loads((tmp_path / "halaman.html.meta.json").read_text("utf-8"))
    assert sidecar["url"] == HTML_META["url"] and sidecar["generated_from"] == "halaman.html"
    recorded = {name: {**rec, "sha256": sha256_bytes((tmp_path / name).read_bytes())} for name, rec in first.records.items()}
    stamp = text.stat().st_mtime_ns
    again = sync_documents(tmp_path, 10**7, recorded)
    assert again.records == first.records and text.stat().st_mtime_ns == stamp  # not converted again
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF-1.4 rusak")
    broken = sync_documents(tmp_path, 10**7, recorded)
    assert [(s.source, s.reason) for s in broken.skipped] == [
        ("laporan.pdf", "PDF rusak atau tidak dapat dibaca; teks lama laporan.pdf.txt tetap dipakai")
    ]
    assert "Marlina Sihombing" in text.read_text("utf-8")
    (tmp_path / "halaman.html.meta.json").write_text('{"outlet": "Ditulis Tangan"}', encoding="utf-8")
    (tmp_path / "halaman.html").write_bytes(make_html(HTML_TITLE + " Lagi", HTML_ARTICLE, **HTML_META))
    sync_documents(tmp_path, 10**7, recorded)
    assert json.loads((tmp_path / "halaman.html.meta.json").read_text("utf-8")) == {"outlet": "Ditulis Tangan"}  # the user's own
    (tmp_path / "laporan.pdf").unlink()
    assert sync_documents(tmp_path, 10**7, recorded).orphans == {"laporan.pdf.txt": "laporan.pdf"}
