"""The web app driven in Debian's chromium through Playwright, against the real server."""

from __future__ import annotations

import logging
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect, sync_playwright
from ui_server import XSS_NAME, XSS_SPEAKER, Running, artifacts, shared_app

from rag.index.build import build_lock

pytestmark = [pytest.mark.browser, pytest.mark.slow]
log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]
DOCS = Path(__file__).resolve().parents[1] / "docs"
WHO = "Siapa yang mengatakan jika ditemukan pelanggaran akan dikenai sanksi?"
WHO_FILE = "004_25ac917f1e504862.txt"
WHO_NAME = "Susanto Lastua Manurung"
SCRIPT = "<script>alert(1)</script>"
UPLOAD_NAME = "960_apel_siaga_perahu_fiktif.txt"
UPLOAD_SPEAKER = "Theodorus Manggala Sitompul"
UPLOAD_ARTICLE = "\n".join([
    "Apel Siaga Pengamanan Pilkada Serentak 2024 digelar di Lapangan Merdeka, Kota Tanjung Selor, Kalimantan Utara,"
    " Rabu (20/11/2024).",
    f"Kepala Satuan Polisi Pamong Praja Kabupaten Bulungan, {UPLOAD_SPEAKER}, mengatakan anggotanya akan berjaga"
    " di dermaga penyeberangan.",
    '"Kami menempatkan sembilan puluh tujuh personel Satpol PP di dermaga agar logistik pemilihan tiba tepat waktu,"'
    f" kata {UPLOAD_SPEAKER}.",
    "",
])


@pytest.fixture(scope="module")
def app() -> Running:
    return shared_app()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def dialogs() -> list[str]:
    return []


@pytest.fixture
def page(browser: Browser, app: Running, dialogs: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, color_scheme="light")
    tab = context.new_page()
    tab.set_default_timeout(60_000)

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    open_app(tab, app.url)
    yield tab
    context.close()


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#corpus-line")).to_contain_text("Korpus")  # the page's load event has run


def ask(page: Page, question: str) -> float:
    """Submit a question on a fresh page; return seconds until the answer and its sources show."""
    page.locator("#question textarea").fill(question)
    started = time.perf_counter()
    page.locator("#ask").click()
    expect(page.locator("#sources-panel .sources:not(.empty) h3")).to_be_visible()
    seconds = time.perf_counter() - started
    expect(page.locator("#chat")).not_to_contain_text("Mencari…")
    return seconds


def shot(page: Page, name: str, full_page: bool = False) -> Path:
    path = artifacts() / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def record_timing(label: str, seconds: float) -> None:
    log.info("warm answer time %s: %.3f s", label, seconds)
    with (artifacts() / "timings.txt").open("a", encoding="utf-8") as handle:
        handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')}  {label}: {seconds:.3f} s (submit -> answer and sources shown)\n")


def pick(page: Page, dropdown: str, option: str) -> None:
    field = page.locator(f"{dropdown} input")
    field.click()
    field.fill(option)
    page.locator("ul[role=listbox] li", has_text=option).first.click()


def shown_rows(page: Page) -> list[list[str]]:
    rows = page.locator("#statements .virtual-body [role=row]")
    return [rows.nth(i).locator("[role=gridcell]").all_inner_texts() for i in range(rows.count())]


def test_who_said_names_the_speaker_and_highlights_the_quote(page: Page) -> None:
    seconds = ask(page, WHO)
    record_timing("who-said question, 1280px", seconds)
    expect(page.locator("#chat")).to_contain_text(WHO_NAME)
    panel = page.locator("#sources-panel")
    expect(panel).to_contain_text(WHO_FILE)
    expect(panel.locator("mark").first).to_contain_text("dikenai sanksi")
    expect(page.locator("#chat")).to_contain_text(re.compile(r"\[1\]"))
    DOCS.mkdir(exist_ok=True)
    shutil.copyfile(shot(page, "1-chat-sources"), DOCS / "screenshot.png")


def test_clicking_a_citation_opens_the_article_scrolled_to_the_quote(page: Page) -> None:
    ask(page, WHO)
    page.locator("#sources-panel button.cite-open").first.click()
    mark = page.locator("#article-view mark#hl")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("dikenai sanksi")
    expect(mark).to_be_in_viewport()
    expect(page.locator("#article-view .art-head")).to_contain_text(WHO_FILE)
    shot(page, "2-article-highlight")


def test_unanswerable_question_shows_the_nearest_passages(page: Page) -> None:
    ask(page, "Siapa pemenang lomba memasak rendang di Paris tahun 1990?")
    expect(page.locator("#chat")).to_contain_text("Tidak ditemukan")
    panel = page.locator("#sources-panel")
    expect(panel).to_contain_text("Bagian terdekat")
    assert 1 <= panel.locator(".near-card").count() <= 3
    assert panel.locator("mark").count() == 0


