"""The trailing pass: a whole-paragraph quote, then "Demikian disampaikan X" in the next paragraph, is X's."""

from __future__ import annotations

import pytest

from rag.extract.speech.passes import trailing
from tests.extract.speechcases import Said, said, without

HEAD = "Pengamanan Pilkada Depok Dibahas\n"
OPENING = HEAD + "Camat Beji Sinta Lestari membuka rapat.\n"

# text, statements with every pass, statements without the trailing pass
CASES: list[tuple[str, list[Said], list[Said]]] = [
    (
        OPENING + "“Kami minta semua pengawas kelurahan hadir di TPS sejak pagi.”\n"
        "Demikian disampaikan Kapolres Depok Kombes Pol Arya Wibisana saat apel gabungan.\n",
        [("Arya Wibisana", "direct", "Kami minta semua")],
        [],
    ),
    (
        OPENING + "“Jangan ada lagi spanduk kampanye di rumah ibadah.”\n"
        "Hal itu ditegaskan oleh Sekda Depok Hendra Saputra di sela rapat.\n",
        [("Hendra Saputra", "direct", "Jangan ada lagi")],
        [],
    ),
    (
        OPENING + "“Netralitas aparatur sipil negara harus dijaga sampai akhir.”\n"
        "Imbauan itu juga disampaikan Pj Wali Kota Depok Dedi Kurniawan kepada camat.\n",
        [("Dedi Kurniawan", "direct", "Netralitas aparatur sipil")],
        [],
    ),
    (  # a lede: dateline, then the quote
        HEAD + "Depok (ANTARA) - “Seluruh logistik pemilihan sudah kami kirim ke kecamatan.”\n"
        "Pernyataan tersebut diungkapkan Ketua KPU Depok Yusuf Hamdani, Senin.\n",
        [("Yusuf Hamdani", "direct", "Seluruh logistik pemilihan")],
        [],
    ),
    (  # the quote already names its speaker: the next paragraph does not take it
        OPENING + "“Netralitas aparatur sipil negara harus dijaga sampai akhir,” kata Sinta.\n"
        "Demikian disampaikan Pj Wali Kota Depok Dedi Kurniawan kepada camat.\n",
        [("Sinta Lestari", "direct", "Netralitas aparatur sipil")],
        [("Sinta Lestari", "direct", "Netralitas aparatur sipil")],
    ),
    (  # no back-reference: the quote continues the last speaker
        HEAD + "Ketua KPU Depok Yusuf Hamdani menyampaikan jadwal debat kandidat.\n“Debat kedua digelar di gedung olahraga kota.”\n"
        "Kapolres Depok Kombes Pol Arya Wibisana kemudian memaparkan pola pengamanan.\n",
        [("Yusuf Hamdani", "indirect", "jadwal debat kandidat"), ("Yusuf Hamdani", "direct", "Debat kedua digelar")],
        [("Yusuf Hamdani", "indirect", "jadwal debat kandidat"), ("Yusuf Hamdani", "direct", "Debat kedua digelar")],
    ),
]


@pytest.mark.parametrize(("text", "expected", "before"), CASES)
def test_trailing_attribution(text: str, expected: list[Said], before: list[Said]) -> None:
    assert said(text) == expected
    assert said(text, without(trailing.run)) == before
