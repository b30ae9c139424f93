"""What two reports of one meeting say: for a question that asks across reports ("menurut kedua laporan", "both
reports"), the best sentence of each other report of the lead's meeting joins the answer's evidence.

The lead answer comes from one article; the question wants what the other outlet adds. The other reports are the
stored meeting links of the lead article (`rag.index.meetinglinks`), searched with the question's own vector. Of
their sentences, the one that writes a concept of the question the answer does not yet write comes first, then the
best scored; a sentence that repeats a cited one adds nothing.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from rapidfuzz import fuzz

from rag.answer.context import Context
from rag.answer.evidence import Evidence, concept_terms, concepts, gather, not_content
from rag.core.lexicon import patterns
from rag.core.types import Citation
from rag.query.analysis import Question

OTHER_REPORTS = 2  # other reports of one meeting searched at most
PASSAGES = 6  # passages searched in them
REPEATED = 85  # rapidfuzz ratio at or above which a sentence repeats a cited quote


def asks_reports(q: Question) -> bool:
    """Return True when a question asks what two or more reports of one meeting say."""
    return any(p.search(q.text) for p in patterns("questions", "report_cues"))


def other_reports(ctx: Context, q: Question, qvec: np.ndarray, citations: Sequence[Citation], body: str) -> list[Evidence]:
    """Return the best sentence of each other report of the lead citation's meeting that the answer does not cite."""
    if not citations or not asks_reports(q):
        return []
    cited = {c.source for c in citations}
    others = [s for s in ctx.meetings.sibling_reports(citations[0].source)[1:] if s not in cited][:OTHER_REPORTS]
    if not others:
        return []
    hits = ctx.retriever.passages_in(q.search_text, qvec, PASSAGES, set(others))
    evidence = gather(ctx, q, hits, dict.fromkeys(others, True), depth=PASSAGES)
    skip = not_content(q)
    missing = [g for g in concepts(q) if not g & skip and not g & concept_terms(body)]
    quotes = [c.quote for c in citations]
    out = []
    for source in others:
        own = [e for e in evidence if e.source == source and not any(fuzz.ratio(e.text, t) >= REPEATED for t in quotes)]
        if own:
            out.append(max(own, key=lambda e: (sum(1 for g in missing if g & concept_terms(e.text)), e.score)))
    return out
