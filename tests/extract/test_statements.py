"""Statements: quotes and reported speech, verbs, pronouns, ambiguity, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rag.core.types import Article, Statement
from rag.extract.meetings.records import extract_meetings
from rag.extract.speech.quotes import extract_statements
from rag.ingest.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def art(text: str, source: str = "t.txt") -> Article:
    return Article(source=source, text=text, sha256="0")


def said(text: str) -> list[tuple[str, str, str, str]]:
    """Return (kind, verb, speaker name or role, statement text) for every statement."""
    out = []
    for s in extract_statements(art(text)):
        out.append((s.kind, s.verb, s.speaker.name or s.speaker.role, s.text))
    return out


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    articles, _ = load_corpus(ROOT / "seeds", 5_000_000)
    return {a.source[:3]: a for a in articles}


INTRO = "Ketua KPU Kota Tegal Budi Santoso membuka rapat koordinasi di Hotel Bahari, Senin (4/11/2024).\n"


@pytest.mark.parametrize(
    ("line", "verb"),
    [
        ('"Logistik sudah kami kirim ke semua kecamatan," kata Budi Santoso.', "kata"),
        ('"Logistik sudah kami kirim ke semua kecamatan," ujar Budi.', "ujar"),
        ('“Logistik sudah kami kirim ke semua kecamatan,” tegas Ketua KPU Kota Tegal Budi Santoso.', "tegas"),
        ('"Logistik sudah kami kirim ke semua kecamatan," ujarnya.', "ujarnya"),
        ('"Logistik sudah kami kirim ke semua kecamatan," tegasnya, Senin (4/11).', "tegasnya"),
        ('“Logistik sudah kami kirim ke semua kecamatan.” Imbuhnya.', "Imbuhnya"),
        ('"Logistik sudah kami kirim ke semua kecamatan," kata dia.', "kata"),
        ('"Logistik sudah kami kirim ke semua kecamatan," Budi menambahkan.', "menambahkan"),
        ('Budi mengatakan, "Logistik sudah kami kirim ke semua kecamatan."', "mengatakan"),
        ('Menurut Budi, "Logistik sudah kami kirim ke semua kecamatan."', "Menurut"),
    ],
)
def test_direct_quote_verb_forms(line: str, verb: str) -> None:
    found = said(INTRO + line)
    text = "Logistik sudah kami kirim ke semua kecamatan" + ("." if line.endswith(('."', ".”", "Imbuhnya.")) else "")
    assert found == [("direct", verb, "Budi Santoso", text)]


@pytest.mark.parametrize(
    ("line", "verb", "clause"),
    [
        ("Budi mengatakan bahwa logistik sudah tiba di semua kecamatan.", "mengatakan", "logistik sudah tiba di semua kecamatan"),
        ("Budi menegaskan, logistik sudah tiba di semua kecamatan.", "menegaskan", "logistik sudah tiba di semua kecamatan"),
        ("Budi menyampaikan logistik sudah tiba di semua kecamatan.", "menyampaikan", "logistik sudah tiba di semua kecamatan"),
        ("Budi meminta seluruh PPK memeriksa kotak suara.", "meminta", "seluruh PPK memeriksa kotak suara"),
        ("Budi mengimbau warga datang ke TPS lebih pagi.", "mengimbau", "warga datang ke TPS lebih pagi"),
        ("Budi menghimbau warga datang ke TPS lebih pagi.", "menghimbau", "warga datang ke TPS lebih pagi"),
        ("Budi juga menekankan pentingnya netralitas ASN.", "menekankan", "pentingnya netralitas ASN"),
        ("Ia berharap warga datang ke TPS lebih pagi.", "berharap", "warga datang ke TPS lebih pagi"),
        ("Menurut Budi, logistik sudah tiba di semua kecamatan.", "Menurut", "logistik sudah tiba di semua kecamatan"),
        ("Menurutnya, logistik sudah tiba di semua kecamatan.", "Menurutnya", "logistik sudah tiba di semua kecamatan"),
    ],
)
def test_indirect_speech(line: str, verb: str, clause: str) -> None:
    assert said(INTRO + line) == [("indirect", verb, "Budi Santoso", clause)]


def test_inverted_order_with_trailing_circumstance() -> None:
    text = (
        "Pj Bupati Madiun Tontro Pahlawanto meminta sinergi antaranggota Forkopimda.\n"
        '"Sinergisitas ini penting guna mewujudkan stabilitas wilayah," ujar Pj Bupati Madiun Tontro di sela rapat '
        "koordinasi di Pendopo Muda Graha Madiun, Selasa.\n"
    )
    found = extract_statements(art(text))
    direct = [s for s in found if s.kind == "direct"][0]
    assert direct.speaker.name == "Tontro Pahlawanto"  # short name resolved in the same article
    assert direct.speaker.role == "Pj Bupati Madiun"
    assert text[direct.attribution_start : direct.attribution_end] == "ujar Pj Bupati Madiun Tontro"


def test_role_only_back_reference_keeps_full_name() -> None:
    text = (
        "Penjabat (Pj) Gubernur NTB Hassanudin menghadiri rakor di Bali.\n"
        '"Mari kita sukseskan Pilkada Serentak Tahun 2024," pesan Pj Gubernur.\n'
        "Sementara itu, Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Marsekal TNI (Purn) Hadi Tjahjanto "
        "menghimbau pemerintah daerah memfasilitasi penyelenggara Pilkada.\n"
        '"Penting menjaga netralitas TNI, Polri dan ASN," jelas Menko Polhukam.\n'
    )
    found = said(text)
    assert [(v, who) for _, v, who, _ in found] == [("pesan", "Hassanudin"), ("menghimbau", "Hadi Tjahjanto"), ("jelas", "Hadi Tjahjanto")]


def test_nya_goes_to_last_named_speaker_even_after_organisations() -> None:
    text = (
        "Kepala BIN Daerah NTB, Wara Winahya mengaku optimis pemilu berjalan aman.\n"
        "TNI dan Polri juga terus memastikan keamanan selama tahapan pemilu.\n"
        '"Semua ASN, TNI Polri dan BIN menjunjung tinggi netralitas," Tutupnya.\n'
    )
    assert [who for _, _, who, _ in said(text)] == ["Wara Winahya", "Wara Winahya"]


def test_new_subject_without_speech_verb_becomes_last_speaker() -> None:
    text = (
        'Kapolres Tegal AKBP Andi Wijaya mengatakan personel sudah disiagakan di semua TPS.\n'
        "Sementara itu, Dandim 0712/Tegal Letkol Inf Bagus Prasetyo meninjau gudang logistik KPU.\n"
        '"Kami bantu pengawalan sampai kecamatan," ujarnya.\n'
    )
    assert [who for _, _, who, _ in said(text)] == ["Andi Wijaya", "Bagus Prasetyo"]


def test_ambiguous_pronoun_is_dropped() -> None:
    text = (
        "Ketua KPU Kabupaten Gresik Ahmad Zainuri dan Ketua Bawaslu Gresik Siti Mutmainah sepakat bahwa sosialisasi "
        "kepada pemilih pemula harus diperluas.\n"
        '"Pemilih pemula di pesantren jumlahnya besar," ujarnya.\n'
    )
    assert [s for s in said(text) if s[0] == "direct"] == []


def test_two_people_named_then_pronoun_is_dropped() -> None:
    text = (
        'Bupati Tegal Umi Azizah mengatakan rapat berjalan lancar dan tertib.\n'
        "Acara juga dihadiri Kapolres Tegal AKBP Andi Wijaya dan Dandim Tegal Letkol Inf Bagus Prasetyo.\n"
        '"Kami siap mengamankan seluruh tahapan," katanya.\n'
    )
    assert [v for _, v, _, _ in said(text)] == ["mengatakan"]


def test_pronoun_without_any_speaker_is_dropped() -> None:
    assert said('"Kami siap mengamankan seluruh tahapan," katanya.\nIa berharap pemilu berjalan damai dan aman.') == []


def test_unattributed_quote_continues_previous_speaker_only_when_clear() -> None:
    text = (
        'Ketua Bawaslu Kota Tegal Rina Lestari menegaskan pengawasan akan diperketat.\n'
        '"Kami akan turun ke semua TPS pada hari pemungutan suara."\n'
    )
    assert [(k, who) for k, _, who, _ in said(text)] == [("indirect", "Rina Lestari"), ("direct", "Rina Lestari")]
    text_with_other = text.replace("\n\"Kami", "\nAcara dihadiri Kapolres Tegal AKBP Andi Wijaya.\n\"Kami")
    assert [k for k, _, _, _ in said(text_with_other)] == ["indirect"]


def test_quoted_title_is_not_a_statement() -> None:
    text = 'Gubernur Jawa Tengah Nana Sudjana membuka rapat bertajuk "Sukseskan Pilkada Damai Tahun 2024" di Semarang.'
    assert said(text) == []


def test_statement_fields_and_meeting_index() -> None:
    text = INTRO + '"Logistik sudah kami kirim," kata Budi.\nAcara ditutup dengan deklarasi pemilu damai.\n"Kami siap," ujar Budi.'
    article = art(text)
    meetings = extract_meetings(article)
    found = extract_statements(article, meetings)
    assert [s.meeting for s in found] == [0, 1]
    first: Statement = found[0]
    assert first.source == "t.txt" and first.text == text[first.start : first.end]
    assert (first.start_line, first.end_line) == (2, 2)
    assert first.id == f"t.txt#{first.start}"


def test_seed_004_kasrem(seeds: dict[str, Article]) -> None:
    found = extract_statements(seeds["004"], extract_meetings(seeds["004"]))
    quote = [s for s in found if s.text.startswith("Dan jika ditemukan pelanggaran")]
    assert len(quote) == 1
    sp = quote[0].speaker
    assert (sp.name, sp.role, sp.rank) == ("Susanto Lastua Manurung", "Kasrem 162/WB", "Kolonel Inf.")
    assert quote[0].verb == "ujarnya" and quote[0].meeting == 0
    speakers = {s.speaker.name for s in found}
    assert speakers == {"Ruslan Abdul Gani", "Gunawan", "Susanto Lastua Manurung", "Wara Winahya"}


def test_seed_002_sri_wahyuni(seeds: dict[str, Article]) -> None:
    found = extract_statements(seeds["002"])
    quote = [s for s in found if s.text.startswith("Kita akan terus memastikan kelancaran distribusi logistik")]
    assert len(quote) == 1 and quote[0].speaker.name == "Sri Wahyuni" and quote[0].kind == "direct"
    agus = [s for s in found if s.text.startswith("Pilkada sudah ada didepan mata")]
    assert agus[0].speaker.name == "Agus Hari Kesuma"


def test_seed_003_repeated_block_yields_each_statement_once(seeds: dict[str, Article]) -> None:
    found = extract_statements(seeds["003"])
    texts = [s.text for s in found]
    assert len(texts) == len(set(texts)) >= 6
    assert max(s.end_line for s in found) <= 13  # nothing from the repeated block after the footer
    assert {s.speaker.name for s in found} == {"Tontro Pahlawanto", "Mashudi"}


def test_seed_000_speakers(seeds: dict[str, Article]) -> None:
    found = extract_statements(seeds["000"])
    by_name = {s.speaker.name for s in found}
    assert by_name == {"Hassanudin", "Hadi Tjahjanto", "Heri Wiranto"}
    netral = [s for s in found if s.text.startswith("Penting menjaga netralitas TNI")]
    assert netral[0].speaker.name == "Hadi Tjahjanto" and netral[0].speaker.rank == "Marsekal TNI (Purn)"


def test_seed_001_imbuhnya(seeds: dict[str, Article]) -> None:
    found = extract_statements(seeds["001"])
    assert [s.speaker.name for s in found] == ["Thomas Febry Bayo Ala"] * 2
    assert found[1].text.startswith("Urgensi kegiatan ini") and found[1].verb == "Imbuhnya"


PIECES = st.sampled_from(
    list('“”"‘’«» ,.;:()-–\n\t/#©¶') + ["kata ", "ujarnya", "Ia ", "mengatakan ", "Menurut ", "Kabupaten ", "Selasa (12/12)",
    "rakor ", "di Hotel ", "Bupati ", "Kolonel Inf. ", "dan ", "selaku ", "(Purn)", "Budi ", "\u0301", "İ", "ß", "\x00"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(PIECES, max_size=60).map("".join) | st.text(max_size=200))
def test_extract_statements_never_raises_and_spans_are_exact(text: str) -> None:
    article = art(text)
    for s in extract_statements(article, extract_meetings(article)):
        assert 0 <= s.start <= s.end <= len(text)
        assert s.text == text[s.start : s.end]
        assert 0 <= s.attribution_start <= s.attribution_end <= len(text)
        assert 1 <= s.start_line <= s.end_line


def test_companion_in_subject_sentence_does_not_block_pronoun() -> None:
    text = (
        "Kapolda Jatim Irjen Pol. Wahyu Nugroho Hadi didampingi Pangdam V/Brawijaya Mayjen TNI Rachmat Santoso "
        "memeriksa kesiapan pasukan.\n"
        '"Seluruh personel harus sudah berada di lokasi TPS sejak H-1," ujarnya.\n'
    )
    assert [who for _, _, who, _ in said(text)] == ["Wahyu Nugroho Hadi"]


def test_menurut_before_capitalized_clause_and_melaporkan() -> None:
    text = (
        INTRO
        + "Menurut Budi, KPU juga menyiapkan surat suara cadangan sebesar 2,5 persen.\n"
        + "Adapun Ketua Bawaslu Kota Tegal Rina Lestari melaporkan bahwa pengawas TPS sudah dilantik semua.\n"
    )
    assert [(v, who) for _, v, who, _ in said(text)] == [("Menurut", "Budi Santoso"), ("melaporkan", "Rina Lestari")]


def test_role_after_intro_phrase_with_unknown_two_word_region() -> None:
    text = INTRO + (
        "Dalam rapat itu, Kepala Pelaksana BPBD Kabupaten Lembah Seruni, Yohanes Nggadas, memaparkan kesiapan "
        "logistik menghadapi musim hujan ekstrem.\n"
    )
    found = extract_statements(art(text))
    assert [(s.speaker.name, s.speaker.role) for s in found] == [("Yohanes Nggadas", "Kepala Pelaksana BPBD Kabupaten Lembah Seruni")]


def test_region_named_in_the_article_keeps_its_two_words() -> None:
    text = (
        "KPU menggelar rapat koordinasi di Kabupaten Lembah Seruni, Senin (4/11/2024).\n"
        "Ketua KPU Kabupaten Lembah Seruni Dedi mengatakan logistik sudah tiba di semua kecamatan.\n"
    )
    found = extract_statements(art(text))
    assert [(s.speaker.name, s.speaker.role) for s in found] == [("Dedi", "Ketua KPU Kabupaten Lembah Seruni")]


@pytest.mark.parametrize("opener", ["Yakni,", "Yaitu", "Antara lain,", "Di antaranya,"])
def test_follow_on_list_sentence_belongs_to_the_statement(opener: str) -> None:
    follow = f"{opener} kesiapan logistik, pengamanan, serta netralitas ASN"
    text = INTRO + f"Ia juga menekankan pentingnya tiga hal menjelang pemungutan suara. {follow}.\n"
    found = extract_statements(art(text))
    assert len(found) == 1
    assert found[0].text == f"pentingnya tiga hal menjelang pemungutan suara. {follow}"


def test_pihaknya_after_named_speaker_resolves_like_a_pronoun() -> None:
    text = (
        "Ketua Bawaslu Kota Sukamaju Rina Wulandari mengatakan pengawasan diperketat di semua kecamatan.\n"
        "Pihaknya juga meminta camat dan lurah melaporkan setiap alat peraga kampanye yang melanggar.\n"
    )
    assert [who for _, _, who, _ in said(text)] == ["Rina Wulandari", "Rina Wulandari"]
    two = text.replace("\nPihaknya", "\nRapat dihadiri Kapolres Sukamaju AKBP Andi Wijaya dan Dandim Sukamaju Letkol Inf Bagus.\nPihaknya")
    assert [who for _, _, who, _ in said(two)] == ["Rina Wulandari"]


def test_pronoun_after_the_one_person_just_named_in_its_paragraph() -> None:
    text = (
        "Ketua Bawaslu Kota Sukamaju Rina Wulandari mengatakan pengawasan diperketat di semua kecamatan.\n\n"
        "Rakor juga dihadiri Dandim 1616/Sukamaju Letkol Czi Bernard Tamaela. Ia menyebutkan Babinsa ikut mengawal kotak suara.\n"
    )
    assert [who for _, _, who, _ in said(text)] == ["Rina Wulandari", "Bernard Tamaela"]


def test_statement_points_at_the_event_it_was_said_at() -> None:
    text = (
        "KPU Kota Sukamaju menggelar Rapat Koordinasi Pengamanan Logistik di Hotel Permata, Rabu (16/10/2024).\n"
        "Rakor ini merupakan tindak lanjut dari Deklarasi Pilkada Damai Kota Sukamaju yang digelar Bawaslu Kota Sukamaju "
        "di Lapangan Merdeka, Senin (14/10/2024).\n"
        "Saat deklarasi, Ketua Bawaslu Kota Sukamaju Rina Wulandari mengingatkan seluruh pasangan calon agar menjauhi politik uang.\n"
        "Kembali ke rakor, Ketua KPU Kota Sukamaju Darma Putra mengatakan logistik sudah tiba di semua kecamatan.\n"
    )
    article = art(text)
    meetings = extract_meetings(article)
    assert [(m.event, m.venue, m.date) for m in meetings] == [
        ("rakor", "Hotel Permata", "2024-10-16"),
        ("deklarasi", "Lapangan Merdeka", "2024-10-14"),
    ]
    assert meetings[1].name == "Deklarasi Pilkada Damai Kota Sukamaju"
    assert meetings[1].organizer == "Bawaslu Kota Sukamaju"
    assert [(s.speaker.name, s.meeting) for s in extract_statements(article, meetings)] == [("Rina Wulandari", 1), ("Darma Putra", 0)]
