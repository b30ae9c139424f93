"""The sentence that goes on after a cited statement: cited apart and unattributed, only when it is nobody else's."""

from __future__ import annotations

import pytest

from rag.answer.follow import follow_on
from rag.core.types import Speaker, Statement


def _statement(text: str, said: str) -> Statement:
    start = text.index(said)
    return Statement("f.txt", start, start + len(said), 1, 1, said, "indirect", "mengatakan", Speaker("Rina Wati", "Ketua KPU"))


LEAD = "Ketua KPU Rina Wati mengatakan rapat membahas alur rekap."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{LEAD} Dalam prosesnya dibahas distribusi surat suara.", "Dalam prosesnya dibahas distribusi surat suara."),
        (f"{LEAD}\nKedua, jangan ada ego sektoral di antara penyelenggara.", "Kedua, jangan ada ego sektoral di antara penyelenggara."),
        (f"{LEAD} Sementara Kapolres AKBP Budi Santoso meminta semua pihak menjaga keamanan.", None),  # another person's
        (f"{LEAD}\nBaca juga: KPU Sukamaju tetapkan DPT sebanyak 200 ribu pemilih", None),  # a teaser
        (f"{LEAD} (Red)", None),  # a byline
    ],
)
def test_follow_on(text: str, expected: str | None) -> None:
    said = "rapat membahas alur rekap"
    span = follow_on(text, _statement(text, said), [_statement(text, said)])
    assert (text[span[0] : span[1]] if span else None) == expected


def test_a_sentence_with_a_statement_of_its_own_is_not_a_follow_on() -> None:
    text = f"{LEAD} Ia menambahkan logistik tiba tepat waktu di semua kecamatan."
    said = "rapat membahas alur rekap"
    other = _statement(text, "logistik tiba tepat waktu di semua kecamatan")
    assert follow_on(text, _statement(text, said), [_statement(text, said), other]) is None


def test_a_crlf_line_ends_before_its_carriage_return() -> None:
    text = f"{LEAD}\r\nDalam prosesnya dibahas distribusi surat suara.\r\n"
    said = "rapat membahas alur rekap"
    start, end = follow_on(text, _statement(text, said), [_statement(text, said)])
    assert text[start:end] == "Dalam prosesnya dibahas distribusi surat suara."
