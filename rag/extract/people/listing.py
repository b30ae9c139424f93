"""The separate people a listing mention names ("Kapolres A, Dandim B dan Ketua KPU C")."""

from __future__ import annotations

from typing import Iterable

from rag.core.lexicon import fold
from rag.core.sentences import Tok, tokenize
from rag.core.types import Speaker
from rag.extract.people.names import is_person_role, parse_speaker


def split_people(text: str, places: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Return character spans of the separate people a listing mention names ('A, B dan C')."""
    toks = [t for t in tokenize(text)]
    parts: list[list[Tok]] = [[]]
    for tok in toks:
        if tok.text in ",;" or fold(tok.text) in ("dan", "serta", "&"):
            parts.append([])
        else:
            parts[-1].append(tok)
    groups: list[tuple[int, int, Speaker]] = []
    for part in (p for p in parts if p):
        a, b = part[0].start, part[-1].end
        sp = parse_speaker(text[a:b], places)
        if groups and not groups[-1][2].name and groups[-1][2].role and sp.name and not sp.role:
            a = groups[-1][0]
            sp = parse_speaker(text[a:b], places)
            groups.pop()
        groups.append((a, b, sp))
    people = [(a, b) for a, b, sp in groups if sp.name and (sp.rank or is_person_role(sp.role))]
    return people if len(people) > 1 else [(0, len(text))]
