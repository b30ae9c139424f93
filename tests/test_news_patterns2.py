"""News-writing and question patterns first met in held-out sets 9-12, each pinned as a small case.

Interview pieces (Tanya/Jawab), quotes named in the next paragraph ("Demikian
disampaikan X"), a name given only in the headline, two speakers who share a
surname, follow-on detail sentences, venues without "di", institutions whose
names hold "untuk" or "dan", acronyms made of a role's initials, and question
shapes: possessives, a region that belongs to whom the speaker addressed,
"tokoh agama", numbers written in English, and events named by kind.
"""

from __future__ import annotations

import pytest

from rag.core.types import Article, Speaker
from rag.extract.meetings.records import extract_meetings
from rag.extract.people.categories import asked_kinds, role_is
from rag.extract.people.mentions import match_mention, mention_tokens, name_runs, object_regions
from rag.extract.people.names import canonical_tokens
from rag.extract.people.roles import role_acronyms
from rag.extract.speech.quotes import extract_statements
from rag.extract.speech.subjects import speaker_in
from rag.query.analysis import analyze
from rag.query.english import english_expansions
from rag.query.meetings import asked_event_kinds, asked_months
from rag.query.quantities import number_in, stated_numbers


def art(text: str) -> Article:
    return Article(source="t.txt", text=text, sha256="0")


def said(text: str) -> list[tuple[int, str, str]]:
    """Return (line, speaker name or role, first words) of every statement."""
    a = art(text)
    return [(s.start_line, s.speaker.name or s.speaker.role, s.text[:16]) for s in extract_statements(a, extract_meetings(a))]


INTERVIEW = (
    "Wawancara: Ketua KPU Ambon Soal Logistik\n\n"
    "AMBON - Di sela bimtek KPPS, Ketua KPU Kota Ambon Yohana Latuheru, S.Pd. menjawab pertanyaan wartawan.\n\n"
    "Berikut petikan wawancaranya.\n\n"
    "Tanya: Bagaimana kesiapan logistik di pulau-pulau?\n\n"
    "Jawab: Logistik sudah 95 persen kami terima, sisanya tiba besok pagi.\n\n"
    "Tanya: Apa kendala terbesar?\n\n"
    "Jawab: Cuaca di laut. Kami minta bantuan kapal dari Lanal Ambon.\n\n"
    "Kapolresta Ambon Kombes Pol Dedi Santoso mengatakan pengawalan kapal sudah disiapkan.\n"
)


def test_interview_answers_belong_to_the_interviewee_and_questions_to_nobody() -> None:
    found = said(INTERVIEW)
    assert (9, "Yohana Latuheru", "Logistik sudah 9") in found
    assert (13, "Yohana Latuheru", "Cuaca di laut. K") in found
    assert not [f for f in found if f[0] in (7, 11)]  # the journalist's questions
    assert (15, "Dedi Santoso", "pengawalan kapal") in found


def test_an_interview_announced_with_the_name_and_unlabelled_answers() -> None:
    text = (
        "Berikut petikan wawancara Warta Maluku dengan Ketua Bawaslu Kota Ambon, Markus Tuhumury, di kantornya:\n\n"
        "Bagaimana pengawasan di pulau kecil?\n\n"
        "Pengawas kami berangkat dua hari lebih awal dengan perahu motor.\n"
    )
    assert said(text) == [(5, "Markus Tuhumury", "Pengawas kami be")]


TRAILING = (
    "Polresta Pekanbaru kerahkan 1.115 personel amankan Pilkada\n\n"
    "Pekanbaru (ANTARA) - \"Untuk 14 TPS yang kami petakan rawan, masing-masing dijaga dua personel.\"\n\n"
    "Demikian disampaikan Kapolresta Pekanbaru Kombes Pol. Raden Gilang Prakoso saat memimpin rapat koordinasi, Selasa.\n\n"
    "Ketua KPU Kota Pekanbaru Nurlela Yanti Harahap mengatakan pemilih menerima dua surat suara.\n\n"
    "\"Saya minta pengawas TPS merekam setiap kejadian khusus.\"\n\n"
    "Hal itu ditegaskan Ketua Bawaslu Kota Pekanbaru Muhammad Iqbal Rangkuti di hadapan peserta rakor.\n"
)


def test_a_quote_is_named_by_the_next_paragraph() -> None:
    found = said(TRAILING)
    assert (3, "Raden Gilang Prakoso", "Untuk 14 TPS yan") in found  # a lede quote after the dateline
    assert (9, "Muhammad Iqbal Rangkuti", "Saya minta penga") in found  # not the KPU chair who spoke before


