"""The «Tanya» tab: the conversation, and beside it the sources panel and the article reader.

Every answered question is kept as a record in the browser (gr.BrowserState,
so a reload keeps the conversation); its [n] links and its «Sumber» button
reopen that answer's own sources, whatever was asked after it.
"""

from __future__ import annotations

import hashlib
from typing import Any, Iterator

import gradio as gr

from rag.app.html import article_view, credit_of, empty_panel, esc, sources_panel
from rag.app.ui_app import App
from rag.app.ui_assets import ARTICLE_JS, CHAT_JS, EXAMPLES_JS, PANEL_JS
from rag.app.ui_messages import GONE, MOVED
from rag.app.ui_turns import add_turn, chat_html, cite_in, history_pairs, locate, turn_at, turn_record

EXAMPLES = [
    "Siapa yang menegaskan bahwa anggota TNI yang melanggar netralitas akan dikenai sanksi?",
    "Apa kata Sekda Kaltim soal logistik Pilkada?",
    "Di mana dan kapan rakor Forkopimda Kaltim digelar?",
    "Siapa saja yang berbicara di FGD Bakesbangpol NTB?",
    "What did the Acting Governor of NTB urge the public to do?",
    "Which meeting did Hadi Tjahjanto open?",
]
PANEL_HINT = "Sumber jawaban muncul di sini. Klik [n] pada jawaban untuk membuka kutipannya."
ARTICLE_HINT = "Klik [n] pada jawaban atau «Baca di artikel» untuk membaca artikelnya di sini, dengan kutipan ditandai."
BACK = '<a href="#" class="back-to-chat">↑ Kembali ke pertanyaan</a>'
STORAGE_KEY = "pilkada-rag-percakapan"


def examples_html() -> str:
    """Return the example questions as chips (collapsed on a phone)."""
    chips = "".join(f'<button type="button" class="chip" data-q="{esc(q)}">{esc(q)}</button>' for q in EXAMPLES)
    return f'<details class="examples" open><summary>Contoh pertanyaan</summary><div class="chips">{chips}</div></details>'


class Chat:
    """The chat handlers."""

    def __init__(self, app: App) -> None:
        self.app = app

    def submit(self, question: str, turns: list[dict[str, Any]] | None) -> Iterator[tuple[Any, ...]]:
        """Show the question at once, then its answer; the panels open fresh on the new answer's sources."""
        question = question or ""
        if not question.strip():
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        yield chat_html(turns, pending=question), gr.skip(), gr.skip(), "", gr.skip()
        answer = self.app.ask(question, history_pairs(turns))
        record = turn_record(answer, self.app.credit)
        kept = add_turn(turns, record)
        index = len(kept) - 1
        yield chat_html(kept), sources_panel(index, record), empty_panel(ARTICLE_HINT), "", kept

    def open(self, turns: list[dict[str, Any]] | None, evt: gr.EventData) -> tuple[Any, ...]:
        """Open one answer's sources; with a citation number, also its article at the highlight."""
        data = getattr(evt, "_data", None) or {}
        turn = turn_at(turns, data.get("turn"))
        if turn is None:
            return gr.skip(), gr.skip()
        index = int(str(data.get("turn")))
        cite = cite_in(turn, data.get("cite")) if data.get("cite") else None
        if cite is None:
            return sources_panel(index, turn), empty_panel(ARTICLE_HINT)
        return sources_panel(index, turn, int(cite.get("id", 0))), self.reader(cite)

    def reader(self, cite: dict[str, Any]) -> str:
        """Return the cited article with the quote highlighted (found again if the file changed)."""
        source = str(cite.get("source") or "")
        article = self.app.article(source)
        if article is None:
            return empty_panel(GONE)
        span = locate(article.text, str(cite.get("quote") or ""), int(cite.get("start", -1)), int(cite.get("end", -1)))
        lo, hi = span or (-1, -1)
        view = article_view(source, article.text, lo, hi, credit_of(cite, self.app.credit(source)), "" if span else MOVED)
        return BACK + view

    def clear(self) -> tuple[Any, ...]:
        """Forget the conversation and reset every panel."""
        return chat_html([]), empty_panel(PANEL_HINT), empty_panel(ARTICLE_HINT), "", []

    def restore(self, turns: list[dict[str, Any]] | None) -> tuple[Any, ...]:
        """Show the conversation kept in the browser, with the last answer's sources."""
        kept = [t for t in turns or [] if isinstance(t, dict)]
        panel = sources_panel(len(kept) - 1, kept[-1]) if kept else empty_panel(PANEL_HINT)
        return chat_html(kept), panel, empty_panel(ARTICLE_HINT)

    @staticmethod
    def example(evt: gr.EventData) -> Any:
        """Put a clicked example into the question box."""
        data = getattr(evt, "_data", None) or {}
        question = data.get("q")
        return question if isinstance(question, str) and question in EXAMPLES else gr.skip()


def chat_tab(app: App, demo: gr.Blocks) -> None:
    """Lay out the chat, the sources panel and the article reader, and wire their events."""
    chat = Chat(app)
    secret = hashlib.sha256(str(app.service.settings.index_dir.resolve()).encode()).hexdigest()[:32]
    with gr.Tab("Tanya", id="tanya"):
        saved = gr.BrowserState([], storage_key=STORAGE_KEY, secret=secret)
        with gr.Row(equal_height=False, elem_id="chat-row"):
            with gr.Column(scale=3, min_width=300):
                log = gr.HTML(chat_html([]), elem_id="chat", js_on_load=CHAT_JS)
                with gr.Row(elem_id="ask-row"):
                    box = gr.Textbox(label="Pertanyaan", show_label=False, placeholder="Tulis pertanyaan… (Enter untuk bertanya)",
                                     elem_id="question", scale=5, max_lines=4, lines=1, autofocus=False)
                    send = gr.Button("Tanya", variant="primary", elem_id="ask", scale=1, min_width=70)
                examples = gr.HTML(examples_html(), elem_id="examples", js_on_load=EXAMPLES_JS)
                clear = gr.Button("Hapus riwayat", elem_id="clear", size="sm", variant="secondary")
            with gr.Column(scale=2, min_width=300, elem_id="side"):
                panel = gr.HTML(empty_panel(PANEL_HINT), elem_id="sources-panel", js_on_load=PANEL_JS)
                reader = gr.HTML(empty_panel(ARTICLE_HINT), elem_id="article-view", js_on_load=ARTICLE_JS)
    quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
    gr.on([box.submit, send.click], chat.submit, [box, saved], [log, panel, reader, box, saved], **quiet)
    log.click(chat.open, [saved], [panel, reader], **quiet)
    panel.click(chat.open, [saved], [panel, reader], **quiet)
    examples.click(chat.example, None, [box], **quiet)
    clear.click(chat.clear, None, [log, panel, reader, box, saved], **quiet)
    demo.load(chat.restore, [saved], [log, panel, reader], **quiet)
