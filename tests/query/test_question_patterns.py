"""Question patterns first met in held-out sets: regional-election words, which-meeting and count questions, who
questions in other words, English questions (the chair, possessives, compass regencies, election words), numbers
in either convention, events named by kind and months that date the meeting."""

from __future__ import annotations

import pytest

from rag.query.analysis import analyze
from rag.query.compound import split_compound
from rag.query.elections import asked_elections, backs_election, election_kind
from rag.query.english import english_expansions
from rag.query.meetings import asked_event_kinds, asked_months
from rag.query.quantities import has_count, number_in, stated_numbers, states_count

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
        # "Pemilukada" is the Pilkada, "pemilihan calon walikota" the mayoral one, whatever "pemilu" the text also writes
        ("Pilwalkot", "Deklarasi kampanye damai pemilihan calon walikota Langsa. Pemilukada berjalan damai, pemilu tertib.", True),
        ("Pilkada", "Kita menjaga pemilukada di Kota Langsa. Semoga pemilu berjalan damai.", True),
    ],
)
def test_regional_election_words(word: str, text: str, backed: bool) -> None:
    assert backs_election(election_kind(word), text) is backed


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Which pair did KPU declare the winner of the 2024 Puncak Jaya regent election?", {"pilbup"}),  # glossary
        ("Siapa pemenang pemilihan bupati Puncak Jaya 2024?", {"pilbup"}),  # lower case: no capitalized word to check
        ("Apa kata Ketua KPU Sikka tentang logistik?", set()),
    ],
)
def test_regional_elections_asked_in_any_case(question: str, kinds: set[str]) -> None:
    """A regional election asked in words, not as "Pilkada", is checked against the article all the same."""
    assert asked_elections(analyze(question).search_text) == kinds
    assert all(not backs_election(k, PEMILU) for k in kinds)


def test_pemilu_is_not_a_regional_election_word() -> None:
    assert election_kind("Pemilu") == ""
    assert election_kind("Pilwako") == "pilwalkot"


@pytest.mark.parametrize(
    ("question", "proper"),
    [
        ("Sebutkan enam indikator yang dipaparkan Kapolres Fakfak.", ("Kapolres", "Fakfak")),
        ("Kegiatan apa yang digelar KPU Gunungkidul?", ("KPU", "Gunungkidul")),
        ("Rangkum dari beberapa laporan: berapa personel Polres Touna?", ("Polres", "Touna")),
        ("Tanggal berapa rapat di Kotamobagu?", ("Kotamobagu",)),
        ("Budi Harianto mengatakan apa di Berau?", ("Budi", "Harianto", "Berau")),  # a name that opens the question
        ("Besides the Kapolri, who attended the meeting at Mabes Polri?", ("Kapolri", "Mabes", "Polri")),
        ("Selain Kapolres Bima, siapa yang hadir?", ("Kapolres", "Bima")),
        ("Nama Pj Bupati Bima ditulis bagaimana?", ("Pj", "Bupati", "Bima")),  # a common word before a title opens it
        ("Kota Bima menggelar apa?", ("Kota", "Bima")),  # before a place it is part of the name
    ],
)
def test_a_word_capitalized_only_to_open_the_question_is_no_name(question: str, proper: tuple[str, ...]) -> None:
    assert analyze(question).proper == proper


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
    assert not has_count("Pengawasan mulai 3 hingga 5 Desember 2024.")  # a range of days counts nothing
    assert not has_count("Pleno digelar pada 12-14 November 2024.")
    assert not states_count("Polres, Kodim 1603/Sikka dan KPU hadir. Personel disiagakan.", ("personel",))
    assert states_count("Polres mengerahkan 250 personel ke TPS.", ("personel",))
    assert states_count("Pemkab menyiapkan Rp 2,5 miliar untuk sewa helikopter.", ("anggar",))


