"""Never crash on a bad article: every odd seed file is indexed correctly or skipped with a reason."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest

from rag.app.cli import main as rag_main
from rag.app.commands import format_report
from rag.core.settings import Settings
from rag.core.types import IndexReport
from rag.index import build as indexing
from rag.index.build import build_index, build_lock
from rag.index.snapshot import load_snapshot
from rag.index.stores import read_manifest
from rag.ingest.corpus import decode_bytes
from tests.conftest import SEED_NAMES, SEEDS, file_lines
from tests.fakes import HashEmbedder

BIG = 50 * 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(range(256)) * 4
SPACED = "Berita Pilkada Sumbawa Besar é ñ.txt"


def article(speaker: str, role: str, quote: str, topic: str, newline: str = "\n") -> str:
    """Return a small news article with one attributed direct quote on line 3."""
    lines = [
        f"Rapat koordinasi {topic} menjelang Pilkada 2024 digelar di aula kantor bupati, Kamis (7/11/2024).",
        f"Dalam rapat itu, {role}, {speaker}, menyampaikan sejumlah langkah persiapan.",
        f"\u201c{quote},\u201d kata {speaker}.",
        "Rapat dihadiri unsur Forkopimda, KPU, Bawaslu dan camat se-kabupaten.",
        "",
    ]
    return newline.join(lines)


@dataclass(frozen=True)
class Case:
    """A seed file that must be indexed and cited."""

    name: str
    speaker: str
    question: str
    quote_part: str
    encoding: str


CASES = [
    Case("cp1252.txt", "Ketut Suardana Wirawan", "Apa kata Ketut Suardana Wirawan tentang pemilih pemula?", "café baca pemilu", "cp1252"),
    Case("latin1.txt", "Fransiskus Xaverius Lamablawa", "Apa kata Fransiskus Xaverius Lamablawa tentang pengawasan logistik?",
         "Señor Pesisir", "latin-1"),
    Case("bom.txt", "Andi Mappasessu Rahman", "Apa kata Andi Mappasessu Rahman tentang alat peraga kampanye?",
         "alat peraga kampanye", "utf-8"),
    Case("crlf.txt", "Yosef Dionisius Moa", "Apa kata Yosef Dionisius Moa tentang gudang logistik?", "gudang logistik", "utf-8"),
    Case("mac_cr.txt", "Benediktus Laka Lewar", "Apa kata Benediktus Laka Lewar tentang kotak suara?", "kotak suara", "utf-8"),
    Case(SPACED, "Lalu Hamzanwadi Pratama", "Apa kata Lalu Hamzanwadi Pratama tentang tokoh adat?", "tokoh adat", "utf-8"),
    Case("satu_baris.txt", "Muhammad Syarifuddin Ahyar", "Apa kata Muhammad Syarifuddin Ahyar tentang surat suara cadangan?",
         "surat suara cadangan", "utf-8"),
    Case("utf16le.txt", "Hendrikus Bili Wunga", "Apa kata Hendrikus Bili Wunga tentang kotak suara cadangan?", "kotak suara cadangan",
         "utf-16-le"),
    Case("utf16be.txt", "Paulus Kolo Djawa", "Apa kata Paulus Kolo Djawa tentang bilik suara?", "bilik suara", "utf-16-be"),
]

SKIPS = {  # file -> words its skip reason must contain
    "kosong.txt": "berkas kosong",
    "gambar.txt": "berkas biner",
    "spasi.txt": "hanya spasi",
    "besar.txt": "terlalu besar",
    ".#catatan.txt": "tersembunyi atau sementara",
    "~catatan.txt": "tersembunyi atau sementara",
    "catatan.txt.swp": "tersembunyi atau sementara",
    "tautan_keluar.txt": "ke luar folder seeds",
    "tautan_putus.txt": "tautan (symlink) rusak",
    "zz_salinan_004.txt": "sama dengan 004_25ac917f1e504862.txt",
    "pipa.txt": "bukan berkas biasa",
    "dokumen.pdf": "PDF rusak",
    "program.exe": "jenis berkas .exe tidak didukung",
    "hanya_footer.txt": "tidak ada teks berita",
    "nama-latin1-\\xe9.txt": "bukan UTF-8",
    "utf16_tanpa_bom.txt": "teks UTF-16-LE tanpa penanda urutan byte",
}


def write_bad_seeds(seeds: Path, outside: Path) -> None:
    """Add every odd file of this module to a seeds copy."""
    (seeds / "cp1252.txt").write_bytes(article("Ketut Suardana Wirawan", "Ketua KPU Kabupaten Jembrana",
        "Kami menyiapkan café baca pemilu di setiap desa agar pemilih pemula paham tata cara mencoblos", "sosialisasi").encode("cp1252"))
    (seeds / "latin1.txt").write_bytes(article("Fransiskus Xaverius Lamablawa", "Ketua Bawaslu Kabupaten Flores Timur",
        "Pengawas kami di Solor memakai perahu motor Se\xf1or Pesisir untuk mengawal logistik \x81 sampai ke TPS",  # 0x81: not cp1252
        "pengawasan").replace("\u201c", '"').replace("\u201d", '"').encode("latin-1"))
    (seeds / "bom.txt").write_bytes(b"\xef\xbb\xbf" + article("Andi Mappasessu Rahman", "Kepala Satpol PP Kabupaten Pinrang",
        "Kami menurunkan dua ratus personel untuk menertibkan alat peraga kampanye yang melanggar aturan", "penertiban").encode())
    (seeds / "crlf.txt").write_bytes(article("Yosef Dionisius Moa", "Sekretaris Daerah Kabupaten Sikka",
        "Seluruh camat wajib melaporkan kesiapan gudang logistik setiap pekan sampai hari pemungutan suara", "logistik", "\r\n").encode())
    (seeds / "mac_cr.txt").write_bytes(article("Benediktus Laka Lewar", "Kepala Pelaksana BPBD Kabupaten Lembata",
        "Kami menyiapkan perahu karet agar kotak suara tetap kering bila banjir datang pada hari pemungutan", "kebencanaan", "\r").encode())
    (seeds / SPACED).write_text(article("Lalu Hamzanwadi Pratama", "Kepala Bakesbangpol Kabupaten Sumbawa",
        "Kami mengajak para tokoh adat di Sumbawa menjaga kerukunan selama masa kampanye", "kerukunan"), encoding="utf-8")
    (seeds / "satu_baris.txt").write_text(one_line_article(), encoding="utf-8")
    (seeds / "utf16le.txt").write_bytes(b"\xff\xfe" + article("Hendrikus Bili Wunga", "Ketua KPU Kabupaten Sumba Barat Daya",
        "Kami menyimpan kotak suara cadangan di gudang kecamatan sampai hari pemungutan suara", "logistik", "\r\n").encode("utf-16-le"))
    (seeds / "utf16be.txt").write_bytes(b"\xfe\xff" + article("Paulus Kolo Djawa", "Ketua Bawaslu Kabupaten Malaka",
        "Pengawas kami memeriksa setiap bilik suara sebelum pemungutan dimulai", "pengawasan", "\r\n").encode("utf-16-be"))
    (seeds / "utf16_tanpa_bom.txt").write_bytes(article("Tanpa Tanda Urutan", "Warga", "Berkas ini UTF-16 tanpa BOM", "berkas")
        .encode("utf-16-le"))
    (seeds / "kosong.txt").write_bytes(b"")
    (seeds / "gambar.txt").write_bytes(PNG)
    (seeds / "spasi.txt").write_bytes(b"  \n\t\r\n  \n")
    with (seeds / "besar.txt").open("wb") as handle:
        block = ("Pilkada damai di seluruh daerah. " * 32).encode()
        for _ in range(BIG // len(block) + 1):
            handle.write(block)
    for name in (".#catatan.txt", "~catatan.txt", "catatan.txt.swp"):
        (seeds / name).write_text("catatan sementara penyunting", encoding="utf-8")
    (outside / "rahasia.txt").write_text(article("Orang Luar Folder", "Penyusup", "Teks ini tidak boleh diindeks", "rahasia"))
    os.symlink(outside / "rahasia.txt", seeds / "tautan_keluar.txt")
    os.symlink(seeds / "tidak_ada.txt", seeds / "tautan_putus.txt")
    shutil.copy(SEEDS / "004_25ac917f1e504862.txt", seeds / "zz_salinan_004.txt")
    os.mkfifo(seeds / "pipa.txt")
    (seeds / "dokumen.pdf").write_bytes(b"%PDF-1.4 ...")
    (seeds / "program.exe").write_bytes(b"MZ\x90\x00")
    (seeds / "hanya_footer.txt").write_text("Tinggalkan Balasan\nAlamat email Anda tidak akan dipublikasikan.\nTidak ada komentar\n")
    with open(os.path.join(os.fsencode(seeds), b"nama-latin1-\xe9.txt"), "wb") as handle:
        handle.write(article("Nama Berkas Aneh", "Warga", "Nama berkas ini bukan UTF-8", "berkas").encode())
    (seeds / "folder.txt").mkdir()


def one_line_article() -> str:
    """Return an article on a single long line (no paragraph breaks at all)."""
    filler = " ".join(f"Pada pekan ke-{i} KPU Kota Bima memeriksa kesiapan gudang dan kotak suara di kecamatan {i}." for i in range(1, 25))
    quote = ("Ketua KPU Kota Bima, Muhammad Syarifuddin Ahyar, menyampaikan kesiapan logistik. \u201cKami mencetak surat suara cadangan"
             " sebanyak dua persen dari daftar pemilih tetap,\u201d kata Muhammad Syarifuddin Ahyar.")
    return f"Rapat koordinasi logistik Pilkada 2024 digelar di Kota Bima. {quote} {filler}"


@dataclass
class Built:
    """The module's one build over the odd seeds."""

    settings: Settings
    report: IndexReport
    service: Any


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, settings_for: Callable[..., Settings], service_for: Callable[..., Any]) -> Built:
    root = tmp_path_factory.mktemp("odd-seeds")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "outside").mkdir()
    write_bad_seeds(root / "seeds", root / "outside")
    settings = settings_for(root / "seeds", root / "index")
    service = service_for(settings)
    report = service.rebuild()
    return Built(settings, report, service)


