"""Who an article names: full names, roles and ranks, to expand short names and bare roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rag.core.lexicon import fold, word_set
from rag.core.sentences import cap_runs, ends_sentence, tokenize
from rag.core.types import Span, Speaker
from rag.extract.people.entities import roles_compatible, same_person
from rag.extract.people.names import is_person_role, is_title_word, joint_members
from rag.extract.speech.claims import Scan
from rag.extract.speech.subjects import speaker_in


@dataclass
class Roster:
    """The people an article names, to expand short names and bare roles."""

    people: list[Speaker] = field(default_factory=list)

    full_names: tuple[str, ...] = ()  # capitalized runs of two or more name words anywhere in the article

    @classmethod
    def build(cls, scans: list[tuple[Span, Scan]], places: tuple[str, ...], text: str = "", headline: str = "") -> Roster:
        """Collect every named person of the article (and its headline), merging short and full forms."""
        found: list[Speaker] = []
        for para, scan in scans:
            texts = [para.text[c.ref.start : c.ref.end] for c in scan.claims if c.ref.kind == "name"]
            texts += [m.text for m in scan.mentions]
            found += [one for sp in (speaker_in(t, places) for t in texts) if sp.name for one in _members(sp)]
        # Titled people the paragraph scan passes over ("... didampingi Dandim 0101/X Letkol Inf Name mengatakan").
        found += [sp for sp in (speaker_in(t, places) for t in titled_runs(text)) if len(sp.name.split()) >= 2 and sp.role]
        roster = cls(full_names=full_name_runs(text))
        for sp in sorted(map(_without_customary, found), key=lambda s: -len(s.name.split())):
            roster._merge(sp)
        for sp in headline_people(headline, places):  # only for a role no one in the body is named for
            if not any(p.role and roles_compatible(sp.role, p.role) for p in roster.people):
                roster._merge(sp)
        return roster

    def _merge(self, sp: Speaker) -> None:
        """Add a speaker, folding it into a person already known when the names agree."""
        for i, known in enumerate(self.people):
            if same_person(sp, known, same_article=True):
                role = known.role if len(known.role) >= len(sp.role) else sp.role
                self.people[i] = Speaker(known.name, role, known.rank or sp.rank, known.mention)
                return
        self.people.append(sp)

    def resolve(self, sp: Speaker) -> Speaker:
        """Return the full person a mention denotes, or the mention itself when unsure."""
        sp = _without_customary(_without_familiar(sp))
        if sp.name:
            hits = [p for p in self.people if same_person(sp, p, same_article=True)]
            if len(hits) > 1:
                return sp
            if not hits:
                return self._expand(sp)
            full = hits[0]
            own = _without_name_words(sp.role, full.name)  # "Sekda Wisnu" + "I Made Wisnu Arsana": the role is "Sekda"
            role = full.role if not own or not is_person_role(own) or (full.role and roles_compatible(own, full.role)) else own
            name = sp.name if _spelled_whole(sp.name, full.name) else full.name  # "Hariyadi" where "Haryadi" came first
            return self._expand(Speaker(name, role, sp.rank or full.rank, sp.mention))
        hits = [p for p in self.people if p.role and roles_compatible(sp.role, p.role)]
        if len(hits) != 1:
            return sp
        full = hits[0]
        return Speaker(full.name, full.role, full.rank, sp.mention)

    def _expand(self, sp: Speaker) -> Speaker:
        """Return a one-word name ("kata Galih") with the article's only longer name that contains it."""
        if len(sp.name.split()) != 1:
            return sp
        word = sp.name.lower()
        known = [p for p in self.people if len(p.name.split()) > 1 and word in p.name.lower().split()]
        if len(known) == 1:
            return Speaker(known[0].name, sp.role or known[0].role, sp.rank or known[0].rank, sp.mention)
        longer = {n for n in self.full_names if word in n.lower().split()}
        if len(longer) == 1:
            return Speaker(longer.pop(), sp.role, sp.rank, sp.mention)
        if longer:
            return sp
        return self._by_rank(sp) if sp.rank else self._by_nickname(sp)

    def _by_nickname(self, sp: Speaker) -> Speaker:
        """Return "Alan" as the article's only person with a name word ending or starting in it ("Ruslan")."""
        word = fold(sp.name)
        if len(word) < 3:
            return sp
        same = {p.name: p for p in self.people if len(p.name.split()) >= 2
                and any(len(w) > len(word) and (w.endswith(word) or w.startswith(word)) for w in fold(p.name).split())}
        if len(same) != 1:
            return sp
        full = next(iter(same.values()))
        return Speaker(full.name, sp.role or full.role, sp.rank or full.rank, sp.mention)

    def _by_rank(self, sp: Speaker) -> Speaker:
        """Return "AKBP Yan" as the article's only AKBP whose name starts with the same letter (a nickname)."""
        same = [p for p in self.people if fold(p.rank) == fold(sp.rank) and len(p.name.split()) >= 2]
        if len(same) != 1 or not any(w[:1].lower() == sp.name[:1].lower() for w in same[0].name.split()):
            return sp
        return Speaker(same[0].name, sp.role or same[0].role, sp.rank, sp.mention)


