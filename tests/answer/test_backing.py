"""How an article backs a question word it spells otherwise (hyphen pairs, acronyms, outlet names), and running mates."""

from __future__ import annotations

import pytest

from rag.answer.backing import outlet_named, outlet_run_words, outlets_asked, pieces_known
from rag.answer.partners import asked_partner, partner_in
from rag.core.text import acronym_written


@pytest.mark.parametrize(
    ("word", "vocab", "known"),
    [
        ("aep-maslani", {"aep", "syaepuloh", "dan", "maslani"}, True),  # the pair the article writes apart
        ("tni-polri", {"tni", "polri"}, True),
        ("aep-budi", {"aep", "maslani"}, False),  # every piece must be there
        ("maslani", {"maslani"}, False),  # no hyphen: the plain check decides
    ],
)
def test_pieces_known(word: str, vocab: set[str], known: bool) -> None:
    assert pieces_known(word, vocab) is known


@pytest.mark.parametrize(
    ("word", "text", "written"),
    [
        ("DPT", "Jumlah daftar pemilih tetap di Kota Binjai adalah 219.808 jiwa.", True),
        ("TPS", "Logistik tiba di tempat pemungutan suara pagi hari.", True),
        ("DPT", "Rapat dan pihak terkait digelar.", False),  # a function word is no letter of an acronym
        ("DPT", "Daftar pemilih sementara diumumkan.", False),
        ("Dpt", "daftar pemilih tetap", False),  # not an acronym's shape
    ],
)
def test_acronym_written(word: str, text: str, written: bool) -> None:
    assert acronym_written(word, text) is written


def test_outlet_names_written_with_spaces() -> None:
    outlet = frozenset({"cahayaterangnusantara", "com"})
    found = outlet_run_words("Menurut laporan Cahaya Terang Nusantara, siapa yang berbicara?", outlet)
    assert found == {"Cahaya", "Terang", "Nusantara"}
    assert outlet_run_words("Menurut Cahaya Pagi, siapa yang berbicara?", outlet) == frozenset()


@pytest.mark.parametrize(
    ("word", "outlet", "named"),
    [
        ("Tribratanews", {"tribratanewskaltara", "polri"}, True),  # a regional edition's outlet, named by its head
        ("Cahaya", {"cahayaterangnusantara"}, True),  # part of the run "Cahaya Terang Nusantara" of the question
        ("Radar", {"radardepok"}, False),  # a short head starts too many outlets' names
        ("Tribratanews", {"tribunternate"}, False),
        ("Artikel.news", {"artikelnews"}, True),  # a dotted outlet name, joined in its file name or host
        ("Lini.id", {"artikelnews"}, False),
    ],
)
def test_outlet_named(word: str, outlet: set[str], named: bool) -> None:
    assert outlet_named(word, f"Menurut {word} Terang Nusantara, apa yang dikatakan?", outlet) is named


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Siapa calon wakil bupati yang berpasangan dengan Moh Rizal Intjenae pada Pilkada Sigi 2024?", "Moh Rizal Intjenae"),
        ("Who is Muhammad Sinen's running mate in the 2024 Tidore Kepulauan mayoral election?", "Muhammad Sinen"),
        ("Siapa Kapolres Sigi?", ""),
    ],
)
def test_asked_partner(question: str, name: str) -> None:
    assert asked_partner(question) == name


@pytest.mark.parametrize(
    ("name", "text", "partner"),
    [
        ("Moh Rizal Intjenae", "Paslon nomor urut satu (1) Moh Rizal Intjenae-Samuel Yansen Pongi, Paslon", "Samuel Yansen Pongi"),
        ("H Haliana", "Paslon Nomor Urut 2 H Haliana SE – Dra Hj Safia Wualo, masing-masing didampingi", "Safia Wualo"),  # degrees
        ("Suhardi Duka", "di antaranya, Suhardi Duka- Jenderal (Purn) Salim S Mengga (SDK-JSM), Andi", "Salim S Mengga"),  # a rank
        ("Muhammad Sinen", "nomor urut 1, Muhammad Sinen dan Ahmad Laiman alias MASI AMAN, sudah tiba", "Ahmad Laiman"),
        ("Samuel Yansen Pongi", "Paslon nomor urut satu (1) Moh Rizal Intjenae-Samuel Yansen Pongi, Paslon", "Moh Rizal Intjenae"),
        ("Budi Santoso", "Kapolres Budi Santoso mengatakan bahwa pengamanan siap.", None),  # no pair written
    ],
)
def test_partner_in(name: str, text: str, partner: str | None) -> None:
    found = partner_in(name, text)
    assert (found.name if found else None) == partner


OUTLETS = {
    "a.txt": {"alorpos", "alor", "deklarasi", "pemetaan"},
    "b.txt": {"fkknews", "alor", "deklarasi"},
    "c.txt": {"tribunternate", "haltim"},
    "d.txt": {"jurnalmalut", "haltim"},
    "e.txt": {"polresbengkayang", "apel"},
}
TEXTS = {"fkknews": 1, "pemetaan": 5, "mantap": 9}  # how many articles' texts write the word


@pytest.mark.parametrize(
    ("question", "proper", "asked"),
    [
        # two outlets, each article has one: one of them backs it
        ("Bagaimana FkkNews dan Alor Pos menulis tempat deklarasi?", ("FkkNews", "Alor", "Pos"), ("FkkNews", "Alor", "Pos")),
        ("Tribun Ternate menulis Rabu; menurut Jurnal Malut kapan?", ("Tribun", "Ternate", "Jurnal", "Malut"),
         ("Tribun", "Ternate", "Jurnal", "Malut")),
        ("Menurut Alor Pos, kapan deklarasi digelar?", ("Alor", "Pos"), ()),  # one outlet: every word as before
        ("Berapa personel Polres Bengkayang dalam Operasi Mantap Praja?", ("Polres", "Bengkayang", "Operasi", "Mantap", "Praja"),
         ()),  # "Mantap" is written in many articles: a file name's word, no outlet
        ("Kapan Pemetaan Kerawanan diluncurkan menurut FkkNews?", ("Pemetaan", "Kerawanan", "FkkNews"), ()),
    ],
)
def test_outlets_asked(question: str, proper: tuple[str, ...], asked: tuple[str, ...]) -> None:
    assert outlets_asked(question, proper, OUTLETS, lambda w: TEXTS.get(w, 0)) == asked
