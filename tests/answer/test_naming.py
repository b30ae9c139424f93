"""Whether a text names the titled person a question asks about (rag.answer.naming)."""

from __future__ import annotations

import pytest

from rag.answer.holders import holder_named, names_holder
from rag.answer.naming import has_venue, names_a_person, names_titled, speaks, titled_pairs
from rag.query.analysis import analyze

TITLED = [
    ("Siapa Ketua KPU Garut?", "Ketua Komisi Pemilihan Umum (KPU) Garut, Ahmad Rafi, hadir.", True),
    ("Siapa Ketua KPU?", "Ketua Komisi Pemilihan Umum Dudi Santosa membuka rapat.", True),  # an acronym spelled out
    ("Siapa Bupati Bolmong?", "Bupati Bolaang Mongondow Yusra Alhabsyi memimpin apel.", True),  # a two-word short form
    ("Siapa Bupati Boltim?", "Bupati Bolaang Mongondow Yusra Alhabsyi memimpin apel.", False),  # another regency
    ("Siapa Dandim 0705/Magelang?", "Dandim Magelang Letkol Inf Rudi Hartono hadir.", True),  # a unit's place
    ("Siapa Kapolres Medan?", "Kapolrestabes Medan Kombes Pol Teddy Marbun menegaskan kesiapan.", True),  # a longer title
    ("Siapa Ketua Bawaslu Garut?", "Ketua KPU Garut Ahmad Rafi hadir.", False),  # another body
    ("Siapa Ketua DPRD Garut?", "Wakil Ketua DPRD Garut Yudha Puja hadir.", False),  # a deputy is not the chair
    ("Siapa Wakil Ketua DPRD Garut?", "Wakil Ketua DPRD Garut Yudha Puja hadir.", True),
    ("Siapa Pj Gubernur Kaltim?", "Pj Gubernur Kalimantan Timur Akmal Malik membuka rakor.", True),
    ("Siapa Dandim 0801/Pacitan?", "Hadir Komandan Kodim 0801/ Pacitan, Letkol Inf Budi Raharjo.", True),  # the long form
    ("Siapa Komandan Kodim Pacitan?", "Dandim Pacitan Letkol Inf Budi Raharjo hadir.", True),  # ... either way round
    ("Siapa Koordinator Divisi Hukum Bawaslu Pacitan?", "Koorinator Divisi Hukum Bawaslu Pacitan, Sri Utami.", True),  # a typo
    ("Siapa Bupati Kutai Timur?", "Bupati Kutim Ardiansyah membuka rapat.", True),  # the region written short
    ("Siapa Bupati Kutai Barat?", "Bupati Kutim Ardiansyah membuka rapat.", False),  # another regency
    ("Siapa Kapolres Konawe?", "Kapolres Konawe Selatan AKBP Arif Budiman hadir.", False),  # a longer region
    ("Siapa Kapolres Konawe?", "Kapolres Konsel AKBP Arif Budiman hadir.", False),  # ... written short
    ("Siapa Kapolres Konawe Selatan?", "Kapolres Konsel AKBP Arif Budiman hadir.", True),
    ("Siapa Kapolres Konawe (bukan Konawe Selatan)?", "Kapolres Konawe Selatan AKBP Arif Budiman hadir.", False),  # ruled out
    ("Siapa Pj Sekda Kabupaten Garut?", "Penjabat Sekretaris Daerah Kabupaten Garut, Ir. Dedi Mulyana MM., hadir.", True),
]


@pytest.mark.parametrize(("question", "text", "expected"), TITLED)
def test_names_titled(question: str, text: str, expected: bool) -> None:
    """The title, then the word that completes it (as written, abbreviated or spelled out) within a few words."""
    assert names_titled(titled_pairs(analyze(question)), text) is expected


SPEECH = [
    ("“Kami siap,” kata Budi.", True),
    ("Ia menegaskan netralitas ASN.", True),
    ("Kapolres tidak menyampaikan paparan dalam rapat itu.", False),  # a denied speech verb
    ("Rapat digelar di Aula Kantor Bupati.", False),
]


@pytest.mark.parametrize(("text", "expected"), SPEECH)
def test_speaks(text: str, expected: bool) -> None:
    """Quotation marks or a speech verb that is not denied."""
    assert speaks(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rakor dipimpin Kapolres AKBP Joko Santoso.", True),
        ("Rakor dihadiri unsur Forkopimda dan KPU.", False),
        ("Hadir Ketua Bawaslu Sulsel Mardiana Rusli.", True),
        # a title's region or body after it names no one
        ("Rapat dihadiri PJ Bupati Jombang, seluruh komisioner dan Komisioner Bawaslu.", False),
        ("Rapat yang dipimpin Ketua KPU Jombang Ahmad Udi Masykur membahas logistik.", True),
        ("Sedangkan Bupati dan Wakil Bupati dilantik pada 10 Februari 2025.", False),  # a month is no one's name
    ],
)
def test_names_a_person(text: str, expected: bool) -> None:
    """A title or rank followed by a capitalized name."""
    assert names_a_person(text) is expected