@pytest.mark.slow
def test_every_odd_file_is_indexed_or_skipped_with_its_reason(built: Built) -> None:
    reasons = {s.source: s.reason for s in built.report.skipped}
    for name, words in SKIPS.items():
        assert words in reasons.get(name, ""), (name, reasons.get(name))
    assert set(built.report.added) == set(SEED_NAMES) | {c.name for c in CASES}
    assert set(reasons) == set(SKIPS)
    text = format_report(built.report)
    assert all(f"skipped {name}: " in text for name in SKIPS)
    manifest = read_manifest(built.settings.index_dir)
    assert {s["source"]: s["reason"] for s in manifest["skipped"]} == reasons
    assert {s.source for s in built.service.sources() if not s.indexed} == set(reasons)
    json.dumps(built.report.to_json(), ensure_ascii=False).encode("utf-8")  # printable as UTF-8


@pytest.mark.slow
def test_size_limit_is_the_setting(built: Built) -> None:
    reasons = {s.source: s.reason for s in built.report.skipped}
    assert f"batas {built.settings.max_file_bytes}" in reasons["besar.txt"]
    assert Settings().max_file_bytes == 5_000_000


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=["cp1252", "latin-1", "utf8-bom", "crlf", "old-mac-cr", "spaces-non-ascii-name", "one-line",
                                             "utf16le-bom-crlf", "utf16be-bom-crlf"])
