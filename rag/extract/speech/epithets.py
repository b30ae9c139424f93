"""Who an attribution after a quote means when it is not a plain name.

"kata pria yang akrab disapa Om Alan itu" and "ujar pria asal Bandung itu" point
at the person just quoted (the first also gives a nickname); "ucap Abah Syauqi.
Artinya, ..." ends the name at the sentence's full stop.
"""

from __future__ import annotations

from rag.core.lexicon import fold, word_set
from rag.core.sentences import Tok, cap_runs, ends_sentence
from rag.extract.speech.subjects import Ref, name_ref


def closes_sentence(word: str) -> bool:
    """Return True for a name word that ends its sentence ("Syauqi."), not an abbreviation ("Pol.", "S.H.")."""
    return ends_sentence(word) and word.rstrip(".").lower() not in word_set("titles", "dotted_titles")


EPITHET_REACH = 16  # words an epithet may run ("Perwira Polri yang sebelumnya menjabat Danyon C Resimen ... itu")


def epithet_ref(toks: list[Tok]) -> tuple[Ref, int] | None:
    """Read "kata pria yang akrab disapa Om Alan itu" or "ujar pria asal Bandung itu": the last speaker (and a nickname)."""
    if not toks or fold(toks[0].text) not in word_set("speech_verbs", "epithet_heads"):
        return None
    words = [fold(t.text).rstrip(".") for t in toks[:EPITHET_REACH]]  # "itu." ends the paragraph
    called = next((i for i, w in enumerate(words) if w in word_set("speech_verbs", "epithet_called")), -1)
    if called >= 0:
        runs = [r for r in cap_runs(toks[called + 1 :]) if r[0] == 0]
        if not runs:
            return None
        nick = name_ref(toks, called + 1, called + 1 + runs[0][1])
        return Ref("pronoun", nick.text, nick.start, nick.end), nick.end  # the person just quoted, known by that name
    end = next((i for i, w in enumerate(words) if w in word_set("speech_verbs", "epithet_that") or toks[i].text in ",.;"), -1)
    if end < 0 or toks[end].text in ",.;":
        return None
    return Ref("pronoun"), toks[end].end
