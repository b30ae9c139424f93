"""Reading a question: its language, its kind, and the words that must be supported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rag.core.lexicon import load, patterns, word_set
from rag.core.text import dictionary_word, stop_words, terms, without_exclusions
from rag.extract.people.mentions import is_person_title
from rag.query.english import english_expansions, english_places, glossary_words, translate_english
from rag.query.quantities import counted_terms, numbers_in

# Not rag.core.text.WORD: ’ does not join here, so "Ma’ruf" stays two words as the question analysis has always read it.
_WORD = re.compile(r"[^\W_]+(?:[-/.'][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Question:
    """What the answerer needs to know about a question."""

    text: str
    lang: str  # "id" or "en"
    kind: str  # who_said | what_said | where_when | which_meeting | list_speakers | open
    search_text: str  # the question plus Indonesian expansions of English terms
    people_text: str  # the question with English titles replaced by Indonesian ones, for name matching
    speaker_text: str  # the part naming who spoke ("Siapa Kapolda" of "Siapa Kapolda yang mengatakan ...")
    proper: tuple[str, ...]  # capitalized words that must be found in the evidence
    numbers: tuple[str, ...]  # numbers the evidence must contain
    asks_count: bool  # "berapa", "how many"
    topic_terms: tuple[str, ...]  # stemmed content terms
    topic_groups: tuple[frozenset[str], ...]  # one term set per concept (an English phrase's synonyms count once)
    asked_topic: tuple[str, ...] = ()  # stemmed terms after "tentang", "soal", "berapa besar", "about" ...
    meeting_terms: frozenset[str] = frozenset()  # terms of where the question places the statement ("at the logistics meeting")
    says_what: bool = False  # a speech verb followed by what was said ("... menyebut pemilih di Bone ...")
    counted: tuple[str, ...] = ()  # stemmed terms of what a count question counts ("berapa jumlah personel" -> personel)
    each: tuple[tuple[str, ...], ...] = ()  # names asked about one by one ("Magelang dan Boyolali ... masing-masing")


@lru_cache(maxsize=1)
def _kind_patterns() -> list[tuple[str, list[re.Pattern[str]]]]:
    """Return compiled question-kind cues in priority order."""
    return [(kind, [re.compile(p, re.IGNORECASE) for p in pats]) for kind, pats in load("questions")["kinds"]]


def detect_language(text: str) -> str:
    """Return 'en' for English questions, else 'id'."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "id"
    markers = set(load("questions")["english_markers"])
    english = sum(1 for w in words if w in markers)
    indonesian = sum(1 for w in words if w in word_set("query_words", "indonesian_markers"))
    if words[0] in {"who", "what", "where", "when", "which", "how", "did", "according", "is", "was", "were", "list", "name"}:
        return "en"
    return "en" if english >= 2 and english > indonesian else "id"


_ASKS_WHO = re.compile(r"\b(?:siapa|who)\b", re.IGNORECASE)
_WHERE_AND_WHEN = re.compile(
    r"\b(?:di\s*mana\s+dan\s+kapan|kapan\s+dan\s+di\s*mana|where\s+and\s+when|when\s+and\s+where)\b", re.IGNORECASE
)


def detect_kind(text: str) -> str:
    """Return the question kind from its cue words; 'open' if none match.

    A where/when question counts only when it names an event ("Di mana rakor digelar?"); "Kapan ... menurut X?" asks about a statement.
    """
    asks_who = bool(_ASKS_WHO.search(text))
    for kind, cues in _kind_patterns():
        if kind == "where_when" and (asks_who or not (_names_event(text) or _WHERE_AND_WHEN.search(text))):
            continue  # "Siapa yang ... tempat pemungutan suara", "who said ... where to go" ask for a person
        if any(p.search(text) for p in cues):
            return kind
    return "open"


@lru_cache(maxsize=1)
def _event_pattern() -> re.Pattern[str]:
    """Return the pattern of words that name a meeting or event."""
    return re.compile(r"\b(?:" + "|".join(load("questions")["event_words"]) + r")\b", re.IGNORECASE)


def _names_event(text: str) -> bool:
    """Return True when the question mentions a meeting or event."""
    return bool(_event_pattern().search(text))


@lru_cache(maxsize=1)
def generic_topic() -> frozenset[str]:
    """Return stems too common in this corpus to show that evidence is on topic (meeting and election words)."""
    words = [w for w in load("questions")["event_words"] if w.isalpha()]
    return frozenset(terms(" ".join([*words, "koordinasi rakor pilkada pemilu pemilihan serentak"])))


_SPEAKER_END = re.compile(
    r"\b(?:yang|said|says|stated|asked|urged|warned|told|called|emphasi[sz]ed|stressed|explained|reminded|wanted|hoped|mentioned|"
    r"claimed|promised|asserted|noted|argued|reported|talked|spoke)\b",
    re.IGNORECASE,
)


