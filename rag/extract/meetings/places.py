"""Places in an article: datelines, venues after "di", and city/province lookup.

All names come from ``rag/data/regions.json`` (38 provinces, main cities and
regencies) plus the generic "Kabupaten X" / "Kota X" patterns.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from rag.core.lexicon import bare, fold, match_region, resolve_place, title_words, word_set
from rag.core.sentences import calendar_words, cap_runs, is_cap, tokenize
from rag.core.text import stop_words
from rag.extract.people.roles import canonical_tokens

log = logging.getLogger(__name__)

_REGION_WORD = re.compile(
    r"\b(?:Kabupaten|Kota|Kab\.|Provinsi|Prov\.|Kecamatan|Kec\.)\s+((?:[A-Z][\w'-]+)(?:\s+(?:[A-Z][\w'-]+)){0,2})"
)
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'-]+(?:\s+[A-Z][A-Za-z.'-]+){0,2})\s*,?\s*"
    r"(?:(?P<site>[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})\s*)?(?:\([A-Za-z .]+\)\s*)?[-–—]\s+"
)


@dataclass(frozen=True)
class Place:
    """A place found in text: the words as written and what they resolve to."""

    text: str
    start: int
    end: int
    city: str = ""
    province: str = ""


def article_places(text: str) -> list[str]:
    """Return region names the text introduces with Kabupaten/Kota/Provinsi (for name parsing)."""
    return list(dict.fromkeys(_region_words(text, m) for m in _REGION_WORD.finditer(text)))


def _region_words(text: str, m: re.Match[str]) -> str:
    """Return the region of one 'Kabupaten X Y' match: a known name, the whole run after 'di', else X (+ compass)."""
    parts = m.group(1).split()
    known = match_region(parts, 0)
    if known:
        return " ".join(parts[:known])
    before = text[max(0, m.start() - 12) : m.start()].split()
    ends = not re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2])
    if before and fold(before[-1]) in word_set("titles", "locatives") and ends:
        return m.group(1).rstrip(".")  # "di Kabupaten Lembah Seruni." names the whole region
    compass = word_set("titles", "compass")
    return " ".join(parts[:1] + [p for p in parts[1:2] if fold(p) in compass])


def dateline(text: str) -> Place | None:
    """Return the place of a dateline like 'BALI, AKSARANEWS.NET –' or 'Mataram NTB -' at ``text`` start."""
    m = _DATELINE.match(text)
    if not m:
        return None
    words_ = m.group("place").split()
    city, province = "", ""
    for size in range(len(words_), 0, -1):
        c, p = resolve_place(" ".join(words_[:size]))
        if c or p:
            city, province = c, p
            for extra in range(size, len(words_)):
                province = province or resolve_place(words_[extra])[1]
            break
    if not (city or province):
        return None
    return Place(m.group("place"), m.start("place"), m.end("place"), city, province)


def lookup(text: str) -> tuple[str, str]:
    """Return (city, province) of the first known place named inside ``text``."""
    toks = [t.text for t in tokenize(text)]
    for i in range(len(toks)):
        if not is_cap(toks[i]):
            continue
        size = match_region(toks, i)
        if size:
            city, province = resolve_place(" ".join(toks[i : i + size]))
            if city or province:
                return city, province
    return "", ""


_HOSTS = re.compile(r"\b(?:menjadi\s+(?:tempat|lokasi)|dipadati|dipenuhi)\b", re.IGNORECASE)


def venue_after_di(masked: str, start: int, end: int) -> list[Place]:
    """Return the venues of ``masked[start:end]`` (Hotel X, Pendopo Y) with a following city.

    A venue follows 'di' (or 'bertempat', 'berlangsung', 'digelar' ... without
    'di'), or opens the sentence and "menjadi tempat" the event.
    """
    heads = word_set("events", "venue_heads")
    toks = tokenize(masked, start, end)
    out: list[Place] = []
    for k, tok in enumerate(toks):
        if fold(tok.text) in word_set("events", "venue_triggers") and k + 1 < len(toks):
            at = k + 1
        elif (k == 0 or toks[k - 1].text in "-–—") and _HOSTS.search(masked, tok.end, end):
            at = k
        else:
            continue
        lower = 0 if is_cap(toks[at].text) else _lower_words(toks, at)  # "di aula Paroki MBC", "di aula sekretariat KPU X"
        if not (is_cap(toks[at].text) or lower) or fold(toks[at].text) not in heads:
            continue
        runs = [r for r in cap_runs(toks[at + lower :]) if r[0] == 0]
        j = at + lower + _first_segment(toks[at + lower :], runs[0][1] if runs else 1)
        a, b = toks[at].start, toks[j - 1].end
        city, province = _city_after(toks, j)
        if not (city or province):
            city, province = lookup(masked[a:b])
        out.append(Place(masked[a:b].rstrip(".,"), a, b, city, province))
    return out


LOWER_REACH = 3  # lower-case words a venue head may take before its capitalized name ("aula sekretariat KPU X")


def _lower_words(toks: list, at: int) -> int:
    """Return how many lower-case words (the head among them) come before the capitalized name after a lower-case
    venue head, or 0 when none follows within reach or a function word comes first."""
    for n in range(1, LOWER_REACH + 1):
        if at + n >= len(toks):
            return 0
        word = toks[at + n].text
        if is_cap(word):
            return n
        if not (word.isalpha() and word.islower()) or word in stop_words():
            return 0
    return 0


def _first_segment(toks: list, limit: int) -> int:
    """Return how many tokens of a venue run come before its first comma."""
    for n in range(limit):
        if toks[n].text in ",;":
            return n
    return limit


def _city_after(toks: list, j: int) -> tuple[str, str]:
    """Return the city named right after a venue: 'di Hotel Novotel, Balikpapan' (or ', Tanjung Redeb, Selasa')."""
    if not (j + 1 < len(toks) and toks[j].text == "," and is_cap(toks[j + 1].text)):
        return "", ""
    if fold(toks[j + 1].text).rstrip(".") in ("kabupaten", "kota", "kab") and match_region([t.text for t in toks], j + 2):
        j += 1  # "di Lapangan X, Kabupaten Bolaang Mongondow Timur"
    size = match_region([t.text for t in toks], j + 1)
    if size:
        return resolve_place(" ".join(t.text for t in toks[j + 1 : j + 1 + size]))
    found = _known_in_next_segment(toks, j + 1)
    if found[0] or found[1]:
        return found
    n, least = j + 1, j + 2  # the run must take at least one word
    if bare(toks[n].text) in ("kota", "kabupaten", "kab") and n + 1 < len(toks) and is_cap(toks[n + 1].text):
        n, least = n + 1, least + 1  # an unknown "Kota Jantho" is kept as written
    skip = calendar_words() | word_set("events", "venue_heads") | title_words()
    while n < len(toks) and n < j + 5 and is_cap(toks[n].text) and bare(toks[n].text) not in skip:
        n += 1
    closes = n == len(toks) or (toks[n].text == "," and n + 1 < len(toks) and bare(toks[n + 1].text) in calendar_words())
    if n >= least and closes and not (n < len(toks) and is_cap(toks[n].text)):
        return " ".join(t.text for t in toks[j + 1 : n]).rstrip("."), ""
    return "", ""


def _known_in_next_segment(toks: list, j: int) -> tuple[str, str]:
    """Return a known city right after a second venue segment ('Ruang X, Kantor Gubernur Kaltim, Samarinda')."""
    n = j
    while n < len(toks) and n < j + 8 and toks[n].text not in ",;" and is_cap(toks[n].text):
        n += 1
    if n + 1 < len(toks) and toks[n].text == "," and is_cap(toks[n + 1].text):
        size = match_region([t.text for t in toks], n + 1)
        if size:
            city, province = resolve_place(" ".join(t.text for t in toks[n + 1 : n + 1 + size]))
            return (city, province) if city else ("", "")
    return "", ""


def places_after_di(masked: str, start: int, end: int) -> list[Place]:
    """Return known cities/provinces named right after 'di' (di Bali, di Kabupaten Madiun)."""
    toks = tokenize(masked, start, end)
    out: list[Place] = []
    skip = {"kabupaten", "kota", "kab.", "provinsi", "prov."}
    for k, tok in enumerate(toks[:-1]):
        if fold(tok.text) != "di":
            continue
        i = k + 1
        while i < len(toks) and fold(toks[i].text) in skip:
            i += 1
        size = match_region([t.text for t in toks], i) if i < len(toks) and is_cap(toks[i].text) else 0
        if size:
            city, province = resolve_place(" ".join(t.text for t in toks[i : i + size]))
            a, b = toks[i].start, toks[i + size - 1].end
            out.append(Place(masked[a:b], a, b, city, province))
    return out


def provinces_named(text: str) -> frozenset[str]:
    """Return the provinces of the regions a text names ("Ngada", "Bajawa": Nusa Tenggara Timur)."""
    regions = {t[1:] for t in canonical_tokens(text) if t.startswith("@")}
    return frozenset(p for p in (resolve_place(r)[1] for r in regions) if p)
