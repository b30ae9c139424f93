"""Finding who a text (a question) mentions: runs of name words, institutions next to a title, and scoring known speakers.

``match_mention`` scores a text against known speakers or entities by name and role. It reads no question
structure (kind, topic), only the words, so the speaker grouping of the index can use it as well as answering.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Sequence

from rapidfuzz import fuzz

from rag.core.lexicon import bare, fold, resolve_place, word_set, words
from rag.core.types import Speaker
from rag.extract.people import names as nm
from rag.extract.people.entities import Entity, subsequence, tokens_match
from rag.extract.people.ranks import degrees
from rag.extract.people.roles import role_acronyms

NEAR_MISS_MIN = 60.0
# Not rag.core.text.WORD: a mention token keeps a trailing dot or hyphen ('Pol.', 'S.H.') that name matching reads.
MENTION_TOKEN = re.compile(r"[^\W_][\w'’./-]*", re.UNICODE)  # a word of a question, dots and slashes kept
_OF_THE = frozenset({"of", "the"})  # "the head of the civil service agency (BKPSDM)": English filler inside a role


def _verb_like(token: str) -> bool:
    """Return True for an Indonesian active or passive verb form (meN-, ber-, di-) that ends a role phrase."""
    return len(token) > 5 and token.startswith(("mem", "men", "meng", "meny", "ber", "di")) and token not in org_tokens()


_PLACE_COMMA = re.compile(r"(\S+(?:\s+\S+)?)\s*[,;:?!]")  # the one or two words before a comma


def _clauses(query: str) -> list[str]:
    """Return the question cut at each comma that follows a place ("Kapolres Kepulauan Meranti, Pemilu 2024 ..."), not
    at one inside a title ("Menteri Koordinator Bidang Politik, Hukum, dan Keamanan")."""
    cuts = [m.end() for m in _PLACE_COMMA.finditer(query) if any(resolve_place(w) != ("", "") for w in _tails(m.group(1)))]
    return [query[a:b] for a, b in zip([0, *cuts], [*cuts, len(query)], strict=True)]


def _tails(words: str) -> tuple[str, ...]:
    """Return the last word and the last two words of a text."""
    parts = words.split()
    return (parts[-1], " ".join(parts[-2:])) if len(parts) > 1 else tuple(parts)


REGION_BONUS = 0.1  # a role naming the asked region beats one naming none (which loses as much)


def orgs_near_titles(tokens: list[str], before: int = 3, after: int = 4, acronyms: frozenset[str] = frozenset()) -> frozenset[str]:
    """Return institution tokens that stand next to a title in the question ("Ketua KPU Gresik").

    Topic words elsewhere in the question ("soal ASN", "Pilkada") are not the
    speaker's institution and must not veto a role match. ``acronyms`` (lower
    case) are the question's all-capital words: an unknown one next to a title
    ("Ketua FKUB") is an institution too.
    """
    titles = nm.title_tokens()
    orgs = org_tokens() | acronyms
    stop = word_set("query_words", "role_breaks")
    near: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok in _topic_markers():
            break  # "... tentang netralitas anggota Polri": titles after this are the topic, not the speaker
        if tok not in titles:
            continue
        window = [tok]
        for prev in reversed(tokens[max(0, i - before) : i]):
            if prev in stop:
                break
            window.append(prev)
        for nxt in [t for t in tokens[i + 1 : i + after + 4] if t not in _OF_THE][:after]:
            if nxt in stop or _verb_like(nxt):
                break  # "Sekda Gianyar meminta ASN ...": the role ends at the verb
            window.append(nxt)
        near.update(t for t in window if t in orgs or any(ch.isdigit() for ch in t))
    return frozenset(near)


@cache
def _topic_markers() -> frozenset[str]:
    """Return the words after which a question names its topic, not its speaker ("... tentang <topic>", "about")."""
    return word_set("query_words", "topic_markers") | word_set("query_words", "english_topic_markers")


def object_regions(tokens: list[str]) -> frozenset[str]:
    """Return regions of an institution the speaker addresses ("asked Bawaslu SBT to ...", "meminta KPU Kolaka").

    Such a region says whom the speaker spoke to, not where the speaker serves.
    """
    orgs = org_tokens()
    return frozenset(
        tokens[i]
        for i in range(2, len(tokens))
        if tokens[i].startswith("@")
        and tokens[i - 1] in orgs
        and (tokens[i - 2] in word_set("query_words", "english_asking") or _verb_like(tokens[i - 2]))
    )


def capitals(qtoks: list[tuple[str, int]]) -> frozenset[str]:
    """Return the question's all-capital words ("FKUB", "MUI"): acronyms, not names, unless the whole question shouts."""
    caps = frozenset(tok for tok, _ in qtoks if tok.isupper() and len(tok) > 1)
    shouting = sum(tok.isupper() for tok, _ in qtoks) * 2 > len(qtoks)
    return frozenset() if shouting else caps


