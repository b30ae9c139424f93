"""Small documents written from scratch for the document tests: a hand-made PDF, a DOCX and a saved HTML page."""

from __future__ import annotations

import io
import textwrap
from typing import Sequence


def make_pdf(paragraphs: Sequence[str], width: int = 90, title: str = "") -> bytes:
    """Return a minimal valid PDF (Helvetica, WinAnsi) whose page shows the paragraphs, wrapped at ``width`` characters."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width) or [""]
        lines.append("")
    ops = ["BT", "/F1 10 Tf", "12 TL", "50 800 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("cp1252")
    info = f"<< /Title ({title}) >>".encode("cp1252") if title else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        info,
    ]
    return _assemble(objects, root=1, info=6)


def make_blank_pdf() -> bytes:
    """Return a PDF with one page and no text at all (what a scan without OCR looks like to a text extractor)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 24 >>\nstream\n0 0 m 100 100 l S\n   \nendstream",
    ]
    return _assemble(objects, root=1)


def _assemble(objects: list[bytes], root: int, info: int | None = None) -> bytes:
    """Return the PDF file of numbered objects with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root) + (b" /Info %d 0 R" % info if info else b"") + b" >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypt_pdf(data: bytes, password: str = "rahasia") -> bytes:
    """Return the PDF encrypted with a user password (RC4, which pypdf writes without extra packages)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-pemilik", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs: Sequence[str], heading: str = "", table: Sequence[Sequence[str]] = ()) -> bytes:
    """Return a DOCX written by python-docx: an optional heading, the paragraphs and an optional table."""
    import docx

    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_html(title: str, paragraphs: Sequence[str], site: str = "", url: str = "", published: str = "") -> bytes:
    """Return a saved news page: navigation, an <article> with the paragraphs, metadata in <meta> tags and a footer."""
    meta = [f'<meta property="og:title" content="{title}">']
    if site:
        meta.append(f'<meta property="og:site_name" content="{site}">')
    if url:
        meta.append(f'<meta property="og:url" content="{url}">')
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page = (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title>{"".join(meta)}</head>'
            f"<body><nav><a href='/'>Beranda</a> | <a href='/politik'>Politik</a></nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>Hak cipta {site or 'redaksi'}. Semua hak dilindungi.</footer></body></html>")
    return page.encode("utf-8")


# Articles written for the document tests (ingest/test_documents.py, app/test_document_answers.py, app/test_sources.py).
PDF_ARTICLE = [
    "KPU Lembah Hijau Pastikan Logistik Pilkada Tiba Sepekan Sebelum Pencoblosan",
    "LEMBAH HIJAU, WARTALEMBAH.COM - Komisi Pemilihan Umum (KPU) Kabupaten Lembah Hijau menggelar rapat koordinasi logistik "
    "Pilkada 2024 di Aula Serbaguna Kantor Bupati Lembah Hijau, Senin (7/10/2024). Rapat dihadiri para camat dan kepala desa.",
    '"Kami memastikan seluruh surat suara tiba di gudang kecamatan paling lambat sepekan sebelum hari pemungutan suara," '
    "kata Ketua KPU Kabupaten Lembah Hijau, Marlina Sihombing.",
    "Ia menambahkan, gudang logistik di masing-masing kecamatan dijaga personel kepolisian selama dua puluh empat jam.",
]
DOCX_TITLE = "Bawaslu Bukit Sari Awasi Kampanye di Rumah Ibadah"
DOCX_ARTICLE = [
    "BUKIT SARI, POSBUKIT.ID - Badan Pengawas Pemilu (Bawaslu) Kabupaten Bukit Sari menggelar rapat koordinasi pengawasan "
    "kampanye bersama tokoh agama di Hotel Sari Indah, Rabu (16/10/2024).",
    '"Kami akan menurunkan pengawas ke setiap rumah ibadah agar tidak ada kampanye terselubung selama masa tenang," '
    "ujar Ketua Bawaslu Kabupaten Bukit Sari, Yohanes Bria Seran.",
]
HTML_TITLE = "Kapolres Tanjung Biru Siagakan Tiga Ratus Personel"
HTML_ARTICLE = [
    "TANJUNG BIRU - Kepolisian Resor Tanjung Biru menggelar apel siaga pengamanan Pilkada 2024 di Lapangan Merdeka Tanjung Biru, "
    "Kamis (21/11/2024).",
    '"Tiga ratus personel kami siagakan di tempat pemungutan suara yang rawan banjir," kata Kapolres Tanjung Biru '
    "AKBP Darmawan Hadi Saputra.",
]
HTML_META = {"site": "Kabar Tanjung", "url": "https://kabartanjung.id/berita/2024/11/21/apel-siaga",
             "published": "2024-11-21T09:00:00+08:00"}
