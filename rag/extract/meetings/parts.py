"""Reading an event's name/theme and its organizer from the sentence that describes it."""

from __future__ import annotations

import re

from rag.core.dates import find_dates
from rag.core.lexicon import fold, load, title_words, word_set
from rag.core.sentences import Tok, calendar_words, cap_runs, is_cap, tokenize
from rag.extract.people.names import parse_speaker, title_tokens
from rag.extract.speech.subjects import subject_before

_QUOTES = "“”\"‘’«»"


def event_name(text: str, a: int, b: int, end: int) -> str:
    """Return the name/theme of the event whose kind phrase is ``text[a:b]`` (sentence ends at ``end``)."""
    pos = _skip_abbreviation(text, b, end)
    quoted = _quoted_at(text, pos)
    if quoted:
        return quoted
    theme = _theme(text, b, end)
    if theme:
        return theme
    stop = _continuation(text, a, pos, end)
    if stop > pos:
        return _squash(text[a:stop])
    phrase = text[a:b]
    return _squash(phrase) if phrase[:1].isupper() and len(phrase.split()) >= 2 else ""


def _squash(text: str) -> str:
    """Collapse white space and strip edge punctuation."""
    return " ".join(text.split()).strip(" ,.;:-–—" + _QUOTES)


def _skip_abbreviation(text: str, pos: int, end: int) -> int:
    """Skip blanks and a short '(Rakor)' right after the kind phrase."""
    m = re.compile(r"\s*\([^()\n]{1,20}\)").match(text, pos, end)
    pos = m.end() if m else pos
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def _quoted_at(text: str, pos: int) -> str:
    """Return the quoted name opening at ``pos`` (it may run over a paragraph break), or ''."""
    if pos >= len(text) or text[pos] not in _QUOTES:
        return ""
    close = min((i for i in (text.find(c, pos + 1, pos + 400) for c in "”\"’»") if i > 0), default=-1)
    return _squash(text[pos + 1 : close]) if close > pos + 1 else ""


def _theme(text: str, b: int, end: int) -> str:
    """Return the theme after 'dengan tema' / 'bertajuk' in the rest of the sentence, or ''."""
    markers = sorted(load("events")["theme_markers"], key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(m) for m in markers) + r")\b\s*:?\s*", re.IGNORECASE)
    m = pattern.search(text, b, end)
    if not m:
        return ""
    start = m.end()
    quoted = _quoted_at(text, start)
    if quoted:
        return quoted
    stop = end
    cut = re.compile(r",\s+(?=[a-z])").search(text, start, end)
    if cut:
        stop = cut.start()
    heads = "|".join(re.escape(h) for h in sorted(word_set("events", "venue_heads"), key=len, reverse=True))
    venue = re.compile(rf"\s(?:di|bertempat di)\s+(?:{heads})\b", re.IGNORECASE).search(text, start, stop)
    stop = venue.start() if venue else stop
    dates = find_dates(text, start, stop)
    stop = dates[0].start if dates else stop
    theme = _squash(text[start:stop])
    return theme if len(theme.split()) >= 2 else ""


def _continuation(text: str, a: int, pos: int, end: int) -> int:
    """Return where the descriptive words after a kind phrase stop (``pos`` if there are none)."""
    toks = tokenize(text, pos, end)
    capital = text[a : a + 1].isupper()
    stop, n = pos, 0
    for i, tok in enumerate(toks):
        word = fold(tok.text)
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        if capital:
            ok = is_cap(tok.text) or tok.text.isdigit() or (word in word_set("events", "name_links") and is_cap(nxt))
        else:
            ok = tok.text not in ",.;:" and word not in word_set("events", "name_stops") and not any(c in tok.text for c in _QUOTES)
        if not ok or n >= 14:
            break
        stop, n = tok.end, n + 1
    if not capital and n < 2:
        return pos
    return stop


def organizer_in(masked: str, s: int, e: int) -> str:
    """Return who organizes the event described in ``masked[s:e]`` ('' if not said)."""
    toks = tokenize(masked, s, e)
    verbs = word_set("events", "organizer_verbs")
    for k, tok in enumerate(toks):
        if fold(tok.text) in verbs and tok.text[:1].islower():
            ref = subject_before(toks, k)
            if ref and ref.kind == "name":
                return _squash(masked[ref.start : ref.end])
    return _passive(toks, masked) or _by_role(toks, masked)


def _passive(toks: list[Tok], masked: str) -> str:
    """Return X of 'digelar oleh X' / 'diselenggarakan oleh X' / 'yang digelar KPU X di ...', or ''."""
    phrases = {tuple(fold(p).split()) for p in load("events")["organizer_passive"]}
    verbs = {p[0] for p in phrases}
    for k in range(len(toks) - 1):
        word = fold(toks[k].text)
        if word not in verbs:
            continue
        at = k + 2 if (word, fold(toks[k + 1].text)) in phrases else k + 1
        runs = [r for r in cap_runs(toks[at:]) if r[0] == 0]
        if not runs:
            continue
        found = _squash(masked[toks[at].start : toks[at + runs[0][1] - 1].end])
        if at == k + 2 or _is_institution(found):
            return found
    return ""


def _is_institution(text: str) -> bool:
    """Return True for a run that names an institution ('KPU Provinsi Jawa Barat'), not a date or a place."""
    first = fold(text.split()[0]) if text.split() else ""
    return first in title_words() and first not in calendar_words() and not first.startswith(("di", "ke"))


def _by_role(toks: list[Tok], masked: str) -> str:
    """Return the institution of 'Kepala X Name selaku (OPD) penyelenggara', or ''."""
    low = " ".join(fold(t.text) for t in toks)
    if not any(p in low for p in (fold(x) for x in load("events")["organizer_role"])):
        return ""
    for k, tok in enumerate(toks):
        if fold(tok.text) not in ("selaku", "sebagai") or k == 0:
            continue
        runs = [r for r in cap_runs(toks[:k]) if r[1] == k]
        if runs:
            i = runs[0][0]
            role = parse_speaker(masked[toks[i].start : toks[k - 1].end]).role
            return " ".join(w for w in role.split() if fold(w) not in title_tokens())
    return ""
