"""Meeting parts: an event's name or theme and its organizer, read from the sentence that reports it."""

from __future__ import annotations

import pytest

from rag.extract.meetings.parts import event_name, organizer_in
from rag.extract.meetings.refs import kind_pattern

CASES: list[tuple[str, str, str]] = [  # sentence, event name, organizer
    (
        "KPU Kota Tegal menggelar Rapat Koordinasi Persiapan Pilkada 2024 di Hotel Bahari, Senin.",
        "Rapat Koordinasi Persiapan Pilkada 2024",
        "KPU Kota Tegal",
    ),
    ("Bawaslu Kabupaten Sleman menggelar apel siaga pengawasan di alun-alun.", "", "Bawaslu Kabupaten Sleman"),
    ("Rakor yang digelar oleh Polres Sleman itu dihadiri camat.", "", "Polres Sleman"),
    ("Sosialisasi bertema “Pemilih Cerdas” digelar KPU Depok di aula kecamatan.", "Pemilih Cerdas", "KPU Depok"),
]


@pytest.mark.parametrize(("sentence", "name", "organizer"), CASES)
def test_event_name_and_organizer(sentence: str, name: str, organizer: str) -> None:
    found = kind_pattern()[0].search(sentence)
    assert found is not None
    assert event_name(sentence, found.start(), found.end(), len(sentence)) == name
    assert organizer_in(sentence, 0, len(sentence)) == organizer
