"""Speaker mentions: name/role/rank split, grouping people, matching questions."""

from __future__ import annotations

import pytest

from rag.core.types import Speaker
from rag.extract.people.entities import SpeakerIndex, same_person
from rag.extract.people.mentions import MENTION_TOKEN, match_mention, name_runs
from rag.extract.people.names import alias_forms, is_title_word, parse_speaker, person_key, role_signature


@pytest.mark.parametrize(
    ("mention", "name", "role", "rank"),
    [
        ("Kasrem 162/WB Kolonel Inf. Susanto Lastua Manurung", "Susanto Lastua Manurung", "Kasrem 162/WB", "Kolonel Inf."),
        ("Pj Gubernur NTB Hassanudin", "Hassanudin", "Pj Gubernur NTB", ""),
        ("Ketua Bawaslu Kabupaten Lembata", "", "Ketua Bawaslu Kabupaten Lembata", ""),
        ("Menko Polhukam Marsekal TNI (Purn) Hadi Tjahjanto", "Hadi Tjahjanto", "Menko Polhukam", "Marsekal TNI (Purn)"),
        ("Wadir Intelkam Polda NTB, AKBP Gunawan", "Gunawan", "Wadir Intelkam Polda NTB", "AKBP"),
        ("Thomas Febry Bayo Ala selaku Ketua Bawaslu Kabupaten Lembata", "Thomas Febry Bayo Ala", "Ketua Bawaslu Kabupaten Lembata", ""),
        ("Sekretaris Provinsi Sesprov Kaltim Sri Wahyuni", "Sri Wahyuni", "Sekretaris Provinsi Sesprov Kaltim", ""),
        ("Kepala BIN Daerah NTB, Wara Winahya", "Wara Winahya", "Kepala BIN Daerah NTB", ""),
        ("Pejabat Sementara (PJS) Bupati Kutim, Agus Hari Kesuma", "Agus Hari Kesuma", "Pejabat Sementara Bupati Kutim", ""),
        ("Pj Bupati Madiun Tontro", "Tontro", "Pj Bupati Madiun", ""),
        ("Gubernur Budi Santoso", "Budi Santoso", "Gubernur", ""),  # no region written: both words are the name
        ("Kepala Bakesbangpol Mashudi selaku OPD penyelenggara rakor", "Mashudi", "Kepala Bakesbangpol", ""),
        ("Pj Gubernur", "", "Pj Gubernur", ""),
        ("Agus", "Agus", "", ""),
        ("Bupati Lombok Barat H. Fauzan Khalid", "Fauzan Khalid", "Bupati Lombok Barat", ""),
        ("Kapolres Madiun AKBP Muhammad Ridwan", "Muhammad Ridwan", "Kapolres Madiun", "AKBP"),
        ("Ketua KIP Aceh Besar Munawar Ilyas", "Munawar Ilyas", "Ketua KIP Aceh Besar", ""),
        # the name written before the title
        ("Ahmad Doli Kurnia Ketua Komisi II DPR RI", "Ahmad Doli Kurnia", "Ketua Komisi II DPR RI", ""),
        ("Hasyim Asy’ari Ketua KPU RI", "Hasyim Asy’ari", "Ketua KPU RI", ""),
        # a given name written short, a name particle that opens the name, degrees the list lacks among listed ones
        ("Ketua KPU Muna, La Ode Askar Adi Jaya", "La Ode Askar Adi Jaya", "Ketua KPU Muna", ""),
        ("Kapolres Asahan AKBP Roman Smaradhana Elhaj, SH, SIK, MH", "Roman Smaradhana Elhaj", "Kapolres Asahan", "AKBP"),
        ("Pj Bupati Takalar Dr. Setiawan Aswad, M.Dev, Plg", "Setiawan Aswad", "Pj Bupati Takalar", ""),
    ],
)
def test_parse_speaker_splits_title_rank_name(mention: str, name: str, role: str, rank: str) -> None:
    sp = parse_speaker(mention)
    assert (sp.name, sp.role, sp.rank) == (name, role, rank)
    assert sp.mention == mention


