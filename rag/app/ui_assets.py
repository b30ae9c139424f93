"""The web app's CSS and the small JavaScript snippets of its HTML components (no gradio import).

Each ``*_JS`` string runs as a gr.HTML ``js_on_load``: ``element`` is the
component, ``trigger`` sends an event with data to the server, ``watch`` runs
after the server re-renders the value. Scrolling to a highlight moves only
the panel's own scroll box, never the page (except on a phone, where the
panel sits below the chat and is brought into view).
"""

from __future__ import annotations

NARROW = "(max-width: 760px)"

LIGHT_JS = "() => { document.documentElement.classList.remove('dark'); document.body.classList.remove('dark'); }"

CHAT_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-turn]');
  if (!b) return;
  e.preventDefault();
  element.querySelectorAll('.turn.active').forEach((t) => t.classList.remove('active'));
  const turn = b.closest('.turn');
  if (turn) turn.classList.add('active');
  trigger('click', {turn: b.dataset.turn, cite: b.dataset.cite || ''});
});
watch('value', () => {
  const box = element.querySelector('.chat');
  const turns = element.querySelectorAll('.turn');
  if (box && turns.length) box.scrollTop = turns[turns.length - 1].offsetTop - 4;
});
"""

PANEL_JS = """
element.addEventListener('click', (e) => {
  const b = e.target.closest('button[data-cite]');
  if (!b) return;
  e.preventDefault();
  element.querySelectorAll('.cite-card.selected').forEach((c) => c.classList.remove('selected'));
  const card = b.closest('.cite-card');
  if (card) card.classList.add('selected');
  trigger('click', {turn: b.dataset.turn, cite: b.dataset.cite});
});
watch('value', () => {
  const box = element.querySelector('.sources');
  const sel = element.querySelector('.cite-card.selected');
  const head = element.querySelector('.panel-head');
  if (box) box.scrollTop = sel ? sel.offsetTop - (head ? head.offsetHeight : 0) - 4 : 0;
});
"""

ARTICLE_JS = f"""
element.addEventListener('click', (e) => {{
  if (!e.target.closest('.back-to-chat')) return;
  e.preventDefault();
  const chat = document.querySelector('#question');
  if (chat) chat.scrollIntoView({{block: 'center'}});
}});
watch('value', () => {{
  const box = element.querySelector('.article-scroll');
  const mark = element.querySelector('mark#hl');
  if (!box) return;
  box.scrollTop = mark ? Math.max(0, mark.offsetTop - box.clientHeight / 3) : 0;
  if (mark && window.matchMedia('{NARROW}').matches) element.scrollIntoView({{block: 'start'}});
}});
"""

EXAMPLES_JS = f"""
if (window.matchMedia('{NARROW}').matches) {{
  const d = element.querySelector('details');
  if (d) d.open = false;
}}
element.addEventListener('click', (e) => {{
  const b = e.target.closest('button[data-q]');
  if (b) trigger('click', {{q: b.dataset.q}});
}});
"""

ROWS_JS = """
const pick = (tr) => {
  element.querySelectorAll('tr.selected').forEach((r) => r.classList.remove('selected'));
  tr.classList.add('selected');
  trigger('click', {row: tr.dataset.row});
};
element.addEventListener('click', (e) => {
  const tr = e.target.closest('tr[data-row]');
  if (tr && !e.target.closest('a')) pick(tr);
});
element.addEventListener('keydown', (e) => {
  const tr = e.target.closest('tr[data-row]');
  if (tr && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); pick(tr); }
});
"""

REVEAL_JS = f"""
watch('value', () => {{
  const box = element.querySelector('.article-scroll');
  const mark = element.querySelector('mark#hl');
  if (box) box.scrollTop = mark ? Math.max(0, mark.offsetTop - box.clientHeight / 3) : 0;
  if (element.querySelector('.cite-card, .article') && window.matchMedia('{NARROW}').matches) element.scrollIntoView({{block: 'start'}});
}});
"""

DATES_TEMPLATE = (
    '<div class="dates"><label>Dari tanggal <input type="date" class="d-from" lang="id"></label>'
    '<label>Sampai tanggal <input type="date" class="d-to" lang="id"></label></div>'
)
DATES_JS = """
const f = element.querySelector('.d-from'), t = element.querySelector('.d-to');
const send = () => { props.value = (f.value || '') + '|' + (t.value || ''); trigger('input'); };
f.addEventListener('change', send);
t.addEventListener('change', send);
watch('value', () => {
  const p = String(props.value || '|').split('|');
  if (f.value !== (p[0] || '')) f.value = p[0] || '';
  if (t.value !== (p[1] || '')) t.value = p[1] || '';
});
"""

CSS = """
html, body { background: #fff; color-scheme: light; }
footer { display: none !important; }
h1.app-title { font-size: 1.5em; margin: 0 0 2px 0; }
.corpus-line { color: #555; margin: 0 0 6px 0; }
.app-foot { color: #777; font-size: 0.85em; margin-top: 12px; }
#chat-row { gap: 16px; align-items: flex-start; }
#side, #statement-side, #source-side { position: sticky; top: 8px; align-self: flex-start; }
.chat { position: relative; max-height: min(64vh, 660px); min-height: 96px; overflow-y: auto; border: 1px solid #e3e3e3;
  border-radius: 8px; padding: 8px; background: #fafafa; }
.chat-empty { color: #666; margin: 4px; }
.turn { margin-bottom: 14px; }
.msg { border-radius: 8px; padding: 8px 10px; margin: 4px 0; overflow-wrap: anywhere; }
.msg.user { background: #e8f0fe; margin-left: 15%; white-space: pre-wrap; }
.msg.bot { background: #fff; border: 1px solid #e3e3e3; margin-right: 5%; }
.turn.active .msg.bot { border-color: #c9a227; box-shadow: 0 0 0 1px #c9a227; }
.turn.pending .msg.bot { color: #777; }
.direct { font-weight: 600; margin: 0 0 6px 0; white-space: pre-wrap; }
.where { color: #333; font-size: 0.92em; margin: 0 0 6px 0; }
.interp { color: #555; font-size: 0.9em; margin: 0 0 6px 0; font-style: italic; }
.evidence { margin: 4px 0 6px 0; padding-left: 1.2em; font-size: 0.95em; }
.evidence li { margin-bottom: 4px; }
.evidence q { quotes: "“" "”"; }
.ev-src { color: #666; font-size: 0.85em; }
.reasons { font-size: 0.9em; color: #5a4300; background: #fff8e1; border-radius: 6px; padding: 4px 8px; margin: 4px 0; }
.reasons ul { margin: 2px 0 2px 1.2em; padding: 0; }
details.full { font-size: 0.9em; color: #333; margin: 4px 0; }
details.full .full-text { white-space: pre-wrap; }
.turn-foot { display: flex; gap: 10px; align-items: center; margin-top: 4px; }
.conf { color: #777; font-size: 0.85em; }
button.cite-link { border: none; background: #fff3c4; color: #1a4fb4; cursor: pointer; padding: 0 3px; border-radius: 4px;
  font: inherit; font-weight: 600; }
button.cite-link:hover, button.cite-link:focus { background: #ffe066; text-decoration: underline; }
button.turn-sources, button.cite-open, .chip { border: 1px solid #999; border-radius: 6px; background: #f4f4f4; cursor: pointer;
  padding: 2px 10px; font-size: 0.9em; }
button.turn-sources:hover, button.cite-open:hover, .chip:hover { background: #ffe9a8; }
.examples summary { cursor: pointer; color: #444; margin: 4px 0; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { text-align: left; }
.sources { position: relative; max-height: 40vh; overflow-y: auto; }
.sources h3 { margin: 0 0 4px 0; }
.panel-head { position: sticky; top: 0; background: #fff; z-index: 1; padding-bottom: 4px; }
.panel-q { color: #555; font-size: 0.9em; }
.near-note { font-size: 0.9em; color: #5a4300; margin: 0 0 6px 0; }
.cite-card, .near-card { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin-bottom: 10px; background: #fff; }
.cite-card.selected { border-color: #c9a227; box-shadow: 0 0 0 2px #ffe066; }
.cite-head { font-weight: 600; }
.credit { font-size: 0.88em; color: #333; margin: 2px 0; }
.credit .cr-title { font-weight: 600; }
.credit a { color: #1a4fb4; word-break: break-all; }
.cite-meet, .cite-file { font-size: 0.88em; color: #444; }
.cite-passage { margin: 6px 0; padding-left: 8px; border-left: 3px solid #c9a227; white-space: pre-wrap; }
mark { background: #ffe066; color: #000; padding: 0 1px; }
.article { font-size: 0.9em; border: 1px solid #ddd; border-radius: 8px; padding: 6px 8px; background: #fff; }
.art-head { border-bottom: 1px solid #eee; padding-bottom: 4px; margin-bottom: 4px; }
.art-note { color: #8a4b00; font-size: 0.9em; }
.article-scroll { position: relative; max-height: 44vh; overflow-y: auto; font-family: ui-monospace, monospace; }
.article .ln { display: flex; gap: 10px; } .article .ln.hit { background: #fff8d6; }
.article .no { color: #999; min-width: 2.5em; text-align: right; user-select: none; }
.article .tx { white-space: pre-wrap; word-break: break-word; }
.back-to-chat { display: none; }
.dates { display: flex; gap: 12px; flex-wrap: wrap; }
.dates label { display: flex; flex-direction: column; font-size: 0.9em; color: #444; gap: 2px; }
.dates input { padding: 6px 8px; border: 1px solid #ccc; border-radius: 6px; font: inherit; }
.rows-wrap { max-height: 70vh; overflow: auto; border: 1px solid #e3e3e3; border-radius: 8px; }
table.rows { width: 100%; border-collapse: collapse; font-size: 0.9em; }
table.rows th { position: sticky; top: 0; background: #f3f3f3; text-align: left; padding: 6px; white-space: nowrap; z-index: 1; }
table.rows td { border-top: 1px solid #eee; padding: 6px; vertical-align: top; overflow-wrap: break-word; }
table.rows td .sub { color: #666; font-size: 0.88em; }
table.rows td .t { font-weight: 600; }
table.rows code { word-break: break-all; font-size: 0.9em; }
table.rows tr[data-row] { cursor: pointer; }
table.rows tr[data-row]:hover, table.rows tr.selected { background: #fff8d6; }
table.statements td:nth-child(1) { width: 22%; } table.statements td:nth-child(2) { width: 42%; }
table.statements td:nth-child(3) { width: 20%; } table.sources-list td:nth-child(1) { width: 48%; }
.rows-empty { padding: 8px; color: #666; }
.st-ok { color: #1e6b2a; } .st-no { color: #8a4b00; }
.confirm { border: 1px solid #c9a227; border-radius: 8px; background: #fff8e1; padding: 6px; }
@media (max-width: 760px) {
  h1.app-title { font-size: 1.15em; }
  #chat-row, #statements-row, #sources-row, #filters2 { flex-direction: column !important; }
  #chat-row > div, #statements-row > div, #sources-row > div, #filters2 > div { width: 100% !important; min-width: 0 !important; }
  #side, #statement-side, #source-side { position: static; }
  .chat { max-height: 52vh; }
  .msg.user { margin-left: 8%; } .msg.bot { margin-right: 0; }
  .sources { max-height: none; }
  .article-scroll { max-height: 70vh; }
  .back-to-chat { display: inline; font-size: 0.9em; }
  .rows-wrap { max-height: none; border: none; }
  table.rows, table.rows tbody, table.rows tr, table.rows td { display: block; width: 100%; }
  table.rows thead { display: none; }
  table.rows tr { border: 1px solid #ddd; border-radius: 8px; margin-bottom: 8px; padding: 4px 8px; background: #fff; }
  table.rows td { border: none; padding: 2px 0; min-width: 0 !important; width: auto !important; }
  table.rows td::before { content: attr(data-label); display: block; font-size: 0.8em; color: #777; }
}
"""
