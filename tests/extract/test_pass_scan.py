"""The scan pass: one paragraph's quotes with their attribution, reported speech, epithets and people named."""

from __future__ import annotations

import pytest

from rag.extract.speech.passes import scan
from rag.extract.speech.pipeline import run_passes
from tests.extract.speechcases import Said, article, said, start, through

HEAD = "Rapat Pleno KPU Kota Kediri Digelar\n"
KETUA = "Ketua KPU Kota Kediri Nanda Prasetya"
Found = tuple[str, str, str, str]  # claim kind, verb, reference kind ("name", "pronoun", "continue"), first words

# one paragraph -> the claims the scan finds in it
CLAIMS: list[tuple[str, list[Found]]] = [
    (f"“Rekapitulasi suara dimulai besok pagi,” kata {KETUA}.", [("direct", "kata", "name", "Rekapitulasi suara dimulai")]),
    (f"{KETUA} mengatakan, “Rekapitulasi suara dimulai besok pagi.”", [("direct", "mengatakan", "name", "Rekapitulasi suara dimulai")]),
    (f"Menurut {KETUA}, rekapitulasi suara dimulai besok pagi.", [("indirect", "Menurut", "name", "rekapitulasi suara dimulai")]),
    (f"{KETUA} mengatakan bahwa rekapitulasi dimulai besok.", [("indirect", "mengatakan", "name", "rekapitulasi dimulai besok")]),
    ("“Rekapitulasi suara dimulai besok pagi,” ujarnya.", [("direct", "ujarnya", "pronoun", "Rekapitulasi suara dimulai")]),
    ("“Rekapitulasi suara dimulai besok pagi.”", [("direct", "", "continue", "Rekapitulasi suara dimulai")]),
    ("“Terima kasih semua petugas,” kata pria asal Blitar itu kepada wartawan.", [("direct", "kata", "pronoun", "Terima kasih semua")]),
    # a title written in lower case before the name ("kata ketua KPU Kaltara, X")
    (
        "“Rekapitulasi suara dimulai besok pagi,” kata ketua KPU Kota Kediri, Nanda Prasetya.",
        [("direct", "kata", "name", "Rekapitulasi suara dimulai")],
    ),
    (f"Rapat dihadiri {KETUA} dan Kapolres Kediri AKBP Bima Sakti.", []),
    ("Cuaca di Kediri cerah sepanjang hari dan jalan menuju kantor KPU ramai.", []),
]


@pytest.mark.parametrize(("paragraph", "expected"), CLAIMS)
def test_scan_claims(paragraph: str, expected: list[Found]) -> None:
    doc = run_passes(article(HEAD + paragraph + "\n"), (), through(scan.run))
    ((para, found),) = doc.scans
    assert [(c.kind, c.verb, c.ref.kind, start(para.text[c.start : c.end])) for c in found.claims] == expected


# one paragraph -> the people it names outside any attribution (mention, whether it is a sentence's subject)
MENTIONS: list[tuple[str, list[tuple[str, bool]]]] = [
    (f"{KETUA} menutup rapat.", [(KETUA, True)]),
    (f"Rapat dihadiri {KETUA} dan Kapolres Kediri AKBP Bima Sakti.", [(KETUA, False), ("Kapolres Kediri AKBP Bima Sakti.", False)]),
    (f"“Rekapitulasi suara dimulai besok pagi,” kata {KETUA}.", []),
]


@pytest.mark.parametrize(("paragraph", "expected"), MENTIONS)
def test_scan_mentions(paragraph: str, expected: list[tuple[str, bool]]) -> None:
    doc = run_passes(article(HEAD + paragraph + "\n"), (), through(scan.run))
    ((_, found),) = doc.scans
    assert [(m.text, m.subject) for m in found.mentions] == expected


def test_scan_reads_a_closing_introduction() -> None:
    doc = run_passes(article(HEAD + f"{KETUA} dalam sambutannya mengatakan:\n"), (), through(scan.run))
    ((_, found),) = doc.scans
    assert found.intro is not None and (found.intro.kind, found.intro.text) == ("name", KETUA)


