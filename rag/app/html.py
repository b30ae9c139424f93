"""Pure HTML fragments for the web app: credit lines, citation cards, the article reader.

Nothing here imports gradio. Every piece of article or user text goes through
`esc` (``html.escape``) before it is put into HTML, so ``<script>``, ``<img
onerror>`` or markdown in a seed file is shown as literal, inert text. Quotes
are highlighted by character offsets, never by searching the HTML.
"""

from __future__ import annotations

import html
import re
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from rag.core.types import Meeting, Speaker, line_spans

CREDIT_KEYS = ("title", "outlet", "published", "url")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


def esc(text: object) -> str:
    """Return ``text`` HTML-escaped (quotes included); None becomes ''."""
    return html.escape("" if text is None else str(text), quote=True)


def marked(text: str, start: int, end: int, mark_start: int, mark_end: int, mark_id: str = "") -> str:
    """Return escaped ``text[start:end]`` with ``[mark_start, mark_end)`` wrapped in <mark>."""
    start, end = max(0, start), min(len(text), end)
    lo, hi = max(start, mark_start), min(end, mark_end)
    if lo >= hi:
        return esc(text[start:end])
    ident = f' id="{esc(mark_id)}"' if mark_id else ""
    return f"{esc(text[start:lo])}<mark{ident}>{esc(text[lo:hi])}</mark>{esc(text[hi:end])}"


def lines_label(start_line: int, end_line: int) -> str:
    """Return 'baris 5' or 'baris 5–7'."""
    return f"baris {start_line}" if start_line == end_line else f"baris {start_line}–{end_line}"


def human_date(value: object) -> str:
    """Return '12 Des 2023' for '2023-12-12' (a longer ISO timestamp keeps only its date; anything else is returned as is)."""
    text = str(value or "").strip()
    if not ISO.match(text):
        return text
    year, month, day = text[:10].split("-")
    if not 1 <= int(month) <= 12:
        return text
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def speaker_text(speaker: Speaker | None) -> str:
    """Return 'Name — rank role' (plain text) for a citation header."""
    if speaker is None:
        return ""
    role = " ".join(p for p in (speaker.rank, speaker.role) if p)
    name = speaker.name or speaker.mention
    return " — ".join(p for p in (name, role) if p)


def meeting_text(meeting: Meeting | None) -> str:
    """Return 'Name · venue, city, province · date' (plain text); a date is written once."""
    if meeting is None:
        return ""
    place = ", ".join(p for p in (meeting.venue, meeting.city, meeting.province) if p)
    when = meeting.date_text or human_date(meeting.date)
    return " · ".join(p for p in (meeting.name or meeting.event, place, when) if p)


def credit_of(*layers: Mapping[str, Any] | None) -> dict[str, str]:
    """Return title/outlet/published/url, each from the first layer that knows it ('' when none does)."""
    out = {}
    for key in CREDIT_KEYS:
        out[key] = next((str(layer[key]).strip() for layer in layers if layer and layer.get(key)), "")
    return out


