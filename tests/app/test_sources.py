"""Managing sources through the service: add any document, delete, replace, duplicates, credit sidecars.

Real model, real index: the session's seeds index is copied and updated incrementally.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

import pytest

from rag.app.service import NOT_YET, UploadError
from rag.core.settings import Settings
from rag.core.types import Credit
from tests.conftest import SEEDS
from tests.docmaker import DOCX_ARTICLE, DOCX_TITLE, PDF_ARTICLE, encrypt_pdf, make_docx, make_pdf

SEED_004 = "004_25ac917f1e504862.txt"
PDF_QUESTION = "Apa kata Marlina Sihombing tentang surat suara?"
DOCX_QUESTION = "Siapa yang akan menurunkan pengawas ke setiap rumah ibadah?"
META = {"title": "KPU Lembah Hijau Pastikan Logistik", "outlet": "Warta Lembah", "published": "8 Oktober 2024",
        "url": "https://wartalembah.com/2024/10/08/logistik"}


@pytest.fixture
def service(indexed: Settings, service_for: Callable[[Settings], Any]) -> Any:
    svc = service_for(indexed)
    svc.context()  # the seeds index is loaded, as in the running app
    return svc


def files(seeds: Path) -> set[str]:
    return {p.name for p in seeds.iterdir()}


def test_uploaded_pdf_and_docx_are_answerable_and_credited(service: Any, check_citations: Callable[..., None]) -> None:
    seeds = service.settings.seeds_dir
    assert service.add_document("laporan logistik.pdf", make_pdf(PDF_ARTICLE), META) == "laporan logistik.pdf.txt"
    assert service.add_document("bawaslu.docx", make_docx(DOCX_ARTICLE, heading=DOCX_TITLE)) == "bawaslu.docx.txt"
    written = {"laporan logistik.pdf", "laporan logistik.pdf.txt", "laporan logistik.pdf.meta.json", "bawaslu.docx", "bawaslu.docx.txt"}
    assert written <= files(seeds)
    pending = {row.source: row.reason for row in service.sources() if not row.indexed}
    assert pending == {"laporan logistik.pdf.txt": NOT_YET, "bawaslu.docx.txt": NOT_YET}  # not the originals or the sidecar
    report = service.rebuild()
    assert set(report.added) == {"laporan logistik.pdf.txt", "bawaslu.docx.txt"} and report.embedded < report.chunks
    pdf = service.ask(PDF_QUESTION).to_json()
    assert pdf["citations"][0]["source"] == "laporan logistik.pdf.txt"
    assert {k: pdf["citations"][0][k] for k in ("title", "outlet", "published", "url")} == {**META, "published": "2024-10-08"}
    check_citations(seeds, pdf)
    docx = service.ask(DOCX_QUESTION).to_json()
    assert docx["speaker"] == "Yohanes Bria Seran" and docx["citations"][0]["source"] == "bawaslu.docx.txt"
    check_citations(seeds, docx)
    rows = {row.source: row for row in service.sources()}
    assert rows["laporan logistik.pdf.txt"].original == "laporan logistik.pdf" and rows["bawaslu.docx.txt"].original == "bawaslu.docx"
    assert rows["bawaslu.docx.txt"].credit == Credit(DOCX_TITLE, "POSBUKIT.ID", None, None)
    assert service.article("bawaslu.docx").source == "bawaslu.docx.txt"  # the document's name opens its text
    statement = next(r for r in service.statement_rows() if r["source"] == "laporan logistik.pdf.txt")
    assert statement["outlet"] == "Warta Lembah" and statement["published"] == "2024-10-08"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("kunci.pdf", lambda: encrypt_pdf(make_pdf(PDF_ARTICLE)), "PDF terkunci kata sandi"),
        ("rusak.docx", lambda: b"PK\x03\x04 rusak", "DOCX rusak"),
        ("lama.doc", lambda: b"\xd0\xcf\x11\xe0", "Word lama"),
        ("salinan.txt", lambda: (SEEDS / SEED_004).read_bytes().replace(b"\n", b"\r\n"), f"isinya sama dengan {SEED_004}"),
        (SEED_004, lambda: b"Artikel baru dengan nama yang sudah dipakai oleh berkas lain di folder.", "sudah ada berkas"),
        ("kaki.txt", lambda: b"Tinggalkan Balasan\nAlamat email Anda tidak akan dipublikasikan.\n", "tidak ada teks berita"),
        ("gambar.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "berkas biner"),
    ],
)
def test_refused_uploads_say_why_and_change_nothing(service: Any, name: str, data: Callable[[], bytes], reason: str) -> None:
    seeds = service.settings.seeds_dir
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    with pytest.raises(UploadError, match=reason):
        service.add_document(name, data())
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_delete_removes_the_article_and_its_answers(service: Any) -> None:
    seeds = service.settings.seeds_dir
    service.add_document("laporan.pdf", make_pdf(PDF_ARTICLE), META)
    service.rebuild()
    assert service.ask(PDF_QUESTION).citations[0].source == "laporan.pdf.txt"
    report = service.delete_source("laporan.pdf")
    assert report.removed == ("laporan.pdf.txt",) and report.embedded == 0
    assert not {"laporan.pdf", "laporan.pdf.txt", "laporan.pdf.meta.json"} & files(seeds)
    assert all(c.source != "laporan.pdf.txt" for c in service.ask(PDF_QUESTION).citations)
    assert "laporan.pdf.txt" not in {row.source for row in service.sources()}
    with pytest.raises(UploadError, match="tidak ada sumber bernama"):
        service.delete_source("laporan.pdf")
    with pytest.raises(UploadError, match="bukan nama sumber"):
        service.delete_source("../seeds/004_25ac917f1e504862.txt")
    report = service.delete_source(SEED_004)
    assert report.removed == (SEED_004,) and SEED_004 not in files(seeds)


def test_deleting_the_last_article_is_undone(
    tmp_path: Path, settings_for: Callable[..., Settings], service_for: Callable[..., Any]
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / SEED_004, seeds / SEED_004)
    service = service_for(settings_for(seeds, tmp_path / "index"))
    service.rebuild()
    with pytest.raises(UploadError, match="tidak ada artikel lain"):
        service.delete_source(SEED_004)
    assert (seeds / SEED_004).read_bytes() == (SEEDS / SEED_004).read_bytes()
    assert service.ask("Siapa yang mengatakan pelanggaran netralitas TNI akan dikenai sanksi?").answerable


def test_replace_updates_only_that_article(service: Any, check_citations: Callable[..., None]) -> None:
    seeds = service.settings.seeds_dir
    original = (seeds / SEED_004).read_text("utf-8")
    corrected = original.replace("dikenai sanksi sesuai dengan ketentuan", "dikenai sanksi tegas sesuai aturan")
    report = service.replace_source(SEED_004, corrected.encode("utf-8"), {"outlet": "Kabar NTB"})
    assert report.changed == (SEED_004,) and not report.added and not report.removed and len(report.unchanged) == 4
    answer = service.ask("Siapa yang mengatakan pelanggaran netralitas TNI akan dikenai sanksi?").to_json()
    main = answer["citations"][0]
    assert main["source"] == SEED_004 and "sanksi tegas sesuai aturan" in main["quote"] and main["outlet"] == "Kabar NTB"
    check_citations(seeds, answer)
    assert json.loads((seeds / "004_25ac917f1e504862.meta.json").read_text("utf-8")) == {"outlet": "Kabar NTB"}


def test_a_bad_replacement_keeps_the_old_version(service: Any) -> None:
    seeds = service.settings.seeds_dir
    service.add_document("laporan.pdf", make_pdf(PDF_ARTICLE))
    service.rebuild()
    before = {p.name: p.read_bytes() for p in seeds.iterdir()}
    for data, reason in ((b"%PDF-1.4 rusak", "PDF rusak"), (make_pdf(["Tinggalkan Balasan"]), "tidak berisi teks|tidak ada teks berita")):
        with pytest.raises(UploadError, match=reason):
            service.replace_source("laporan.pdf.txt", data)
    other = (seeds / SEED_004).read_bytes()
    with pytest.raises(UploadError, match=f"isinya sama dengan {SEED_004}"):
        service.replace_source("003_c88bcc96c66cb7cf.txt", other)
    with pytest.raises(UploadError, match="tidak ada sumber bernama"):
        service.replace_source("tidak_ada.txt", b"Teks pengganti yang cukup panjang untuk sebuah berita.")
    assert {p.name: p.read_bytes() for p in seeds.iterdir()} == before
    assert service.ask(PDF_QUESTION).citations[0].source == "laporan.pdf.txt"


def test_duplicates_and_sidecars_in_the_index_report(service: Any) -> None:
    seeds = service.settings.seeds_dir
    shutil.copy(seeds / "002_db9d411f2ae3d751.txt", seeds / "zz_salinan.txt")
    (seeds / "002_db9d411f2ae3d751.meta.json").write_text(json.dumps({"url": "https://contoh.id/rakor-kaltim", "tanggal": "14/11/2024"}))
    (seeds / "003_c88bcc96c66cb7cf.meta.json").write_text("{rusak", encoding="utf-8")
    report = service.rebuild()
    reasons = {s.source: s.reason for s in report.skipped}
    assert reasons["zz_salinan.txt"] == "duplikat: isinya sama dengan 002_db9d411f2ae3d751.txt"
    assert reasons["003_c88bcc96c66cb7cf.meta.json"].startswith("bukan JSON yang sah")
    assert report.embedded == 0 and not report.added and not report.changed  # a sidecar changes the credit line only
    credit = service.context().snapshot.credit_of("002_db9d411f2ae3d751.txt")
    assert credit.url == "https://contoh.id/rakor-kaltim" and credit.published == "2024-11-14" and credit.outlet == "Kutipopini.com"
    assert service.context().snapshot.credit_of("003_c88bcc96c66cb7cf.txt").outlet == "ANTARA News Jawa Timur"  # read from the text