def test_a_name_only_the_headline_gives() -> None:
    text = (
        "Pj Bupati Siak Hendri Marzuki Pimpin Rakor Forkopimda\n\n"
        "SIAK - Penjabat (Pj) Bupati Siak memimpin rapat koordinasi di Ruang Rapat Kantor Bupati Siak, Kamis (14/11/2024).\n\n"
        "\"Anggaran sudah cair seratus persen,\" kata Pj Bupati.\n"
    )
    assert said(text)[-1][1] == "Hendri Marzuki"


def test_a_headline_person_does_not_override_a_body_name() -> None:
    text = (
        "Kapolda Sumsel Turun Langsung ke Kayuagung\n\n"
        "KAYUAGUNG - Kapolda Sumatera Selatan Irjen Pol. Heru Prasetyo Wibowo menghadiri rapat koordinasi, Jumat (9/8/2024).\n\n"
        "Di akhir rapat, Kapolda kembali menekankan netralitas anggota Polri.\n"
    )
    assert said(text)[-1][1] == "Heru Prasetyo Wibowo"


def test_a_shared_surname_is_the_person_just_named() -> None:
    text = (
        "Penjabat (Pj) Bupati Maluku Tengah, Drs. Yohanis Latumahina, M.Si., dalam arahannya menyoroti cuaca di Banda.\n\n"
        "\"Saya minta logistik untuk Banda diberangkatkan paling lambat H-5,\" kata Latumahina.\n\n"
        "Ketua KPU Maluku Tengah, Maria Latumahina, S.Sos., melaporkan bahwa sortir surat suara telah selesai. "
        "\"Surat suara cadangan sudah kami hitung ulang,\" tutur Latumahina.\n\n"
        "Latumahina menambahkan, KPU meminta dukungan kapal milik Pemkab.\n"
    )
    names = [name for _, name, _ in said(text)]
    assert names == ["Yohanis Latumahina"] * 2 + ["Maria Latumahina"] * 3


def test_a_follow_on_detail_sentence_stays_with_the_reported_statement() -> None:
    text = (
        "Dalam arahannya, Pj Bupati Siak Hendri Marzuki menyampaikan bahwa dana hibah Pilkada telah disalurkan. "
        "KPU Kabupaten Siak menerima Rp31,4 miliar, sedangkan Bawaslu Rp11,8 miliar. "
        "Rakor itu dihadiri Kapolres Siak.\n"
    )
    a = art(text)
    (statement,) = extract_statements(a, extract_meetings(a))
    assert statement.text.endswith("Bawaslu Rp11,8 miliar")  # the next, narrative sentence is not his


def test_jawab_after_a_quote_is_a_speech_verb() -> None:
    text = "\"Kami akan dirikan pos penyekatan di perbatasan,\" jawab Kapolres Kolaka Timur AKBP Bayu Aditya Mokoginta.\n"
    assert said(text)[0][1] == "Bayu Aditya Mokoginta"


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


@pytest.mark.parametrize(
    ("mention", "role"),
    [
        ("Koordinator Jaringan Pendidikan Pemilih untuk Rakyat (JPPR) HST Gusti Rahmadi",
         "Koordinator Jaringan Pendidikan Pemilih untuk Rakyat HST"),
        ("Direktur Lembaga Kajian Demokrasi dan Hak Asasi Manusia, Rina Wattimena",
         "Direktur Lembaga Kajian Demokrasi dan Hak Asasi Manusia"),
    ],
)
def test_institutions_with_lower_case_words_stay_in_the_role(mention: str, role: str) -> None:
    assert speaker_in(mention).role == role


def test_an_institution_with_untuk_does_not_cut_the_speaker_off() -> None:
    text = (
        "Sementara itu, Koordinator Jaringan Pendidikan Pemilih untuk Rakyat (JPPR) HST Gusti Rahmadi "
        "menilai politik uang kini dibungkus sembako.\n"
    )
    assert said(text) == [(1, "Gusti Rahmadi", "politik uang kin")]


def test_a_role_s_initials_are_its_acronym() -> None:
    assert "bkpsdm" in role_acronyms("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kolaka Timur")
    assert "jppr" in role_acronyms("Koordinator Jaringan Pendidikan Pemilih untuk Rakyat HST")
    people = [
        Speaker("Sitti Hasnah Laupe", "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kolaka Timur"),
        Speaker("Yusran Tamburaka", "Ketua Bawaslu Kolaka Timur"),
    ]
    found = match_mention("Apa kata Kepala BKPSDM Kolaka Timur soal sanksi ASN?", people)
    assert [s.name for s, _ in found] == ["Sitti Hasnah Laupe"]


def test_the_region_of_an_addressed_institution_is_not_the_speaker_s() -> None:
    tokens = canonical_tokens("What did the director of LKDKL Maluku ask Bawaslu SBT to do?")
    assert object_regions(tokens) == frozenset({"@seram bagian timur"})


