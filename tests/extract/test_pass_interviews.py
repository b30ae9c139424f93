"""The interviews and answers passes: an announced interview's answers are the interviewee's words."""

from __future__ import annotations

import pytest

from rag.extract.speech.passes import interviews
from rag.extract.speech.pipeline import run_passes
from tests.extract.speechcases import Said, article, said, without

HEAD = "Wawancara Ketua KPU Banyumas\n"
ANNOUNCE = "Berikut petikan wawancara dengan Ketua KPU Kabupaten Banyumas, Hartono Wibowo:\n"
LOGISTIK = "Logistik sudah kami distribusikan ke seluruh kecamatan sejak pekan lalu.\n"

# text, statements with every pass, question paragraph numbers
CASES: list[tuple[str, list[Said], list[int]]] = [
    (  # unlabelled: a short question, then its answers
        HEAD + ANNOUNCE + "Bagaimana kesiapan logistik menjelang hari pemungutan suara?\n" + LOGISTIK
        + "Apa kendala terbesar di lapangan?\nCuaca. Hujan deras membuat beberapa jalan desa sulit dilalui truk.\n",
        [("Hartono Wibowo", "direct", "Logistik sudah kami"), ("Hartono Wibowo", "direct", "Cuaca. Hujan deras")],
        [1, 3],
    ),
    (  # labelled questions and answers
        HEAD + ANNOUNCE + "Tanya: Bagaimana kesiapan logistik?\nJawab: Logistik sudah kami distribusikan ke seluruh kecamatan.\n"
        "Tanya: Berapa jumlah TPS?\nJawab: Ada dua ribu lebih TPS di kabupaten ini.\n",
        [("Hartono Wibowo", "direct", "Logistik sudah kami"), ("Hartono Wibowo", "direct", "Ada dua ribu")],
        [1, 3],
    ),
    (  # a bare announcement: the interviewee is named just before
        HEAD + "Ketua KPU Kabupaten Banyumas Hartono Wibowo ditemui wartawan usai rapat pleno.\nBerikut petikan wawancaranya.\n"
        "Bagaimana kesiapan logistik menjelang hari pemungutan suara?\n" + LOGISTIK,
        [("Hartono Wibowo", "direct", "Logistik sudah kami")],
        [2],
    ),
    (  # the interviewee is an institution, not a person: no answers
        "Wawancara Bersama KPU Banyumas\nBerikut petikan wawancara dengan KPU Kabupaten Banyumas:\n"
        "Bagaimana kesiapan logistik menjelang hari pemungutan suara?\n" + LOGISTIK,
        [],
        [1],
    ),
]


@pytest.mark.parametrize(("text", "expected", "questions"), CASES)
def test_interview_answers(text: str, expected: list[Said], questions: list[int]) -> None:
    assert said(text) == expected
    assert said(text, without(interviews.run)) == []  # unmarked answers are no one's words otherwise
    assert sorted(run_passes(article(text)).questions) == questions


def test_answers_keep_the_interviewee_and_verb() -> None:
    text = CASES[1][0]
    statements = run_passes(article(text)).statements
    assert {(s.speaker.role, s.verb) for s in statements} == {("Ketua KPU Kabupaten Banyumas", "menjawab")}
    assert text[statements[0].attribution_start : statements[0].attribution_end] == "Ketua KPU Kabupaten Banyumas, Hartono Wibowo"
