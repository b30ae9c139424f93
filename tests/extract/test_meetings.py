"""Meetings: kinds, names, organizers, venues, places, dates, outlets, titles; and the meeting patterns first met in
held-out sets (dates counted back from the byline, venues with a floor number or without "di", a second event)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.core.types import Article
from rag.extract.meetings.places import dateline, lookup
from rag.extract.meetings.records import article_outlet, article_title, extract_meetings, meeting_index
from rag.ingest.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def art(text: str) -> Article:
    return Article(source="m.txt", text=text, sha256="0")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, _ = load_corpus(ROOT / "seeds", 5_000_000)
    return {a.source[:3]: a for a in articles}


def test_dateline() -> None:
    assert dateline("BALI, AKSARANEWS.NET – Dalam rangka").province == "Bali"
    line = dateline("Mataram NTB - Penjabat (Pj) Gubernur")
    assert (line.city, line.province) == ("Mataram", "Nusa Tenggara Barat")
    assert dateline("Dalam rangka menyambut Pilkada") is None


def test_rakor_with_venue_city_date_and_organizer() -> None:
    text = (
        "Pemerintah Kota Tegal menggelar Rapat Koordinasi Kesiapan Pilkada Serentak 2024 di Hotel Bahari Inn, Tegal, "
        "Senin (4/11/2024).\n"
        "Rakor dihadiri unsur Forkopimda.\n"
    )
    m = extract_meetings(art(text))
    assert len(m) == 1
    assert (m[0].event, m[0].name) == ("rakor", "Rapat Koordinasi Kesiapan Pilkada Serentak 2024")
    assert (m[0].organizer, m[0].venue, m[0].city, m[0].province) == ("Pemerintah Kota Tegal", "Hotel Bahari Inn", "Tegal", "Jawa Tengah")
    assert (m[0].date, m[0].date_text) == ("2024-11-04", "Senin (4/11/2024)")
    assert text[m[0].start : m[0].end].startswith("Pemerintah Kota Tegal menggelar")


def test_two_events_in_one_article_share_venue_and_date() -> None:
    text = (
        "KPU Kabupaten Sleman menggelar FGD dengan tema Pemilu Damai Tanpa Hoaks di Hotel Hyatt, Rabu (2/10/2024).\n"
        '"Kami ingin pemilih cerdas," kata Ketua KPU Sleman Budi Santoso.\n'
        "Kegiatan diakhiri dengan Deklarasi Pemilu Damai oleh seluruh peserta.\n"
    )
    fgd, dek = extract_meetings(art(text))
    assert (fgd.event, fgd.name, fgd.organizer) == ("fgd", "Pemilu Damai Tanpa Hoaks", "KPU Kabupaten Sleman")
    assert dek.event == "deklarasi" and dek.name == "Deklarasi Pemilu Damai"
    assert (dek.venue, dek.date) == ("Hotel Hyatt", "2024-10-02")
    assert dek.start > fgd.start


def test_recalled_event_is_not_where_later_quotes_belong() -> None:
    text = (
        "Kapolres Gresik AKBP Rendra Aditama memimpin Apel Siaga Pilkada di Lapangan Mapolres Gresik, Senin (25/11/2024).\n"
        "Rendra, yang pada Agustus lalu memimpin rakor kesiapan Pilkada di Kantor Bupati Gresik, meminta personel siaga.\n"
        '"Kawal sampai rekapitulasi tuntas," ujarnya.\n'
    )
    article = art(text)
    meetings = extract_meetings(article)
    assert [m.event for m in meetings] == ["apel", "rakor"]
    assert meetings[1].date is None  # its own date is not the apel's
    assert meeting_index(meetings, text.index("Kawal"), text) == 0


def test_sosialisasi_without_trigger_is_not_an_event() -> None:
    text = "Pemprov sudah bergerak aktif. Salah satunya konsistensi dalam sosialisasi kepada masyarakat bahwa Pilkada digelar serentak."
    assert extract_meetings(art(text)) == []


def test_an_event_placed_by_the_next_sentence_is_a_meeting() -> None:
    """A weak kind with no trigger is an event when the next sentence places it ("Kegiatan di X, <date>")."""
    text = (
        "Harapan tersebut disampaikan Ketua KPU Sinta Dewi pada peluncuran Maskot dan Jingle Pilkada Katingan. Kegiatan di "
        "Stadion Sport Center Kereng Humbang Kota Kasongan, Minggu 2 Juni 2024.\n"
    )
    (m,) = extract_meetings(art(text))
    assert (m.event, m.venue, m.date) == ("peluncuran", "Stadion Sport Center Kereng Humbang Kota Kasongan", "2024-06-02")


def test_no_event_no_meeting_and_junk_is_safe() -> None:
    assert extract_meetings(art("Tidak ada komentar")) == []
    assert extract_meetings(art("“”\"((( rakor ¶ \x00")) is not None


def test_seed_002_meeting(seeds: dict[str, Article]) -> None:
    m = extract_meetings(seeds["002"])[0]
    assert (m.event, m.venue, m.city, m.province, m.date) == ("rakor", "Hotel Novotel", "Balikpapan", "Kalimantan Timur", "2024-11-13")
    assert m.organizer == "Pemerintah Provinsi Kalimantan Timur (Kaltim)"
    assert m.outlet == "Kutipopini.com"
    assert m.title.startswith("Jelang Pilkada 2024, Pjs Bupati Hadiri Rakor")


def test_seed_000_meeting(seeds: dict[str, Article]) -> None:
    m = extract_meetings(seeds["000"])[0]
    assert m.event == "rakor"
    assert m.name == "Kesiapan Penyelenggaraan Pilkada Serentak Tahun 2024 di Wilayah Bali dan Nusa Tenggara"
    assert (m.venue, m.province, m.date, m.date_text) == ("Pulau Dewata", "Bali", "2024-07-30", "Selasa (30/7/2024)")
    assert m.city == ""  # the Mataram dateline is the newsroom, not the venue
    assert m.outlet == "NTB.GOBLOG.CO.ID"
    assert article_title(seeds["000"]).startswith("Hadiri Rakor Kesiapan Pilkada")


def test_seed_001_rapat_and_closing_deklarasi(seeds: dict[str, Article]) -> None:
    main, dek = extract_meetings(seeds["001"])
    assert main.event == "rapat" and main.name.startswith("Rapat Kesiapan Penyelenggaraan Pemilihan Kepala Daerah")
    assert main.organizer.startswith("Kementerian Koordinator Bidang Politik")
    assert (main.venue, main.province, main.date) == ("Bali", "Bali", "2024-07-30")
    assert dek.event == "deklarasi" and dek.date == "2024-07-30"
    assert article_outlet(seeds["001"]) == "AKSARANEWS.NET"


def test_seed_003_meeting(seeds: dict[str, Article]) -> None:
    m = extract_meetings(seeds["003"])[0]
    assert (m.event, m.venue, m.city, m.province) == ("rakor", "Pendopo Muda Graha Madiun", "Madiun", "Jawa Timur")
    assert (m.date, m.date_text) == (None, "Selasa")
    assert m.outlet == "ANTARA News Jawa Timur"


def test_seed_004_fgd_and_deklarasi(seeds: dict[str, Article]) -> None:
    fgd, dek = extract_meetings(seeds["004"])
    assert fgd.event == "fgd" and fgd.name.startswith("Optimalisasi Peran Tim Terpadu")
    assert fgd.organizer.startswith("Badan Kesatuan Bangsa dan Politik")
    assert (fgd.venue, fgd.province, fgd.date) == ("Hotel Grand Madani", "Nusa Tenggara Barat", "2023-12-12")
    assert dek.event == "deklarasi" and dek.name.startswith("Deklarasi Pemilu Damai 2024")
    assert (dek.venue, dek.date) == ("Hotel Grand Madani", "2023-12-12")


def test_event_with_its_own_venue_mid_article_is_a_meeting() -> None:
    text = (
        "Pemkot Sukamaju menggelar rapat koordinasi kesiapan Pilkada di Hotel Permata, Rabu (16/10/2024).\n"
        "Sehari sebelumnya, Apel Siaga Pengamanan Pilkada Polres Sukamaju yang digelar di Lapangan Merdeka pada "
        "Selasa (15/10/2024) diikuti 500 personel.\n"
    )
    rakor, apel = extract_meetings(art(text))
    assert (rakor.event, rakor.venue, rakor.date) == ("rakor", "Hotel Permata", "2024-10-16")
    assert (apel.event, apel.venue, apel.date) == ("apel", "Lapangan Merdeka", "2024-10-15")
    assert apel.name == "Apel Siaga Pengamanan Pilkada Polres Sukamaju"


def test_vague_recall_or_announcement_is_not_a_meeting() -> None:
    text = (
        "Pemkot Sukamaju menggelar rapat koordinasi kesiapan Pilkada di Hotel Permata, Rabu (16/10/2024).\n"
        "Wali Kota mengingatkan rekomendasi FGD kerawanan pada Agustus lalu belum dijalankan semua camat.\n"
        "Kesbangpol akan menggelar sosialisasi netralitas ASN mulai pekan depan.\n"
    )
    assert [m.event for m in extract_meetings(art(text))] == ["rakor"]


def test_headline_main_event_is_not_the_one_after_usai() -> None:
    text = (
        "Usai Deklarasi Damai, Pemkot Sukamaju Gelar Rakor Pengamanan\n\n"
        "Deklarasi Damai digelar di Lapangan Merdeka, Senin (14/10/2024).\n"
        "Pemkot Sukamaju kemudian menggelar rakor pengamanan di Hotel Permata, Selasa (15/10/2024).\n"
    )
    assert [m.event for m in extract_meetings(art(text))] == ["rakor", "deklarasi"]


def test_undated_event_reported_after_the_main_one_shares_its_date() -> None:
    text = (
        "Polres Sukamaju menggelar Apel Gelar Pasukan di Lapangan Merdeka, Senin (21/10/2024).\n"
        "Usai apel, rapat koordinasi pengamanan digelar di Aula Kantor Bupati.\n"
    )
    apel, rakor = extract_meetings(art(text))
    assert (rakor.event, rakor.venue, rakor.date) == ("rakor", "Aula Kantor Bupati", "2024-10-21")


def test_city_from_regency_after_venue_and_dateline_after_byline() -> None:
    text = "Bawaslu menggelar rakor di Lapangan Desa Mekar, Kabupaten Musi Rawas Utara, Senin (21/10/2024).\n"
    m = extract_meetings(art(text))[0]
    assert (m.venue, m.city, m.province) == ("Lapangan Desa Mekar", "Musi Rawas Utara", "Sumatera Selatan")
    text = (
        "Warta Sukamaju | Selasa, 24 September 2024 | Penulis: Budi\n\n"
        "KUPANG – KPU menggelar rakor di Aula Sasando, Selasa (24/9/2024).\n"
    )
    m = extract_meetings(art(text))[0]
    assert (m.venue, m.city, m.province) == ("Aula Sasando", "Kupang", "Nusa Tenggara Timur")


def test_province_from_the_event_sentence_when_nothing_else_gives_it() -> None:
    text = "Rakor Pilkada Nusa Tenggara Timur digelar di Hotel Sasando, Senin (7/10/2024).\n"
    assert extract_meetings(art(text))[0].province == "Nusa Tenggara Timur"


@pytest.mark.parametrize(
    ("text", "province"),
    [(n, n) for n in (
        "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Kepulauan Riau", "Jambi", "Sumatera Selatan", "Kepulauan Bangka Belitung",
        "Bengkulu", "Lampung", "DKI Jakarta", "Jawa Barat", "Banten", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Bali",
        "Nusa Tenggara Barat", "Nusa Tenggara Timur", "Kalimantan Barat", "Kalimantan Tengah", "Kalimantan Selatan",
        "Kalimantan Timur", "Kalimantan Utara", "Sulawesi Utara", "Gorontalo", "Sulawesi Tengah", "Sulawesi Barat",
        "Sulawesi Selatan", "Sulawesi Tenggara", "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Barat Daya",
        "Papua Selatan", "Papua Tengah", "Papua Pegunungan",
    )]
    + [
        ("NTT", "Nusa Tenggara Timur"), ("NTB", "Nusa Tenggara Barat"), ("Sulsel", "Sulawesi Selatan"), ("Sulteng", "Sulawesi Tengah"),
        ("Sultra", "Sulawesi Tenggara"), ("Sulut", "Sulawesi Utara"), ("Sulbar", "Sulawesi Barat"), ("Kalsel", "Kalimantan Selatan"),
        ("Kalteng", "Kalimantan Tengah"), ("Kaltara", "Kalimantan Utara"), ("Kalbar", "Kalimantan Barat"), ("Kaltim", "Kalimantan Timur"),
        ("Sumut", "Sumatera Utara"), ("Sumbar", "Sumatera Barat"), ("Sumsel", "Sumatera Selatan"), ("Jatim", "Jawa Timur"),
        ("Jateng", "Jawa Tengah"), ("Jabar", "Jawa Barat"), ("DIY", "DI Yogyakarta"), ("DKI", "DKI Jakarta"),
        ("Babel", "Kepulauan Bangka Belitung"), ("Kepri", "Kepulauan Riau"), ("Malut", "Maluku Utara"), ("PBD", "Papua Barat Daya"),
    ],
)
def test_every_province_and_its_short_name(text: str, province: str) -> None:
    assert lookup(f"Kantor Gubernur {text}")[1] == province


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("MAKASSAR – Sehari setelah pelantikan, Pemkot menggelar rakor di Hotel Permata, Senin (7/10/2024).\n", ""),
        ("Sukamaju — Polres Sukamaju menggelar apel gelar pasukan di Lapangan Merdeka, Senin (21/10/2024).\n", ""),
        ("KUPANG, NUSAPOS.CO – Pemprov menggelar rakor di Hotel Sasando, Senin (7/10/2024).\n", "NUSAPOS.CO"),
        ("Pemprov menggelar rakor.\n\nCopyright © 2024 Warta Sukamaju. All rights reserved.\n", "Warta Sukamaju"),
        ("Sukamaju Terkini — Kamis, 10 Oktober 2024\n\nPemprov menggelar rakor.\n", "Sukamaju Terkini"),
    ],
)
def test_outlet_is_never_a_dateline_place(text: str, outlet: str) -> None:
    assert article_outlet(art(text)) == outlet


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("KPU menggelar rapat konsolidasi di aula Paroki Santo Yosef, Kamis (26/9/2024).", "aula Paroki Santo Yosef"),
        ("KPU menggelar rapat konsolidasi di aula kantor camat, Kamis (26/9/2024).", ""),  # no name: no venue
    ],
)
def test_venue_with_a_lower_case_head(sentence: str, venue: str) -> None:
    """"di aula Paroki X": a venue head written in lower case, then the venue's name."""
    assert extract_meetings(art(sentence + "\n"))[0].venue == venue


