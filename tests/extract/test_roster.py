"""The article roster: titled people the paragraph scan passes over, and one-word names expanded."""

from __future__ import annotations

from rag.core.types import Article
from rag.extract.speech.quotes import extract_statements
from rag.extract.speech.roster import full_name_runs, titled_runs

TEXT = "\n\n".join([
    "Waspada! 38 TPS di Kotim Masuk Kategori Rawan, Kapolres dan Dandim Sepakat Lakukan Ini",
    "SAMPIT - Kapolres Kotim AKBP Sugeng Pramono didampingi Dandim 1015/Sampit Letkol Inf Ardiansyah Putra mengatakan, "
    "sebanyak 38 TPS masuk kategori rawan.",
    "Salah satu peserta, Galih Pramudya Ardana, mahasiswa semester lima, mengaku banyak temannya bingung.",
    "\"Babinsa sudah kami perintahkan menginap di desa binaan masing-masing sejak H-3,\" kata Dandim.",
    "\"Banyak teman saya yang tidak tahu harus ke mana untuk pindah memilih,\" kata Galih.",
])


def test_titled_runs_skip_headlines_and_stop_at_the_verb() -> None:
    runs = titled_runs(TEXT)
    assert "Dandim 1015/Sampit Letkol Inf Ardiansyah Putra" in runs
    assert not any("Sepakat" in r for r in runs)  # the headline line is not read


def test_name_runs_stay_inside_a_line() -> None:
    runs = full_name_runs("Editor: Bayu Aji Saputro\n\nIkuti Kami")
    assert "Bayu Aji Saputro" in runs and not any("\n" in r for r in runs)


def test_bare_title_and_first_name_resolve_to_the_full_person() -> None:
    article = Article(source="kotim.txt", text=TEXT, sha256="0" * 64)
    speakers = {s.text[:20]: s.speaker for s in extract_statements(article)}
    dandim = next(sp for text, sp in speakers.items() if text.startswith("Babinsa"))
    galih = next(sp for text, sp in speakers.items() if text.startswith("Banyak teman"))
    assert (dandim.name, dandim.role, dandim.rank) == ("Ardiansyah Putra", "Dandim 1015/Sampit", "Letkol Inf")
    assert galih.name == "Galih Pramudya Ardana"


def test_sentence_opening_companion_is_not_the_speaker() -> None:
    text = (
        "Didampingi Dandim 1702/Jayawijaya Letkol Czi Hendrik Tua Sitompul, Pj Bupati Jayawijaya Yulianus Asso "
        "mengatakan pemerintah daerah telah menyewa helikopter untuk logistik.\n\n"
        "Kapolres Jayawijaya AKBP Heri Wibowo didampingi Dandim 1702/Jayawijaya Letkol Czi Hendrik Tua Sitompul "
        "mengatakan personel sudah disiagakan di setiap distrik."
    )
    found = {s.text.split()[0]: s.speaker.name for s in extract_statements(Article("w.txt", text, "0" * 64))}
    assert found == {"pemerintah": "Yulianus Asso", "personel": "Heri Wibowo"}


def test_bare_title_joined_with_its_apposition() -> None:
    text = (
        "Tokoh agama yang juga Ketua MUI Provinsi Jambi, KH Abdurrahman Hasibuan, memimpin doa bersama. "
        "Dalam tausiahnya, ia meminta masyarakat tidak mudah terprovokasi."
    )
    [statement] = extract_statements(Article("j.txt", text, "0" * 64))
    assert statement.speaker.name == "Abdurrahman Hasibuan"
    assert statement.speaker.role == "Tokoh agama yang juga Ketua MUI Provinsi Jambi"


def test_a_whole_name_spelled_otherwise_keeps_its_own_spelling() -> None:
    text = "\n\n".join([
        "Deklarasi Kampanye Damai Digelar",
        "“Laksanakan kampanye berdasarkan peraturan,” ucap Ketua KPU Kaltara, Haryadi Hamid.",
        "“Deklarasi ini untuk menjaga Kaltara tetap damai,” kata Ketua KPU Kaltara, Hariyadi Hamid.",
        "“Kami juga meminta maaf,” lanjutnya.",
    ])
    names = [s.speaker.name for s in extract_statements(Article(source="kaltara.txt", text=text, sha256="0" * 64))]
    assert names == ["Haryadi Hamid", "Hariyadi Hamid", "Hariyadi Hamid"]  # each as its own attribution writes it
