"""Who a claim's reference means, read in article order: a named person, a pronoun, or the running speaker.

Pronouns (-nya, ia, dia, beliau, pihaknya) go to the last named speaker unless two
or more other people were named since the last statement, or one other person was
named in the pronoun's own paragraph after the last statement's paragraph ("Rakor
dihadiri Dandim X. Ia menyebutkan ..." is the Dandim); short names ("Tontro") and
bare roles ("Pj Gubernur") become the full person the same article named. Anything
unsure is None: a wrong attribution is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.core.lexicon import fold, word_set
from rag.core.types import Span, Speaker
from rag.extract.people.names import is_person_role, joint_members, person_key
from rag.extract.speech.claims import Claim
from rag.extract.speech.roster import Roster
from rag.extract.speech.subjects import Ref, people_in, speaker_in


@dataclass
class ReadingState:
    """Reading state: the last speaker and the people named since."""

    last: Speaker | None = None
    last_para: int = -10
    last_attr: tuple[int, int] = (0, 0)
    pending: dict[str, tuple[Speaker, bool, int, int]] = field(default_factory=dict)  # speaker, subject, sentence, paragraph
    intro: Speaker | None = None
    aliases: dict[str, Speaker] = field(default_factory=dict)  # nicknames the article gave a speaker

    def note(self, speaker: Speaker, subject: bool, sentence: int, para: int = 0) -> None:
        """Record a person named outside any attribution (``sentence`` = where its sentence starts)."""
        if not (speaker.name or subject):
            return
        key = person_key(speaker)
        if self.last is not None and key == person_key(self.last):
            return
        old = self.pending.get(key)
        self.pending[key] = (speaker, subject or bool(old and old[1]), sentence, para)

    def pronoun(self, para: int = -1) -> Speaker | None:
        """Return who a pronoun in paragraph ``para`` refers to, or None when unknown or ambiguous."""
        others = list(self.pending.values())
        subjects = [o for o in others if o[1]]
        if len(subjects) == 1 and all(o[2] == subjects[0][2] for o in others):
            return subjects[0][0]  # "X didampingi Y memeriksa ...": the sentence's subject
        if len(others) >= 2:
            return None
        if others:
            speaker, subject, _, where = others[0]
            fresh = where == para and self.last_para < para  # "Rakor dihadiri Dandim X. Ia menyebutkan ..."
            return speaker if subject or fresh or self.last is None else None
        return self.last

    def said(self, speaker: Speaker, para: int, a0: int, a1: int) -> None:
        """Record an attributed statement."""
        self.last, self.last_para, self.last_attr = speaker, para, (a0, a1)
        self.pending = {}
        self.intro = None


def speaker_of(claim: Claim, para: Span, state: ReadingState, roster: Roster, places: tuple[str, ...], n: int) -> Speaker | None:
    """Return the speaker of a claim in paragraph ``n``, or None when it cannot be told safely."""
    ref = claim.ref
    if ref.kind == "name" and fold(ref.text) in word_set("pronouns", "not_names"):  # "Mereka mengungkapkan, ...": no name
        return state.pronoun(n) if fold(ref.text) in word_set("pronouns", "sentence_pronouns") else None
    if ref.kind == "name":  # a trailing attribution's mention lies in the next paragraph
        named = named_speaker(para.text[ref.start : ref.end] if ref.end <= len(para.text) else ref.text, roster, places)
        return _in_context(named, state, n) if named is not None and 0 < len(named.name.split()) <= 2 else named
    if ref.kind == "pronoun":
        speaker = state.pronoun(n)
        if speaker is not None and ref.text:  # "kata pria yang akrab disapa Om Alan itu": later "Menurut Om Alan" is him
            state.aliases.update(dict.fromkeys(_nicknames(ref.text), speaker))
        return speaker
    if ref.kind == "continue":
        if state.intro is not None:
            return state.intro
        if state.last is not None and state.last_para in (n - 1, n) and not state.pending:
            return state.last
    return None


def _in_context(short: Speaker, state: ReadingState, n: int) -> Speaker:
    """Return the one nearby person a shared surname means ("kata Latumahina" after Pj Bupati Yohanis Latumahina spoke).

    Two people of an article may share the name; the one who spoke last (this or the previous
    paragraph) or was named in this paragraph is meant. Otherwise the short form is kept.
    """
    word = short.name.casefold()
    if fold(short.name) in state.aliases:
        return state.aliases[fold(short.name)]
    near = [state.last] if state.last is not None and state.last_para in (n - 1, n) else []
    near += [sp for sp, _, _, para in state.pending.values() if para == n]
    found = {person_key(sp): sp for sp in near if word in sp.name.casefold().split() and len(sp.name.split()) > 1
             and len(joint_members(sp.name)) == 1}  # "tegas Farida" after "Teguh Haryono dan Farida Hidayati": one of them
    return next(iter(found.values())) if len(found) == 1 else short


def _nicknames(name: str) -> tuple[str, ...]:
    """Return the ways a nickname is written: whole and without its form of address ("Om Alan", "Alan")."""
    words = fold(name).split()
    return (" ".join(words), words[-1]) if words else ()


def named_speaker(mention: str, roster: Roster, places: tuple[str, ...]) -> Speaker | None:
    """Parse and resolve an explicit mention; None when it is not a person."""
    sp = speaker_in(mention, places)
    if not sp.name and not is_person_role(sp.role):
        return None
    if len(people_in(mention, places)) > 1:
        return None  # "Kapolda A dan Danrem B mengatakan": not one speaker
    return roster.resolve(sp)


def intro_speaker(ref: Ref | None, para: Span, state: ReadingState, roster: Roster, places: tuple[str, ...], n: int) -> Speaker | None:
    """Return the speaker a paragraph ending 'X mengatakan:' introduces."""
    if ref is None:
        return None
    if ref.kind == "name":
        return named_speaker(para.text[ref.start : ref.end], roster, places)
    return state.pronoun(n) if ref.kind == "pronoun" else None
