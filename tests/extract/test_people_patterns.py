"""People mentions as news writes them: degrees by shape, rectors and institutions with lower-case words, honorifics,
name runs that skip acronyms and a role's own words, unit numbers, acronyms made of a role's initials, the region
of an addressed institution, and speakers named by kind (religious, customary)."""

from __future__ import annotations

import pytest

from rag.core.types import Speaker
from rag.extract.people.categories import asked_kinds, role_is
from rag.extract.people.entities import same_name
from rag.extract.people.mentions import match_mention, mention_tokens, name_runs, object_regions
from rag.extract.people.names import canonical_tokens
from rag.extract.people.ranks import is_degree
from rag.extract.people.roles import role_acronyms
from rag.extract.speech.subjects import speaker_in


@pytest.mark.parametrize(
    ("token", "degree"), [("S.Fil.", True), ("M.Kom", True), ("S.Tr.IP", True), ("SE.MM", True), ("Jemarut", False), ("Jl.", False)]
)
def test_degrees_by_shape(token: str, degree: bool) -> None:
    assert is_degree(token) is degree


def test_a_rector_named_after_a_comma_keeps_the_university() -> None:
    sp = speaker_in("Rektor Universitas Nusa Cendana, Prof. Dr. Maxs Sanam, M.Si.")
    assert (sp.name, sp.role) == ("Maxs Sanam", "Rektor Universitas Nusa Cendana")


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("Plh Sekda Kabupaten Kotabaru, H. Hairul Aswandi SE M Si", "Hairul Aswandi", "Plh Sekda Kabupaten Kotabaru"),
        ("Kepala Dinas Pendidikan Rudi Santoso S Pd", "Rudi Santoso", "Kepala Dinas Pendidikan"),
        ("Teguh Haryono dan Farida Hidayati", "Teguh Haryono dan Farida Hidayati", ""),  # a pair speaking as one
        ("Ketua KPU Sinta Dewi", "Sinta Dewi", "Ketua KPU"),
        ("Saksi Paslon H. Suriya", "Suriya", "Saksi Paslon"),
    ],
)
def test_degrees_written_with_a_space_and_pairs_of_bare_names(mention: str, name: str, role: str) -> None:
    sp = speaker_in(mention)
    assert (sp.name, sp.role) == (name, role)


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


def test_a_unit_number_does_not_hide_the_region() -> None:
    from rag.extract.people.names import role_signature

    assert "@merauke" in role_signature("Dandim 1707/Merauke")
    assert "@way kanan" in role_signature("Dandim 0427/Way Kanan")


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


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Absan R. Tahendung", "Absan Reformasi Tahendung", True),  # one outlet writes the initial, another the word
        ("Absan R. Tahendung", "Absan S. Tahendung", False),
        ("M Taufiq", "Muhammad Taufiq", False),  # one whole word in common is too little
        ("Budi Santoso", "Budi Santoso", True),
        ("Reza Cristian", "Reza Christian", True),  # alike as written, though old-spelling keys ("ch" -> "kh") differ
        ("Rudi Gunawan", "Rudi Gunadi", False),
    ],
)
def test_names_written_with_an_initial_across_outlets(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same
