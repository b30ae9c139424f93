"""Who a question is about: lookups over the people links stored with the generation (``links``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from rapidfuzz import fuzz, process

from rag.core.lexicon import fold, word_set, word_tuple, words
from rag.core.types import Speaker, Statement
from rag.extract.people.categories import asked_kinds, role_is, without_kinds
from rag.extract.people.entities import NAME_TOKEN_MIN, Entity, initials, tokens_match
from rag.extract.people.mentions import (
    MENTION_TOKEN,
    is_person_title,
    match_mention,
    mention_tokens,
    name_runs,
    without_sought_offices,
)
from rag.extract.people.names import canonical_tokens, is_title_word, person_key, role_signature
from rag.index.links import PeopleLinks
from rag.index.snapshot import Snapshot

TIE = 0.1  # entities scoring within this of the best one are all kept
# civil-society titles news and questions often write in lower case ("akademisi Universitas X")
_LOWER_TITLES = re.compile(r"\b(?:akademisi|pengamat|dosen|rektor|peneliti|aktivis|pakar)\b")
_CAPITALIZED = re.compile(r"\b[A-Z][\w'’.-]*")


class People:
    """Entity lookup over one snapshot's statements, from the people links its generation stores."""

    def __init__(self, snapshot: Snapshot) -> None:
        """Read the stored people links (the grouping is done when the index is built, not here)."""
        self.snapshot = snapshot
        links = PeopleLinks.from_rows(snapshot.people, snapshot.statements)
        self.entities = links.entities
        self.rows = links.rows
        self._by_mention: dict[tuple[str, str], Entity] = {}
        for entity in self.entities:
            for source, speaker in entity.mentions:
                self._by_mention.setdefault((source, person_key(speaker)), entity)
        self._memo: dict[str, list[Entity]] = {}
        self._mentions: dict[str, list[str]] = {}
        self._role_text: str | None = None
        self.corpus_text = "\n".join(" ".join(a.text.split()) for a in snapshot.articles.values()).lower()
        self.shortlist = Shortlist(self.entities)

    def matches(self, text: str) -> list[Entity]:
        """Return the entities a question refers to (ties kept), best first (memoized per text)."""
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) > 256:
                self._memo.clear()
            found = self._memo[text] = self._match(text)
        return list(found)

    def _match(self, text: str) -> list[Entity]:
        """Match a question against every entity by name and role, or by the kind of speaker it names."""
        if _only_a_kind(text):
            by_kind = self._by_kind(text)
            if by_kind:
                return by_kind
        titled = any(is_person_title(w) for w in _CAPITALIZED.findall(text)) or bool(_LOWER_TITLES.search(text))
        scored = match_mention(text, self.shortlist.candidates(text))
        found = [(e, s) for e, s in scored if isinstance(e, Entity) and (titled or _names_in(e, text))]
        if not found:
            return self._by_kind(text)
        best = found[0][1]
        return [e for e, s in found if s >= best - TIE]

    def _by_kind(self, text: str) -> list[Entity]:
        """Return the speakers for a kind of body the question names ("tokoh agama", "customary leader"), in its region."""
        kinds = asked_kinds(text)
        if not kinds:
            return []
        asked = {t for t in canonical_tokens(text) if t.startswith("@")}
        out = []
        for entity in self.entities:
            regions = {t for r in entity.roles for t in role_signature(r) if t.startswith("@")}
            if any(role_is(k, r) for k in kinds for r in entity.roles) and (not asked or not regions or asked & regions):
                out.append(entity)
        return out

    def rows_for(self, text: str) -> tuple[set[int] | None, bool]:
        """Return (statement rows of the people the question names, whether it names someone).

        Rows are None when the question names nobody; an empty set when it
        names someone the corpus never quotes.
        """
        text = without_sought_offices(text)  # "hasil pengundian pasangan calon Bupati dan Wakil Bupati X": nobody
        entities = self.matches(text)
        if entities:
            return set().union(*(self.rows[e.key] for e in entities)), True
        acting = word_set("role_aliases", "acting")  # "menurut Plt ketuanya": an acting marker alone is nobody
        named = any(is_person_title(w) and fold(w) not in acting for w in _CAPITALIZED.findall(text)) or self._unknown_name_run(text)
        return (set() if named else None), named

    def sources_for(self, text: str) -> list[str]:
        """Return articles that quote or merely mention the named people, quoted ones first."""
        entities = self.matches(text)
        sources: list[str] = []
        for entity in entities:
            sources += sorted({self.snapshot.statements[r].source for r in self.rows[entity.key]})
        for entity in entities:
            if entity.name:
                sources += self._mentioning(entity.name)
        return list(dict.fromkeys(sources))

    def _mentioning(self, name: str) -> list[str]:
        """Return the articles whose text contains ``name`` (memoized: a scan of the whole corpus)."""
        found = self._mentions.get(name)
        if found is None:
            found = self._mentions[name] = [source for source, a in self.snapshot.articles.items() if name in a.text]
        return found

    def name_for(self, text: str) -> str | None:
        """Return the full name of the person the question is about, if one."""
        entities = self.matches(text)
        return entities[0].name or None if entities else None

    def _unknown_name_run(self, text: str) -> bool:
        """Return True for a personal name that no article contains, or that names nobody the corpus quotes.

        "Apa pendapat moderator Bagus Setiawan ...": he is in the article, but only hands over the floor.
        """
        for run in _capitalized_runs(text):
            if len(run) >= 2 and " ".join(run).lower() not in self.corpus_text:
                return True
        qtoks = mention_tokens(text)
        for run, _ in name_runs(qtoks, lower_mode=False):
            if len(run) >= 2 and not any(_names_all(e, run) for e in self.shortlist.candidates(text)) and not self._in_roles(run):
                if not names_a_venue(text, run):
                    return True
        return False

    def _in_roles(self, run: list[str]) -> bool:
        """Return True when a name-like run is part of some speaker's role ("Universitas Lambung Mangkurat")."""
        if self._role_text is None:
            self._role_text = " | ".join(fold(r) for e in self.entities for r in e.roles)
        return f" {' '.join(run)}" in f" {self._role_text}"

    def speaker_of(self, statement: Statement) -> Speaker:
        """Return a statement's speaker, named after its entity when the article itself gives only a role or writes the
        name with an initial that another report writes whole."""
        speaker = statement.speaker
        entity = self._by_mention.get((statement.source, person_key(speaker)))
        if entity is None or not entity.name:
            return speaker
        if speaker.name:  # written with an initial here, whole in another report: "Absan R. Tahendung"
            fuller = initials(entity.name) < initials(speaker.name) and len(words(entity.name)) == len(words(speaker.name))
            return replace(speaker, name=entity.name) if fuller else speaker
        return replace(speaker, name=entity.name)

    def key_of(self, statement: Statement) -> str:
        """Return the entity key of a statement's speaker."""
        entity = self._by_mention.get((statement.source, person_key(statement.speaker)))
        return entity.key if entity else ""