def test_unknown_town_after_venue_is_kept_as_written() -> None:
    text = "Pemkab menggelar rakor di Aula Kantor Bupati Lembah Seruni, Kota Sirna, Selasa (22/10/2024).\n"
    m = extract_meetings(art(text))[0]
    assert (m.venue, m.city) == ("Aula Kantor Bupati Lembah Seruni", "Kota Sirna")


@pytest.mark.parametrize(
    ("byline", "sentence", "date", "date_text"),
    [
        (
            "Maumere, FloresPos.com – Sabtu, 16 November 2024 | Penulis: Yosef | Editor: Maria",
            "KPU Sikka menggelar rapat koordinasi distribusi logistik di Aula Kantor KPU Sikka, Maumere, Kamis lalu.",
            "2024-11-14",
            "Kamis lalu",
        ),
        (
            "Manokwari, PapuaPos.com – Selasa, 26 November 2024 | Penulis: Yan | Editor: Maria",
            "Polresta Manokwari menggelar apel patroli skala besar di Halaman Mapolresta Manokwari, Senin pagi.",
            "2024-11-25",
            "Senin pagi",
        ),
        (
            "PortalBitung.com – Rabu, 13 November 2024 | 14:25 WITA | Penulis: Ricky",
            "Pemkot Bitung menggelar rapat koordinasi pengamanan masa tenang, kemarin, di Ruang Serbaguna Kantor Wali Kota Bitung.",
            "2024-11-12",
            "kemarin",
        ),
    ],
)
def test_relative_dates_are_counted_back_from_the_byline_date(byline: str, sentence: str, date: str, date_text: str) -> None:
    meeting = extract_meetings(art(f"Rakor Pilkada di Daerah\n\n{byline}\n\n{sentence}\n"))[0]
    assert (meeting.date, meeting.date_text) == (date, date_text)


