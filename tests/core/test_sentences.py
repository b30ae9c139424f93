"""Sentences and quotes: tokenizing with a limit, pairing quote marks, and a linear sentence split on
a long unbroken run."""

from __future__ import annotations

import pytest

from rag.core.sentences import find_quotes, sentences, tokenize


def test_tokenize_limit_is_a_prefix() -> None:
    """A limited tokenization is the start of the full one."""
    text = "Pj Bupati (Sekda) mengatakan, “rakor ini penting” di Aula; Selasa (24/9/2024)."
    full = tokenize(text, 3, len(text) - 2)
    for limit in (0, 1, 6, 100):
        assert tokenize(text, 3, len(text) - 2, limit=limit) == full[:limit]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("‘Kita siap,’ katanya. ‘Aman’", ["‘Kita siap,’", "‘Aman’"]),
        ('"a" b "c', ['"a"']),  # a short unclosed tail is not a quote
        ('«Ini» kata „dia“ lalu "selesai sudah semuanya di sini"', ["«Ini»", "„dia“", '"selesai sudah semuanya di sini"']),
        ("Ia berkata, “Kami siap mengawal logistik sampai ke TPS terjauh di pulau-pulau kecil",
         ["“Kami siap mengawal logistik sampai ke TPS terjauh di pulau-pulau kecil"]),  # a long unclosed quote runs to the end
        ('Harga "wajar" katanya.', ['"wajar"']),
        # a closing mark with no space before the verb, and a reversed pair whose closing mark stands before a comma
        ("“Kami siap mengawal,”ujarnya di Renon, Senin.", ["“Kami siap mengawal,”"]),
        ("kegiatan ” Apel Akbar Pengawasan tahun 2024 “, Sabtu 23 November 2024.", ["” Apel Akbar Pengawasan tahun 2024 “"]),
        # a closing mark written loose after a comma, before the verb: it closes, it opens nothing
        ('Partisipasi tinggi. "Kami targetkan 75 persen, " kata Rina Wulandari Ketua KPU.', ['"Kami targetkan 75 persen, "']),
        ('"Kami menunggu undangan KPU Jatim, "bebernya.', ['"Kami menunggu undangan KPU Jatim, "']),
    ],
)
def test_find_quotes_pairs_marks(text: str, quoted: list[str]) -> None:
    assert [text[a : b + 1] for a, b in find_quotes(text)] == quoted


class _CountingText(str):
    """A string that adds up how many characters its indexing and slicing hand out."""

    read = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        part = str.__getitem__(self, key)
        _CountingText.read += len(part)
        return part


def test_sentence_split_is_linear_on_a_long_unbroken_run() -> None:
    """The abbreviation test looks at the word before the dot only (it used to search the whole prefix: 10x text, 100x work)."""
    sentence = "Kata Dr. Budi, rapat dimulai pukul 09.00 WIB. "

    def chars_read(copies: int) -> int:
        text = _CountingText(sentence * copies)
        _CountingText.read = 0
        assert len(sentences(text)) == copies
        return _CountingText.read

    assert chars_read(5000) <= 11 * chars_read(500)  # linear: 10x the text, about 10x the characters read


def test_an_initial_after_a_name_does_not_end_the_sentence() -> None:
    """ "Mishart. A. Manoppo" is one name; "dimulai. A. Rahman" and "Bupati. H. Ilham" (Haji) start a new sentence."""
    text = "Hadir Ketua KPU, Mishart. A. Manoppo, dan Bawaslu. Rapat dimulai. A. Rahman tiba. Di Kantor Bupati. H. Ilham bicara."
    got = [text[a:b] for a, b in sentences(text)]
    assert got[0] == "Hadir Ketua KPU, Mishart. A. Manoppo, dan Bawaslu."
    assert got[1:] == ["Rapat dimulai.", "A. Rahman tiba.", "Di Kantor Bupati.", "H. Ilham bicara."]