def test_parse_speaker_long_role_with_commas_and_degree() -> None:
    sp = parse_speaker("Menteri Koordinator Bidang Politik, Hukum dan Keamanan Republik Indonesia, Marsekal TNI(Purn) Hadi Tjahjanto,S.I.P")
    assert sp.name == "Hadi Tjahjanto"
    assert sp.rank == "Marsekal TNI (Purn)"
    assert sp.role.startswith("Menteri Koordinator Bidang Politik")
    assert "S.I.P" not in sp.role and "S.I.P" not in sp.name


@pytest.mark.parametrize("mention", ["Dr. Ir. H. Budi Santoso, S.H., M.H.", "Budi Santoso, S.H., M.H.", "Drs. Budi Santoso M.Si"])
def test_parse_speaker_strips_degrees(mention: str) -> None:
    assert parse_speaker(mention).name == "Budi Santoso"


def test_parse_speaker_uses_article_places() -> None:
    assert parse_speaker("Ketua KPU Wakanda Budi Santoso", places=["Wakanda"]).role == "Ketua KPU Wakanda"


@pytest.mark.parametrize("mention", ["", "   ", "(((", "“”", "kata", "\x00\u0301"])
def test_parse_speaker_never_fails_on_junk(mention: str) -> None:
    assert isinstance(parse_speaker(mention), Speaker)


def test_role_alias_sekda_kaltim() -> None:
    assert role_signature("Sekda Kaltim") == role_signature("Sekretaris Provinsi Kalimantan Timur")
    assert role_signature("Sesprov Kaltim") == role_signature("Sekretaris Daerah Provinsi Kalimantan Timur")
    assert role_signature("Menko Polhukam") == role_signature("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan")
    assert role_signature("Kabinda NTB") == role_signature("Kepala BIN Daerah Nusa Tenggara Barat")


def test_alias_forms_and_title_words() -> None:
    assert "kalimantan timur" in alias_forms("Kaltim")
    assert alias_forms("Budi") == ("Budi",)
    assert is_title_word("Kapolda") and is_title_word("AKBP") and is_title_word("NTB")
    assert not is_title_word("Wahyuni")


def test_person_key_prefers_name() -> None:
    assert person_key(Speaker("Sri Wahyuni", "Sekda Kaltim")) == "name:sri wahyuni"
    assert person_key(Speaker("", "Sekda Kaltim")) == person_key(Speaker("", "Sekretaris Provinsi Kalimantan Timur"))


def test_same_person_subset_only_inside_one_article() -> None:
    full, short = Speaker("Tontro Pahlawanto"), Speaker("Tontro")
    assert same_person(full, short, same_article=True)
    assert not same_person(full, short, same_article=False)
    assert same_person(Speaker("Hassanudin"), Speaker("Hasanudin"))
    assert not same_person(Speaker("Sri Wahyuni"), Speaker("Sri Wahyudi"))
    assert not same_person(Speaker("Hadi Tjahjanto"), Speaker("Hadi Santoso"))


def test_a_longer_name_of_one_title_is_one_person_across_articles() -> None:
    """Two outlets write "Ahmad Doli Kurnia" and "Ahmad Doli Kurnia Tandjung" for the Ketua Komisi II DPR RI."""
    short, full = Speaker("Ahmad Doli Kurnia", "Ketua Komisi II DPR RI"), Speaker("Ahmad Doli Kurnia Tandjung", "Ketua Komisi II DPR RI")
    assert same_person(short, full)
    assert not same_person(short, Speaker("Ahmad Doli Kurnia Tandjung", "Ketua KPU Bone"))  # another title: unsure
    assert not same_person(Speaker("Tontro", "Pj Bupati Madiun"), Speaker("Tontro Pahlawanto", "Pj Bupati Madiun"))  # one word


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Hadi Tjahjanto", "Hadi Tjahyanto", True),  # old j = new y
        ("Muhammad Syafrial", "Moehammad Syafrial", True),  # old oe = new u
        ("Djoko Santoso", "Joko Santoso", True),  # old dj = new j
        ("Achmad Yani", "Ahmad Yani", True),
        ("Joko Santoso", "Joni Santoso", False),
        ("Sri Wahyuni", "Sri Wahyudi", False),
    ],
)
def test_old_and_new_spellings_of_a_name_are_one_person(a: str, b: str, same: bool) -> None:
    """A name keeps its older spelling in one outlet and is modernized in another: one person, across articles."""
    assert same_person(Speaker(a), Speaker(b)) is same


