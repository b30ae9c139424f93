"""News-writing patterns first met in the fourth and fifth held-out sets, each pinned as a small case.

Multi-paragraph quotes attributed only at their end, degrees the list does not
know ("S.Fil."), a degree that ends a sentence before "Ia", a rector named after
a comma, "Kamis lalu" in an article whose byline gives the date, venues with a
floor number, regional-election words, focused which-meeting questions and
count questions.
"""

from __future__ import annotations

import pytest

from rag.core.types import Article
from rag.extract.meetings.records import extract_meetings
from rag.extract.people.mentions import mention_tokens, name_runs
from rag.extract.people.ranks import is_degree
from rag.extract.speech.quotes import extract_statements
from rag.extract.speech.subjects import speaker_in
from rag.query.analysis import analyze
from rag.query.elections import backs_election, election_kind
from rag.query.quantities import has_count, states_count


def art(text: str) -> Article:
    return Article(source="t.txt", text=text, sha256="0")


def speakers(text: str) -> list[tuple[int, str]]:
    """Return (line, speaker name or role) of every statement."""
    a = art(text)
    return [(s.start_line, s.speaker.name or s.speaker.role) for s in extract_statements(a, extract_meetings(a))]


MULTI = (
    "KPU Kabupaten Sikka menggelar rapat koordinasi logistik di Aula KPU Sikka, Maumere, Senin (11/11/2024).\n\n"
    "Rakor dibuka Ketua KPU Sikka Maria Goreti Da Silva, S.Fil. Ia memaparkan jadwal pengiriman logistik.\n\n"
    "“Kami punya 14 TPS di pulau kecil. Semuanya hanya bisa dijangkau dengan perahu motor.\n\n"
    "“Karena itu logistik pulau kami kirim lebih dulu, paling lambat 20 November,” ungkap Da Silva.\n\n"
    "Kapolres Sikka AKBP Yohanes Lado mengatakan setiap perahu logistik dikawal dua personel.\n\n"
    "Ketua KPU itu menambahkan, petugas di pulau dibekali telepon satelit. “Hasilnya harus kami terima malam itu juga,” katanya.\n"
)


def test_a_quote_over_two_paragraphs_belongs_to_whoever_closes_it() -> None:
    found = speakers(MULTI)
    assert (5, "Maria Goreti Da Silva") in found  # the open paragraph, attributed only in the next one
    assert (7, "Maria Goreti Da Silva") in found
    assert (9, "Yohanes Lado") in found
    assert (11, "Maria Goreti Da Silva") in found  # "Ketua KPU itu": the article's only Ketua KPU


def test_a_quote_attributed_in_its_first_paragraph_keeps_every_paragraph() -> None:
    text = (
        "Polda NTT menggelar apel gelar pasukan di Lapangan Polda NTT, Kupang, Rabu (20/11/2024).\n\n"
        "Dalam amanatnya, Kapolda NTT Irjen Pol Daniel Tahi Silitonga mengatakan, “Tujuh hari lagi warga memilih. "
        "Tugas kita memastikan semua warga datang ke TPS tanpa takut.\n\n"
        "“Saya ingatkan, netralitas Polri harga mati. Jangan ada anggota yang berfoto dengan pasangan calon.\n\n"
        "“Jaga kesehatan dan stamina. Pengamanan berlanjut sampai rekapitulasi selesai.”\n"
    )
    assert [line for line, _ in speakers(text)] == [3, 5, 7]
    assert {name for _, name in speakers(text)} == {"Daniel Tahi Silitonga"}


@pytest.mark.parametrize(("token", "degree"), [("S.Fil.", True), ("M.Kom", True), ("S.Tr.IP", True), ("Jemarut", False), ("Jl.", False)])
def test_degrees_by_shape(token: str, degree: bool) -> None:
    assert is_degree(token) is degree


def test_a_rector_named_after_a_comma_keeps_the_university() -> None:
    sp = speaker_in("Rektor Universitas Nusa Cendana, Prof. Dr. Maxs Sanam, M.Si.")
    assert (sp.name, sp.role) == ("Maxs Sanam", "Rektor Universitas Nusa Cendana")


def test_a_degree_before_ia_ends_the_sentence() -> None:
    text = (
        "Bawaslu Sikka menggelar FGD di Hotel Sylvia, Maumere, Senin (4/11/2024).\n\n"
        "Hal senada disampaikan Rektor Universitas Nusa Nipa, Prof. Dr. Yosef Tani, M.Si. Ia menilai kampus dapat membantu pengawasan.\n"
    )
    assert speakers(text) == [(3, "Yosef Tani")]


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


