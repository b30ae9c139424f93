"""Finding speech in one paragraph: quotes with their attribution, reported speech, people named.

``scan_paragraph`` returns Claims (a statement span plus a reference to who said
it: a mention, a pronoun, or "continues the previous speaker") and Mentions
(people named outside quotes). Reported speech is read by ``reported``; resolving references is ``quotes``' job.
"""

from __future__ import annotations

import logging
import re

from rag.core.lexicon import bare, fold, speech_verbs, word_set
from rag.core.sentences import Tok, cap_runs, find_quotes, mask, sentences, tokenize
from rag.extract.people.names import is_person_role
from rag.extract.speech.claims import TRAIL, Claim, Mention, Scan
from rag.extract.speech.epithets import closes_sentence, epithet_ref
from rag.extract.speech.reported import continues_statement, elaborates, extend_claim, indirect_claim, is_person_mention
from rag.extract.speech.subjects import (
    Ref,
    clause_start,
    name_ref,
    people_in,
    person_runs,
    skip_adverbs,
    skip_openers,
    speaker_in,
    subject_before,
)

log = logging.getLogger(__name__)


def scan_paragraph(text: str) -> Scan:
    """Return the claims and person mentions of one paragraph (offsets relative to ``text``)."""
    quotes = find_quotes(text)
    masked = _RELATIVE.sub(lambda m: m.group(1) + " " * len(m.group(2)), mask(text, quotes))
    sents = sentences(masked)
    scan = Scan()
    for o, c in quotes:
        claim = _direct_claim(text, masked, sents, o, c)
        if claim:
            scan.claims.append(claim)
    for n, (s, e) in enumerate(sents):
        toks = tokenize(masked, s, e)
        claim = indirect_claim(masked, toks, e)
        for k in range(n + 1, min(len(sents), n + 1 + FOLLOW_ON)):  # "X menjelaskan ... . Bakal calon ... . Sebaliknya, ..."
            if not claim or not (continues_statement(masked, *sents[k]) or elaborates(masked, *sents[k])):
                break
            claim = extend_claim(masked, claim, sents[k][1])
        if claim and not any(_overlaps(claim.attr_start, claim.attr_end, c.attr_start, c.attr_end) for c in scan.claims):
            scan.claims.append(claim)
        scan.mentions.extend(_mentions(masked, toks, scan.claims, s))
    scan.intro = _intro(masked, sents)
    return scan


# ", yang hadir mewakili Ketua DPRD yang berhalangan hadir, mengingatkan": a relative clause between a speaker and the
# verb names someone else; blanked out (offsets kept) so the verb's subject is the person before it.
FOLLOW_ON = 3  # plain sentences after a reported statement that go on with it (no person, quote or narration of their own)
_RELATIVE = re.compile(r"(,\s+)(yang\s+[^,.;:“”\"]{3,120}?)(?=,\s+[a-z])")


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    """Return True when [a0, a1) and [b0, b1) share a character."""
    return a0 < b1 and b0 < a1


def _direct_claim(text: str, masked: str, sents: list[tuple[int, int]], o: int, c: int) -> Claim | None:
    """Return the claim of the quote whose marks are at ``o`` and ``c``, or None."""
    start, end = _content(text, o + 1, c)
    if end - start < 8 or len(text[start:end].split()) < 2:
        return None
    found = _post_attribution(masked, c + 1) if c < len(text) else None
    if found is None:
        sent = next(((s, e) for s, e in sents if s <= o < e), (0, len(text)))
        found = _pre_attribution(masked, tokenize(masked, sent[0], o))
    if found is None and not text[:o].strip() and not text[c + 1 :].strip(" \t,.;:)("):
        found = ("", Ref("continue"), o, o)
    if found is None:
        return None
    verb, ref, a0, a1 = found
    return Claim(start, end, "direct", verb, ref, a0, a1)


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the quote content span without surrounding blanks and trailing commas."""
    while start < end and (text[start].isspace() or text[start] in "“”\"‘’"):
        start += 1
    while end > start and (text[end - 1] in TRAIL or text[end - 1] in "“”\"‘’"):
        end -= 1
    return start, end


def _post_attribution(masked: str, at: int) -> tuple[str, Ref, int, int] | None:
    """Read '..." kata X' / '..." ujarnya' / '..." X menambahkan' right after a closing mark."""
    toks = tokenize(masked, at, min(len(masked), at + 300))
    while toks and toks[0].text in ",.":
        toks = toks[1:]
    if not toks or (toks[0].start - at) > 3:
        return None
    verbs = speech_verbs()
    first = bare(toks[0].text)
    two = f"{first} {bare(toks[1].text)}" if len(toks) > 1 else ""
    if two in verbs["post"] and two.split()[1] in word_set("pronouns", "after_verb"):
        return toks[0].text, Ref("pronoun"), toks[0].start, toks[1].end
    if first in verbs["post"] or first in verbs["pre"]:
        return _after_verb(toks, first)
    runs = cap_runs(toks)
    if runs and runs[0][0] == 0:
        j = runs[0][1]
        k = skip_adverbs(toks, j)
        if k < len(toks) and bare(toks[k].text) in verbs["pre"] and (k + 1 == len(toks) or toks[k + 1].text in ".,"):
            return toks[k].text, name_ref(toks, 0, j), toks[0].start, toks[k].end
    return None


def _after_verb(toks: list[Tok], verb: str) -> tuple[str, Ref, int, int] | None:
    """Return the attribution that starts with a speech verb token."""
    head = toks[0]
    if verb.endswith("nya"):
        return head.text.rstrip(".,"), Ref("pronoun"), head.start, head.end
    rest = toks[1:]
    if rest and bare(rest[0].text) in word_set("pronouns", "after_verb"):
        return head.text, Ref("pronoun"), head.start, rest[0].end
    epithet = epithet_ref(rest)
    if epithet is not None:
        return head.text, epithet[0], head.start, epithet[1]
    runs = cap_runs(rest)
    if not runs or runs[0][0] > int(_lower_title(rest[0].text)):
        return None  # the name follows the verb, or a title written in lower case does ("kata ketua KPU Kaltara, X")
    i, j = 0, runs[0][1]
    j = next((k + 1 for k in range(i, j - 1) if closes_sentence(rest[k].text)), j)  # "ucap Abah Syauqi. Artinya, ..."
    ref = name_ref(rest, i, j)
    return head.text, ref, head.start, ref.end


def _lower_title(word: str) -> bool:
    """Return True for a person's title written in lower case ("ketua", "kapolres")."""
    return word.islower() and fold(word) in word_set("titles", "person_titles")


