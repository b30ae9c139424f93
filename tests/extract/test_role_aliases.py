"""Role aliases: the cached alias spellings keep the table's order."""

from __future__ import annotations

from rag.extract.people.roles import alias_forms, alias_table


def test_alias_forms_keep_table_order() -> None:
    for seq, canon in list(alias_table().items())[:200]:
        word = " ".join(seq)
        expected = [word, *(" ".join(s) for s, c in alias_table().items() if c == canon)]
        assert alias_forms(word) == tuple(dict.fromkeys(expected))


def test_a_regulation_is_written_short_or_long() -> None:
    assert "peraturan kpu" in alias_forms("PKPU") and "perbawaslu" in alias_forms("Peraturan Bawaslu")
