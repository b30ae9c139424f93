"""Two questions in one (rag.answer.compound): both parts answered join their evidence; a part naming what the corpus
lacks makes the whole a near miss; otherwise the whole question is read and its reading stands."""

from __future__ import annotations

from rag.answer.compound import joined
from rag.core.types import Answer, Citation


def _cite(n: int, source: str, start: int) -> Citation:
    """Return a citation (offsets only matter for telling sentences apart)."""
    return Citation(n, source, 1, 1, "kutipan", start, start + 7)


def _said(text: str, *cites: Citation, direct: str = "") -> Answer:
    """Return an answered reading."""
    return Answer("q", text, True, citations=cites, direct=direct or None, confidence=0.8, reasons=("ok",))


def _refused(reason: str) -> Answer:
    """Return a refused reading."""
    return Answer("q", "Tidak ditemukan dalam korpus.", False, reasons=(reason,))


def _unread() -> Answer:
    """Fail: the whole question need not be read."""
    raise AssertionError("the whole question was read")


def _nothing(word: str) -> bool:
    """A corpus that has no word."""
    return False


def test_both_parts_answered_join_their_evidence() -> None:
    first = _said("A [1]", _cite(1, "a.txt", 0), direct="3 pasangan calon")
    second = _said("B [1] [2]", _cite(1, "a.txt", 0), _cite(2, "a.txt", 50), direct="Hamida")
    out = joined("q", first, second, _unread, _nothing)
    assert out.answerable and out.direct == "3 pasangan calon · Hamida"
    assert [(c.id, c.start) for c in out.citations] == [(1, 0), (2, 50)]  # the shared sentence is cited once
    assert out.answer == "A [1]\nB [1] [2]"


def test_a_part_the_corpus_lacks_makes_a_near_miss() -> None:
    out = joined("q", _said("A [1]", _cite(1, "a.txt", 0)), _refused("no retrieved article has 'Tanggamus'"), _unread, _nothing)
    assert not out.answerable and "a part of the question is not in the corpus" in out.reasons


def test_a_word_only_the_parts_search_missed_is_no_near_miss() -> None:
    """ "Siapa yang dikutip oleh TAG Sultra": the part's search missed the outlet's article, the corpus has it."""
    whole = _said("W [1]", _cite(1, "a.txt", 0))
    first, second = _refused("no retrieved article has 'TAG'"), _said("A [1]", _cite(1, "a.txt", 0))
    assert joined("q", first, second, lambda: whole, lambda word: word == "TAG") is whole


def test_otherwise_the_whole_reading_stands() -> None:
    whole = _said("W [1]", _cite(1, "a.txt", 0))
    assert joined("q", _said("A [1]", _cite(1, "a.txt", 0)), _refused("evidence confidence 0.30 < 0.45"), lambda: whole, _nothing) is whole
