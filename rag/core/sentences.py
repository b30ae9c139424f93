"""Tokens, quotes, sentences and capitalized runs inside one paragraph.

Everything works on character offsets into the paragraph's text so callers can
map results back into the article. Quotes are found first and masked (replaced
by a same-length filler) so sentence and name scanning never looks inside them.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from typing import NamedTuple

from rag.core.lexicon import bare, fold, load, word_set
from rag.core.text import LETTERS

MASK = "¶"
OPEN_DQ = "“«„"
ANY_DQ = "“”\"«»„"
_TOKEN = re.compile(r"\([^()\n]{0,40}\)|[“”\"«»„‘’]|[,;:]|[()]|[^\s,;:()“”\"«»„‘’]+")
_END = re.compile(r"[.!?]+(?=[\s¶\"”’)]*(?:\s|$))")


class Tok(NamedTuple):
    """One token of a paragraph: its text and offsets (a named tuple: tokenizing makes many)."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None, limit: int | None = None) -> list[Tok]:
    """Split ``text[start:end]`` into words, punctuation marks and short parentheticals (the first ``limit`` only, if given)."""
    stop = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in islice(_TOKEN.finditer(text, start, stop), limit)]


def ends_sentence(tok: str) -> bool:
    """Return True for a word that closes a sentence ("Pangemanan."), not an abbreviation ("Dr.", "S.H.", and the
    ranks the sentence splitter reads on past: "ucap AKBP. Yana Supriatna")."""
    word = tok.rstrip(".")
    return tok.endswith(".") and len(word) > 3 and "." not in word and fold(word) not in _abbreviations()


def is_cap(tok: str) -> bool:
    """Return True for a token that can be part of a proper name or title."""
    core = tok.strip("()[]")
    if not core:
        return False
    if core[0].isdigit():
        return "/" in core and any(ch.isupper() for ch in core)
    return core[0].isupper()


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Return (open_mark, close_mark) offsets of double and curly-single quotes in ``text``."""
    found = _pair_marks(text, ANY_DQ, OPEN_DQ)
    if not found:
        found = _pair_marks(text, "‘’", "‘")
    return found


def _pair_marks(text: str, marks: str, openers: str) -> list[tuple[int, int]]:
    """Pair quote marks using the characters around them; unclosed tails end the paragraph."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for found in _marks_pattern(marks).finditer(text):
        i, ch = found.start(), found.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        open_ctx = before.isspace() or before in "([{:—–-" or i == 0
        close_ctx = not before.isspace() and (after.isspace() or after in ",.;:!?)]—–-" + marks) or after in ",.;!?)"  # "2024 “, Sabtu"
        close_ctx = close_ctx or (before in ",.!?" and ch not in openers)  # "...,”ujarnya": no space after the mark
        loose = before.isspace() and _last_mark(text, i) in ",.!?" and (after.isspace() or after.islower())
        close_ctx = close_ctx or (loose and ch not in openers)  # "... Jawa Timur, " kata X", "... Jatim, "bebernya"
        if opened is None:
            if open_ctx or ch in openers:
                opened = i
        elif close_ctx and i > opened + 1:
            pairs.append((opened, i))
            opened = None
        elif open_ctx and (ch in openers or ch == '"'):
            opened = i
    if opened is not None and len(text) - opened > 40 and not text.rstrip().endswith(":"):
        pairs.append((opened, len(text)))
    return pairs


def _last_mark(text: str, i: int) -> str:
    """Return the last character before ``text[i]`` that is not white space ('' when there is none)."""
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return text[j] if j >= 0 else ""


