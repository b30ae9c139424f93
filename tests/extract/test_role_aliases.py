"""Role aliases: the cached alias spellings keep the table's order; an institution and the title that heads it."""

from __future__ import annotations

import pytest

from rag.extract.people.roles import alias_forms, alias_table, heads_of


def test_alias_forms_keep_table_order() -> None:
    for seq, canon in list(alias_table().items())[:200]:
        word = " ".join(seq)
        expected = [word, *(" ".join(s) for s, c in alias_table().items() if c == canon)]
        assert alias_forms(word) == tuple(dict.fromkeys(expected))


def test_a_regulation_is_written_short_or_long() -> None:
    assert "peraturan kpu" in alias_forms("PKPU") and "perbawaslu" in alias_forms("Peraturan Bawaslu")


@pytest.mark.parametrize(
    ("unit", "head"),
    [("Polres", "kapolres"), ("polres", "kepala polres"), ("Polda", "kapolda"), ("Kejari", "kajari"), ("Kejati", "kajati")],
)
def test_an_institution_is_headed_by_its_title(unit: str, head: str) -> None:
    """An article naming the Kapolres is about the Polres: "Polres X" asked, "Kapolres X" written."""
    assert head in heads_of(unit)


@pytest.mark.parametrize("word", ["KPU", "Bawaslu", "Kapolres", "Sigi"])
def test_no_head_for_what_no_title_heads(word: str) -> None:
    assert heads_of(word) == ()
