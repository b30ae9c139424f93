"""The people links of a generation: speakers grouped into people across articles, computed when the index is built.

``group_people`` puts every statement's speaker into an entity (``SpeakerIndex``) and then names a role-only speaker
after the one holder of that role in another report of the same meeting. ``people_rows`` turns the result into plain
JSON rows (``people.jsonl``); ``PeopleLinks.from_rows`` reads them back without grouping again. The statement rows of
each entity are added back in the order grouping added them, so the loaded sets are the ones grouping made.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Sequence

from rag.core.types import Speaker, Statement
from rag.extract.people.entities import Entity, SpeakerIndex, roles_compatible

Siblings = Callable[[str], list[str]]  # source -> the articles that report one of its meetings


@dataclass
class PeopleLinks:
    """Entities in grouping order, the statement rows of each entity key, and the role-only entities linked to a named one."""

    entities: list[Entity]
    rows: dict[str, set[int]]
    statement_entity: dict[int, int] = field(default_factory=dict)  # statement row -> entity position
    linked: dict[int, int] = field(default_factory=dict)  # role-only entity position -> named entity position

    @classmethod
    def from_rows(cls, rows: Sequence[dict[str, Any]], statements: Sequence[Statement]) -> PeopleLinks:
        """Rebuild the links from ``people.jsonl`` rows over the generation's statements (no grouping, no matching)."""
        entities = [
            Entity(
                key=row["key"],
                name=row["name"],
                roles=list(row["roles"]),
                ranks=list(row["ranks"]),
                mentions=[(m["source"], Speaker(**m["speaker"])) for m in row["mentions"]],
            )
            for row in rows
        ]
        of_row = {r: pos for pos, row in enumerate(rows) for r in row["statements"]}
        linked = {pos: row["linked_to"] for pos, row in enumerate(rows) if row.get("linked_to") is not None}
        links = cls(entities, defaultdict(set), of_row, linked)
        links._add_rows(statements)
        for pos, named in linked.items():
            links._merge(entities[pos], entities[named])
        return links

    def _add_rows(self, statements: Sequence[Statement]) -> None:
        """Add every statement row to its entity's key, article by article as grouping does."""
        for rows in _rows_by_source(statements).values():
            for row in rows:
                self.rows[self.entities[self.statement_entity[row]].key].add(row)

    def _merge(self, entity: Entity, named: Entity) -> None:
        """Give a role-only entity the statement rows of the named one it was linked to, and share them."""
        self.rows[named.key] |= self.rows[entity.key]
        self.rows[entity.key] = self.rows[named.key]


def group_people(statements: Sequence[Statement], siblings: Siblings) -> PeopleLinks:
    """Group every statement's speaker into entities, then link role-only speakers across reports of one meeting."""
    index = SpeakerIndex()
    of_row: dict[int, int] = {}
    for source, rows in _rows_by_source(statements).items():
        for row, entity in zip(rows, index.add_article(source, [statements[r].speaker for r in rows]), strict=True):
            of_row[row] = entity
    position = {id(e): pos for pos, e in enumerate(index.entities)}
    links = PeopleLinks(index.entities, defaultdict(set), {row: position[id(e)] for row, e in of_row.items()})
    links._add_rows(statements)
    for pos, entity in enumerate(index.entities):
        named = _named_holder(index, entity, siblings)
        if named is not None:
            entity.name = named.name
            links._merge(entity, named)
            links.linked[pos] = position[id(named)]
    return links


def _named_holder(index: SpeakerIndex, entity: Entity, siblings: Siblings) -> Entity | None:
    """Return the one named holder of a role-only entity's role in another report of the same meeting, if exactly one.

    One outlet writes "kata Kepala Badan Kesbangpol Sulbar", another names him.
    """
    sources = {source for source, _ in entity.mentions}
    if entity.name or len(sources) != 1:
        return None
    source = sources.pop()
    found = {
        id(other): other
        for sibling in siblings(source) if sibling != source
        for other in index.entities_in(sibling)
        if other.name and any(roles_compatible(mine, theirs) for mine in entity.roles for theirs in other.roles)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def people_rows(links: PeopleLinks) -> list[dict[str, Any]]:
    """Return one JSON row per entity: its name, roles, ranks, mentions, statement rows and the entity it was linked to."""
    by_entity: dict[int, list[int]] = defaultdict(list)
    for row, pos in sorted(links.statement_entity.items()):
        by_entity[pos].append(row)
    return [
        {
            "key": e.key,
            "name": e.name,
            "roles": e.roles,
            "ranks": e.ranks,
            "mentions": [{"source": source, "speaker": asdict(speaker)} for source, speaker in e.mentions],
            "statements": by_entity.get(pos, []),
            "linked_to": links.linked.get(pos),
        }
        for pos, e in enumerate(links.entities)
    ]


def _rows_by_source(statements: Sequence[Statement]) -> dict[str, list[int]]:
    """Return the statement rows of each source, sources in first-seen order."""
    by_source: dict[str, list[int]] = defaultdict(list)
    for row, statement in enumerate(statements):
        by_source[statement.source].append(row)
    return by_source
