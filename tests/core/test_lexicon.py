"""The word-list helpers' fast paths (folding, words) give what the plain scans give."""

from __future__ import annotations

import pytest

from rag.core.lexicon import fold, words


@pytest.mark.parametrize("text", ["Kapolda", "Café Gubernur", "Ｋａｐｏｌｄａ", "KPU’s", "Bupati Tangerang", "", "São Paulo!"])
def test_fold_and_words_fast_paths(text: str) -> None:
    import unicodedata

    slow = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    slow = "".join(ch for ch in slow if not unicodedata.combining(ch)).casefold()
    assert fold(text) == slow
    first = words(text)
    first.append("mutated")  # a caller changing its list must not change the cached words
    assert "mutated" not in words(text)