def test_english_possessive_region() -> None:
    assert "Manggarai Bawaslu" in analyze("At which meeting did the head of Manggarai's election supervisory body speak?").speaker_text


def test_a_name_after_a_title_and_region_is_a_name_even_before_a_lower_case_word() -> None:
    q = "Apa pernyataan Kapolres Seluma Rinaldi Pranata dalam rakor?"
    assert (["rinaldi", "pranata"], True) in name_runs(mention_tokens(q), False)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Tokoh agama mana yang meminta masjid bebas dari atribut kampanye?", ("religious",)),
        ("Apa pesan pendeta GMIT dalam rakor?", ("religious",)),
        ("What did the head of the customary council tell the candidates?", ("customary",)),
        ("Apa kata Ketua KPU soal hukum adat?", ()),
    ],
)
def test_kinds_of_speaker_named_without_a_title(question: str, kinds: tuple[str, ...]) -> None:
    assert asked_kinds(question) == kinds


def test_religious_and_customary_roles() -> None:
    assert role_is("religious", "Ketua Majelis Ulama Indonesia Kabupaten Kepahiang")
    assert role_is("religious", "Ketua Majelis Klasis GMIT Amarasi Timur")
    assert role_is("customary", "Ketua Badan Musyawarah Adat Kabupaten Kepahiang")
    assert not role_is("religious", "Ketua Bawaslu Kepahiang")


def test_numbers_in_either_convention() -> None:
    assert number_in("72.4", "hanya 72,4 persen") and number_in("1,200", "1.200 personel")
    assert not number_in("14", "sebanyak 1.214 TPS")
    assert analyze("Apa kata Ketua Bawaslu tentang uang transport Rp100 ribu?").numbers == ("100",)
    question = "Apa kata Dandim 1702/Jayawijaya pada rakor 14 November soal 1.200 personel?"
    assert stated_numbers(question, ("1702", "14", "1.200")) == ("1.200",)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Apa yang disampaikan Kapolres dalam rakor siang di Kantor Bupati?", True),
        ("What did the police chief say at Kolaka's peace-campaign declaration?", True),
        ("Apa kata Kapolres soal pengamanan TPS?", False),
    ],
)
def test_events_named_by_kind(question: str, asked: bool) -> None:
    assert bool(asked_event_kinds(analyze(question))) is asked


def test_a_reporting_verb_after_a_time_aside() -> None:
    text = (
        "Sekretaris Daerah Manggarai Yohanes Don Bosco Lalong dalam rakor Desk Pilkada di Ruteng, kemarin, "
        "merinci KPU Manggarai menerima Rp27,5 miliar dan Bawaslu Rp7,9 miliar.\n"
    )
    assert said(text) == [(1, "Yohanes Don Bosco Lalong", "KPU Manggarai me")]


def test_an_event_word_before_a_short_name_is_not_a_role() -> None:
    text = (
        "Kepala Badan Kesbangpol Malut Abdul Gani Sangadji membuka FGD kerawanan di Ternate, Selasa (8/10/2024).\n\n"
        "Di akhir FGD, Abdul Gani memastikan rekomendasi akan diserahkan dalam rapat Forkopimda pekan depan.\n"
    )
    a = art(text)
    last = extract_statements(a, extract_meetings(a))[-1]
    assert (last.speaker.name, last.speaker.role) == ("Abdul Gani Sangadji", "Kepala Badan Kesbangpol Malut")


@pytest.mark.parametrize(
    ("question", "months"),
    [
        ("What did the Kolaka regional secretary say at the November 2024 logistics coordination meeting?", {11}),
        ("Apa kata Pj Bupati dalam rakor pada Februari 2024?", {2}),
        ("Apa kata Pj Bupati soal libur buruh pada 27 November?", set()),  # a day: the vote, not the meeting
    ],
)
def test_months_that_date_the_meeting(question: str, months: set[int]) -> None:
    assert asked_months(analyze(question)) == months


def test_where_a_question_places_the_statement_is_not_its_topic() -> None:
    q = analyze("What did the Kolaka regional secretary say about party attributes at the November 2024 logistics coordination meeting?")
    assert {"logistik", "rakor"} <= q.meeting_terms and "partai" not in q.meeting_terms
    assert {"logistik", "rakor"} <= analyze("Apa kata Ketua Bawaslu tentang politik uang dalam rakor logistik di Kolaka?").meeting_terms


def test_english_election_words_for_voters_and_workers() -> None:
    expanded = " ".join(english_expansions("Who told voters not to hand their voting invitation to nickel smelter workers?"))
    assert "undangan memilih" in expanded and "nikel" in expanded and "pekerja" in expanded