def test_has_venue() -> None:
    """A venue head names a venue; a city alone does not."""
    assert has_venue("di Hotel Santika Makassar") and has_venue("di Aula Mapolres") and not has_venue("di Makassar")


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("Siapa Kapolres Bolaang Mongondow?", "Kapolres Bolmong AKBP Arianto Salkery hadir.", True),  # the short form in the text
        ("Siapa Ketua Komisi Pemilihan Umum Garut?", "Ketua KPU Garut Ahmad Rafi hadir.", True),  # the acronym in the text
        ("Siapa Kapolres Bolaang Mongondow Timur?", "Kapolres Bolmong AKBP Arianto Salkery hadir.", False),  # Boltim
        ("Siapa Bupati Bolmong?", "Bupati Bolaang Mongondow Timur Sam Sachrul hadir.", False),  # Boltim written out
        ("Siapa Bupati Bolaang Mongondow?", "Bupati Boltim Sam Sachrul hadir.", False),
    ],
)
def test_names_titled_either_way(question: str, text: str, expected: bool) -> None:
    """A place or body the question spells out may be abbreviated in the text, and the other way round."""
    assert names_titled(titled_pairs(analyze(question)), text) is expected


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("Siapa Irwasda Polda Kalsel?", "Hadir Kapolda Kalsel Irjen Pol Winarto, Irwasda Polda Kalsel, dan pejabat utama.", False),
        ("Siapa Kapolda Kalsel?", "Hadir Kapolda Kalsel, Irjen Pol Winarto, dan pejabat utama.", True),
        ("Siapa Ketua KPU Garut?", "Ketua KPU Garut, Ahmad Rafi, membuka rapat.", True),
        ("Siapa Ketua KPU Garut?", "Ketua KPU Garut menyampaikan paparan.", False),
    ],
)
def test_names_holder(question: str, text: str, expected: bool) -> None:
    """A title names its holder only when a personal name follows it (past titles, ranks, bodies and places)."""
    assert names_holder(titled_pairs(analyze(question)), text) is expected


def test_every_title_word_of_an_indonesian_run_is_written() -> None:
    """"Pj Bupati Agam" is not named by "pemilihan Bupati Agam" (the election of the regent)."""
    pairs = titled_pairs(analyze("Apa arahan Pj Bupati Agam dalam rakor?"))
    assert not names_titled(pairs, "Chaniago mengatakan, ada pemilihan Gubernur dan pemilihan Bupati Agam.")
    assert names_titled(pairs, "Pj Bupati Agam Andri Yulika membuka rakor.")


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("Di mana pengundian nomor urut pasangan calon Bupati Garut digelar?", 0),  # an office sought: nobody holds it
        ("Who are the candidates for Bupati Garut?", 0),
        ("Apa kata Bupati Garut tentang calon bupati?", 1),
        ("Berapa peserta rapat, dan berapa di antaranya anggota PPS?", 0),  # members counted, nobody named
        ("Sebutkan indikator pemilihan Bupati dan Wakil Bupati Fakfak menurut Kapolres Fakfak.", 1),  # the election
    ],
)
def test_a_sought_office_names_nobody(question: str, titles: int) -> None:
    """A title after 'calon' or 'candidates' is the office sought, not a person the question asks about."""
    assert len(titled_pairs(analyze(question))) == titles


