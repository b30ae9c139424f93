"""The conversation as data and HTML: one JSON record per answered question, and the chat rendered from them.

A record keeps everything its message needs later (its own citations with
offsets, passages and credit lines), so the sources of an old answer can be
reopened after later questions or a page reload. Nothing here imports gradio;
all text is escaped before it becomes HTML.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping, Sequence

from rag.app.html import CREDIT_KEYS, esc, lines_label, meeting_text, speaker_text
from rag.core.types import Answer, Citation, Hit

MAX_TURNS = 30  # kept in the browser; older ones are dropped
HISTORY_TURNS = 6  # earlier turns passed to the service for follow-up questions
NEAR = 3  # nearest passages kept for a "not found" answer
EXTRA_KEYS = ("direct", "evidence", "confidence", "reasons", "interpreted_as")
EMPTY_CHAT = ("Tanyakan siapa mengatakan apa, di rapat mana, di mana dan kapan. Setiap jawaban menyebut sumbernya: "
              "klik [n] untuk membaca kutipan di artikelnya.")
PENDING = "Mencari…"
DIRECT_CHARS = 240  # a longer first line is cut for the one-line answer (the full text stays below)
_REF = re.compile(r"\[(\d{1,3})\]")
_FOLD = re.compile(r"[\s?.!]+")

Credit = Callable[[str], Mapping[str, Any]]


def _no_credit(_source: str) -> Mapping[str, Any]:
    return {}


def cite_record(c: Citation, credit_for: Credit = _no_credit) -> dict[str, Any]:
    """Return a citation as stored with its message: the contract keys, offsets, passage, speaker, meeting and credit."""
    rec: dict[str, Any] = dict(c.to_json())
    rec.update(start=c.start, end=c.end, speaker=speaker_text(c.speaker), meeting=meeting_text(c.meeting))
    if c.passage is not None:
        rec.update(passage=c.passage.text, p_start=c.passage.start)
    known = credit_for(c.source)
    for key in CREDIT_KEYS:
        rec[key] = rec.get(key) or known.get(key) or ""
    return rec


def near_record(hit: Hit, credit_for: Credit = _no_credit) -> dict[str, Any]:
    """Return a nearest passage as stored with its message."""
    ch = hit.chunk
    known = credit_for(ch.source)
    return {"source": ch.source, "start_line": ch.start_line, "end_line": ch.end_line, "text": ch.text,
            **{k: known.get(k) or "" for k in CREDIT_KEYS}}


def turn_record(answer: Answer, credit_for: Credit = _no_credit) -> dict[str, Any]:
    """Return one answered question as a JSON-ready record (what the browser keeps)."""
    data = answer.to_json()
    rec: dict[str, Any] = {
        "question": answer.question, "answer": data.get("answer") or "", "answerable": bool(data.get("answerable")),
        "speaker": data.get("speaker"), "kind": answer.kind,
        "cites": [cite_record(c, credit_for) for c in answer.citations],
        "near": [] if answer.citations else [near_record(h, credit_for) for h in answer.passages[:NEAR]],
    }
    for key in EXTRA_KEYS:
        rec[key] = data[key] if key in data else getattr(answer, key, None)
    return rec


def add_turn(turns: Sequence[Mapping[str, Any]] | None, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the turns with ``record`` appended, keeping the last MAX_TURNS."""
    return [*[dict(t) for t in turns or [] if isinstance(t, Mapping)], dict(record)][-MAX_TURNS:]


def history_pairs(turns: Sequence[Mapping[str, Any]] | None, limit: int = HISTORY_TURNS) -> list[list[str]]:
    """Return the last ``limit`` turns as [question, answer] pairs for the service."""
    pairs = [[str(t.get("question") or ""), str(t.get("answer") or "")] for t in turns or [] if isinstance(t, Mapping)]
    return pairs[-limit:] if limit > 0 else []


def turn_at(turns: Sequence[Any] | None, index: object) -> Mapping[str, Any] | None:
    """Return turn ``index`` if it exists (the index comes from the browser, so it is checked)."""
    try:
        i = int(str(index))
    except ValueError:
        return None
    items = list(turns or [])
    return items[i] if 0 <= i < len(items) and isinstance(items[i], Mapping) else None