def test_a_venue_keeps_its_floor_number() -> None:
    text = "Pemprov NTT menggelar rakor Forkopimda di Ruang Rapat Lantai 2 Kantor Gubernur NTT, Kupang, Senin (4/11/2024).\n"
    assert extract_meetings(art(text))[0].venue == "Ruang Rapat Lantai 2 Kantor Gubernur NTT"


def test_a_vote_count_simulation_is_a_second_event() -> None:
    text = (
        "Sekda Gianyar memimpin rapat koordinasi kesiapan Pilkada di Ruang Rapat Bale Paruman, Gianyar, Jumat (27/9/2024).\n\n"
        "Sehari kemudian, Sabtu (28/9/2024), KPU Kabupaten Gianyar menggelar simulasi pemungutan dan penghitungan suara "
        "di Balai Banjar Teges Kawan, Kecamatan Ubud.\n"
    )
    kinds = {(m.event, m.date) for m in extract_meetings(art(text))}
    assert ("simulasi", "2024-09-28") in kinds


@pytest.mark.parametrize(
    ("sentence", "venue"),
    [
        ("Kendari (Sultra Pos) - Aula Bhayangkara Mapolda Sultra menjadi tempat rapat koordinasi pengamanan, Selasa (19/11/2024).",
         "Aula Bhayangkara Mapolda Sultra"),
        ("Bawaslu Kolaka menggelar FGD pengawasan yang berlangsung Ruang Pertemuan Hotel Sutan Raja, Kolaka, Rabu (16/10/2024).",
         "Ruang Pertemuan Hotel Sutan Raja"),
        ("Ribuan warga memadati Lapangan Siring Laut, Kotabaru, untuk mengikuti deklarasi kampanye damai pada Senin (23/9/2024).",
         "Lapangan Siring Laut"),
        ("Pemprov Maluku menggelar rapat koordinasi di Lantai VII Kantor Gubernur Maluku, Ambon, Kamis (25/1/2024).",
         "Lantai VII Kantor Gubernur Maluku"),
    ],
)
def test_venues_without_di(sentence: str, venue: str) -> None:
    (meeting,) = extract_meetings(art(sentence))
    assert meeting.venue == venue