def name_runs(qtoks: list[tuple[str, int]], lower_mode: bool) -> list[tuple[list[str], bool]]:
    """Return runs of name-like question words, each with 'follows a title' flag."""
    stop = word_set("query_words", "stopwords") | word_set("titles", "sentence_openers")
    covered = nm.covered_positions([tok for tok, _ in qtoks])
    caps = capitals(qtoks)
    not_names = word_set("titles", "compass") | _ROMAN
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    after_title = in_role = False
    for idx, (tok, _pos) in enumerate(qtoks):
        low = fold(tok).strip(".")
        titled = idx in covered or nm.is_title_word(tok)
        unit = "/" in tok or any(ch.isdigit() for ch in tok)  # "V/Brawijaya", "162/WB" name units, not people
        unit = unit or low in not_names or tok in caps  # "FKUB", "Utara II"
        namey = (lower_mode or tok[0].isupper()) and tok[0].isalpha() and low not in stop and not titled and not unit
        if namey and not current and bare(tok) in degrees()[0]:
            pass  # an honorific before a name ("Romo", "Dr.", "KH") is not part of it
        elif namey and not current and idx and idx - 1 not in covered and fold(qtoks[idx - 1][0]) in word_set("titles", "locatives"):
            pass  # "di Kayuagung": a place the lexicon does not know, not a person ("Sekretaris Daerah Suadi" is one)
        elif namey:
            if not current:
                after_title = in_role
            current.append(low)
        elif current:
            if not (after_title and (titled and tok[:1].isupper() or unit)):  # "Kabag Ops Polres": a role's own words
                runs.append((current, after_title))
            current = []
        # a role phrase starts at a person title and runs on through its institution and region words
        in_role = is_person_title(tok) or (in_role and titled and not namey)
    if current:
        runs.append((current, after_title))
    return runs


_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"})


def is_person_title(tok: str) -> bool:
    """Return True for a word that titles a person (Ketua, Kapolda), not an institution."""
    forms = nm.canonical_tokens(tok)
    return bool(forms) and forms[0] in nm.title_tokens()


_OFFICE_SOUGHT = re.compile(r"\b(?P<lead>\w+)\s+(?P<titles>[A-Z]\w*(?:\s+(?:dan|serta|and|&)?\s*[A-Z]\w*){0,3})")


def without_sought_offices(text: str) -> str:
    """Return the text without the offices an election or a candidacy is for ("pasangan calon Bupati dan Wakil Bupati",
    "pemilihan Gubernur"): the title words there hold nobody."""
    sought = word_set("answer_words", "candidacy")

    def drop(m: re.Match[str]) -> str:
        if m.group("lead").lower() not in sought or not any(is_person_title(w) for w in m.group("titles").split()):
            return m.group()
        return m.group("lead")

    return _OFFICE_SOUGHT.sub(drop, text)


def org_tokens() -> frozenset[str]:
    """Return canonical institution tokens (alias keys that are not titles, plus org words)."""
    keys = {k for k in nm.alias_table().values() if not k.startswith("@")}
    orgs = (keys - nm.title_tokens()) | word_set("titles", "org_words")
    return frozenset(orgs - word_set("role_aliases", "fillers"))


def mention_tokens(text: str) -> list[tuple[str, int]]:
    """Return the words of a text with their offsets, as ``name_runs`` and ``capitals`` take them."""
    return [(m.group(), m.start()) for m in MENTION_TOKEN.finditer(text or "")]