# text -> statements with every pass: the forms one paragraph can take
STATEMENTS: list[tuple[str, list[Said]]] = [
    (f"“Rekapitulasi suara dimulai besok pagi,” kata {KETUA}.", [("Nanda Prasetya", "direct", "Rekapitulasi suara dimulai")]),
    (f"{KETUA} mengatakan, “Rekapitulasi suara dimulai besok pagi.”", [("Nanda Prasetya", "direct", "Rekapitulasi suara dimulai")]),
    (f"Menurut {KETUA}, rekapitulasi suara dimulai besok pagi.", [("Nanda Prasetya", "indirect", "rekapitulasi suara dimulai")]),
    (f"{KETUA} meminta saksi pasangan calon datang tepat waktu.", [("Nanda Prasetya", "indirect", "saksi pasangan calon")]),
    (
        f"{KETUA} mengimbau warga menjaga ketertiban. Ia juga meminta saksi datang tepat waktu.",
        [("Nanda Prasetya", "indirect", "warga menjaga ketertiban"), ("Nanda Prasetya", "indirect", "saksi datang tepat")],
    ),
    (  # two speakers for one quote: none
        "“Rekapitulasi suara dimulai besok pagi,” ujar Kapolres Kediri AKBP Bima Sakti dan Dandim Kediri Letkol Inf Raka Putra.",
        [],
    ),
    (  # an epithet after the verb: the person just named
        f"{KETUA} menutup rapat.\n“Terima kasih atas kerja keras semua petugas,” ujar pria asal Bandung itu, Senin.",
        [("Nanda Prasetya", "direct", "Terima kasih atas")],
    ),
    (f"Rapat dihadiri {KETUA} dan Kapolres Kediri AKBP Bima Sakti.", []),
    ("“Rekapitulasi suara dimulai besok pagi,” ujarnya.", []),  # a pronoun with no one named before it
    (  # "pada" joins a role: the unit and its body
        "Kepala Sub Bagian Teknis pada KPU Kabupaten Kediri, Rina Wulandari mengatakan rekapitulasi dimulai besok pagi.",
        [("Rina Wulandari", "indirect", "rekapitulasi dimulai besok")],
    ),
    (  # "Menurutnya" says who with or without a comma: the person just quoted
        f"“Surat usulan pelantikan kami serahkan besok,” ujar {KETUA}.\nMenurutnya berdasarkan Perpres Nomor 80 Tahun 2024 "
        "bupati terpilih dilantik pada 10 Februari 2025.",
        [("Nanda Prasetya", "direct", "Surat usulan pelantikan"), ("Nanda Prasetya", "indirect", "berdasarkan Perpres Nomor")],
    ),
    (  # "Disampaikannya juga, bahwa ...": a passive speech verb with -nya, the person just quoted
        f"“Surat usulan pelantikan kami serahkan besok,” ujar {KETUA}.\nDisampaikannya juga, bahwa pemilu tahun ini "
        "menjadi pemilu yang ke-13.",
        [("Nanda Prasetya", "direct", "Surat usulan pelantikan"), ("Nanda Prasetya", "indirect", "pemilu tahun ini")],
    ),
    (  # "Dijelaskannya, ..." without a particle
        f"{KETUA} membuka rapat.\nDijelaskannya, rekapitulasi suara dimulai besok pagi di kantor KPU.",
        [("Nanda Prasetya", "indirect", "rekapitulasi suara dimulai")],
    ),
    (  # a rank written with a full stop does not end the name after it: "ucap AKBP. Yana Supriatna"
        "Apel dipimpin Kapolres Mukomuko.\n“Sebanyak 310 personel bergeser dini hari ke TPS,” ucap AKBP. Yana Supriatna.",
        [("Yana Supriatna", "direct", "Sebanyak 310 personel")],
    ),
    (  # a capitalized stop word opening the sentence is nobody's name
        "Sebelum menyampaikan amanatnya, Wakil Bupati Rina Wulandari memeriksa pasukan bersama Kapolres.",
        [],
    ),
    (  # an event's name before a speech verb is no speaker
        "Adegan simulasi Sispamkota yang dilakukan oleh Polres Kediri menggambarkan skenario pengamanan di TPS.",
        [],
    ),
    (  # "Lanjut X, ...": X continues, "Lanjut" is no part of the name
        f"{KETUA} membuka rapat.\nLanjut Nanda, rekapitulasi suara dimulai besok pagi di kantor KPU.",
        [("Nanda Prasetya", "indirect", "rekapitulasi suara dimulai")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_scan_statements(text: str, expected: list[Said]) -> None:
    assert said(HEAD + text + "\n") == expected


@pytest.mark.parametrize("pronoun", ["Kami", "Saya", "Mereka", "Kita"])
def test_a_pronoun_opening_a_sentence_is_never_a_speakers_name(pronoun: str) -> None:
    text = f"{HEAD}{KETUA} membuka rapat.\n{pronoun} berharap semua partai menghadirkan gagasan untuk masyarakat.\n"
    assert all(who != pronoun for who, _, _ in said(text))