@pytest.mark.parametrize(
    ("question", "text", "name", "role"),
    [
        ("Siapa Kasrem 162/WB?", "Hadir Kasrem 162/WB, Kolonel Inf. Susanto Manurung, dan Kapolres.", "Susanto Manurung", "Kasrem 162/WB"),
        ("Who is the Kapolres of Ngada?", "Hadir Kapolres Ngada Fajar Lukman S, S.I.K., dan Dandim.", "Fajar Lukman S", "Kapolres Ngada"),
        ("Siapa Irwasda Polda Kalsel?", "Hadir Irwasda Polda Kalsel, dan para pejabat utama.", None, None),  # the title, no name
        # another region's holder, written with a shorter name, is not the one asked for; the one asked is represented
        ("Siapa Kapolres Banjarbaru?", "Hadir Kapolres Banjar AKBP Ifan Hariyat dan Kapolres Banjarbaru diwakili Kabag Ops.", None, None),
        ("Siapa Ketua Bawaslu Indramayu?", "Hadir Ketua KPU Kabupaten Indramayu, Masykur, serta anggota Bawaslu.", None, None),
        ("Siapa Pj Sekda Sikka?", "Hadir Pj. Sekda Kabupaten Sikka Margaretha Bapa, S.T.", "Margaretha Bapa", "Sekda Kabupaten Sikka"),
        ("Siapa Ketua KPU Gunungkidul?", "Ketua KPU Asih Nuryanti membuka pleno.", "Asih Nuryanti", "Ketua KPU"),
        # who stood in for the title's holder: the name after "diwakili oleh" (past a unit's place and a rank), or before
        ("Siapa yang mewakili Dandim 0313/KPR?", "Dandim 0313/KPR yang diwakili oleh Danramil 02 Rambah Kapten Inf Alza Septendi.",
         "Alza Septendi", "Danramil 02 Rambah"),
        ("Who represented the National Police chief?", "Kapolri diwakili oleh Kabaharkam Komjen Pol Moh.Fadill Imran.", "Moh.Fadill Imran",
         "Kabaharkam"),
        ("Siapa yang mewakili Kapolres Bitung?", "Kasat Intelkam AKP Budi Santoso, mewakili Kapolres Bitung, membuka.", "Budi Santoso",
         "Kasat Intelkam"),
        ("Siapa yang mewakili Kapolres Bitung?", "Kapolres Bitung AKBP Albert Zai membuka rapat.", None, None),  # he came himself
        # one title of two bodies, then "yaitu" and the names in order; a second person's title ends the first one's
        ("Siapa ketua KPU Kaltim?", "Oleh Ketua KPU dan Bawaslu Kaltim yaitu Fahri Idris dan Hari Darmanto.", "Fahri Idris",
         "Ketua KPU dan Bawaslu Kaltim"),
        ("Siapa Ketua KPU Kaltim?", "Hadir Ketua KPU dan Ketua Bawaslu Kaltim Hari Darmanto.", None, None),
        # a body written long before its acronym does not push the name out of reach
        ("Siapa Ketua KPU Kota Kotamobagu?", "Hadir Ketua Komisi Pemilihan Umum (KPU) Kota Kotamobagu, Mishart. A. Manoppo., S.E.",
         "Mishart. A. Manoppo", "Ketua KPU Kota Kotamobagu"),
        # names written before their titles in a list: the name before the title, not the next item's
        ("Siapa Ketua KPU RI?", "Hadir antara lain Hasyim Asy’ari Ketua KPU RI, Rahmat Bagja Ketua Bawaslu RI, dan Tito Karnavian.",
         "Hasyim Asy’ari", "Ketua KPU RI"),
        ("Siapa Ketua Bawaslu RI?", "Hadir Hasyim Asy’ari Ketua KPU RI, Rahmat Bagja Ketua Bawaslu RI, Heddy Lugito Ketua DKPP.",
         "Rahmat Bagja", "Ketua Bawaslu RI"),
        # ... and a body written long before "atau" and its acronym ("Badan Pengawas Pemilu atau Bawaslu DKI")
        ("Siapa Ketua Bawaslu DKI Jakarta?", "Ketua KPU DKI Jakarta Wahyu Dinata dan Ketua Badan Pengawas Pemilu atau Bawaslu DKI "
         "Munandar Nugraha hadir langsung.", "Munandar Nugraha", "Ketua Bawaslu DKI"),
        ("Siapa Kapolres Asahan?", "Rapat turut dihadiri Kapolres Asahan, Mewakili Dandim 0208/Asahan, Kajari Asahan.", None, None),
        # the title is one item of a list: the capitalized word after "dan" is the last item, not a name
        ("Siapa Kapolres Ende?", "Pleno dihadiri Bawaslu Ende, Kapolres Ende, PPK dan Devisi data dari 21 Kecamatan.", None, None),
        # a region or a unit is no name: past a place ending in a compass word, and never a run with a slash
        ("Siapa Kapolres Halmahera Utara?", "Hadir Kapolres Halmahera Utara, AKBP Fadil Zikri, SH.", "Fadil Zikri",
         "Kapolres Halmahera Utara"),
        ("Siapa Ketua Bawaslu Provinsi Bali?", "Diundang Ketua Bawaslu Provinsi Bali dan Nusa Tenggara, Bupati se-Bali.", None, None),
        ("Siapa Kapolres Tubaba?", "Diikuti Forkopimda Tubaba, Kapolres Tubaba, Kodim Lamp'ut/Tubaba, Kejaksaan Negeri.", None, None),
        ("Siapa Dandim 1310/Bitung?", "Materi oleh Kapolres Minahasa Utara, Dandim 1310 Minut-Bitung, Bawaslu Minut.", None, None),
        # a region's last word ("Kepulauan" of "Kota Tidore Kepulauan") or a known place is no one's name
        # a unit's area runs on past its slash to the comma ("Kodim 0204/Deli Serdang"): the name comes after it
        ("Siapa Dandim 0204/Deli Serdang?", "Komandan Kodim 0204/Deli Serdang, Letkol Inf Alex Sandri menghadiri rapat.",
         "Alex Sandri", "Dandim 0204/Deli Serdang"),
        ("Siapa Dandim 1505 Tidore?", "Disaksikan Kapolresta dan Dandim 1505 Tidore serta Pemerintah Kota Tidore Kepulauan.", None,
         None),
    ],
)
def test_holder_named(question: str, text: str, name: str | None, role: str | None) -> None:
    """The holder of an asked title as the sentence names them: the direct line shows them, not as a speaker."""
    holder = holder_named(titled_pairs(analyze(question)), text)
    assert (holder.name, holder.role) == (name, role) if name else holder is None
