"""People and meeting links are computed when the index is built, stored in the generation, and only read on load."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rag.answer.context import Context
from rag.core.settings import Settings
from rag.core.types import Meeting
from rag.extract.meetings.places import provinces_named
from rag.extract.people import entities
from rag.index import meetinglinks
from rag.index.links import group_people, people_rows
from rag.index.meetinglinks import MeetingLinks, meeting_link_rows, reported_together, speaker_names
from rag.index.people import People
from rag.index.snapshot import load_snapshot
from rag.index.stores import read_manifest


def test_links_are_files_of_the_generation_with_checksums(indexed: Settings) -> None:
    manifest = read_manifest(indexed.index_dir)
    assert {"people.jsonl", "meeting-links.jsonl"} <= set(manifest["files"])
    snap = load_snapshot(indexed.index_dir)
    assert snap.people and len(snap.meeting_links) == len(snap.meetings)
    assert sorted(r for row in snap.people for r in row["statements"]) == list(range(len(snap.statements)))


def test_stored_links_equal_links_computed_now(indexed: Settings) -> None:
    snap = load_snapshot(indexed.index_dir)
    named = {source: provinces_named(a.text) for source, a in snap.articles.items()}
    rows = meeting_link_rows(snap.meetings, speaker_names(snap.statements), named)
    assert rows == list(snap.meeting_links)
    fresh = group_people(snap.statements, MeetingLinks(snap.meetings, rows).sibling_reports)
    assert json.loads(json.dumps(people_rows(fresh))) == list(snap.people)
    loaded = People(snap)
    assert [e.name for e in loaded.entities] == [e.name for e in fresh.entities]
    assert {k: sorted(v) for k, v in loaded.rows.items()} == {k: sorted(v) for k, v in fresh.rows.items()}


def test_loading_does_not_group_or_compare_again(indexed: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    snap = load_snapshot(indexed.index_dir)

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed at load time")

    monkeypatch.setattr(entities.SpeakerIndex, "add", forbidden)
    monkeypatch.setattr(meetinglinks, "same_meeting_sources", forbidden)
    ctx = Context.create(snap, indexed)
    statement = snap.statements[0]
    assert ctx.people.key_of(statement)
    meeting = snap.meetings[0]
    assert ctx.meetings.same_meeting_sources(meeting)[0] == meeting.source
    assert ctx.meetings.sibling_reports(meeting.source)[0] == meeting.source


def _met(source: str, event: str = "rakor", city: str = "", province: str = "", venue: str = "") -> Meeting:
    """Return a meeting of 19 September 2024."""
    return Meeting(source=source, event=event, venue=venue, city=city, province=province, date="2024-09-19")


QUOTED = {"a.txt": frozenset({"budi setiawan"}), "b.txt": frozenset({"budi setiawan"}), "c.txt": frozenset({"rina wulan"})}


@pytest.mark.parametrize(
    ("one", "other", "together"),
    [
        (_met("a.txt", province="Riau"), _met("c.txt", province="Kalimantan Barat"), False),  # two provinces
        (_met("a.txt", province="Riau"), _met("b.txt", province="Kalimantan Barat"), False),  # ... whoever they quote
        (_met("a.txt", city="Balikpapan", province="Kalimantan Timur"), _met("b.txt", city="Samarinda"), True),  # one person
        (_met("a.txt", city="Balikpapan"), _met("c.txt", city="Tenggarong"), False),  # two cities, no one in common
        (_met("a.txt", city="Balikpapan"), _met("c.txt", city="Balikpapan"), True),  # one city, one kind of event
        (_met("a.txt", province="Riau"), _met("c.txt", event="apel", venue="Kantor KPU Rohul"), False),
        (_met("a.txt", venue="Kantor KPU Rohul"), _met("c.txt", event="apel", venue="Aula KPU Rohul"), True),  # a place word
    ],
)
def test_reported_together(one: Meeting, other: Meeting, together: bool) -> None:
    """Two meetings of one date are one event only when nothing places them apart and something ties them."""
    assert reported_together(one, other, QUOTED) is together


def test_a_report_naming_the_other_province_may_be_one_event() -> None:
    """A regional meeting in Bali reported from Bima: the Bima report names Bali."""
    bali, bima = _met("a.txt", province="Bali"), _met("c.txt", province="Nusa Tenggara Barat")
    assert not reported_together(bali, bima, QUOTED)
    assert reported_together(bali, bima, QUOTED, {"c.txt": frozenset({"Bali", "Nusa Tenggara Barat"})})


def test_a_meeting_with_no_province_is_where_its_report_is() -> None:
    """Two ballot-number draws on one day, one read with no province: its article names DIY, the other is in Kaltara."""
    draw, other = _met("a.txt", event="pengundian"), _met("c.txt", event="pengundian", province="Kalimantan Utara")
    named = {"a.txt": frozenset({"DI Yogyakarta"}), "c.txt": frozenset({"Kalimantan Utara"})}
    assert not reported_together(draw, other, QUOTED, named)
    assert reported_together(draw, other, QUOTED, {**named, "a.txt": frozenset({"Kalimantan Utara"})})