def test_speaker_index_groups_across_articles() -> None:
    index = SpeakerIndex()
    a = index.add("a.txt", parse_speaker("Menko Polhukam Marsekal TNI (Purn) Hadi Tjahjanto"))
    b = index.add("b.txt", parse_speaker("Menteri Koordinator Bidang Politik, Hukum dan Keamanan, Marsekal TNI (Purn) Hadi Tjahjanto"))
    assert a is b and a.sources == ["a.txt", "b.txt"]
    short = index.add("c.txt", Speaker("Hadi"))
    assert short is not a  # across articles the full name must match


def test_speaker_index_keeps_same_title_apart_and_attaches_role_only() -> None:
    index = SpeakerIndex()
    entities = index.add_article(
        "a.txt", [Speaker("", "Pj Bupati"), Speaker("Hendra Wicaksono", "Pj Bupati Sidoarjo"), Speaker("Tontro", "Pj Bupati Madiun")]
    )
    assert entities[0].name == ""  # two Pj Bupati named here: the bare role joins neither
    assert entities[1] is not entities[2]
    other = index.add("b.txt", Speaker("Listiyani Damayanti", "Pj Bupati Gresik"))
    assert other is not entities[1]
    lone = index.add_article("c.txt", [Speaker("", "Pj Gubernur"), Speaker("Bambang Suryadinata", "Penjabat Gubernur Kalimantan Timur")])
    assert lone[0] is lone[1]
    assert len({id(e) for e in index.entities}) == len(index.entities)


@pytest.fixture()
def known() -> list[Speaker]:
    return [
        parse_speaker("Sekretaris Provinsi Sesprov Kaltim Sri Wahyuni"),
        parse_speaker("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Marsekal TNI (Purn) Hadi Tjahjanto"),
        parse_speaker("Penjabat (Pj) Gubernur NTB Hassanudin"),
        parse_speaker("Kepala Bakesbangpol NTB, Ruslan Abdul Gani"),
        parse_speaker("Ketua Bawaslu Kabupaten Lembata"),
        parse_speaker("Kepala BIN Daerah NTB, Wara Winahya"),
    ]


def _names(query: str, speakers: list[Speaker]) -> list[str]:
    return [s.name or s.role for s, _ in match_mention(query, speakers)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Apa kata Sri Wahyuni tentang logistik?", "Sri Wahyuni"),
        ("apa kata sri wahyuni", "Sri Wahyuni"),
        ("Apa kata Sekda Kaltim?", "Sri Wahyuni"),
        ("Apa kata Sekretaris Daerah Provinsi Kalimantan Timur?", "Sri Wahyuni"),
        ("What did the Menko Polhukam say?", "Hadi Tjahjanto"),
        ("Apa kata Menteri Koordinator Bidang Politik, Hukum, dan Keamanan?", "Hadi Tjahjanto"),
        ("Apa pesan Pj Gubernur NTB?", "Hassanudin"),
        ("Apa kata Hasanudin?", "Hassanudin"),
        ("Apa kata Kabinda NTB?", "Wara Winahya"),
        ("Apa kata Ketua Bawaslu Lembata?", "Ketua Bawaslu Kabupaten Lembata"),
    ],
)
def test_match_mention_by_name_or_role(known: list[Speaker], query: str, expected: str) -> None:
    assert _names(query, known)[:1] == [expected]


