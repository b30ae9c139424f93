"""Six unseen fictional articles: exact statements (speaker, role, text start, meeting), meetings and outlets.

The expectations were written by hand from the article text before the extractor
was run on them (``tests/data/extraction/``). ``score`` gives statement
precision/recall with correct speakers, for reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.ingest.headers import article_outlet

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"

NTT_GOV = ("Andreas Lelo Bataona", "Penjabat Gubernur Nusa Tenggara Timur")
FLOTIM = ("Yohanes Boli Kelen", "Kepala Pelaksana BPBD Kabupaten Flores Timur")
LANUD = ("Gede Wirawan Putra", "Komandan Lanud El Tari")
KAPOLDA_NTT = ("Daniel Tahi Silitonga", "Kapolda NTT")
TTS = ("Yunus Nomleni", "Ketua KPU Kabupaten Timor Tengah Selatan")
SUMSEL = ("Kurniawan Syahputra", "Ketua Bawaslu Provinsi Sumatera Selatan")
OKI = ("Siti Rohana Lubis", "Ketua Bawaslu Kabupaten Ogan Komering Ilir")
DIRINTEL = ("Hendra Wijaya Kusuma", "Direktur Intelijen dan Keamanan Polda Sumsel")
BOLTIM = ("Sonny Warokka", "Penjabat Bupati Bolaang Mongondow Timur")
KAPOLRES = ("Irwan Dwi Santoso", "Kapolres Kotamobagu")
KPU_BOLTIM = ("Fitri Mokodompit", "Ketua KPU Kabupaten Bolaang Mongondow Timur")
LANAL = ("Ricky Sumampouw", "Komandan Pangkalan TNI AL Manado")
DANDIM_BOLMONG = ("Andi Firmansyah", "Dandim 1303/Bolaang Mongondow")
SEKDA = ("Fahrul Hidayat Noor", "Sekretaris Daerah Provinsi Kalimantan Selatan")
HSS = ("Ahmad Fauzi Rahman", "Ketua KPU Kabupaten Hulu Sungai Selatan")
KABINDA = ("Mulyadi Hasibuan", "Kabinda Kalsel")
KESBANG = ("Nurul Aini", "Kepala Badan Kesbangpol Kalsel")
TANJAB = ("Muhammad Ridho Siregar", "Ketua KPU Kabupaten Tanjung Jabung Barat")
KAPOLDA_JAMBI = ("Heru Santika Pardede", "Kapolda Jambi")
DANREM = ("Wisnu Adiputra Lubis", "Danrem 042/Garuda Putih")
PJ_TANJAB = ("Syamsul Bahri", "Penjabat Bupati Tanjung Jabung Barat")
MALUKU = ("Yohana Latuheru", "Ketua Bawaslu Provinsi Maluku")
LANTAMAL = ("Hendrik Pattiasina", "Komandan Lantamal IX Ambon")
TANIMBAR = ("Agustinus Ratuanak", "Ketua Bawaslu Kabupaten Kepulauan Tanimbar")
KARO_OPS = ("Adrianus Sopacua", "Karo Ops Polda Maluku")
DANDIM_SML = ("Bernard Werinussa", "Dandim 1507/Saumlaki")

# file -> (outlet, meetings (event, venue, city, province, date), statements (speaker, text start, meeting index))
EXPECTED: dict[str, tuple[str, list[tuple[str, ...]], list[tuple[tuple[str, str], str, int]]]] = {
    "x01_rakor-apel-ntt-kupang.txt": (
        "FLOBAMORAPOS.COM",
        [
            ("rakor", "Aula Lopo Sasando", "Kupang", "Nusa Tenggara Timur", "2024-10-16"),
            ("apel", "Lapangan Bhayangkara Polda NTT", "Kupang", "Nusa Tenggara Timur", "2024-10-15"),
        ],
        [
            (NTT_GOV, "seluruh daerah harus melaporkan kesiapan", 0),
            (NTT_GOV, "Jangan sampai ada kotak suara yang", 0),
            (NTT_GOV, "aparatur sipil negara menjaga netralitas", 0),
            (FLOTIM, "potensi bencana hidrometeorologi", 0),
            (FLOTIM, "BPBD sudah menyiapkan dua perahu", 0),
            (LANUD, "TNI AU siap mengerahkan pesawat", 0),
            (LANUD, "Dua pesawat Casa kami siagakan", 0),
            (KAPOLDA_NTT, "personel agar tidak terpancing", 1),
            (KAPOLDA_NTT, "Kalian datang untuk mengamankan", 1),
            (TTS, "surat suara untuk 32 kecamatan", 0),
            (TTS, "Kami masih menunggu kotak suara", 0),
            (TTS, "dukungan Kodim 1621/TTS untuk pengawalan", 0),
        ],
    ),
    "x02_fgd-bawaslu-sumsel.txt": (
        "ANTARA",
        [("fgd", "Hotel Aryaduta Palembang", "Palembang", "Sumatera Selatan", "2024-09-19")],
        [
            (SUMSEL, "pemetaan kerawanan dilakukan berdasarkan", 0),
            (SUMSEL, "Dari 17 kabupaten dan kota, ada", 0),
            (OKI, "wilayah perairan di OKI menjadi", 0),
            (OKI, "Pengawas kami harus naik perahu", 0),
            (DIRINTEL, "pihaknya sudah memetakan 412 TPS", 0),
            (DIRINTEL, "TPS rawan tersebut akan dijaga", 0),
            (SUMSEL, "hasil FGD akan dibawa ke rapat", 0),
            (SUMSEL, "seluruh pemangku kepentingan ikut", 0),
        ],
    ),
    "x03_apel-rakor-boltim.txt": (
        "Nyiur Pos",
        [
            ("apel", "Lapangan Kotabunan", "Bolaang Mongondow Timur", "Sulawesi Utara", "2024-10-21"),
            ("rakor", "Aula Kantor Bupati Bolaang Mongondow Timur", "Tutuyan", "Sulawesi Utara", "2024-10-21"),
        ],
        [
            (BOLTIM, "seluruh personel menjaga netralitas", 0),
            (BOLTIM, "Netralitas itu harga mati. Siapa", 0),
            (KAPOLRES, "sebanyak 320 personel dilibatkan", 0),
            (KPU_BOLTIM, "jadwal distribusi logistik ke tujuh", 1),
            (KPU_BOLTIM, "Distribusi kami mulai 20 November", 1),
            (LANAL, "dua kapal patroli disiagakan untuk", 1),
            (DANDIM_BOLMONG, "prajurit TNI tidak boleh berswafoto", 1),
        ],
    ),
    "x04_rakor-desk-kalsel.txt": (
        "",
        [("rakor", "Gedung Mahligai Pancasila", "Banjarmasin", "Kalimantan Selatan", "2024-10-04")],
        [
            (SEKDA, "desk pilkada kabupaten dan kota melapor", 0),
            (SEKDA, "Jangan menunggu ada kejadian baru", 0),
            (SEKDA, "sejumlah rekomendasi dari FGD netralitas", 0),
            (HSS, "pelipatan surat suara di daerahnya", 0),
            (HSS, "tambahan personel pengamanan untuk", 0),
            (KABINDA, "potensi gangguan terbesar justru", 0),
            (KABINDA, "Kami sudah memetakan akun-akun", 0),
            (KESBANG, "pihaknya akan menggelar sosialisasi", 0),
        ],
    ),
    "x05_deklarasi-tanjabbar.txt": (
        "JAMBIEKSPRES.ID",
        [
            ("deklarasi", "Lapangan Kantor Bupati", "Kuala Tungkal", "Jambi", "2024-09-25"),
            ("rakor", "Hotel Kapuk Indah", "Kuala Tungkal", "Jambi", "2024-09-23"),
        ],
        [
            (TANJAB, "deklarasi ini merupakan tindak lanjut", 0),
            (TANJAB, "dalam rakor itu seluruh tim pemenangan", 0),
            (KAPOLDA_JAMBI, "para pendukung tidak melakukan konvoi", 0),
            (KAPOLDA_JAMBI, "Konvoi hanya memancing gesekan", 0),
            (DANREM, "prajurit TNI akan bersikap netral", 0),
            (PJ_TANJAB, "seluruh pasangan calon memegang", 0),
            (PJ_TANJAB, "Kalau ada yang melanggar, Bawaslu", 0),
        ],
    ),
    "x06_rakor-bawaslu-maluku.txt": (
        "Ambon Terkini",
        [("rakor", "Swiss-Belhotel Ambon", "Ambon", "Maluku", "2024-10-09")],
        [
            (MALUKU, "dari 2.600 TPS di Maluku, sebanyak", 0),
            (MALUKU, "Kami minta dukungan TNI AL untuk", 0),
            (LANTAMAL, "kesiapan enam kapal perang untuk", 0),
            (LANTAMAL, "KRI yang disiagakan antara lain", 0),
            (TANIMBAR, "gelombang tinggi pada November kerap", 0),
            (TANIMBAR, "Tahun lalu pengawas kami tertahan", 0),
            (KARO_OPS, "Polda Maluku menerapkan pola pengamanan", 0),
            (DANDIM_SML, "Babinsa di setiap desa ikut mengawal", 0),
        ],
    ),
}


def _article(name: str) -> Article:
    return Article(source=name, text=(DATA / name).read_text("utf-8"), sha256="0")


def found_statements(name: str) -> list[tuple[str, str, str, int | None]]:
    """Return (name, role, first 30 characters, meeting index) of every extracted statement."""
    article = _article(name)
    meetings = extract_meetings(article)
    return [(s.speaker.name, s.speaker.role, s.text[:30], s.meeting) for s in extract_statements(article, meetings)]


def expected_statements(name: str) -> list[tuple[str, str, str, int]]:
    """Return the hand-written statements of one article in the shape of ``found_statements``."""
    return [(who[0], who[1], text[:30], meeting) for who, text, meeting in EXPECTED[name][2]]


def score() -> dict[str, float]:
    """Return precision/recall of statements whose text and speaker name are right (then also role, then meeting)."""
    levels = (("name", 1), ("role", 2), ("full", 4))
    counts = {"found": 0, "expected": 0, "name": 0, "role": 0, "full": 0}
    for name in EXPECTED:
        found, gold = found_statements(name), expected_statements(name)
        counts["found"] += len(found)
        counts["expected"] += len(gold)
        for level, size in levels:
            keys = [(g[2], *g[:size]) for g in gold]
            counts[level] += sum(1 for f in found if (f[2], *f[:size]) in keys)
    out = {k: float(v) for k, v in counts.items()}
    for level, _ in levels:
        out[f"precision_{level}"] = counts[level] / max(1, counts["found"])
        out[f"recall_{level}"] = counts[level] / max(1, counts["expected"])
    return out


def test_expected_prefixes_are_long_enough_and_in_the_text() -> None:
    for name, (_, _, items) in EXPECTED.items():
        text = " ".join(_article(name).text.split())
        for _, start, _ in items:
            assert len(start) >= 30 and start in text, start


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_statements(name: str) -> None:
    assert found_statements(name) == expected_statements(name)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_meetings_and_outlet(name: str) -> None:
    article = _article(name)
    outlet, meetings, _ = EXPECTED[name]
    found = extract_meetings(article)
    assert [(m.event, m.venue, m.city, m.province, m.date) for m in found] == meetings
    assert article_outlet(article) == outlet