def speaker_clause(text: str) -> str:
    """Return the words before the statement part of a who-said question ("Siapa Kapolda" of "Siapa Kapolda yang ...")."""
    match = _SPEAKER_END.search(text)
    return text[: match.start()] if match else text


def proper_words(text: str) -> tuple[str, ...]:
    """Return capitalized words (not sentence-initial question words or English glossary words)."""
    common = _common_words()
    out = []
    found = list(_WORD.finditer(text))
    for i, match in enumerate(found):
        word = match.group()
        if not word[0].isupper() or word.lower() in common:
            continue
        opens = text[: match.start()].rstrip()[-1:] in ("", ":")  # starts the question or follows a colon
        after = found[i + 1].group() if found[i + 1 :] else ""
        if opens and after and (after[:1].islower() or is_person_title(after)) and dictionary_word(word):
            continue  # "Sebutkan enam indikator", "Kegiatan apa", "Nama Pj Bupati": capitalized only as the opener
        out.append(word)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Return question words, stop words and English glossary words (never proper names)."""
    return frozenset(set(load("questions")["question_words"]) | stop_words() | set(glossary_words()))


def count_cues(text: str) -> list[re.Match[str]]:
    """Return the "how many" cues of a question: "berapa", "how many" anywhere; "jumlah", "number of" only when no
    other question word comes first ("Siapa yang menyebut jumlah TPS ..." asks who, not how many)."""
    found = [m for p in patterns("questions", "count_words") if (m := p.search(text))]
    asks = _QUESTION_WORD.search(text)
    for noun in patterns("questions", "count_nouns"):
        m = noun.search(text)
        if m and (asks is None or asks.start() >= m.start()):
            found.append(m)
    return found


# question words that make a later "jumlah" part of another question (not "apa"/"what": "What is the number of ...")
_QUESTION_WORD = re.compile(r"\b(?:siapa|di\s*mana|kapan|mengapa|kenapa|who|where|when|why)\b", re.I)


def _topic_groups(search: str, extra: list[str]) -> list[frozenset[str]]:
    """Return the question's concepts as term sets.

    The evidence is Indonesian, so an English question's concepts are its glossary translations (one set per
    phrase, synonyms counted once; its names are checked apart by ``Support.objection``). An Indonesian
    question's concepts are its terms.
    """
    if extra:
        return [frozenset(t for t in terms(c) if not t.isdigit()) for c in extra]
    return [frozenset({t}) for t in terms(search) if not t.isdigit()]


@lru_cache(maxsize=1)
def _says_pattern() -> re.Pattern[str]:
    """Return the pattern of a speech verb followed by at least two words."""
    lexicon = load("questions")
    said = word_set("speech_verbs", "pre") | {"bilang", "minta"} | set(lexicon["indonesian_speech_verbs"])
    said |= set(lexicon["english_speech_verbs"])
    verbs = sorted(said, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\b\s+(?:that\s+|bahwa\s+)?[\w-]+\W+[\w-]+", re.IGNORECASE)


_BESIDES = re.compile(r"^\W*(?:selain|besides|apart from|other than|aside from)\b[^,?]*,\s*", re.I)  # "Selain Kapolres, ..."
_ATTENDED = re.compile(r"\s(?:yang\s+)?(?:dihadiri|attended\s+by)\s[^,?]*", re.I)  # "... rapat yang dihadiri Ketua KPU RI?"


def analyze(text: str) -> Question:
    """Return the analysis of one question (what it rules out in parentheses left out)."""
    text = without_exclusions(text)
    lang = detect_language(text)
    extra = english_expansions(text) if lang == "en" else []
    search = f"{text} {' '.join(extra)}".strip()
    cues = count_cues(text)
    proper = proper_words(text) + (english_places(text) if lang == "en" else ())
    groups = _topic_groups(search, extra)
    names = terms(" ".join(proper)) if extra else []
    topic = tuple(dict.fromkeys([*(t for g in groups for t in sorted(g)), *names]))
    if extra:  # an English question often shares only "rapat koordinasi" with unrelated evidence
        groups = [g for g in groups if not g <= generic_topic()]
    kind, people = detect_kind(text), _BESIDES.sub("", translate_english(text) if lang == "en" else text)
    people = people if kind == "which_meeting" and not _ASKS_WHO.search(text) else _ATTENDED.sub("", people)  # "Rapat apa yang dihadiri X"
    return Question(
        text=text,
        lang=lang,
        kind=kind,
        search_text=search,
        people_text=people,
        speaker_text=speaker_clause(people),
        proper=proper,
        numbers=numbers_in(text),
        asks_count=bool(cues),
        topic_terms=topic,
        topic_groups=tuple(dict.fromkeys(g for g in groups if g)),
        asked_topic=asked_topic(text, lang, proper),
        each=coordinated(text, proper),
        meeting_terms=_meeting_terms(text, lang),
        says_what=bool(_says_pattern().search(text)),
        counted=counted_terms(text, min(cues, key=lambda m: m.start()).end()) if cues and lang != "en" else (),
    )


def coordinated(text: str, proper: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Return the names a question joins with "dan"/"and" and asks about each ("Polres di Magelang dan Boyolali
    sama-sama ... masing-masing", "both Kendari and Kolaka"): each may come from its own article."""
    if not _EACH.search(text):
        return ()
    groups = []
    for m in _JOINED.finditer(text):
        items = [[w for w in item.split() if w in proper] for item in re.split(r"\s*,\s*|\s+(?:dan|serta|and|&)\s+", m.group())]
        shared = set.intersection(*(set(i) for i in items))  # "Polda Sultra dan Polda Kalteng": Sultra, Kalteng
        own = [[w for w in i if w not in shared] for i in items]
        if all(len(o) == 1 for o in own):  # one name apart each, else not a list of alternatives
            groups.append(tuple(o[0] for o in own))
    return tuple(groups)