def cite_in(turn: Mapping[str, Any], number: object) -> Mapping[str, Any] | None:
    """Return citation ``number`` of a turn, or None."""
    for c in turn.get("cites") or []:
        if str(c.get("id")) == str(number):
            return c
    return None


def direct_line(rec: Mapping[str, Any]) -> str:
    """Return the one-line answer: the engine's ``direct`` line, else the first line of the answer."""
    direct = rec.get("direct")
    if isinstance(direct, str) and direct.strip():
        return direct.strip()
    first = str(rec.get("answer") or "").strip().split("\n", 1)[0].strip()
    if len(first) <= DIRECT_CHARS:
        return first
    refs = " ".join(f"[{n}]" for n in dict.fromkeys(_REF.findall(first)))
    body = _REF.sub("", first).strip()
    return body[: DIRECT_CHARS - 20].rsplit(" ", 1)[0] + "… " + refs


def where_line(rec: Mapping[str, Any]) -> str:
    """Return the answer's closing meeting line (where and when) when the engine gives no ``direct`` line, else ''."""
    if isinstance(rec.get("direct"), str) and rec["direct"].strip():
        return ""
    lines = [x.strip() for x in str(rec.get("answer") or "").strip().split("\n") if x.strip()]
    return lines[-1] if len(lines) > 1 and not _REF.search(lines[-1]) else ""


