"""Reported speech in one sentence: 'X mengatakan bahwa ...', 'Menurut X, ...', and the sentences that carry it on."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from rag.core.lexicon import bare, fold, speech_verbs, word_set
from rag.core.sentences import MASK, Tok, cap_runs, tokenize
from rag.extract.meetings.refs import kind_pattern, norm
from rag.extract.people.names import is_person_role
from rag.extract.speech.claims import TRAIL, Claim
from rag.extract.speech.subjects import Ref, clause_start, name_ref, speaker_in, subject_before


@lru_cache(maxsize=1 << 15)
def is_person_mention(text: str) -> bool:
    """Return True when a mention names a person (a name, or a person's title such as 'Pj Gubernur'); an event's name
    is no one ("Adegan simulasi Sispamkota ... menggambarkan")."""
    if norm(text) in kind_pattern()[1]:
        return False
    sp = speaker_in(text)
    return bool(sp.name) or is_person_role(sp.role)


def indirect_claim(masked: str, toks: list[Tok], sent_end: int) -> Claim | None:
    """Return the first reported-speech claim of a sentence, if any."""
    verbs = speech_verbs()
    for k, tok in enumerate(toks):
        word = bare(tok.text)
        if word in verbs["pre"] and tok.text[:1].islower():
            ref = subject_before(toks, k, is_person_mention)
            if ref:
                a0 = ref.start if ref.end else tok.start
                return _clause_claim(masked, toks, k + 1, sent_end, tok.text, ref, a0, tok.end)
        if k == 0 and word.endswith("nya") and word[:-3] in verbs["passive"]:
            return _passive_nya(masked, toks, sent_end)
        if (word in verbs["menurut"] or word == "menurutnya") and clause_start(toks, k):
            found = _menurut_ahead(toks, k)
            if found:
                verb, ref, a1, nxt = found
                return _clause_claim(masked, toks, nxt, sent_end, verb, ref, tok.start, a1)
    return None


def _passive_nya(masked: str, toks: list[Tok], sent_end: int) -> Claim | None:
    """Return the claim of a sentence opened by a passive speech verb with "-nya" ("Disampaikannya juga, bahwa ...",
    "Dijelaskannya, ..."): the agent is the last speaker, as in "ujarnya"."""
    nxt = 1
    while nxt < len(toks) and fold(toks[nxt].text) in word_set("speech_verbs", "particles"):
        nxt += 1  # "juga", "pula"
    return _clause_claim(masked, toks, nxt, sent_end, toks[0].text, Ref("pronoun"), toks[0].start, toks[nxt - 1].end)


def _menurut_ahead(toks: list[Tok], k: int) -> tuple[str, Ref, int, int] | None:
    """Read 'Menurut X,' / 'Menurutnya,' starting at token ``k``: (verb, ref, attr end, next token)."""
    def comma_at(i: int) -> bool:
        """Return True when token ``i`` is a comma."""
        return i < len(toks) and toks[i].text == ","

    if bare(toks[k].text) == "menurutnya":  # the pronoun says who, with or without a comma ("Menurutnya berdasarkan ...")
        return toks[k].text, Ref("pronoun"), toks[k].end, k + 1 + comma_at(k + 1)
    nxt = k + 1
    if nxt < len(toks) and bare(toks[nxt].text) in word_set("pronouns", "after_verb") and comma_at(nxt + 1):
        return toks[k].text, Ref("pronoun"), toks[nxt].end, nxt + 2
    runs = [r for r in cap_runs(toks[k + 1 :]) if r[0] == 0]
    if not runs:
        return None
    j = next((x for x in range(k + 1, k + 1 + runs[0][1]) if toks[x].text == ","), k + 1 + runs[0][1])
    if j >= len(toks) or toks[j].text != "," or j == k + 1:
        return None
    return toks[k].text, name_ref(toks, k + 1, j), toks[j - 1].end, j + 1


def _clause_claim(masked: str, toks: list[Tok], i: int, sent_end: int, verb: str, ref: Ref, a0: int, a1: int) -> Claim | None:
    """Return an indirect claim for the clause from token ``i`` to the end of the sentence."""
    while i < len(toks) and (toks[i].text in ",:" or fold(toks[i].text) in word_set("speech_verbs", "complementizers")):
        i += 1
    if i >= len(toks):
        return None
    start, end = toks[i].start, sent_end
    while end > start and (masked[end - 1] in TRAIL + ".!?" or masked[end - 1].isspace()):
        end -= 1
    body = masked[start:end]
    if MASK in body or len(body.split()) < 3:
        return None
    return Claim(start, end, "indirect", verb, ref, a0, a1)


def continues_statement(masked: str, s: int, e: int) -> bool:
    """Return True for a sentence that goes on with the previous statement ('Yakni, ...', 'Antara lain ...')."""
    head = " ".join(fold(masked[s : min(e, s + 40)]).split())
    return any(re.match(rf"{re.escape(w)}\b", head) for w in word_set("speech_verbs", "continuations"))


def elaborates(masked: str, s: int, e: int) -> bool:
    """Return True for a plain follow-on sentence that details the reported statement before it.

    "Pj Bupati menyampaikan bahwa dana hibah telah disalurkan. KPU menerima Rp31,4 miliar, ...":
    no quote, no speech verb, no person, no pronoun and no event narration of its own.
    """
    toks = tokenize(masked, s, e)
    if len(toks) < 4 or MASK in masked[s:e] or indirect_claim(masked, toks, e) is not None:
        return False
    words = {fold(t.text) for t in toks}
    named = word_set("titles", "person_titles") | word_set("pronouns", "subject")
    if fold(toks[0].text) in word_set("speech_verbs", "narration_openers") or words & named:
        return False
    people = (speaker_in(masked[toks[i].start : toks[j - 1].end]) for i, j in cap_runs(toks))
    return not any(is_person_role(sp.role) or len(sp.name.split()) >= 2 for sp in people)


def extend_claim(masked: str, claim: Claim, end: int) -> Claim:
    """Return ``claim`` running on to ``end`` (the end of a follow-on sentence), unless a quote intervenes."""
    while end > claim.end and (masked[end - 1] in TRAIL + ".!?" or masked[end - 1].isspace()):
        end -= 1
    return claim if MASK in masked[claim.end : end] else replace(claim, end=end)