Target = Speaker | Entity


def match_mention(query: str, speakers: Sequence[Target], min_score: float = 0.5) -> list[tuple[Target, float]]:
    """Return the known speakers/entities ``query`` refers to by name or role, best first."""
    qtoks = [(m.group(), m.start()) for m in MENTION_TOKEN.finditer(query or "")]
    lower_mode = not any(ch.isupper() for ch in query or "")
    runs = name_runs(qtoks, lower_mode)
    canonical = nm.canonical_tokens(query or "")
    qsig = frozenset(canonical) - object_regions(canonical)
    acronyms = frozenset(t.lower() for t in capitals(qtoks) if t.isalpha())
    # a role ends at a comma: "Menurut Kapolres Kepulauan Meranti, Pemilu 2024 ...": "Pemilu" is no institution of his
    qorgs = frozenset().union(*(orgs_near_titles(nm.canonical_tokens(c), acronyms=acronyms) for c in _clauses(query or "")))
    scored: list[tuple[Target, float]] = []
    for target in speakers:
        name, roles = (target.name, [target.role]) if isinstance(target, Speaker) else (target.name, target.roles)
        score = _score(runs, (qsig, qorgs), name, roles, lower_mode)
        if score >= min_score:
            scored.append((target, round(score, 4)))
    scored.sort(key=lambda pair: -pair[1])
    return scored


def _score(
    runs: list[tuple[list[str], bool]], q: tuple[frozenset[str], frozenset[str]], name: str, roles: list[str], lower_mode: bool
) -> float:
    """Return how well a question's names and roles fit one speaker (0 = not at all); ``q`` is (signature, orgs near titles)."""
    qsig, qorgs = q
    name_score, conflict, unmatched_named = _name_score(runs, words(name), lower_mode)
    if conflict:
        return 0.0
    role_score = max((_role_score(qsig, r, qorgs) for r in roles if r), default=0.0)
    if name_score:
        return min(1.0, name_score + 0.05 * (role_score > 0))
    if unmatched_named:
        return 0.0
    return role_score


def _name_score(runs: list[tuple[list[str], bool]], name_toks: list[str], lower_mode: bool) -> tuple[float, bool, bool]:
    """Return (score, conflict, unmatched run right after a title) for one speaker name."""
    best, conflict, unmatched_named = 0.0, False, False
    for run, after_title in runs:
        hits = [any(tokens_match(t, n) for n in name_toks) for t in run]
        if name_toks and all(hits) and subsequence(run, name_toks):
            best = max(best, 0.8 + 0.2 * len(run) / len(name_toks))
        elif any(hits):
            misses = [t for t, h in zip(run, hits, strict=True) if not h]
            near = any(fuzz.ratio(t, n) >= NEAR_MISS_MIN for t in misses for n in name_toks)
            if not lower_mode or near:
                conflict = True
            elif subsequence([t for t, h in zip(run, hits, strict=True) if h], name_toks):
                best = max(best, 0.7)
        elif after_title:
            unmatched_named = True
    return best, conflict, unmatched_named


def _role_score(qsig: frozenset[str], role: str, qorgs: frozenset[str]) -> float:
    """Return how well the question's canonical tokens fit one role (0 = no match)."""
    r = nm.role_signature(role)
    acting = word_set("role_aliases", "acting")
    heads = (r & nm.title_tokens()) - acting
    if not heads or not heads <= qsig:
        return 0.0
    rreg = {t for t in r if t.startswith("@")}
    qreg = {t for t in qsig if t.startswith("@")}
    if qreg and rreg and not qreg & rreg:
        return 0.0
    orgs = r - heads - acting - rreg
    if qorgs and orgs and not qorgs & (orgs | role_acronyms(role)):  # "Kepala BKPSDM": the initials of its agency
        return 0.0
    if qorgs - orgs - heads and not orgs:
        return 0.0
    core = r - acting
    share = len(core & qsig) / max(1, len(core))
    penalty = 0.1 if qreg and not rreg else 0.0
    bonus = REGION_BONUS if qreg & rreg else 0.0  # "Kapolres Kepulauan Meranti Polda Riau" over a bare "Kapolres"
    return 0.55 + 0.35 * share - penalty + bonus
