"""Reading the seeds folder: an indexed copy wins over a new duplicate; unreadable or vanished files are skipped."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from rag.ingest.corpus import load_corpus
from tests.conftest import SEED_NAMES, SEEDS


def test_an_already_indexed_copy_wins_over_a_new_duplicate(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "004_25ac917f1e504862.txt", tmp_path / "b.txt")
    shutil.copy(SEEDS / "004_25ac917f1e504862.txt", tmp_path / "a.txt")
    articles, skipped = load_corpus(tmp_path, 10**6, prefer={"b.txt"})
    assert [a.source for a in articles] == ["b.txt"] and skipped[0].source == "a.txt"
    articles, skipped = load_corpus(tmp_path, 10**6)
    assert [a.source for a in articles] == ["a.txt"] and "sama dengan a.txt" in skipped[0].reason


@pytest.mark.parametrize("error", [PermissionError(13, "Permission denied"), FileNotFoundError(2, "No such file or directory")])
def test_unreadable_or_vanished_file_is_skipped(error: OSError, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.ingest import corpus

    for name in SEED_NAMES[:2]:
        shutil.copy(SEEDS / name, tmp_path / name)
    real = corpus.read_article

    def flaky(path: Path, source: str, max_bytes: int) -> Any:
        if source == SEED_NAMES[0]:
            raise error  # as if unreadable, or deleted between listing and reading
        return real(path, source, max_bytes)

    monkeypatch.setattr(corpus, "read_article", flaky)
    articles, skipped = load_corpus(tmp_path, 10**6)
    assert [a.source for a in articles] == [SEED_NAMES[1]]
    assert [(s.source, error.strerror in s.reason) for s in skipped] == [(SEED_NAMES[0], True)]
