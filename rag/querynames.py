"""Reading a question for people: runs of name words, and the institutions that stand next to a title."""

from __future__ import annotations

from . import names as nm
from .lexicon import bare, fold, word_set
from .questions import TOPIC_MARKERS
from .ranks import degrees

_TOPIC_MARKERS = TOPIC_MARKERS | {"about", "regarding"}
_OF_THE = frozenset({"of", "the"})  # "the head of the civil service agency (BKPSDM)": English filler inside a role


def _verb_like(token: str) -> bool:
    """Return True for an Indonesian active or passive verb form (meN-, ber-, di-) that ends a role phrase."""
    return len(token) > 5 and token.startswith(("mem", "men", "meng", "meny", "ber", "di")) and token not in org_tokens()


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
        if tok in _TOPIC_MARKERS:
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


_ASKING = frozenset(
    "ask asked asking urge urged tell told remind reminded warn warned call called request requested instruct instructed".split()
)


def object_regions(tokens: list[str]) -> frozenset[str]:
    """Return regions of an institution the speaker addresses ("asked Bawaslu SBT to ...", "meminta KPU Kolaka").

    Such a region says whom the speaker spoke to, not where the speaker serves.
    """
    orgs = org_tokens()
    return frozenset(
        tokens[i]
        for i in range(2, len(tokens))
        if tokens[i].startswith("@") and tokens[i - 1] in orgs and (tokens[i - 2] in _ASKING or _verb_like(tokens[i - 2]))
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
        elif namey and not current and idx and fold(qtoks[idx - 1][0]) in word_set("titles", "locatives"):
            pass  # "di Kayuagung": a place the lexicon does not know, not a person
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


def org_tokens() -> frozenset[str]:
    """Return canonical institution tokens (alias keys that are not titles, plus org words)."""
    keys = {k for k in nm.alias_table().values() if not k.startswith("@")}
    orgs = (keys - nm.title_tokens()) | word_set("titles", "org_words")
    return frozenset(orgs - word_set("role_aliases", "fillers"))