def test_statements_filter_by_speaker_keeps_only_that_speaker(page: Page, app: Running) -> None:
    page.get_by_role("tab", name="Siapa bilang apa").click()
    expect(page.locator("#statements-status")).to_contain_text("pernyataan")
    expected = sum(1 for r in app.service.statement_rows() if r["speaker"] == WHO_NAME)
    assert expected >= 1
    pick(page, "#f-speaker", WHO_NAME)
    expect(page.locator("#statements-status")).to_have_text(f"{expected} pernyataan.")
    rows = shown_rows(page)
    assert rows and all(row[0] == WHO_NAME for row in rows), rows
    page.locator("#statements .virtual-body [role=row] [role=gridcell]").nth(2).click()
    expect(page.locator("#statement-card mark")).to_be_visible()
    page.locator("#csv").click()
    expect(page.locator("#csv-file a").first).to_have_attribute("href", re.compile(r"pernyataan\.csv$"))
    shot(page, "3-statements-filtered", full_page=True)


def test_uploaded_article_is_answerable_after_rebuild(page: Page, app: Running, tmp_path: Path) -> None:
    source = tmp_path / UPLOAD_NAME
    source.write_text(UPLOAD_ARTICLE, encoding="utf-8")
    page.get_by_role("tab", name="Sumber").click()
    page.locator("#upload input[type=file]").set_input_files(str(source))
    expect(page.locator("#upload-note textarea")).to_have_value(re.compile("Tersimpan: " + re.escape(UPLOAD_NAME)))
    page.locator("#upload input[type=file]").set_input_files(str(source))
    expect(page.locator("#upload-note textarea")).to_have_value(re.compile("Ditolak"))
    page.locator("#rebuild").click()
    expect(page.locator("#report textarea")).to_have_value(re.compile(f"added: {re.escape(UPLOAD_NAME)}"), timeout=300_000)
    expect(page.locator("#sources-table")).to_contain_text(UPLOAD_NAME)
    shot(page, "4-upload-rebuild", full_page=True)
    page.get_by_role("tab", name="Tanya").click()
    ask(page, "Siapa yang menempatkan sembilan puluh tujuh personel Satpol PP di dermaga?")
    expect(page.locator("#chat")).to_contain_text(UPLOAD_SPEAKER)
    expect(page.locator("#sources-panel")).to_contain_text(UPLOAD_NAME)
    shot(page, "4-upload-answer")


def test_rebuild_while_another_runs_says_so(page: Page, app: Running) -> None:
    page.get_by_role("tab", name="Sumber").click()
    with build_lock(app.settings.index_dir):
        page.locator("#rebuild").click()
        expect(page.locator("#report textarea")).to_have_value(re.compile("Rebuild sedang berjalan"))
    expect(page.get_by_text("Error", exact=True)).to_have_count(0)


def test_untrusted_article_text_renders_as_inert_text(page: Page, dialogs: list[str]) -> None:
    ask(page, "Siapa yang menemukan sisipan kode pada laman pengumuman?")
    expect(page.locator("#sources-panel")).to_contain_text(XSS_NAME)
    expect(page.locator("#chat")).to_contain_text(XSS_SPEAKER)
    for where in ("#chat", "#sources-panel"):
        expect(page.locator(where)).to_contain_text(SCRIPT)
        expect(page.locator(where)).to_contain_text("**bold** [link](javascript:alert(1))")
    page.locator("#sources-panel button.cite-open").first.click()
    expect(page.locator("#article-view")).to_contain_text("<img src=x onerror=alert(1)>")
    shot(page, "5-xss-chat")
    page.get_by_role("tab", name="Siapa bilang apa").click()
    page.locator("#f-text textarea, #f-text input").first.fill("onerror")
    expect(page.locator("#statements .virtual-body")).to_contain_text(SCRIPT)
    shot(page, "5-xss-statements", full_page=True)
    page.get_by_role("tab", name="Tanya").click()
    page.locator("#question textarea").fill("Apakah <img src=x onerror=alert(1)> **tebal** aman?")
    page.locator("#ask").click()
    expect(page.locator("#chat")).to_contain_text("<img src=x onerror=alert(1)> **tebal**")
    page.wait_for_timeout(1000)
    assert page.locator("img[src='x'], #chat a[href^='javascript'], #sources-panel script").count() == 0
    assert dialogs == []
    shot(page, "5-xss-chat-question", full_page=True)


def test_phone_width_stacks_chat_and_sources(browser: Browser, app: Running) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="light")
    phone = context.new_page()
    phone.set_default_timeout(60_000)
    open_app(phone, app.url)
    record_timing("who-said question, 390px", ask(phone, WHO))
    chat, panel = phone.locator("#chat").bounding_box(), phone.locator("#sources-panel").bounding_box()
    assert chat and panel and panel["y"] >= chat["y"] + chat["height"], (chat, panel)
    assert panel["width"] <= 390
    shot(phone, "6-phone-390px", full_page=True)
    context.close()