_EACH = re.compile(
    r"\b(?:masing-masing|sama-sama|keduanya|kedua\s+(?:daerah|kabupaten|kota|polres|rakor|acara)|both|each|respectively)\b", re.I
)
_NAME = r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2}"
_JOINED = re.compile(rf"\b{_NAME}(?:\s*,\s*{_NAME})*\s+(?:dan|serta|and|&)\s+{_NAME}")


def asked_topic(text: str, lang: str, proper: Sequence[str] = ()) -> tuple[str, ...]:
    """Return the stemmed terms of what the question asks about: after "tentang", "soal" ...; in English after
    "about", "regarding" up to where it places the statement ("at the ... meeting"), in both languages (glossary),
    names and meeting words left out."""
    if lang != "en":
        marker = _topic_marker().search(text)
        return tuple(terms(text[marker.end() :])) if marker else ()
    about = _ABOUT.search(text)
    if about is None:
        return ()
    tail = _PLACED_AT.split(text[about.end() :], maxsplit=1)[0]
    known = set(terms(" ".join(proper))) | generic_topic()
    return tuple(dict.fromkeys(t for t in terms(" ".join([tail, *english_expansions(tail)])) if t not in known))


_ABOUT = re.compile(r"\b(?:about|regarding|concerning|on\s+the\s+(?:topic|subject|issue)\s+of)\b", re.IGNORECASE)
_PLACED_AT = re.compile(r"\b(?:at|during|in)\s+(?:the|a|an|its)\b", re.IGNORECASE)


_PLACEMENT = re.compile(
    r"\b(?:at|during|in|dalam|pada|saat|ketika)\s+(?:the\s+|a\s+|an\s+|its\s+|acara\s+|kegiatan\s+)?[^?.,;]*?"
    r"\b(?:meeting|rakor\w*|rapat|parade|declaration|deklarasi|discussion|fgd|forum|briefing|session|apel|outreach|sosialisasi|bimtek)\b"
    r"(?P<tail>(?:\s+(?!(?:di|pada|tentang|soal|mengenai|terkait|yang|agar|bahwa)\b)[\w/-]+){0,3})",  # "rakor logistik Pemilu"
    re.IGNORECASE,
)


def _meeting_terms(text: str, lang: str) -> frozenset[str]:
    """Return the terms of the phrase that places the statement at a meeting ("at the November logistics meeting")."""
    placed = _PLACEMENT.search(text)
    if placed is None:
        return frozenset()
    phrase = placed.group() if lang != "en" else placed.group()[: placed.start("tail") - placed.start()]
    extra = english_expansions(phrase) if lang == "en" else []
    return frozenset(terms(" ".join([phrase, *extra])))


@lru_cache(maxsize=1)
def _topic_marker() -> re.Pattern[str]:
    """Return the pattern of a word after which a question names its topic ("... tentang <topic>", "berapa jumlah")."""
    markers = "|".join(sorted(word_set("query_words", "topic_markers")))
    return re.compile(rf"\b(?:{markers}|berapa(?:\s+(?:besar|banyak|jumlah))?)\b", re.IGNORECASE)


def generic_words() -> frozenset[str]:
    """Return place-type words ("Pulau", "Kabupaten", "Hotel") that need no support of their own."""
    return frozenset(load("questions")["generic_words"])


@lru_cache(maxsize=1)
def english_function_words() -> frozenset[str]:
    """Return the English question and speech words that carry no topic ("said", "which", "stated" ...)."""
    lexicon = load("questions")
    return frozenset(w.lower() for w in [*lexicon["english_speech_verbs"], *lexicon["question_words"], *lexicon["english_markers"]])
