"""People and meeting links are computed when the index is built, stored in the generation, and only read on load."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rag.answer.context import Context
from rag.core.settings import Settings
from rag.extract.people import entities
from rag.index import meetinglinks
from rag.index.links import group_people, people_rows
from rag.index.meetinglinks import MeetingLinks, meeting_link_rows
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
    rows = meeting_link_rows(snap.meetings)
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