@cache
def _marks_pattern(marks: str) -> re.Pattern[str]:
    """Compile a pattern that finds any one of the quote ``marks``."""
    return re.compile(f"[{re.escape(marks)}]")


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Return ``text`` with every ``[a, b]`` span (marks included) replaced by MASK characters."""
    chars = list(text)
    for a, b in spans:
        for i in range(a, min(b + 1, len(chars))):
            if not chars[i].isspace():
                chars[i] = MASK
    return "".join(chars)


def sentences(masked: str) -> list[tuple[int, int]]:
    """Return sentence spans of a masked paragraph (abbreviations do not end sentences).

    Linear in the paragraph: each full stop looks at its own word and the next
    one only, never at the whole prefix or the whole rest of the text.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(masked):
        at = _AFTER_END.match(masked, m.end()).end()
        first = masked[at] if at < len(masked) else ""
        if m.group() == "." and _is_abbrev(masked, m.start()) and not _opens_sentence(masked, at):
            continue
        if m.group() == "." and _INITIAL.match(masked, at) and _NAME_BEFORE.search(masked, max(0, m.start() - 40), m.start()):
            continue  # "Mishart. A. Manoppo": a name, then an initial (not "H." of Haji), the name goes on
        if first and not (first.isupper() or first.isdigit() or first in MASK + ANY_DQ + "(‘"):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if masked[start:].strip():
        spans.append((start, len(masked)))
    return [(a + len(masked[a:b]) - len(masked[a:b].lstrip()), b) for a, b in spans if masked[a:b].strip()]


_AFTER_END = re.compile(r"[ \t\"”’)]*")
_INITIAL = re.compile(r"[A-GI-Z]\.\s+[A-Z]")  # an initial, then the rest of a name
_NAME_BEFORE = re.compile(r"(?:^|\s)[A-Z][a-z]+$")  # a capitalized word right before the full stop


def _opens_sentence(text: str, at: int) -> bool:
    """Return True when ``text[at:]`` starts with a capitalized pronoun that begins a sentence ("..., M.Si. Ia menilai")."""
    first = LETTERS.match(text, at)
    return bool(first) and first.group()[0].isupper() and fold(first.group()) in word_set("pronouns", "sentence_pronouns")


def _is_abbrev(text: str, dot: int) -> bool:
    """Return True when the period at ``dot`` closes an abbreviation such as 'Inf.' or 'S.H.'."""
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1  # back over the word before the dot only (``[\\w.]*``), not the whole prefix
    word = text[start:dot]
    if not word:
        return False
    if "." in word or (len(word) == 1 and word.isalpha()):
        return True
    return fold(word) in _abbreviations()


@cache
def _abbreviations() -> frozenset[str]:
    """Return the abbreviations a period does not end a sentence after (``data/abbreviations.json``)."""
    return frozenset(load("abbreviations")["words"])


@cache
def _connectors() -> frozenset[str]:
    """Return lower-case words allowed inside a name/title run when a capital follows."""
    data = load("titles")
    return frozenset(map(fold, data["role_connectors"] + data["name_particles"] + data["apposition_words"]))


@cache
def _headline_verbs() -> frozenset[str]:
    """Return capitalized headline verbs that end a run."""
    return frozenset(map(fold, load("titles")["headline_verbs"]))


def cap_runs(toks: list[Tok]) -> list[tuple[int, int]]:
    """Return [i, j) token ranges of capitalized runs (titles, ranks and names)."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not is_cap(toks[i].text) or bare(toks[i].text) in _headline_verbs():
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _continues(toks, j):
            j += 1
        while j > i and toks[j - 1].text in ",;:":
            j -= 1
        out.append((i, j))
        i = j
    return out


def _continues(toks: list[Tok], j: int) -> bool:
    """Return True when token ``j`` extends the run that ends at ``j - 1``."""
    text = toks[j].text
    nxt = toks[j + 1].text if j + 1 < len(toks) else ""
    if is_cap(text):
        return bare(text) not in _headline_verbs()
    after = toks[j + 2].text if j + 2 < len(toks) else ""
    if text.isdigit() and len(text) <= 3 and fold(toks[j - 1].text).rstrip(".") in word_set("events", "numbered_venue_words"):
        return True  # "Ruang Rapat Pimpinan Lantai 2 Kantor Gubernur"
    if text == ",":
        return (is_cap(nxt) and bare(nxt) not in calendar_words()) or (fold(nxt) in ("dan", "&") and is_cap(after))
    if fold(text) in _connectors():
        return is_cap(nxt) and bare(nxt) not in calendar_words()
    return False


@cache
def calendar_words() -> frozenset[str]:
    """Return weekday and month names (folded)."""
    data = load("calendar")
    return frozenset(fold(w) for w in list(data["weekdays"]) + list(data["months"]))
