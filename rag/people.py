"""Who a question is about: speakers grouped into people across the snapshot."""

from __future__ import annotations

import re
from collections import defaultdict

from .entities import Entity, SpeakerIndex, is_person_title
from .names import is_title_word
from .snapshot import Snapshot
from .types import Statement

TIE = 0.1  # entities scoring within this of the best one are all kept
_CAPITALIZED = re.compile(r"\b[A-Z][\w'’.-]*")


class People:
    """Entity lookup over one snapshot's statements."""

    def __init__(self, snapshot: Snapshot) -> None:
        """Group every statement's speaker into entities."""
        self.snapshot = snapshot
        self.index = SpeakerIndex()
        self.rows: dict[str, set[int]] = defaultdict(set)
        self._memo: dict[str, list[Entity]] = {}
        self.corpus_text = "\n".join(" ".join(a.text.split()) for a in snapshot.articles.values()).lower()
        by_source: dict[str, list[int]] = defaultdict(list)
        for row, statement in enumerate(snapshot.statements):
            by_source[statement.source].append(row)
        for source, rows in by_source.items():
            entities = self.index.add_article(source, [snapshot.statements[r].speaker for r in rows])
            for row, entity in zip(rows, entities, strict=True):
                self.rows[entity.key].add(row)

    def matches(self, text: str) -> list[Entity]:
        """Return the entities a question refers to (ties kept), best first (memoized per text)."""
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) > 256:
                self._memo.clear()
            found = self._memo[text] = self._match(text)
        return list(found)

    def _match(self, text: str) -> list[Entity]:
        """Match a question against every entity by name and role."""
        titled = any(is_person_title(w) for w in _CAPITALIZED.findall(text))
        found = [(e, s) for e, s in self.index.match(text) if isinstance(e, Entity) and (titled or _names_in(e, text))]
        if not found:
            return []
        best = found[0][1]
        return [e for e, s in found if s >= best - TIE]

    def rows_for(self, text: str) -> tuple[set[int] | None, bool]:
        """Return (statement rows of the people the question names, whether it names someone).

        Rows are None when the question names nobody; an empty set when it
        names someone the corpus never quotes.
        """
        entities = self.matches(text)
        if entities:
            return set().union(*(self.rows[e.key] for e in entities)), True
        named = any(is_person_title(w) for w in _CAPITALIZED.findall(text)) or self._unknown_name_run(text)
        return (set() if named else None), named

    def sources_for(self, text: str) -> list[str]:
        """Return articles that quote or merely mention the named people, quoted ones first."""
        entities = self.matches(text)
        sources: list[str] = []
        for entity in entities:
            sources += sorted({self.snapshot.statements[r].source for r in self.rows[entity.key]})
        for entity in entities:
            if entity.name:
                sources += [name for name, a in self.snapshot.articles.items() if entity.name in a.text]
        return list(dict.fromkeys(sources))

    def name_for(self, text: str) -> str | None:
        """Return the full name of the person the question is about, if one."""
        entities = self.matches(text)
        return entities[0].name or None if entities else None

    def _unknown_name_run(self, text: str) -> bool:
        """Return True for a run of capitalized words (a personal name) that no article contains."""
        for run in _capitalized_runs(text):
            if len(run) >= 2 and " ".join(run).lower() not in self.corpus_text:
                return True
        return False

    def key_of(self, statement: Statement) -> str:
        """Return the entity key of a statement's speaker."""
        entity = self.index.entity_of(statement.source, statement.speaker)
        return entity.key if entity else ""


def _capitalized_runs(text: str) -> list[list[str]]:
    """Return runs of capitalized, non-acronym, non-title words after the first word."""
    runs: list[list[str]] = [[]]
    for word in [w.strip("?.,!;:()\"'") for w in text.split()][1:]:
        if word[:1].isupper() and word.isalpha() and not word.isupper() and not is_title_word(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _names_in(entity: Entity, text: str) -> bool:
    """Return True when a word of the entity's personal name occurs in the text.

    A role matched only through lower-case words ("penjabat kepala daerah"
    as a topic) is not a reference to a person.
    """
    words = {w.lower() for w in re.findall(r"\w+", text)}
    return any(part.lower() in words for part in entity.name.split())