def safe_url(url: str) -> str:
    """Return ``url`` if it is an http(s) address, else ''."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def credit_html(credit: Mapping[str, Any]) -> str:
    """Return the credit line 'title · outlet · date · link' (only the parts that are known), or ''."""
    parts = []
    if credit.get("title"):
        parts.append(f'<span class="cr-title">{esc(credit["title"])}</span>')
    if credit.get("outlet"):
        parts.append(f'<span class="cr-outlet">{esc(credit["outlet"])}</span>')
    if credit.get("published"):
        parts.append(f'<span class="cr-date">{esc(human_date(credit["published"]))}</span>')
    url = str(credit.get("url") or "")
    if safe_url(url):
        shown = url if len(url) <= 60 else url[:57] + "…"
        parts.append(f'<a class="cr-url" href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">{esc(shown)}</a>')
    elif url:
        parts.append(f'<span class="cr-url">{esc(url)}</span>')
    return f'<div class="credit">{" · ".join(parts)}</div>' if parts else ""


def credit_text(credit: Mapping[str, Any], fallback: str = "") -> str:
    """Return 'title — outlet' as plain text (``fallback`` when neither is known)."""
    return " — ".join(p for p in (credit.get("title"), credit.get("outlet")) if p) or fallback


def empty_panel(note: str) -> str:
    """Return a placeholder panel with a short note."""
    return f'<div class="sources empty"><p>{esc(note)}</p></div>'


def cite_card(turn: int, cite: Mapping[str, Any], selected: bool = False) -> str:
    """Return the sources-panel card of one stored citation, its quote highlighted inside the passage."""
    n, start, end = int(cite.get("id", 0)), int(cite.get("start", 0)), int(cite.get("end", 0))
    passage, p_start = str(cite.get("passage") or ""), int(cite.get("p_start", start))
    if passage:
        body = marked(passage, 0, len(passage), start - p_start, end - p_start)
    else:
        body = f"<mark>{esc(cite.get('quote'))}</mark>"
    who = str(cite.get("speaker") or "")
    lines = lines_label(int(cite.get("start_line", 0)), int(cite.get("end_line", 0)))
    cls = "cite-card selected" if selected else "cite-card"
    return "".join([
        f'<div class="{cls}" data-n="{n}" id="card-{turn}-{n}">',
        f'<div class="cite-head"><b>[{n}]</b> {esc(who)}</div>',
        credit_html(cite),
        f'<div class="cite-meet">{esc(cite.get("meeting"))}</div>' if cite.get("meeting") else "",
        f'<div class="cite-file"><code>{esc(cite.get("source"))}</code> · {lines}</div>',
        f'<blockquote class="cite-passage">{body}</blockquote>',
        f'<button class="cite-open" type="button" data-turn="{turn}" data-cite="{n}">Baca di artikel [{n}]</button>',
        "</div>",
    ])


def near_card(hit: Mapping[str, Any]) -> str:
    """Return the card of a nearest passage (shown when nothing answers the question)."""
    lines = lines_label(int(hit.get("start_line", 0)), int(hit.get("end_line", 0)))
    return (
        f'<div class="near-card">{credit_html(hit)}<div class="cite-file"><code>{esc(hit.get("source"))}</code> · {lines}</div>'
        f'<blockquote class="cite-passage">{esc(hit.get("text"))}</blockquote></div>'
    )


def sources_panel(turn: int, record: Mapping[str, Any], selected: int | None = None) -> str:
    """Return the sources panel of one answer: its citation cards, or the nearest passages."""
    question = str(record.get("question") or "")
    short = question if len(question) <= 90 else question[:87] + "…"
    ask = f'<div class="panel-q">Pertanyaan {turn + 1}: «{esc(short)}»</div>'
    cites: Sequence[Mapping[str, Any]] = record.get("cites") or []
    if cites:
        cards = "".join(cite_card(turn, c, selected == int(c.get("id", 0))) for c in cites)
        return f'<div class="sources" data-turn="{turn}"><div class="panel-head"><h3>Sumber</h3>{ask}</div>{cards}</div>'
    near: Sequence[Mapping[str, Any]] = record.get("near") or []
    if not near:
        return empty_panel("Tidak ada sumber untuk pertanyaan ini.")
    cards = "".join(near_card(h) for h in near)
    note = '<p class="near-note">Bagian artikel yang paling dekat, tetapi tidak memuat jawabannya:</p>'
    return f'<div class="sources" data-turn="{turn}"><div class="panel-head"><h3>Bagian terdekat</h3>{ask}</div>{note}{cards}</div>'


def article_view(source: str, text: str, start: int = -1, end: int = -1, credit: Mapping[str, Any] | None = None,
                 note: str = "") -> str:
    """Return the whole article, escaped, with line numbers, its credit line and ``[start, end)`` marked id="hl"."""
    rows, first = [], True
    for number, (lo, hi) in enumerate(line_spans(text), 1):
        hit = start < hi and lo < end
        ident = "hl" if hit and first else ""
        first = first and not hit
        body = marked(text, lo, hi, start, end, ident) if hit else esc(text[lo:hi])
        cls = "ln hit" if hit else "ln"
        rows.append(f'<div class="{cls}"><span class="no">{number}</span><span class="tx">{body}</span></div>')
    head = f'<div class="art-head">{credit_html(credit or {})}<code>{esc(source)}</code></div>'
    warn = f'<p class="art-note">{esc(note)}</p>' if note else ""
    return f'<div class="article">{head}{warn}<div class="article-scroll">{"".join(rows)}</div></div>'


def corpus_line(articles: int, meetings: int, dates: Sequence[str]) -> str:
    """Return the one-line description of what the corpus covers (escaped HTML)."""
    isos = sorted(d for d in dates if d and ISO.match(d))
    span = f", {human_date(isos[0])} – {human_date(isos[-1])}" if isos else ""
    text = f"Korpus: {articles} artikel berita Pilkada/Pemilu 2024, {meetings} rapat/acara koordinasi{span}."
    return f'<p class="corpus-line">{esc(text)}</p>'