@pytest.mark.parametrize(
    ("quote", "counted", "states"),
    [
        ("Sebanyak 145 personil gabungan disiagakan.", ("personel",), True),  # the counted noun as news spells it otherwise
        ("Sebanyak 145 personel gabungan disiagakan.", ("personil",), True),
        ("Sebanyak 145 pemilih hadir.", ("personel",), False),  # another word, not another spelling
        ("Ada 3 pemilu tahun ini.", ("pemilih",), False),  # alike but another word: the first four letters agree, too few letters
    ],
)
def test_counted_noun_spelled_otherwise(quote: str, counted: tuple[str, ...], states: bool) -> None:
    assert states_count(quote, counted) is states


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
        "Siapa yang menyebut Kuningan miniatur keberagaman saat rapat pleno yang dihadiri Ketua KPU RI?",  # "yang dihadiri": the meeting
    ],
)
def test_who_questions_in_other_words(question: str) -> None:
    assert analyze(question).kind == "who_said"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who was quoted at the alert parade in Banjarmasin?", "list_speakers"),  # every quoted person
        ("Who were the three resource persons at the Bitung stakeholder meeting?", "list_speakers"),
        ("Who was quoted as saying the ballot boxes were ready?", "who_said"),  # one statement: its speaker
        ("Siapa saja yang disebut hadir dalam rapat pleno rekapitulasi suara Pilkada Sambas?", "list_speakers"),
        ("Which KPU commissioners and other officials attended the evaluation meeting?", "list_speakers"),  # who attended
        ("Who attended the rakor in Sambas?", "list_speakers"),
        ("Who is the Dandim of Kolaka who attended the Polres Kolaka meeting?", "which_meeting"),  # one holder, not a list
    ],
)
def test_who_was_quoted_lists_the_speakers(question: str, kind: str) -> None:
    assert analyze(question).kind == kind


def test_a_troop_parade_is_an_event() -> None:
    assert analyze("Where and when did the Merauke police hold their troop parade?").kind == "where_when"


def test_a_governor_election_is_not_a_governor() -> None:
    people = analyze("At the logistics meeting for the NTT governor election, who said the seals were damaged?").people_text
    assert "Pilgub" in people and "Gubernur" not in people


def test_english_compass_regency_names() -> None:
    from rag.query.english import translate_english

    assert "Lombok Timur" in translate_english("At the meeting in East Lombok, who asked the clinics to stay open?")


def test_where_and_when_together_ask_for_a_meeting() -> None:
    assert analyze("Di mana dan kapan Kapolres Bitung bersilaturahmi dengan tokoh agama?").kind == "where_when"


def test_a_simile_is_saying_what() -> None:
    assert analyze("Pada acara apa Kapolres Kotabaru mengibaratkan perbedaan pilihan dengan naik perahu?").says_what


def test_english_possessive_region() -> None:
    assert "Manggarai Bawaslu" in analyze("At which meeting did the head of Manggarai's election supervisory body speak?").speaker_text


def test_numbers_in_either_convention() -> None:
    assert number_in("72.4", "hanya 72,4 persen") and number_in("1,200", "1.200 personel")
    assert not number_in("14", "sebanyak 1.214 TPS")
    assert number_in("4", "Jumat (04/10/2024)") and number_in("07", "di TPS 7") and not number_in("4", "TPS 14")  # leading zeros
    assert number_in("8/2024", "sesuai PKPU No.8 tahun 2024") and not number_in("8/2024", "PKPU Nomor 18 Tahun 2024")
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