def test_quoted_title_placed_by_the_next_sentence_and_a_date_looked_ahead_to() -> None:
    """A quoted event title after "kegiatan" is a name, not speech (its marks reversed and cut by a line break); the
    "Bertempat di ..." sentence places that event; a date after "menjelang ..." is the day ahead, not the event's."""
    text = (
        "Bawaslu Sukamaju Gelar Apel Siaga\n"
        "Bawaslu Kabupaten Sukamaju mengadakan kegiatan ”\n"
        "Apel Siaga Pengawasan Pilkada Damai tahun 2024 “, Sabtu 16 November 2024. Bertempat di lapangan Merdeka "
        "kabupaten Sukamaju.\n"
        "Ketua Bawaslu Sukamaju Rina Wati menyampaikan menjelang masa pencoblosan tanggal 27 November 2024 pengawas "
        "harus bekerja selama 24 jam.\n"
    )
    m = extract_meetings(art(text))
    assert (m[0].event, m[0].name) == ("apel", "Apel Siaga Pengawasan Pilkada Damai")
    assert (m[0].venue, m[0].date, m[0].date_text) == ("lapangan Merdeka", "2024-11-16", "Sabtu 16 November 2024")


@pytest.mark.parametrize(
    ("text", "kinds", "venue"),
    [
        (  # an event named only as the main one's time ("setelah apel ...") is no second meeting
            "Polres Sigi menggelar rapat koordinasi lintas sektoral di Aula Tadulako, Senin (26/8/2024). Kegiatan ini "
            "berlangsung setelah apel gelar pasukan dan dihadiri Ketua KPU Sigi.\nKapolres Sigi mengatakan rakor ini penting.\n",
            ["rakor"],
            "Aula Tadulako",
        ),
        (  # an event a speaker reports ("telah melaksanakan ... Sispamkota") is no scene of later quotes
            "Polres Bima menggelar rakor lintas sektoral di Aula Wira Pratama, Senin (26/8/2024).\nIa menjelaskan, Polres Bima "
            "telah melaksanakan latihan pra operasi dan simulasi Sispamkota.\nKapolres Bima mengatakan personel siap.\n",
            ["rakor"],
            "Aula Wira Pratama",
        ),
        (  # "pleno" alone is the plenary; a lower-case venue head may take lower-case words before its name
            "KPU Bangka menggelar pleno penetapan calon terpilih, Kamis (9/1/2025). Kegiatan ini digelar di aula "
            "sekretariat KPU Bangka.\n",
            ["rapat pleno"],
            "aula sekretariat KPU Bangka",
        ),
    ],
)
def test_the_main_meeting_keeps_its_sentences(text: str, kinds: list[str], venue: str) -> None:
    found = extract_meetings(art(text))
    assert [m.event for m in found] == kinds
    assert found[0].venue == venue


def test_an_article_whose_event_no_sentence_places_still_reports_it() -> None:
    """A dated article names its event only in passing ("acara puncak deklarasi ..."), then dates it in the next
    paragraph: the first mention is the article's event. An undated article has none (see the sosialisasi test)."""
    text = (
        "TANJUNG REDEB – Halaman kantor bupati menjadi saksi acara puncak deklarasi kampanye damai Pilkada Berau.\n\n"
        "Perhelatan tersebut diresmikan pada hari Selasa (24/9/2024) dan dihadiri Forkopimda Berau.\n"
    )
    (m,) = extract_meetings(art(text))
    assert (m.event, m.date) == ("deklarasi", "2024-09-24")