class Shortlist:
    """The entities a question can score against at all: a name token or a role token in common.

    `match_mention` gives an entity a score only when a question word matches
    one of its name tokens (`tokens_match`) or the heads of one of its roles
    are among the question's canonical tokens; every other entity scores 0.
    Indexing entities by those tokens keeps matching from scanning them all,
    with the same result.
    """

    def __init__(self, entities: list[Entity]) -> None:
        """Index entities (in their order) by folded name tokens and role signature tokens."""
        self.entities = entities
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for pos, entity in enumerate(entities):
            keys = set(word_tuple(entity.name)).union(*(role_signature(r) for r in entity.roles if r))
            for key in keys:
                self.by_token[key].append(pos)
        self.long_names = sorted({t for e in entities for t in word_tuple(e.name) if len(t) > 4})

    def candidates(self, text: str) -> list[Entity]:
        """Return, in index order, every entity that may match ``text`` (a superset of the matches)."""
        keys = set(canonical_tokens(text))
        for tok in {fold(m.group()).strip(".") for m in MENTION_TOKEN.finditer(text or "")}:
            keys.add(tok)
            if len(tok) > 4:  # typo-tolerant name tokens: a loose C-speed pre-pass, then the exact test
                near = process.extract(tok, self.long_names, scorer=fuzz.ratio, score_cutoff=NAME_TOKEN_MIN - 10, limit=None)
                keys.update(name for name, _, _ in near if tokens_match(tok, name))
        positions = sorted({pos for key in keys for pos in self.by_token.get(key, ())})
        return [self.entities[pos] for pos in positions]


def _only_a_kind(text: str) -> bool:
    """Return True when a question describes its speaker only by kind ("Tokoh agama mana", "the head of the customary council").

    A specific title ("Kapolres") or a personal name means the question is about that person instead; a bare
    head ("Ketua", "Kepala") and region names go with the kind.
    """
    plain = without_kinds(text)
    titles = [w for w in _CAPITALIZED.findall(plain) if is_person_title(w) and fold(w) not in word_set("titles", "generic_heads")]
    runs = [r for r in _capitalized_runs(plain) if not all(_is_region(w) for w in r)]
    return not titles and not runs


def _is_region(word: str) -> bool:
    """Return True for a word that names a region ("Kepahiang")."""
    tokens = canonical_tokens(word)
    return bool(tokens) and tokens[0].startswith("@")


def _capitalized_runs(text: str) -> list[list[str]]:
    """Return runs of capitalized, non-acronym, non-title words after the first word."""
    runs: list[list[str]] = [[]]
    for word in [w.strip("?.,!;:()\"'") for w in text.split()][1:]:
        if word[:1].isupper() and word.isalpha() and not word.isupper() and not is_title_word(word):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def names_a_venue(text: str, run: list[str]) -> bool:
    """Return True when a name-like run is a venue's name: a venue's head word opens it or stands before it ("Gedung
    Bagas Raya")."""
    heads = word_set("events", "venue_heads")
    m = re.search(rf"(\w+)\s+{re.escape(' '.join(run))}\b", text, re.IGNORECASE)
    return fold(run[0]) in heads or (m is not None and fold(m.group(1)) in heads)


def _names_all(entity: Entity, run: list[str]) -> bool:
    """Return True when every word of a question's name run matches a word of the entity's name."""
    name = [fold(w) for w in entity.name.split()]
    return bool(name) and all(any(tokens_match(t, n) for n in name) for t in run)


def _names_in(entity: Entity, text: str) -> bool:
    """Return True when a word of the entity's personal name occurs in the text.

    A role matched only through lower-case words ("penjabat kepala daerah"
    as a topic) is not a reference to a person.
    """
    words = {w.lower() for w in re.findall(r"\w+", text)}
    return any(part.lower() in words for part in entity.name.split())
