"""The speakers pass: pronouns, the running speaker, introductions and held open quotes, read in article order."""

from __future__ import annotations

import pytest

from tests.extract.speechcases import Said, said

HEAD = "Rakor Netralitas ASN Digelar\n"
BUPATI = "Bupati Sleman Kustini Purnomo"
SAID_NETRAL = f"{BUPATI} mengatakan ASN wajib netral.\n"

CASES: list[tuple[str, list[Said]]] = [
    (  # a pronoun after one person named
        f"{BUPATI} membuka rakor netralitas ASN.\n“ASN wajib netral selama tahapan pilkada,” tegasnya.\n",
        [("Kustini Purnomo", "direct", "ASN wajib netral")],
    ),
    (  # two other people named since the last statement: the pronoun is dropped
        SAID_NETRAL + "Rakor dihadiri Dandim Sleman Letkol Inf Agus Riyanto dan Kapolres Sleman AKBP Dodi Santosa.\n"
        "“Kami siap mengawal,” ujarnya.\n",
        [("Kustini Purnomo", "indirect", "ASN wajib netral")],
    ),
    (  # one person named in the pronoun's own paragraph: that person
        SAID_NETRAL + "Rakor juga dihadiri Dandim Sleman Letkol Inf Agus Riyanto. Ia menyebutkan prajurit siap mengawal.\n",
        [("Kustini Purnomo", "indirect", "ASN wajib netral"), ("Agus Riyanto", "indirect", "prajurit siap mengawal")],
    ),
    (  # a bare quote in the next paragraph continues the last speaker
        SAID_NETRAL + "“Sanksi tegas menanti pelanggar aturan.”\n",
        [("Kustini Purnomo", "indirect", "ASN wajib netral"), ("Kustini Purnomo", "direct", "Sanksi tegas menanti")],
    ),
    (  # ... but not after paragraphs without speech in between
        SAID_NETRAL + "Cuaca cerah.\nWarga antusias mengikuti sosialisasi di balai desa.\n“Sanksi tegas menanti pelanggar aturan.”\n",
        [("Kustini Purnomo", "indirect", "ASN wajib netral")],
    ),
    (  # "X mengatakan:" introduces the next paragraph's quote
        f"{BUPATI} dalam sambutannya mengatakan:\n“ASN wajib netral selama tahapan pilkada.”\n",
        [("Kustini Purnomo", "direct", "ASN wajib netral")],
    ),
    (  # an open quote paragraph is held and goes to the speaker who closes the quote
        f"{BUPATI} membuka rakor.\n“Pertama, ASN wajib netral selama tahapan pilkada.\n"
        "“Kedua, laporkan setiap pelanggaran kepada Bawaslu,” ungkap Kapolres Sleman AKBP Dodi Santosa.\n",
        [("Dodi Santosa", "direct", "Pertama, ASN wajib"), ("Dodi Santosa", "direct", "Kedua, laporkan setiap")],
    ),
    (  # a nickname an epithet gave is the same person later
        "Kapolres Sleman AKBP Dodi Santosa memimpin apel.\n“Kami siap,” kata pria yang akrab disapa Om Dodi itu.\n"
        "Menurut Om Dodi, patroli digelar setiap malam.\n",
        [("Dodi Santosa", "direct", "Kami siap"), ("Dodi Santosa", "indirect", "patroli digelar setiap")],
    ),
    (  # an epithet that ends its paragraph ("... itu.") is the person just quoted, and the next pronoun stays theirs
        "Kapolres Sleman AKBP Dodi Santosa memimpin apel.\n“Kami siap,” ujar perwira yang pernah menjabat Danyon B itu.\n"
        "Ia menjelaskan patroli digelar setiap malam.\n",
        [("Dodi Santosa", "direct", "Kami siap"), ("Dodi Santosa", "indirect", "patroli digelar setiap")],
    ),
    (  # two bare names as one subject speak as a pair; "Mereka" is that pair, never a name; a short name later is one
        "Paslon nomor urut 02, Rudi Hartono dan Sinta Maharani menegaskan tidak ada masalah dengan paslon lain.\n"
        "Paslon ini memiliki jargon “Maju Bersama”. Mereka mengungkapkan, bahwa pilkada adalah hal biasa.\n"
        "“Kami berdua berteman baik,” tegas Sinta.\n",
        [("Rudi Hartono dan Sinta Maharani", "indirect", "tidak ada masalah"),
         ("Rudi Hartono dan Sinta Maharani", "direct", "Maju Bersama"), ("Sinta Maharani", "direct", "Kami berdua berteman")],
    ),
    (  # a name after a venue word and a locative is the place the meeting was held, never who spoke
        SAID_NETRAL + "Rakor yang berlangsung di aula Mapolres Sleman ini menyoroti potensi kerawanan selama tahapan.\n",
        [("Kustini Purnomo", "indirect", "ASN wajib netral")],
    ),
    (  # a bare title in what someone reported is no new speaker for the next "-nya"
        "Plh Sekda Kabupaten Tanah Laut, H. Rahmat Hidayat SE M Si mengatakan, pleno adalah tahap proses Pilkada Gubernur,"
        " wakil Gubernur Kalsel, Bupati dan wakil Bupati Tanah Laut.\n“Semua pihak bisa menerima hasil pleno,” harapnya.\n",
        [("Rahmat Hidayat", "indirect", "pleno adalah tahap"), ("Rahmat Hidayat", "direct", "Semua pihak bisa")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_speakers(text: str, expected: list[Said]) -> None:
    assert said(HEAD + text) == expected