@pytest.mark.parametrize(
    "query",
    [
        "Apa kata Sri Wahyudi?",
        "apa kata sri wahyudi",
        "What did Hadi Santoso say?",
        "Apa kata Sekda Kaltim Budi Santoso?",
        "Apa kata Ketua KPU Lembata?",
        "Apa kata Kapolda Jatim?",
    ],
)
def test_match_mention_rejects_near_misses(known: list[Speaker], query: str) -> None:
    assert _names(query, known) == []


@pytest.mark.parametrize(
    ("mention", "name", "role", "rank"),
    [
        ("Danlanud Sukamaju Marsekal Pratama TNI Gilang Ramadhan", "Gilang Ramadhan", "Danlanud Sukamaju", "Marsekal Pratama TNI"),
        ("Danlanal Tanjung Wangi Kolonel Laut (P) Hendra Siahaan", "Hendra Siahaan", "Danlanal Tanjung Wangi", "Kolonel Laut (P)"),
        ("Danlanud Sukamaju Kolonel Pnb Arif Wicaksono", "Arif Wicaksono", "Danlanud Sukamaju", "Kolonel Pnb"),
        ("Dandim 1616/Sukamaju Letkol Kav. Andi Lubis", "Andi Lubis", "Dandim 1616/Sukamaju", "Letkol Kav."),
        ("Kapolsek Sukamaju Inspektur Polisi Satu Gede Arsana", "Gede Arsana", "Kapolsek Sukamaju", "Inspektur Polisi Satu"),
    ],
)
def test_multi_word_ranks_stay_out_of_the_name(mention: str, name: str, role: str, rank: str) -> None:
    sp = parse_speaker(mention)
    assert (sp.name, sp.role, sp.rank) == (name, role, rank)


@pytest.mark.parametrize(
    ("mention", "name", "role"),
    [
        ("Ketua KPU Kabupaten Batang Hari Dedi Irawan", "Dedi Irawan", "Ketua KPU Kabupaten Batang Hari"),
        ("Ketua Bawaslu Kab. Penukal Abab Lematang Ilir Doni Saputra", "Doni Saputra", "Ketua Bawaslu Kab. Penukal Abab Lematang Ilir"),
        (
            "Ketua KPU Kabupaten Kepulauan Siau Tagulandang Biaro Yulin Tamaka",
            "Yulin Tamaka",
            "Ketua KPU Kabupaten Kepulauan Siau Tagulandang Biaro",
        ),
        ("Pj Bupati Bolaang Mongondow Selatan Rina Mamonto", "Rina Mamonto", "Pj Bupati Bolaang Mongondow Selatan"),
        # unknown region after Kabupaten: one word is the region only when a 2+ word name remains
        ("Ketua KPU Kabupaten Seruni Dedi", "", "Ketua KPU Kabupaten Seruni Dedi"),
        ("Ketua KPU Kabupaten Seruni Dedi Irawan", "Dedi Irawan", "Ketua KPU Kabupaten Seruni"),
        # "Role, Name": everything before the comma is the role, even with an unknown two-word region
        (
            "Kepala Pelaksana BPBD Kabupaten Lembah Seruni, Yohanes Nggadas",
            "Yohanes Nggadas",
            "Kepala Pelaksana BPBD Kabupaten Lembah Seruni",
        ),
    ],
)
def test_multi_word_regions_stay_out_of_the_name(mention: str, name: str, role: str) -> None:
    sp = parse_speaker(mention)
    assert (sp.name, sp.role) == (name, role)


@pytest.mark.parametrize(
    ("query", "runs"),
    [
        ("Apa kata Sekretaris Daerah Sri Wahyuni?", [["sri", "wahyuni"]]),  # "Daerah" ends a title: it places no one
        ("Apa kata warga di daerah Kayuagung?", []),  # "daerah" before an unknown word: a place
    ],
)
def test_name_runs_after_a_title_ending_in_a_locative(query: str, runs: list[list[str]]) -> None:
    tokens = [(m.group(), m.start()) for m in MENTION_TOKEN.finditer(query)]
    assert [run for run, _ in name_runs(tokens, False)] == runs