PILBUP = "Rakor Pilbup Sikka 2024 digelar di Maumere."
NO_ELECTION = "Bawaslu menggelar bimtek pengawasan pemungutan suara 27 November 2024 bagi Panwascam."
PEMILU = "Rakor kesiapan logistik Pemilu 2024 digelar, sebelum pemungutan suara 14 Februari 2024."


@pytest.mark.parametrize(
    ("word", "text", "backed"),
    [
        ("Pilkada", PILBUP, True),
        ("Pilkada", NO_ELECTION, True),
        ("Pilkada", PEMILU, False),
        ("Pilbup", "Rakor Pilkada Sikka digelar.", True),
        ("Pilgub", PILBUP, False),
        ("Pilkada", "Badan Pengawas Pemilihan Umum (Bawaslu) Sikka menggelar rakor.", True),
    ],
)
def test_regional_election_words(word: str, text: str, backed: bool) -> None:
    assert backs_election(election_kind(word), text) is backed


def test_pemilu_is_not_a_regional_election_word() -> None:
    assert election_kind("Pemilu") == ""


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("Dalam acara apa Pj Gubernur NTT menyebut pemilih di Sikka berjumlah 250 ribu orang?", True),
        ("At which meeting did the police chief say every boat would be escorted?", True),
        ("Rapat apa saja yang dihadiri Kapolda NTT?", False),
    ],
)
def test_which_meeting_questions_that_say_what_was_said(question: str, says: bool) -> None:
    assert analyze(question).says_what is says


@pytest.mark.parametrize(
    ("question", "asks", "counted"),
    [
        ("Berapa jumlah personel yang dikerahkan Polres Sikka?", True, ("personel",)),
        ("Berapa anggaran sewa helikopter yang disiapkan Pemkab?", True, ("anggar",)),
        ("Jumlah TPS rawan di Sikka berapa?", True, ("tps",)),
        ("Di mana FGD itu digelar dan tanggal berapa?", False, ()),
    ],
)
def test_count_questions_know_what_they_count(question: str, asks: bool, counted: tuple[str, ...]) -> None:
    q = analyze(question)
    assert (q.asks_count, q.counted) == (asks, counted)


def test_a_count_needs_its_noun_in_the_same_sentence() -> None:
    assert not has_count("Dandim 1602/Ende Letkol Inf Budi hadir.")
    assert not states_count("Polres, Kodim 1603/Sikka dan KPU hadir. Personel disiagakan.", ("personel",))
    assert states_count("Polres mengerahkan 250 personel ke TPS.", ("personel",))
    assert states_count("Pemkab menyiapkan Rp 2,5 miliar untuk sewa helikopter.", ("anggar",))


def test_a_title_in_lower_case_still_names_its_holder() -> None:
    text = (
        "Bawaslu Sikka menggelar FGD di Hotel Sylvia, Maumere, Senin (4/11/2024). Narasumber FGD adalah Kapolres Sikka "
        "AKBP Yohanes Lado serta akademisi Universitas Nusa Nipa Dr. Maria Bunga.\n\n"
        "“Hoaks di grup keluarga menyebar lebih cepat dari klarifikasi,” kata Maria.\n"
    )
    a = art(text)
    (statement,) = extract_statements(a, extract_meetings(a))
    assert (statement.speaker.name, statement.speaker.role) == ("Maria Bunga", "akademisi Universitas Nusa Nipa")


def test_acehnese_honorific_is_not_part_of_the_name() -> None:
    assert speaker_in("Tgk Zulkifli").name == "Zulkifli"
    assert speaker_in("Ketua MPU Bireuen Tgk. H. Zulkifli Abdullah").name == "Zulkifli Abdullah"


@pytest.mark.parametrize(
    ("question", "runs"),
    [
        ("Apa pesan Ketua FKUB Sikka soal rumah ibadah?", []),  # an acronym is an institution, not a name
        ("Dalam rapat apa Ketua PPK Kupang Timur II bercerita?", []),  # compass words and numerals are not names
        ("Apa pendapat moderator Bagus Setiawan soal politik uang?", [["bagus", "setiawan"]]),
    ],
)
def test_name_runs_skip_acronyms_compass_words_and_numerals(question: str, runs: list[list[str]]) -> None:
    qtoks = mention_tokens(question)
    assert [run for run, _ in name_runs(qtoks, lower_mode=False)] == runs


def test_english_chair_is_ketua() -> None:
    assert "Ketua" in analyze("What did the chair of the Sikka election commission say about logistics?").people_text


def test_telling_a_story_is_saying_what() -> None:
    assert analyze("Dalam rapat apa Ketua PPK Alok menceritakan bahwa Sirekap tidak bisa diakses?").says_what


