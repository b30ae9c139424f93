"""The one decision to answer or abstain: every check is a feature, one calibrated threshold decides."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from typing import Sequence

from rag.answer.asks import asked_object, asked_title, asked_venue_kind, asks_holder, asks_venue, asks_which_person, asks_who, venue_of_kind
from rag.answer.attribution import Named, holder_in, name_written, resolved, said_among, said_by, speaker_written, who_of
from rag.answer.backing import names_no_one
from rag.answer.candidates import Draft
from rag.answer.complement import complement, each_other
from rag.answer.context import Context
from rag.answer.decision import candidate, features, model, scaled_cosine
from rag.answer.evidence import Evidence
from rag.answer.holders import holder_named, names_holder
from rag.answer.naming import Titled, is_title_term, names_a_person, names_titled, names_venue, speaks, titled_pairs
from rag.answer.partners import asked_partner, partner_in
from rag.answer.rivals import (
    CONTENT_MARGIN,
    SAYS_KINDS,
    clearly_better,
    fact_better,
    holder_better,
    holder_sentence,
    place_complement,
    places_better,
)
from rag.core.settings import Settings
from rag.core.text import DIGIT, WORD, terms
from rag.core.types import Speaker
from rag.query.analysis import Question, generic_topic
from rag.query.meetings import asked_event_kinds, held_as
from rag.query.quantities import states_count

DRAFT_CONFIDENCE = 0.9  # a structured answer (statement or meeting record) that passed every check


@dataclass(frozen=True)
class Choice:
    """What the reader will answer from: a structured draft, or a verbatim evidence sentence."""

    draft: Draft | None = None
    evidence: Evidence | None = None
    extra: Evidence | None = None  # a second sentence: what the first leaves out, or another article's for "each"
    speaker: Speaker | None = None  # who a sentence with no statement of its own is about ("terang Rita")
    holder: Speaker | None = None  # who holds the title asked about, as the sentence names them (not their words)


@dataclass(frozen=True)
class Verdict:
    """Answer or abstain, how sure, and why."""

    answer: bool
    confidence: float
    reasons: tuple[str, ...]
    choice: Choice = Choice()
    signals: dict[str, float] = field(default_factory=dict)  # the learned decision's features, its probability, its source


def evidence_confidence(settings: Settings, e: Evidence, lang: str = "id") -> float:
    """Return 0..1: how close the passage is (cosine scaled between the model's floor and ceiling, lower for an
    English question) and how much of the question the sentence and its neighbours cover."""
    dense = scaled_cosine(settings.tuning, e.dense, lang)
    return round(0.5 * dense + 0.5 * max(e.cover, e.window_cover), 4)


def decide(ctx: Context, q: Question, draft: Draft | None, objection: str, evidence: Sequence[Evidence], fits: dict[str, str]) -> Verdict:
    """Return the verdict: the checks' choice (`_checked`) and their objections are features of the one learned
    decision (`rag.answer.decision`), which answers when its probability reaches the threshold; when the checks
    objected, it answers from the best sentence of the articles with every name of the question."""
    checked = _checked(ctx, q, draft, objection, evidence, fits)
    best = checked.choice.evidence if checked.answer and checked.choice.draft is None else candidate(evidence)
    found = features(ctx, q, checked.reasons, best, checked.answer, fits)
    p = round(model().probability(found), 4)
    threshold = ctx.settings.answer_threshold
    lead = checked.choice.draft.citations[0].source if checked.choice.draft and checked.choice.draft.citations else ""
    signals = {**found, "p": p, "source": lead or (best.source if best else "")}
    verdict = f"learned decision {p:.2f} {'≥' if p >= threshold else '<'} {threshold:.2f}"
    if p < threshold or (not checked.answer and best is None):
        return Verdict(False, p, (*checked.reasons, verdict), signals=signals)
    if checked.answer:
        return replace(checked, confidence=p, reasons=(*checked.reasons, verdict), signals=signals)
    about = holder_in(best, resolved(ctx, q)) if best.said is None else None
    reasons = (*checked.reasons, f"answered from the best sentence despite the checks: {verdict}")
    return Verdict(True, p, reasons, Choice(None, best, None, about), signals)


def _checked(ctx: Context, q: Question, draft: Draft | None, objection: str, evidence: Sequence[Evidence], fits: dict[str, str]) -> Verdict:
    """Return the checks' verdict over every candidate: the structured draft when it passed and no sentence covers the
    question clearly better, else the best usable sentence when its confidence reaches the evidence threshold."""
    lead = draft.citations[0] if draft is not None and draft.citations else None
    if lead is not None and not objection and asks_venue(q) and not (lead.meeting and lead.meeting.venue):
        objection = "the structured answer's first meeting names no venue"
    kind = asked_venue_kind(q)
    if lead is not None and not objection and kind and not venue_of_kind(kind, lead.meeting.venue if lead.meeting else ""):
        objection = f"the structured answer's first meeting names no {kind}"
    if lead is not None and not objection and fits.get(lead.source):
        objection = f"the structured answer's article lacks {fits[lead.source]!r}"
    partner = asked_partner(q.text)
    if lead is not None and not objection and partner:
        objection = "a running mate is asked: the sentence that writes the pair answers"
    named = resolved(ctx, q)
    usable, refusal = usable_evidence(q, evidence, fits, named)
    if objection.startswith(OFF_TOPIC):  # the person spoke, not of this: another sentence must itself be on the topic
        topic = set(_asked_topic(q))
        usable = [e for e in usable if topic & set(terms(e.text))]
        refusal = refusal or objection
    spoken = ctx.people.rows_for(q.people_text)[0] if q.kind in SAYS_KINDS and not asks_which_person(q) else None
    if spoken is not None and (not spoken or name_written(ctx, q)):  # a kind of speaker ("tokoh agama") is not a name
        mine = {(s.source, s.start) for s in (ctx.snapshot.statements[r] for r in spoken)}
        theirs = [e for e in usable if said_among(e, mine)]  # "What did <name> say": that person's statements only
        usable = theirs or [e for e in usable if _their_sentence(q, e, named)]  # else their speech naming them
        refusal = refusal or "no retrieved sentence is a statement of the person the question names"
    if draft is not None and not objection:
        rival = clearly_better(q, draft, evidence, usable) or places_better(q, draft, evidence, usable)
        rival = rival or holder_better(q, draft, usable) or fact_better(q, draft, usable)
        if rival is not None and evidence_confidence(ctx.settings, rival, q.lang) < ctx.settings.tuning.evidence_threshold:
            rival = None  # an unsure sentence does not replace a structured answer that passed every check
        if rival is None:
            choice = Choice(draft=draft, extra=_uncited(draft, usable))
            return Verdict(True, DRAFT_CONFIDENCE, ("structured answer passed every check",), choice)
        usable = [rival]
        objection = "a sentence covers the question clearly better than the structured answer"
    reasons = [objection or "no structured answer"]
    if not usable:
        return Verdict(False, 0.0, (*reasons, refusal))
    best = max(usable, key=lambda e: (e.score, -e.rank, -e.start))
    confidence = evidence_confidence(ctx.settings, best, q.lang)
    holder = holder_sentence(q, usable)
    if holder is not None:  # "Siapa Dandim 1310/Bitung?": a sentence naming that title, its unit and a name covers it all
        best, confidence = holder, max(confidence, evidence_confidence(ctx.settings, replace(holder, cover=1.0), q.lang))
    threshold = ctx.settings.tuning.evidence_threshold
    if confidence >= threshold:
        second = each_other(q, best, usable, partial(_known_in, ctx)) if q.each else complement(q, best, usable)
        second = place_complement(q, best, usable, ctx.meetings.sibling_reports(best.source)[1:]) or second
        named_holder = holder_named(_asked_pairs(q), best.text) if holder is not None and best.said is None else None
        named_holder = partner_in(partner, best.text) if partner else named_holder
        about = holder_in(best, named) if best.said is None and named and named_holder is None else None
        choice = Choice(None, best, second, about, named_holder)
        return Verdict(True, confidence, (*reasons, f"evidence confidence {confidence:.2f} ≥ {threshold:.2f}"), choice)
    return Verdict(False, confidence, (*reasons, f"evidence confidence {confidence:.2f} < {threshold:.2f}"))


def usable_evidence(
    q: Question, evidence: Sequence[Evidence], fits: dict[str, str], named: Sequence[Named] = ()
) -> tuple[list[Evidence], str]:
    """Return the sentences that may answer: from an article with every name of the question, naming the person or
    venue the question asks for, stating the quantity it counts; and the reason when none is left. ``named`` holds the
    name and articles of each person the question's title resolves to ("Kapolres Sukabumi Kota" is Rita Suwadi)."""
    usable = [e for e in evidence if e.fits]
    if not usable:
        missing = next((m for m in fits.values() if m), "")
        return [], f"no retrieved article has {missing!r}" if missing else "no evidence retrieved"
    titled = titled_pairs(q)
    says = q.kind in SAYS_KINDS
    if titled and says:  # what a titled person said: their own statement, or the sentence right after it
        asked = {w.lower() for w in WORD.findall(q.text)}
        usable = [e for e in usable if said_by(e, titled) or speaker_written(e, asked) or holder_in(e, named)]
    elif partner := asked_partner(q.text):  # "berpasangan dengan X": the sentence that writes X's pair
        usable = [e for e in usable if partner_in(partner, e.text)]
    elif asks_who(q):  # "who": a speaker, or the person the question describes
        holder = asks_holder(q)
        usable = [e for e in usable if _names_someone(e, titled, holder)]
        spoken = [e for e in usable if e.said is not None or e.previous is not None]
        usable = spoken if spoken and q.kind == "who_said" and not holder else usable  # a speaker, not a name in a list
    if asks_venue(q):
        kind = asked_venue_kind(q)
        usable = [e for e in usable if names_venue(e.text) and venue_of_kind(kind, e.text)]
    if thing := asked_object(q):  # "Apa nama maskot ...": a sentence that mentions the mascot
        usable = [e for e in usable if thing & e.window_terms]
    if not usable:
        return [], "no retrieved sentence names the person, the venue or the thing the question asks for"
    kinds = asked_event_kinds(q) if says else []
    if kinds:  # "Apa kata X dalam deklarasi damai?": not what X said at an apel
        usable = [e for e in usable if e.held is None or held_as(e.held, kinds)]
    topic = _asked_topic(q)
    if topic and says:  # "... tentang e-voting": the sentence or its neighbours mention it
        usable = [e for e in usable if e.window_terms & set(topic)]
    if not usable:
        return [], "no retrieved sentence is about the meeting kind or the topic the question names"
    if q.asks_count:  # with nothing named to count, a figure must be written in digits ("Ribuan warga" counts no one)
        usable = [e for e in usable if states_count(e.text, q.counted) and (q.counted or DIGIT.search(e.text))]
    return usable, "" if usable else "no retrieved sentence states the quantity asked"


