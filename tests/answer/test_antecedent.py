"""What a quote's "<noun> tersebut" points back to (rag.answer.antecedent)."""

from __future__ import annotations

import pytest

from rag.answer.antecedent import antecedent

TEXT = (
    "Berdasarkan penilaian IPKP, Kabupaten Lamongan masuk kategori merah.\n"
    "Kapolres menjelaskan, kategori tersebut dikarenakan ada 2 paslon.\n"
    "Rapat dimulai pukul 09.00 WIB. Kapolres menjelaskan, hal itu penting."
)


@pytest.mark.parametrize(
    ("quote_start", "found"),
    [
        (TEXT.index("Kapolres menjelaskan, kategori"), "Berdasarkan penilaian IPKP, Kabupaten Lamongan masuk kategori merah."),
        (TEXT.index("Kapolres menjelaskan, hal"), None),  # "hal" is too short a noun to point anywhere
        (TEXT.index("Rapat dimulai"), None),  # no pointing words
    ],
)
def test_antecedent(quote_start: int, found: str | None) -> None:
    end = TEXT.find("\n", quote_start)
    quote = TEXT[quote_start : end if end > 0 else len(TEXT)]
    span = antecedent(TEXT, quote_start, quote)
    assert (TEXT[span[0] : span[1]] if span else None) == found