def test_odd_but_valid_files_are_cited_on_the_right_lines(built: Built, case: Case, check_citations: Callable[..., None]) -> None:
    seeds = built.settings.seeds_dir
    snap = built.service.context().snapshot
    assert snap.sources[case.name]["encoding"] == case.encoding
    answer = built.service.ask(case.question).to_json()
    assert answer["answerable"], answer
    first = answer["citations"][0]
    assert first["source"] == case.name and case.speaker in answer["answer"], answer
    check_citations(seeds, answer)
    text, _ = decode_bytes((seeds / case.name).read_bytes())
    line = text[: text.index(case.quote_part)].replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    quoting = [c for c in answer["citations"] if case.quote_part in c["quote"]]
    assert quoting and quoting[0]["source"] == case.name, answer
    assert quoting[0]["start_line"] <= line <= quoting[0]["end_line"]
    assert case.quote_part in file_lines(seeds / case.name, quoting[0]["start_line"], quoting[0]["end_line"])


@pytest.mark.slow
def test_one_line_file_is_split_into_several_chunks(built: Built) -> None:
    snap = built.service.context().snapshot
    chunks = [c for c in snap.chunks if c.source == "satu_baris.txt"]
    assert len(chunks) >= 3 and all(c.start_line == c.end_line == 1 for c in chunks)


@pytest.mark.slow
def test_bom_is_not_part_of_the_text(built: Built) -> None:
    article_ = built.service.article("bom.txt")
    assert not article_.text.startswith("\ufeff") and article_.text.startswith("Rapat")


def test_an_article_that_breaks_the_extractor_is_skipped_not_fatal(
    fake_indexed: Settings, fake_embedder: HashEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed, embedder = fake_indexed, fake_embedder
    (indexed.seeds_dir / "rusak.txt").write_text(article("Pemicu Galat", "Kepala Dinas", "Ini memicu galat", "galat"))
    real = indexing.extract_statements

    def explode(doc: Any, meetings: Any) -> Any:
        if doc.source == "rusak.txt":
            raise RecursionError("simulated extractor bug")
        return real(doc, meetings)

    monkeypatch.setattr(indexing, "extract_statements", explode)
    report = build_index(indexed, embedder)
    assert report.added == () and report.unchanged == tuple(SEED_NAMES)
    assert [(s.source, "simulated extractor bug" in s.reason) for s in report.skipped] == [("rusak.txt", True)]


def test_nothing_usable_exits_1_and_keeps_the_previous_index(indexed: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    before = read_manifest(indexed.index_dir)
    for name in SEED_NAMES:
        (indexed.seeds_dir / name).write_bytes(b"")
    (indexed.seeds_dir / "gambar.txt").write_bytes(PNG)
    code = rag_main(["index", "--seeds", str(indexed.seeds_dir), "--index", str(indexed.index_dir)])
    err = capsys.readouterr().err
    assert code == 1 and "tidak ada artikel" in err and "dilewati gambar.txt: berkas biner" in err
    assert read_manifest(indexed.index_dir) == before
    assert len(load_snapshot(indexed.index_dir).chunks) == before["counts"]["chunks"]


def test_busy_index_exits_3(indexed: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    with build_lock(indexed.index_dir):
        code = rag_main(["index", "--seeds", str(indexed.seeds_dir), "--index", str(indexed.index_dir)])
    assert code == 3 and "rebuild already running" in capsys.readouterr().err