def _spelled_whole(mention: str, known: str) -> bool:
    """Return True when a mention writes a known person's whole name in another spelling (every word, none cut short
    to an initial): the mention's own spelling is what this sentence says."""
    words, full = mention.split(), known.split()
    return len(words) == len(full) >= 2 and all(len(w) > 2 and not w.endswith(".") for w in words)


def _without_familiar(sp: Speaker) -> Speaker:
    """Return "Om Alan" as "Alan": a familiar form of address before a nickname."""
    parts = sp.name.split()
    if len(parts) == 2 and fold(parts[0]) in word_set("titles", "familiar_titles"):
        return Speaker(parts[1], sp.role, sp.rank, sp.mention)
    return sp


def _without_customary(sp: Speaker) -> Speaker:
    """Return "Datuk (Abdul) Muthalib" as "(Abdul) Muthalib": a Minang or Jambi customary title before a name."""
    parts = sp.name.split()
    if len(parts) >= 2 and fold(parts[0]).rstrip(".") in word_set("titles", "customary_titles"):
        return Speaker(" ".join(parts[1:]), sp.role, sp.rank, sp.mention)
    return sp


def _without_name_words(role: str, name: str) -> str:
    """Drop from the end of a role the words that belong to the person's full name."""
    words, names = role.split(), {w.lower() for w in name.split()}
    while words and words[-1].lower() in names:
        words.pop()
    return " ".join(words)


def headline_people(headline: str, places: tuple[str, ...]) -> list[Speaker]:
    """Return the titled, fully named people of a headline ("Pj Bupati Siak Hendri Marzuki Pimpin Rakor ...")."""
    titles = word_set("titles", "person_titles")
    toks = tokenize(headline)
    runs = [toks[i : j] for i, j in cap_runs(toks) if fold(toks[i].text) in titles]
    found = [speaker_in(" ".join(t.text for t in run), places) for run in runs]
    return [sp for sp in found if sp.role and len(sp.name.split()) >= 2]


def titled_runs(text: str) -> list[str]:
    """Return the capitalized stretch that follows each person title in ``text`` ("Dandim 1015/Sampit Letkol Inf Name")."""
    titles = word_set("titles", "person_titles")
    out = []
    for line in text.splitlines():
        if not line.rstrip().endswith((".", '"', "”", "’", ")")):
            continue  # headlines and bylines: capitalized throughout, so a run would swallow them
        for m in _TITLE_START.finditer(line):
            if fold(m.group()) in titles:
                out.append(_run_from(_RUN_TOKEN.findall(line[m.start() : m.start() + 200]), titles))
    return [r for r in out if r]


def _run_from(toks: list[str], titles: frozenset[str]) -> str:
    """Return the leading run of tokens that can belong to one titled mention."""
    run: list[str] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if ":" in tok or tok in "–—-":
            break  # a byline ("Oleh: ...") or a dateline dash
        if run and (tok[0].islower() or (tok == "," and fold(nxt) in titles) or ends_sentence(run[-1])):
            break
        if run and run[-1].endswith(".") and fold(tok) in _not_name_words() | word_set("pronouns", "subject"):
            break  # "..., S.Fil. Ia memaparkan": a degree closes the sentence before a pronoun or opener
        run.append(tok)
    return " ".join(run).replace(" ,", ",")


def full_name_runs(text: str) -> tuple[str, ...]:
    """Return runs of two to four capitalized words that look like a personal name (no titles, places or openers)."""
    out = []
    for m in _CAP_RUN.finditer(text):
        words = m.group().split()
        if 2 <= len(words) <= 4 and not any(is_title_word(w) or fold(w) in _not_name_words() for w in words):
            out.append(m.group())
    return tuple(dict.fromkeys(out))


@cache
def _not_name_words() -> frozenset[str]:
    """Return words that never belong to a personal name (sentence openers, day and month names)."""
    return word_set("titles", "sentence_openers") | word_set("titles", "not_names")


_TITLE_START = re.compile(r"\b[A-Z][A-Za-z]+\b")
_RUN_TOKEN = re.compile(r"[^\s,]+|,")
_CAP_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){1,3}\b")


def _members(sp: Speaker) -> list[Speaker]:
    """Return the people of a joint speaker ("Teguh Haryono dan Farida Hidayati": each alone, so that a later "kata
    Farida" is her), or the speaker."""
    members = joint_members(sp.name)
    if len(members) == 1 or sp.role or sp.rank:
        return [sp]
    return [Speaker(name, "", "", sp.mention) for name in members]
