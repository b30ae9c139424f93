"""Grouping speakers into people across articles: when two mentions are one person.

Names are compared token by token with rapidfuzz: every token must be close
(ratio >= NAME_TOKEN_MIN), so "Sri Wahyudi" never becomes "Sri Wahyuni" and
"Hadi Santoso" never becomes "Hadi Tjahjanto". Inside one article a shorter
name that is a subset of a longer one ("Tontro") is the same person; across
articles the full names must match. Roles are compared via canonical tokens.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from rag.core.lexicon import load, word_set, word_tuple, words
from rag.core.types import Speaker
from rag.extract.people import names as nm

log = logging.getLogger(__name__)

NAME_TOKEN_MIN = 90.0


@dataclass
class Entity:
    """One person (or one role-only speaker) seen in one or more articles."""

    key: str
    name: str
    roles: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    mentions: list[tuple[str, Speaker]] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        """Return the articles that mention this entity, in first-seen order."""
        return list(dict.fromkeys(src for src, _ in self.mentions))

    @property
    def display(self) -> str:
        """Return 'Role Rank Name' from the first role and rank seen."""
        parts = [self.roles[0] if self.roles else "", self.ranks[0] if self.ranks else "", self.name]
        return " ".join(p for p in parts if p)


@lru_cache(maxsize=1 << 16)
def spelling_key(token: str) -> str:
    """Return a folded name token with older spellings rewritten ("moehammad" -> "muhammad", "tjahjanto" -> "cahyanto")."""
    for old, new in load("spelling")["old_to_new"]:
        token = token.replace(old, new)
    return token


def tokens_match(a: str, b: str) -> bool:
    """Return True when two folded name tokens are the same word in old or new spelling, allowing tiny typos."""
    if a == b:
        return True
    ka, kb = spelling_key(a), spelling_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) <= 4:
        return False
    return max(fuzz.ratio(ka, kb), fuzz.ratio(a, b)) >= NAME_TOKEN_MIN  # "Cristian" / "Christian": alike as written


def same_person(a: Speaker, b: Speaker, same_article: bool = False) -> bool:
    """Return True when two named speakers are one person: subset names within an article, and across articles a
    name of two or more words inside a longer one when both hold one title ("Ahmad Doli Kurnia" and "Ahmad Doli Kurnia
    Tandjung", Ketua Komisi II DPR RI)."""
    if same_name(a.name, b.name, same_article):
        return True
    if same_article or not (a.role and b.role) or not (roles_compatible(a.role, b.role) or roles_compatible(b.role, a.role)):
        return False
    short, long_ = sorted((word_tuple(a.name), word_tuple(b.name)), key=len)
    return len(short) >= 2 and subsequence(short, long_)


@lru_cache(maxsize=1 << 16)
def same_name(a: str, b: str, same_article: bool = False) -> bool:
    """Return True when two personal names denote one person (subset names only within an article)."""
    ta, tb = word_tuple(a), word_tuple(b)
    if not ta or not tb:
        return False
    if len(ta) == len(tb) and all(tokens_match(x, y) for x, y in zip(ta, tb, strict=True)):
        return True
    if len(ta) == len(tb) and _initialed(ta, tb):
        return True  # "Absan R. Tahendung" and "Absan Reformasi Tahendung"
    if not same_article:
        return False
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return subsequence(short, long_)


def initials(name: str) -> int:
    """Return how many words of a name are written as an initial ("Absan R. Tahendung": 1)."""
    return sum(1 for w in words(name) if len(w) == 1)


def _initialed(ta: Sequence[str], tb: Sequence[str]) -> bool:
    """Return True when two names of equal length differ only where one writes a word's initial ("r" for "reformasi"),
    and two words at least are written whole in both."""
    pairs = list(zip(ta, tb, strict=True))
    initials = [(x, y) for x, y in pairs if not tokens_match(x, y)]
    whole = len(pairs) - len(initials)
    return whole >= 2 and all(min(len(x), len(y)) == 1 and x[0] == y[0] for x, y in initials)


def subsequence(short: Sequence[str], long_: Sequence[str]) -> bool:
    """Return True when every token of ``short`` matches a token of ``long_`` in order."""
    pos = 0
    for tok in short:
        while pos < len(long_) and not tokens_match(tok, long_[pos]):
            pos += 1
        if pos == len(long_):
            return False
        pos += 1
    return True


def roles_compatible(query_role: str, full_role: str) -> bool:
    """Return True when a role-only mention can denote the holder of ``full_role``."""
    q, r = nm.role_signature(query_role), nm.role_signature(full_role)
    heads = (q & nm.title_tokens()) - word_set("role_aliases", "acting")
    if not q or not heads or not heads <= r:
        return False
    qreg, rreg = {t for t in q if t.startswith("@")}, {t for t in r if t.startswith("@")}
    if qreg and rreg and not qreg & rreg:
        return False
    return (q - word_set("role_aliases", "acting")) <= r | qreg


class SpeakerIndex:
    """Groups Speakers from many articles into Entities."""

    def __init__(self) -> None:
        """Start an empty index."""
        self.entities: list[Entity] = []
        self._by_mention: dict[tuple[str, str], Entity] = {}
        self._by_source: dict[str, dict[int, Entity]] = {}  # by id(): distinct entities never compare equal
        self._by_shape: dict[tuple[int, str], dict[int, Entity]] = {}

    def add_article(self, source: str, speakers: Iterable[Speaker]) -> list[Entity]:
        """Add every speaker of one article (named ones first) and return their entities in order."""
        items = list(speakers)
        for sp in sorted(items, key=lambda s: (not s.name, -len(words(s.name)))):
            self.add(source, sp)
        return [self._by_mention[(source, nm.person_key(sp))] for sp in items]

    def add(self, source: str, speaker: Speaker) -> Entity:
        """Add one speaker seen in ``source`` and return the entity it now belongs to."""
        found = self._by_mention.get((source, nm.person_key(speaker)))
        if found is None:
            found = self._find_named(source, speaker) if speaker.name else self._find_role(source, speaker)
        if found is None:
            key = nm.person_key(speaker) if speaker.name else f"{nm.person_key(speaker)}@{source}"
            found = Entity(key=key, name=speaker.name)
            self.entities.append(found)
        if speaker.name and (len(words(speaker.name)), -initials(speaker.name)) > (len(words(found.name)), -initials(found.name)):
            found.name = speaker.name  # the longest form: "Absan Reformasi Tahendung" over "Absan R. Tahendung"
        _add_unique(found.roles, speaker.role)
        for part in _ROLE_JOINER.split(speaker.role):  # "Tokoh agama yang juga Ketua MUI Jambi": both roles
            if part != speaker.role:
                _add_unique(found.roles, part)
        _add_unique(found.ranks, speaker.rank)
        found.mentions.append((source, speaker))
        self._by_mention[(source, nm.person_key(speaker))] = found
        self._register(source, found)
        return found

    def _register(self, source: str, entity: Entity) -> None:
        """Index an entity by the article it appears in and by the shape of its name."""
        self._by_source.setdefault(source, {}).setdefault(id(entity), entity)
        if entity.name:
            self._by_shape.setdefault(_shape(entity.name), {}).setdefault(id(entity), entity)

    def _find_named(self, source: str, speaker: Speaker) -> Entity | None:
        """Return the entity a named speaker belongs to, or None."""
        local = self._by_source.get(source, {}).values()
        same = [e for e in local if e.name and same_name(e.name, speaker.name, True)]
        if len(same) == 1:
            return same[0]
        shaped = self._by_shape.get(_shape(speaker.name), {}).values()
        exact = [e for e in shaped if e.name and same_name(e.name, speaker.name)]
        return exact[0] if len(exact) == 1 else None

    def _find_role(self, source: str, speaker: Speaker) -> Entity | None:
        """Return the named entity of the same article holding this role, if exactly one."""
        local = self._by_source.get(source, {}).values()
        hits = [e for e in local if e.name and any(roles_compatible(speaker.role, r) for r in e.roles)]
        return hits[0] if len(hits) == 1 else None

    def entities_in(self, source: str) -> list[Entity]:
        """Return the entities quoted in one article."""
        return list(self._by_source.get(source, {}).values())

    def entity_of(self, source: str, speaker: Speaker) -> Entity | None:
        """Return the entity a speaker of ``source`` was grouped into."""
        return self._by_mention.get((source, nm.person_key(speaker)))


def _shape(name: str) -> tuple[int, str]:
    """Return (token count, first letter): names that could be the same person share it."""
    toks = words(name)
    return len(toks), toks[0][:1] if toks else ""


_ROLE_JOINER = re.compile(r"\s+yang\s+(?:juga|merupakan|sekaligus|adalah)\s+|\s+sekaligus\s+", re.IGNORECASE)


def _add_unique(items: list[str], value: str) -> None:
    """Append ``value`` to ``items`` unless empty or already present."""
    if value and value not in items:
        items.append(value)