def _their_sentence(q: Question, e: Evidence, named: Sequence[Named]) -> bool:
    """Return True for a sentence of the person's own article that names them and reports speech; for "berapa", one
    that names them by name or by the title asked (the figure need not be their words: "Berapa suara yang diraih X")."""
    if q.asks_count:  # the name as the question writes it, or with no name the title it asks ("menurut Kapolres")
        names, titled = _name_words(q), titled_pairs(q)
        if names:
            written = names.intersection(WORD.findall(e.text))  # half the name at least: one surname is no one
            return holder_in(e, named) is not None or 2 * len(written) >= len(names)
        return bool(titled and names_titled(titled, e.text, every=False))
    return holder_in(e, named) is not None and speaks(e.text)


def _name_words(q: Question) -> set[str]:
    """Return the question's capitalized words that may be part of a person's name (no acronym, place or title)."""
    return {w for w in q.proper if len(w) > 3 and not w.isupper() and not names_no_one(w)}


def _uncited(draft: Draft, usable: Sequence[Evidence]) -> Evidence | None:
    """Return the usable sentence of the lead's article that says clearly more of what is asked than every sentence
    the structured answer cites (cited after them, unattributed), else None."""
    if draft.kind not in SAYS_KINDS or not draft.citations:
        return None
    cited = [(c.source, c.start, c.end) for c in draft.citations]

    def covered(e: Evidence) -> bool:
        return any(source == e.source and start < e.end and e.start < end for source, start, end in cited)

    said = max((e.content for e in usable if covered(e)), default=0.0)
    lead = draft.citations[0].source
    rest = [e for e in usable if e.source == lead and not covered(e) and e.content >= max(said + EXTRA_MARGIN, CONTENT_MARGIN)]
    return max(rest, key=lambda e: (e.content, e.score), default=None)