@pytest.mark.parametrize(
    ("question", "each"),
    [
        ("Polres di Magelang dan Boyolali sama-sama menggelar rakor. Tanggal berapa masing-masing rakor itu?", (("Magelang", "Boyolali"),)),
        ("Polda Sultra dan Polda Kalteng sama-sama menggelar rakor. Berapa TPS rawan di masing-masing provinsi?", (("Sultra", "Kalteng"),)),
        ("Both Kendari and Kolaka police held meetings. When was each?", (("Kendari", "Kolaka"),)),
        ("Apa kata Ketua KPU dan Bawaslu Garut masing-masing?", ()),  # not one name apart: every name still needed
        ("Apa kata Kapolda Sultra dan Kapolda Kalteng?", ()),  # no "each": one article must have both
    ],
)
def test_names_asked_about_one_by_one(question: str, each: tuple[tuple[str, ...], ...]) -> None:
    """Names joined by "dan" and asked about each may come from their own articles."""
    assert analyze(question).each == each


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "Dalam rakor Bawaslu Tabalong, berapa pasangan calon yang ditetapkan dan siapa Pj Bupati yang hadir?",
            (
                "Dalam rakor Bawaslu Tabalong, berapa pasangan calon yang ditetapkan?",
                "Dalam rakor Bawaslu Tabalong, siapa Pj Bupati yang hadir?",
            ),
        ),
        (  # the second part keeps the names only the first writes
            "Berapa personel yang diterjunkan Kodim 0722/Kudus dan berapa TPS yang diamankan?",
            ("Berapa personel yang diterjunkan Kodim 0722/Kudus?", "Berapa TPS yang diamankan (Kodim 0722/Kudus)?"),
        ),
        ("Who chairs the KPU of Nagekeo, and where did it meet?", ("Who chairs the KPU of Nagekeo?", "Where did it meet (KPU Nagekeo)?")),
        ("Di mana dan kapan Polda NTT menggelar rakor?", None),  # one meeting's place and date: one question
        ("Di mana rakor Polres Kaur berlangsung, dan kapan?", None),
        ("Di hotel mana dan kapan Polda Kalsel menggelar deklarasi?", None),  # "hotel mana" asks where: one meeting's facts
        ("Where and on what date did KPU Tapin hold its plenary?", None),  # "what date" asks when
        ("Pukul berapa simulasi Polres Bima dimulai, dan kepada Kapolsek mana petugas melapor?",
         ("Pukul berapa simulasi Polres Bima dimulai?", "Kepada Kapolsek mana petugas melapor (Polres Bima)?")),
        (  # a second ask may open with a preposition and a noun ("dan di kecamatan mana", "dan untuk berapa TPS")
            "Berapa suara pasangan HARUM di Kota Mataram, dan di kecamatan mana AQUR unggul?",
            ("Berapa suara pasangan HARUM di Kota Mataram?", "Di kecamatan mana AQUR unggul (HARUM Kota Mataram)?"),
        ),
        ("Berapa kotak suara yang dikirim KPU Mamasa, dan untuk berapa TPS?", ("Berapa kotak suara yang dikirim KPU Mamasa?",
                                                                              "Untuk berapa TPS (KPU Mamasa)?")),
        ("Apa kata Bupati Garut tentang kampanye dan netralitas ASN?", None),
    ],
)
def test_two_questions_in_one_are_split(question: str, parts: tuple[str, str] | None) -> None:
    assert split_compound(question) == parts


def test_who_a_question_sets_aside_is_not_who_it_asks_about() -> None:
    """ "Selain Kapolres, ..." / "Besides the Kapolri, ...": the title is context, not the person to name."""
    assert "Kapolres" not in analyze("Selain Kapolres dan Kajari, siapa lagi yang hadir di rakor Polres Touna?").people_text
    assert "Touna" in analyze("Selain Kapolres dan Kajari, siapa lagi yang hadir di rakor Polres Touna?").proper


@pytest.mark.parametrize(
    "question",
    [
        "Siapa yang menyebut Kuningan miniatur keberagaman saat rapat pleno DPS yang dihadiri Ketua KPU RI?",
        "Who called Kuningan a miniature of diversity at the DPS plenary attended by the KPU RI chair?",
    ],
)
def test_who_attended_the_meeting_is_not_who_it_asks_about(question: str) -> None:
    """ "... rapat yang dihadiri Ketua KPU RI": the attendee places the meeting; the speaker asked for is someone else."""
    assert "KPU RI" not in analyze(question).people_text
    assert "Kuningan" in analyze(question).proper


def test_who_attended_is_asked_about_when_the_question_asks_which_meeting() -> None:
    """ "Rapat apa yang dihadiri Pjs Bupati Kutim ...": the attendee is the person whose meeting is asked for."""
    assert "Agus Hari Kesuma" in analyze("Rapat apa yang dihadiri Pjs Bupati Kutim Agus Hari Kesuma menjelang Pilkada 2024?").people_text