@pytest.mark.parametrize(
    "question",
    [
        "At the February 2024 election meeting in Way Kanan, who insisted that ballot boxes must be escorted?",
        "Which church leader told the Poso peace declaration that the pulpit is only for the word of God?",
        "Mahasiswa mana yang menyebut organisasinya menyiapkan 150 kader?",
    ],
)
def test_who_questions_in_other_words(question: str) -> None:
    assert analyze(question).kind == "who_said"


def test_a_troop_parade_is_an_event() -> None:
    assert analyze("Where and when did the Merauke police hold their troop parade?").kind == "where_when"


def test_a_governor_election_is_not_a_governor() -> None:
    people = analyze("At the logistics meeting for the NTT governor election, who said the seals were damaged?").people_text
    assert "Pilgub" in people and "Gubernur" not in people


def test_a_unit_number_does_not_hide_the_region() -> None:
    from rag.extract.people.names import role_signature

    assert "@merauke" in role_signature("Dandim 1707/Merauke")
    assert "@way kanan" in role_signature("Dandim 0427/Way Kanan")


def test_a_nickname_with_the_same_rank_is_the_articles_only_holder_of_it() -> None:
    text = (
        "Polres Merauke menggelar apel gelar pasukan di Lapangan Apel Mapolres Merauke, Rabu (20/11/2024). Apel dipimpin "
        "Kapolres Merauke AKBP Yohanes Aloysius Ndiken, S.I.K., didampingi Dandim 1707/Merauke Letkol Inf Rudi Simbolon.\n\n"
        "“Tidak ada anggota yang boleh menunjukkan dukungan kepada pasangan calon,” kata AKBP Yan.\n"
    )
    assert speakers(text) == [(3, "Yohanes Aloysius Ndiken")]


def test_a_relative_clause_names_someone_else_not_the_speaker() -> None:
    text = (
        "KPU SBB menggelar deklarasi kampanye damai di Lapangan Merdeka Piru, Senin (21/10/2024).\n\n"
        "Wakil Ketua DPRD SBB Abdul Gani Wailissa, S.H., yang hadir mewakili Ketua DPRD SBB yang berhalangan hadir, "
        "mengingatkan para pendukung agar menjaga ikatan adat.\n"
    )
    assert speakers(text) == [(3, "Abdul Gani Wailissa")]


def test_a_customary_title_before_a_surname() -> None:
    text = (
        "Bawaslu Tebo menggelar FGD di Aula Bawaslu Tebo, Muara Tebo, Selasa (8/10/2024). Hadir Ketua Lembaga Adat "
        "Melayu Kabupaten Tebo Datuk Abdul Muthalib.\n\n"
        "“Datangi mereka di rombong,” kata Datuk Muthalib.\n"
    )
    assert speakers(text) == [(3, "Abdul Muthalib")]


@pytest.mark.parametrize(
    ("question", "runs"),
    [
        ("Apa yang dikatakan Kabag Ops Polres Konawe Selatan soal TPS?", []),  # words inside a role, before its institution
        ("Apa pesan Ketua Klasis GPM Seram Barat dalam deklarasi?", [["seram"]]),
    ],
)
def test_a_role_s_own_words_are_not_a_name(question: str, runs: list[list[str]]) -> None:
    qtoks = mention_tokens(question)
    assert [run for run, _ in name_runs(qtoks, lower_mode=False)] == runs


def test_english_compass_regency_names() -> None:
    from rag.query.english import translate_english

    assert "Lombok Timur" in translate_english("At the meeting in East Lombok, who asked the clinics to stay open?")


def test_where_and_when_together_ask_for_a_meeting() -> None:
    assert analyze("Di mana dan kapan Kapolres Bitung bersilaturahmi dengan tokoh agama?").kind == "where_when"


def test_a_vote_count_simulation_is_a_second_event() -> None:
    text = (
        "Sekda Gianyar memimpin rapat koordinasi kesiapan Pilkada di Ruang Rapat Bale Paruman, Gianyar, Jumat (27/9/2024).\n\n"
        "Sehari kemudian, Sabtu (28/9/2024), KPU Kabupaten Gianyar menggelar simulasi pemungutan dan penghitungan suara "
        "di Balai Banjar Teges Kawan, Kecamatan Ubud.\n"
    )
    kinds = {(m.event, m.date) for m in extract_meetings(art(text))}
    assert ("simulasi", "2024-09-28") in kinds


def test_a_simile_is_saying_what() -> None:
    assert analyze("Pada acara apa Kapolres Kotabaru mengibaratkan perbedaan pilihan dengan naik perahu?").says_what
