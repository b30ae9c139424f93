"""Credit lines: article header text -> title, outlet, published, url; sidecars win field by field.

Every header below is a short example written for this test in the styles Indonesian news sites use.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.core.types import Article, Credit
from rag.ingest.credits import article_credit, clean_meta, credits_for, extract_credit, normalize_published, read_sidecar, sidecar_path

BODY = "Isi berita tentang rapat koordinasi Pilkada 2024 yang dihadiri Forkopimda dan penyelenggara pemilu.\n"

HEADERS = [
    pytest.param(
        "Pemkab Contoh Gelar Rakor Pengamanan Pilkada\nSelasa, 13 Agustus 2024 | 21:15 WIB\n\n"
        "CONTOH, KABARCONTOH.COM – Pemerintah Kabupaten Contoh menggelar rapat.\n",
        Credit("Pemkab Contoh Gelar Rakor Pengamanan Pilkada", "KABARCONTOH.COM", "2024-08-13", None),
        id="title-timestamp-dateline",
    ),
    pytest.param(
        "SUARACONTOH.COM, KOTA CONTOH - Penjabat Bupati Contoh berbicara di depan camat.\n",
        Credit(None, "SUARACONTOH.COM", None, None),
        id="outlet-first-dateline",
    ),
    pytest.param(
        "BALI, WARTACONTOH.NET – Dalam rangka menyukseskan Pilkada, rapat digelar di Denpasar.\n",
        Credit(None, "WARTACONTOH.NET", None, None),
        id="city-first-dateline",
    ),
    pytest.param(
        "KOTA CONTOH, Pos Contoh – Bupati meminta ASN netral selama tahapan Pilkada.\n",
        Credit(None, "Pos Contoh", None, None),
        id="dateline-outlet-without-domain",
    ),
    pytest.param(
        "MATARAM, NTB – Gubernur meminta warga menjaga kondusivitas.\n",
        Credit(None, None, None, None),
        id="dateline-province-is-no-outlet",
    ),
    pytest.param(
        "Jakarta, Selasa (13/8/2024) – Menteri berbicara tentang pilkada di depan wartawan.\n",
        Credit(None, None, None, None),
        id="dateline-weekday-is-no-outlet",
    ),
    pytest.param(
        "Rakor Netralitas ASN Digelar di Kota Contoh\n\nKota Contoh (ANTARA) - Pemprov menggelar rakor netralitas.\n",
        Credit("Rakor Netralitas ASN Digelar di Kota Contoh", "ANTARA", None, None),
        id="wire-agency-tag",
    ),
    pytest.param(
        "Kabar Teluk Contoh | Penulis: Andi Contoh | Senin, 2 September 2024\nBupati menghadiri apel siaga.\n",
        Credit(None, "Kabar Teluk Contoh", "2024-09-02", None),
        id="byline-is-no-title",
    ),
    pytest.param(
        "Bupati Minta ASN Netral\nOleh: Redaksi\nKamis, 5 September 2024 08:00 WIB\nisi\nBaca juga: https://contoh.id/lain/1\n"
        "https://contoh.id/berita/bupati-asn\n",
        Credit("Bupati Minta ASN Netral", None, "2024-09-05", "https://contoh.id/berita/bupati-asn"),
        id="url-in-footer-not-baca-juga",
    ),
    pytest.param(
        "TRIBUNCONTOH.COM, KOTA CONTOH - Penjabat Gubernur berbicara.\nIsi.\nSumber: https://kota.tribuncontoh.com/2024/08/13/rakor\n",
        Credit(None, "TRIBUNCONTOH.COM", None, "https://kota.tribuncontoh.com/2024/08/13/rakor"),
        id="sumber-url-line",
    ),
    pytest.param(
        "Judul: Bawaslu Ingatkan Netralitas\nDiterbitkan: 5 September 2024\nIsi berita di sini.\nSource: Kompas Contoh\n",
        Credit("Bawaslu Ingatkan Netralitas", "Kompas Contoh", "2024-09-05", None),
        id="labelled-lines",
    ),
    pytest.param(
        "Sumber: Harian Contoh, 7 Oktober 2024\nKPU menggelar rapat pleno terbuka di aula kantor.\n",
        Credit(None, "Harian Contoh", "2024-10-07", None),
        id="sumber-name-with-date",
    ),
    pytest.param(
        "# Warta Contoh\n\n## Hadiri Rakor Kesiapan Pilkada, Pj Bupati Berharap Warga Ikut Menyukseskan\n\n"
        "Andi Contoh - [WARTA.CONTOH.CO.ID](http://WARTA.CONTOH.CO.ID)\n\nJul 31, 2024 - 08:55\n",
        Credit("Hadiri Rakor Kesiapan Pilkada, Pj Bupati Berharap Warga Ikut Menyukseskan", "WARTA.CONTOH.CO.ID", "2024-07-31", None),
        id="markdown-site-home-page-is-no-url",
    ),
    pytest.param(
        "WARTA CONTOH – Penjabat Sekretaris Daerah membuka sosialisasi Pilkada untuk tokoh adat dan tokoh agama.\n",
        Credit(None, "WARTA CONTOH", None, None),
        id="lead-in-capitals-is-the-outlet",
    ),
    pytest.param(
        "POLDA MALUKU – Karo Ops Polda Maluku menyampaikan kesiapan personel pengamanan Pilkada kepada peserta rakor.\n",
        Credit(None, None, None, None),
        id="lead-institution-is-no-outlet",
    ),
    pytest.param(
        "Kronika, Gorontalo – Komisi Pemilihan Umum kabupaten menggelar rapat koordinasi bersama Forkopimda hari ini.\n",
        Credit(None, "Kronika", None, None),
        id="outlet-before-the-place",
    ),
    pytest.param(
        "Brebes//contohdetik.com – Penjabat Bupati mengajak semua pemangku kepentingan menjaga stabilitas selama Pilkada.\n",
        Credit(None, "contohdetik.com", None, None),
        id="place-slashes-domain",
    ),
    pytest.param(
        "BIMA (NTBCONTOH.CO)- Bupati bersama jajaran Forkopimda mengikuti rapat koordinasi kesiapan Pilkada di Bali.\n",
        Credit(None, "NTBCONTOH.CO", None, None),
        id="domain-in-brackets",
    ),
    pytest.param(
        "JAKARTA – Kementerian menggelar rapat koordinasi persiapan Pilkada bersama kementerian dan lembaga terkait.\n",
        Credit(None, None, None, None),
        id="lead-place-is-no-outlet",
    ),
    pytest.param(
        "Tanggal terbit: Agustus 2024\nRapat koordinasi digelar di kantor camat.\n",
        Credit(None, None, "Agustus 2024", None),
        id="published-as-written",
    ),
]


@pytest.mark.parametrize(("header", "expected"), HEADERS)
def test_header_gives_credit_fields(header: str, expected: Credit) -> None:
    assert extract_credit(Article("x.txt", header + BODY, "0")) == expected


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("13 Agustus 2024", "2024-08-13"),
        ("2024-08-13T21:15:00+07:00", "2024-08-13"),
        ("Selasa, 13/8/2024", "2024-08-13"),
        ("Aug 13, 2024", "2024-08-13"),
        ("Agustus 2024", "Agustus 2024"),
        ("kemarin sore", "kemarin sore"),
        ("   ", None),
    ],
)
def test_published_is_iso_when_whole_else_as_written(written: str, iso: str | None) -> None:
    assert normalize_published(written) == iso


def test_sidecar_wins_field_by_field() -> None:
    article = Article("x.txt", HEADERS[0].values[0] + BODY, "0")
    credit = article_credit(article, {"outlet": "Kabar Contoh", "published": "14 Agustus 2024", "url": "", "catatan": "abaikan"})
    assert credit == Credit("Pemkab Contoh Gelar Rakor Pengamanan Pilkada", "Kabar Contoh", "2024-08-14", None)


def test_meta_keys_accept_indonesian_aliases_and_drop_junk() -> None:
    meta = clean_meta({"judul": "  Rapat  Pleno ", "media": "Pos Contoh", "tanggal": "1 Mei 2024", "url": ["x"], "lain": "y",
                       "title": None})
    assert meta == {"title": "Rapat Pleno", "outlet": "Pos Contoh", "published": "2024-05-01"}


@pytest.mark.parametrize(
    ("source", "sidecar"),
    [("berita.txt", "berita.meta.json"), ("laporan.pdf.txt", "laporan.pdf.meta.json"), ("sub/a.md", "sub/a.meta.json")],
)
def test_sidecar_names(source: str, sidecar: str) -> None:
    assert sidecar_path(Path("/s"), source) == Path("/s") / sidecar


def test_sidecar_problems_are_reported_and_the_article_kept(tmp_path: Path) -> None:
    good = Article("a.txt", "Judul Berita Rapat Koordinasi Pilkada\n" + BODY, "0")
    bad = Article("b.txt", BODY, "1")
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Pos Contoh"}), encoding="utf-8")
    (tmp_path / "b.meta.json").write_text("{bukan json", encoding="utf-8")
    credits, problems = credits_for(tmp_path, [good, bad])
    assert credits["a.txt"] == Credit("Judul Berita Rapat Koordinasi Pilkada", "Pos Contoh", None, None)
    assert credits["b.txt"] == Credit()
    assert [(p.source, "bukan JSON" in p.reason) for p in problems] == [("b.meta.json", True)]
    (tmp_path / "b.meta.json").write_text("[1, 2]", encoding="utf-8")
    assert read_sidecar(tmp_path, "b.txt")[1].startswith("isinya harus objek JSON")