def _pre_attribution(masked: str, toks: list[Tok]) -> tuple[str, Ref, int, int] | None:
    """Read 'X mengatakan, "..."' or 'Menurut X, "..."' before an opening mark."""
    while toks and (toks[-1].text in ",:" or fold(toks[-1].text) in word_set("speech_verbs", "complementizers")):
        toks = toks[:-1]
    if not toks:
        return None
    verbs = speech_verbs()
    last = bare(toks[-1].text)
    if last in verbs["pre"] and toks[-1].text[:1].islower():
        ref = subject_before(toks, len(toks) - 1, is_person_mention)
        return (toks[-1].text, ref, (ref.start if ref.kind == "name" else toks[-1].start), toks[-1].end) if ref else None
    return _menurut(toks)


def _menurut(toks: list[Tok]) -> tuple[str, Ref, int, int] | None:
    """Read a trailing 'Menurut X' / 'Menurutnya' / 'kata X' before a quote."""
    if not toks:
        return None
    if bare(toks[-1].text) in ("menurutnya", "katanya"):
        return toks[-1].text, Ref("pronoun"), toks[-1].start, toks[-1].end
    intro = speech_verbs()["menurut"] | {"kata", "ujar"}
    for v in range(len(toks) - 2, -1, -1):
        if bare(toks[v].text) not in intro:
            continue
        rest = toks[v + 1 :]
        if len(rest) == 1 and bare(rest[0].text) in word_set("pronouns", "after_verb"):
            return toks[v].text, Ref("pronoun"), toks[v].start, rest[0].end
        runs = cap_runs(rest)
        if runs and runs[0] == (0, len(rest)):
            return toks[v].text, name_ref(rest, 0, len(rest)), toks[v].start, rest[-1].end
        return None
    return None


def _mentions(masked: str, toks: list[Tok], claims: list[Claim], sentence: int) -> list[Mention]:
    """Return people named in a sentence outside any claim's attribution."""
    out: list[Mention] = []
    for i, j in person_runs(toks):
        i = skip_openers(toks, i, j)
        if i >= j:
            continue
        a, b = toks[i].start, toks[j - 1].end
        if any(_overlaps(a, b, c.attr_start, c.attr_end) for c in claims):
            continue
        reported = any(c.kind == "indirect" and c.start <= a and b <= c.end for c in claims)
        nxt = toks[j].text if j < len(toks) else ""
        after_object_word = i > 0 and fold(toks[i - 1].text) in word_set("titles", "prepositions_before_object")
        subject = clause_start(toks, i) and not after_object_word and nxt[:1].islower()
        for p0, p1 in people_in(masked[a:b]):
            sp = speaker_in(masked[a + p0 : a + p1])
            if (is_person_role(sp.role) or sp.rank) and (sp.name or subject and not reported):  # not "..., Bupati dan"
                out.append(Mention(a + p0, a + p1, masked[a + p0 : a + p1], subject, sentence))
    return out


def _intro(masked: str, sents: list[tuple[int, int]]) -> Ref | None:
    """Return the speaker of a paragraph that ends 'X mengatakan:' (introducing a quote)."""
    if not sents or not masked.rstrip().endswith(":"):
        return None
    s, e = sents[-1]
    toks = tokenize(masked, s, e)
    found = _pre_attribution(masked, toks)
    return found[1] if found else None
