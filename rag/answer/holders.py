"""Who holds a title the question asks about, as a sentence names them: "Kapolres Ngada Fajar ..." or, when the question
asks who stood in ("Siapa yang mewakili Kapolri?"), "Kapolri diwakili oleh Kabaharkam Komjen Pol X" and "X, mewakili ..."."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import Sequence

from rag.answer.naming import Titled, cached_terms, is_title_term, names_titled, rank_words, short_titles
from rag.core.lexicon import resolve_place, word_set
from rag.core.text import UNIT_AREA, WORD, dictionary_word
from rag.core.types import Speaker
from rag.extract.people.mentions import is_person_title
from rag.extract.people.names import is_title_word
from rag.extract.people.ranks import find_rank

_APPOSITION = frozenset({"yaitu", "yakni", "ialah", "adalah", "namely"})  # the name that follows is the holder's
_JOINING = frozenset({"dan", "serta", "and"})  # a second body of one title ("Ketua KPU dan Bawaslu")
_BY_PROXY = frozenset({"yang", "diwakili", "diwakilkan", "oleh", "by"})  # "Kapolri diwakili oleh Kabaharkam Komjen X"
HOLDER_REACH = 7  # words between a title and its holder's name ("Kapolda Kalsel, Irjen Pol Winarto")
PROXY_REACH = 3  # the words of "yang diwakili oleh"
_WORDS_AND_COMMAS = re.compile(WORD.pattern + r"\.?|,")


def names_holder(pairs: Sequence[Titled], text: str) -> bool:
    """Return True when the text names a titled person of the question by name: the title, then only titles, ranks,
    bodies, places and commas, then a capitalized name ("Irwasda Polda Kalsel, dan ..." names no one)."""
    return holder_named(pairs, text) is not None


def holder_named(pairs: Sequence[Titled], text: str) -> Speaker | None:
    """Return the titled person a text names by name, with the title as written before the name ("Kapolres Ngada
    Fajar Widyadharma Lukman S, S.I.K." is Fajar Widyadharma Lukman S, Kapolres Ngada)."""
    words = _WORDS_AND_COMMAS.findall(short_bodies(short_titles(text)))
    for i, word in enumerate(words):
        mine = [p for p in pairs if any(is_title_term(t, p.title) for t in cached_terms(word))]
        if not mine:
            continue
        proxy = any(p.proxy for p in mine)
        if proxy and i > 1 and words[i - 1].lower() == "mewakili":  # "Kasat Intelkam AKP Budi, mewakili Kapolres"
            return _proxy_before(words[: i - 1])
        found = _holder_after(words, i, mine, proxy)
        if found is not None:
            return found
    return None


def _holder_after(words: Sequence[str], i: int, mine: Sequence[Titled], proxy: bool) -> Speaker | None:
    """Return the person named after the title at words[i], within reach, or None when another's name or nothing
    comes first."""
    start, area = i, False
    reach = HOLDER_REACH + (PROXY_REACH if proxy else 0)  # "yang diwakili oleh" stands between
    for j in range(i + 1, min(len(words), i + 1 + reach)):
        nxt = words[j]
        if UNIT_AREA.search(nxt) or (area and nxt[:1].isupper() and nxt.rstrip(".").lower() not in rank_words()):
            area = True  # "Kodim 0204/Deli Serdang, Letkol Inf Alex Sandri": the unit's area goes on to a comma or a rank
            continue
        area = False
        if proxy and nxt.lower() in _BY_PROXY:
            start = j + 1  # the title and name after "diwakili oleh" are the proxy's
            continue
        if (nxt.lower() in _JOINING or nxt == ",") and _titles_a_person(words[j + 1 : j + 2]):
            return None  # "Ketua KPU dan Ketua Bawaslu X", "Ketua KPU, Ketua Bawaslu, LO ...": the name is another's
        if nxt.lower() in _JOINING and "," in words[i + 1 : j]:  # a list: "..., Yusran Hamid Ketua Bawaslu, dan ..."
            return _listed_before(words, i, words.index(",", i + 1), mine)  # "Kapolres Ende, PPK dan Devisi": no one
        if _between_title_and_name(nxt):
            continue
        if not nxt[:1].isupper():
            return None
        name_at, name = _name_at(words, j)
        if _region_run(name):
            continue  # "Kapolres Halmahera Utara, AKBP X", "Ketua Bawaslu Provinsi Bali dan Nusa Tenggara": a region
        if _titles_a_person(words[name_at + len(name) : name_at + len(name) + 1]):
            if len(name) == 1 and dictionary_word(name[0]):
                return None  # "Kapolres Asahan, Mewakili Dandim 0208": a word of the list, not a name
            if _name_before(words, i, j) is not None:  # "Hasyim Asy'ari Ketua KPU RI, Rahmat Bagja Ketua Bawaslu RI"
                return _listed_before(words, i, j, mine)
        between = [w for w in words[start:name_at] if w != "," and w.lower() not in _APPOSITION]
        if proxy and start == i or start == i and not any(_qualified_as(p, between) for p in mine):
            return None  # "Kapolres Banjar AKBP X" is not the Kapolres Banjarbaru, nor "Ketua KPU X" the Ketua Bawaslu
        ranked = next((k for k, w in enumerate(between) if w.rstrip(".").lower() in rank_words()), len(between))
        role, rank = " ".join(between[:ranked]), " ".join(between[ranked:])
        return Speaker(" ".join(name).rstrip("."), role, rank, mention=" ".join(words[i : name_at + len(name)]))
    return None


def _between_title_and_name(word: str) -> bool:
    """Return True for a word that may stand between a title and its holder's name: a comma, a title, an acronym,
    a number, a region's word, "yaitu" or "dan" ("Ketua KPU dan Bawaslu Kaltim yaitu Fahri Idris")."""
    bare = word.rstrip(".")
    if word == "," or is_title_word(bare) or bare.isupper() or any(c.isdigit() for c in word):
        return True
    return word.lower() in word_set("titles", "compass") or word.lower() in _APPOSITION or word.lower() in _JOINING


def _region_run(name: Sequence[str]) -> bool:
    """Return True when a capitalized run is a region or unit, not a name: it ends in a compass word ("Nusa Tenggara"),
    is a known place or a region's last word ("Kepulauan"), has a slash ("Kabupaten/Kota") or joins known places with
    a hyphen ("Minut-Bitung")."""
    if any("/" in w for w in name):
        return True  # "Kodim Lamp'ut/Tubaba", "Kabupaten/Kota": no person's name has a slash
    if any("-" in w and all(any(resolve_place(p)) for p in w.split("-") if p) for w in name):
        return True  # "Dandim 1310 Minut-Bitung": two regions joined, the unit's area
    plain = [w.rstrip(".,") for w in name]
    if len(plain) == 1 and plain[0].lower() in word_set("titles", "region_prefixes"):
        return True  # "Kota Tidore Kepulauan": the end of a region's name
    return bool(plain) and (plain[-1].lower() in word_set("titles", "compass") or any(resolve_place(" ".join(plain))))


def _name_at(words: Sequence[str], j: int) -> tuple[int, list[str]]:
    """Return where the capitalized name starting at words[j] begins and its words; "Danramil 02 Rambah Kapten Inf
    Alza": a place, then a rank, then the name."""
    name = list(itertools.takewhile(lambda w: w[:1].isupper() and not is_title_word(w.rstrip(".")), words[j:]))
    ranked_at, named_at = find_rank(words[j:])
    if ranked_at == len(name) and named_at:
        return j + named_at, list(itertools.takewhile(lambda w: w[:1].isupper(), words[j + named_at :]))
    return j, name


# a body's acronym after its name: in brackets, or after "atau" ("Badan Pengawas Pemilu atau Bawaslu DKI")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,11})\)|(?<=\s)atau\s+([A-Z][A-Za-z]{1,11})\b")
BODY_WORDS = 5  # the longest body name written before its acronym ("Badan Pengawas Pemilihan Umum (Bawaslu)")


def short_bodies(text: str) -> str:
    """Return a text with a body's name written long before its acronym written short: "Ketua Komisi Pemilihan Umum
    (KPU) Kota X" and "Ketua Badan Pengawas Pemilu atau Bawaslu DKI" are "Ketua KPU Kota X" and "Ketua Bawaslu DKI"
    (so the holder's name stays within reach of the title)."""
    out, last = [], 0
    for m in _ACRONYM.finditer(text):
        before = text[last : m.start()].rstrip()
        words = before.split(" ")
        keep = len(words)
        while keep > 0 and len(words) - keep < BODY_WORDS and words[keep - 1][:1].isupper() and not is_person_title(words[keep - 1]):
            keep -= 1
        if keep == len(words) or (m.group(2) and not _spelled_before(m.group(2), words[keep:])):
            continue
        out.append(" ".join(words[:keep]) + (" " if keep else "") + (m.group(1) or m.group(2)))
        last = m.end()
    return "".join(out) + text[last:]


def _spelled_before(acronym: str, body: Sequence[str]) -> bool:
    """Return True when the words before "atau" can be the body the acronym stands for: two or more, the first with
    its first letter ("Komisi Pemilihan Umum atau KPU"; not "Ketua KPU atau Sekretaris")."""
    return len(body) >= 2 and body[0][:1] == acronym[:1] and not is_person_title(acronym)


def _titles_a_person(words: Sequence[str]) -> bool:
    """Return True when the first word is a person's title ("dan Ketua Bawaslu": another person comes)."""
    return bool(words) and is_person_title(words[0])


def _name_before(words: Sequence[str], i: int, j: int) -> Speaker | None:
    """Return the person named right before the title at words[i] (its words up to words[j] are the title), or None
    when no capitalized name that is not a title (nor the sentence's first word, a dictionary word) stands there."""
    first = _name_start(words, i)
    if first == 0 and dictionary_word(words[0]):
        first = 1  # "Hadir Kapolda ...": the sentence's first word, not a name
    if first == i:
        return None
    title = [w for w in words[i:j] if w != ","]
    return Speaker(" ".join(words[first:i]), " ".join(title), "", mention=" ".join(words[first:j]).rstrip(" ,"))


def _listed_before(words: Sequence[str], i: int, j: int, mine: Sequence[Titled]) -> Speaker | None:
    """Return the person named right before the title at words[i] in a list of names written before their titles,
    when the title as written (up to words[j]) is the one asked for."""
    before = _name_before(words, i, j)
    return before if before is not None and any(_qualified_as(p, before.role.split()) for p in mine) else None


def _name_start(words: Sequence[str], end: int) -> int:
    """Return where the run of capitalized words that are not titles ending at words[end] starts (end when none)."""
    first = end
    while first > 0 and words[first - 1][:1].isupper() and not is_title_word(words[first - 1].rstrip(".")):
        first -= 1
    return first


def _proxy_before(words: Sequence[str]) -> Speaker | None:
    """Return the person named just before "mewakili": "Kasat Intelkam AKP Budi Santoso, mewakili ..." is Budi Santoso."""
    kept = [w for w in words if w != ","]
    end = len(kept)
    first = _name_start(kept, end)
    if first == end:
        return None
    role_start = first
    while role_start > 0 and (is_title_word(kept[role_start - 1].rstrip(".")) or kept[role_start - 1].isupper()):
        role_start -= 1
    between = kept[role_start:first]
    ranked = next((k for k, w in enumerate(between) if w.rstrip(".").lower() in rank_words()), len(between))
    name = " ".join(kept[first:end]).rstrip(".")
    return Speaker(name, " ".join(between[:ranked]), " ".join(between[ranked:]), mention=" ".join(kept[role_start:end]))


def _qualified_as(pair: Titled, between: Sequence[str]) -> bool:
    """Return True unless the words between a title and a name qualify it as another title ("Kapolres Banjar" for the
    Kapolres Banjarbaru): each word is the title's own, a rank, or the title as written names the pair."""
    own = pair.title | pair.after | frozenset(cached_terms(" ".join(pair.words))) | rank_words()
    rest = [w for w in between[1:] if not set(cached_terms(w)) <= own and w.rstrip(".").lower() not in own]
    return not rest or names_titled([replace(pair, modifiers=())], " ".join(between))  # "Pj." stands before