def evidence_items(rec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the evidence sentences: the engine's ``evidence`` list, else one per citation."""
    given = rec.get("evidence")
    if isinstance(given, list) and given:
        keys = ("quote", "source", "start_line", "end_line")
        return [{"n": e.get("n"), **{k: e.get(k) for k in keys}} for e in given if isinstance(e, Mapping)]
    return [{"n": c.get("id"), "quote": c.get("quote"), "source": c.get("source"), "start_line": c.get("start_line"),
             "end_line": c.get("end_line")} for c in rec.get("cites") or []]


def differs(interpreted: object, question: object) -> bool:
    """Return True when the reading of a question says more than the question itself."""
    a, b = (_FOLD.sub(" ", str(x or "")).strip().casefold() for x in (interpreted, question))
    return bool(a) and a != b


def short_source(cite: Mapping[str, Any], fallback: str) -> str:
    """Return the outlet, else the headline (cut), else the file name: a short 'where from' for an evidence line."""
    title = str(cite.get("title") or "")
    return str(cite.get("outlet") or "") or (title if len(title) <= 60 else title[:57] + "…") or fallback


def cite_link(turn: int, n: int, quote: str) -> str:
    """Return the [n] link of a message: hover shows the quote, click opens the source."""
    tip = quote if len(quote) <= 300 else quote[:297] + "…"
    return (f'<button type="button" class="cite-link" data-turn="{turn}" data-cite="{n}" title="{esc(tip)}"'
            f' aria-label="Buka sumber {n}">[{n}]</button>')


def linkify(text: str, turn: int, quotes: Mapping[int, str]) -> str:
    """Return ``text`` escaped, with every [n] that names a citation turned into its link."""

    def link(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return cite_link(turn, n, quotes[n]) if n in quotes else m.group(0)

    return _REF.sub(link, esc(text))


def _evidence_html(turn: int, rec: Mapping[str, Any], quotes: Mapping[int, str]) -> str:
    """Return the evidence list of a message."""
    cites = {int(c.get("id", 0)): c for c in rec.get("cites") or []}
    items = []
    for e in evidence_items(rec):
        try:
            n = int(e.get("n") or 0)
        except (TypeError, ValueError):
            n = 0
        quote = str(e.get("quote") or "")
        shown = quote if len(quote) <= 400 else quote[:397] + "…"
        where = short_source(cites.get(n, {}), str(e.get("source") or ""))
        lines = lines_label(int(e.get("start_line") or 0), int(e.get("end_line") or 0)) if e.get("start_line") else ""
        link = cite_link(turn, n, quotes.get(n, quote)) if n in quotes else ""
        items.append(f'<li>{link} <q>{esc(shown)}</q> <span class="ev-src">{esc(", ".join(p for p in (where, lines) if p))}</span></li>')
    return f'<ol class="evidence">{"".join(items)}</ol>' if items else ""


def _reasons_html(rec: Mapping[str, Any]) -> str:
    """Return why an answer was not found (the engine's reasons, or a short note about the nearest passages)."""
    if rec.get("answerable"):
        return ""
    reasons = [str(r) for r in rec.get("reasons") or [] if str(r).strip()]
    if not reasons and rec.get("near"):
        reasons = ["Bagian artikel yang paling dekat tidak memuat jawabannya (lihat «Bagian terdekat»)."]
    if not reasons:
        return ""
    return '<div class="reasons"><b>Mengapa:</b><ul>' + "".join(f"<li>{esc(r)}</li>" for r in reasons) + "</ul></div>"


def turn_html(turn: int, rec: Mapping[str, Any], active: bool = False) -> str:
    """Return one question and its answer: the direct line, how it was read, the evidence, then the full text."""
    quotes = {int(c.get("id", 0)): str(c.get("quote") or "") for c in rec.get("cites") or []}
    direct = direct_line(rec)
    parts = [f'<p class="direct">{linkify(direct, turn, quotes)}</p>']
    where = where_line(rec)
    if where:
        parts.append(f'<p class="where">{esc(where)}</p>')
    if differs(rec.get("interpreted_as"), rec.get("question")):
        parts.append(f'<p class="interp">Dibaca sebagai: {esc(rec.get("interpreted_as"))}</p>')
    parts.append(_evidence_html(turn, rec, quotes))
    parts.append(_reasons_html(rec))
    full = str(rec.get("answer") or "").strip()
    if full and full != direct:
        parts.append(f'<details class="full"><summary>Jawaban lengkap</summary><div class="full-text">{linkify(full, turn, quotes)}</div>'
                     "</details>")
    foot = []
    count = len(rec.get("cites") or []) or len(rec.get("near") or [])
    if count:
        label = "Sumber" if rec.get("cites") else "Bagian terdekat"
        foot.append(f'<button type="button" class="turn-sources" data-turn="{turn}">{label} ({count})</button>')
    confidence = rec.get("confidence")
    if isinstance(confidence, (int, float)) and not isinstance(confidence, bool):
        foot.append(f'<span class="conf">keyakinan {round(100 * max(0.0, min(1.0, float(confidence))))}%</span>')
    if foot:
        parts.append(f'<div class="turn-foot">{"".join(foot)}</div>')
    cls = "turn active" if active else "turn"
    return (f'<div class="{cls}" data-turn="{turn}"><div class="msg user">{esc(rec.get("question"))}</div>'
            f'<div class="msg bot">{"".join(parts)}</div></div>')


def chat_html(turns: Sequence[Any] | None, pending: str | None = None) -> str:
    """Return the whole conversation (the last answer active), plus a pending question if one is being answered."""
    items = [t for t in turns or [] if isinstance(t, Mapping)]
    if not items and pending is None:
        return f'<div class="chat"><p class="chat-empty">{esc(EMPTY_CHAT)}</p></div>'
    last = len(items) - 1 if pending is None else -1
    body = [turn_html(i, t, i == last) for i, t in enumerate(items)]
    if pending is not None:
        body.append(f'<div class="turn pending"><div class="msg user">{esc(pending)}</div>'
                    f'<div class="msg bot"><p class="direct">{esc(PENDING)}</p></div></div>')
    return f'<div class="chat">{"".join(body)}</div>'


def locate(text: str, quote: str, start: int, end: int) -> tuple[int, int] | None:
    """Return where a stored quote is in the article now: its offsets if still exact, else its first occurrence."""
    if quote and 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def normalize_history(history: object, limit: int = 20) -> list[list[str]]:
    """Return API history as [question, answer] pairs: accepts questions, [q, a] pairs or {"question", "answer"} dicts."""
    if isinstance(history, str):
        history = [history]
    if not isinstance(history, (list, tuple)):
        return []
    pairs = []
    for item in history:
        if isinstance(item, str):
            pairs.append([item, ""])
        elif isinstance(item, (list, tuple)) and item and all(isinstance(x, str) for x in item[:2]):
            pairs.append([item[0], item[1] if len(item) > 1 else ""])
        elif isinstance(item, Mapping) and isinstance(item.get("question"), str):
            pairs.append([item["question"], str(item.get("answer") or "")])
    return [p for p in pairs if p[0].strip()][-limit:]