EXTRA_MARGIN = 0.2  # how much more of what is asked a sentence must say to be cited after a structured answer


OFF_TOPIC = "the cited statements are not about the question's topic"


def _asked_topic(q: Question) -> list[str]:
    """Return what the question asks about: its topic terms without the meeting's words and the common election words
    ("pemilih" is no topic)."""
    return [t for t in q.asked_topic if t not in q.meeting_terms and t not in generic_topic()]


def _asked_pairs(q: Question) -> list[Titled]:
    """Return the titled people of the question whose holder it asks for ("Siapa Sekda ... yang mendampingi Kapolres":
    the Sekda), or all of them."""
    pairs, word = titled_pairs(q), asked_title(q)
    asked = [p for p in pairs if word and any(is_title_term(t, p.title) for t in terms(word))]
    return asked or pairs


def _known_in(ctx: Context, word: str, source: str) -> bool:
    """Return True when an article has a word (or one of its aliases)."""
    return ctx.support.known(word, [source])


def _names_someone(e: Evidence, titled: list, holder: bool = False) -> bool:
    """Return True when the sentence names the titled person the question describes (by name, when the question asks
    who holds the title), or has a speaker who fits it."""
    if titled:
        named = names_titled(titled, e.text, every=False) and (not holder or names_holder(titled, e.text))
        return named or (e.said is not None and bool(e.said.speaker.name) and names_titled(titled, who_of(e.said), every=False))
    return e.said is not None or e.previous is not None or names_a_person(e.text)
