"""A second sentence for a compound question (rag.answer.complement)."""

from __future__ import annotations

from rag.answer.complement import complement
from rag.answer.evidence import Evidence
from rag.query.analysis import analyze

QUESTION = analyze("Apa kata Kapolres tentang jumlah personel pengamanan dan lokasi posko?")


def _evidence(text: str, source: str = "a.txt", start: int = 0, score_cover: float = 0.5) -> Evidence:
    """Return one evidence sentence (only what complement reads is set)."""
    return Evidence(source, start, start + len(text), text, 0, 0.85, score_cover, score_cover, False, False, True)


def test_complement_adds_what_the_first_sentence_leaves_out() -> None:
    """The figure in one sentence, the posts in the next: the second is cited too; another article is not."""
    best = _evidence("Sebanyak 200 personel pengamanan disiagakan.")
    other_article = _evidence("Posko didirikan di alun-alun.", source="b.txt", start=100, score_cover=0.9)
    same_article = _evidence("Posko didirikan di setiap kecamatan.", start=100)
    assert complement(QUESTION, best, [best, other_article, same_article]) is same_article


def test_no_complement_when_nothing_is_missing() -> None:
    """A sentence covering every asked concept needs no second one."""
    best = _evidence("Sebanyak 200 personel pengamanan disiagakan di lokasi posko.")
    assert complement(QUESTION, best, [best, _evidence("Posko didirikan di setiap kecamatan.", start=100)]) is None


def test_no_complement_for_who_questions() -> None:
    """A who question is answered by the person; no second sentence."""
    best = _evidence("Sebanyak 200 personel pengamanan disiagakan.")
    who = analyze("Siapa yang menyebut jumlah personel pengamanan dan lokasi posko?")
    assert complement(who, best, [best, _evidence("Posko didirikan di setiap kecamatan.", start=100)]) is None
