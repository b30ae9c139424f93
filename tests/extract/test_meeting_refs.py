"""Meeting references: event-kind phrases, and sentences that recall or announce an event rather than report it."""

from __future__ import annotations

import pytest

from rag.extract.meetings.refs import is_past_reference, kind_pattern, norm

PAST: list[tuple[str, bool]] = [
    ("Rapat serupa digelar pada Juli lalu di Semarang.", True),
    ("KPU akan menggelar debat kedua pekan depan.", True),
    ("Rakor ini merupakan tindak lanjut dari rapat sebelumnya.", True),
    ("Hari ini KPU menggelar rapat pleno.", False),
    ("KPU Kota Tegal menggelar rapat pleno di Hotel Bahari.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), PAST)
def test_past_reference(sentence: str, expected: bool) -> None:
    assert is_past_reference(sentence) is expected


KINDS: list[tuple[str, str, str]] = [  # sentence, phrase found, its kind
    ("KPU Kota Tegal menggelar Rapat Koordinasi Persiapan Pilkada 2024 di Hotel Bahari.", "Rapat Koordinasi", "rakor"),
    ("Bawaslu Kabupaten Sleman menggelar apel siaga pengawasan di alun-alun.", "apel siaga", "apel"),
    ("Rakor yang digelar oleh Polres Sleman itu dihadiri camat.", "Rakor", "rakor"),
    ("Sosialisasi bertema “Pemilih Cerdas” digelar KPU Depok di aula kecamatan.", "Sosialisasi", "sosialisasi"),
]


@pytest.mark.parametrize(("sentence", "phrase", "kind"), KINDS)
def test_event_kind_phrase(sentence: str, phrase: str, kind: str) -> None:
    pattern, kinds = kind_pattern()
    found = pattern.search(sentence)
    assert found is not None and found.group() == phrase and kinds[norm(phrase)] == kind
