"""Playwright helpers shared by the browser tests (Debian's chromium, the shared real app); the fixtures are in `ui_fixtures`."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Browser, Dialog, Page, expect

from tests.web.ui_server import Running, artifacts

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
DOCS = Path(__file__).resolve().parents[2] / "docs"


def new_page(browser: Browser, app: Running, dialogs: list[str], viewport: dict[str, int]) -> Page:
    """Open the app in a fresh browser context (its own storage) at ``viewport``."""
    context = browser.new_context(viewport=viewport, color_scheme="light", locale="id-ID", accept_downloads=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    open_app(tab, app.url)
    return tab


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#corpus-line")).to_contain_text("Korpus")  # the page's load events have run


def ask(page: Page, question: str) -> float:
    """Submit a question; return seconds until its answer and its sources panel show."""
    before = page.locator("#chat .turn:not(.pending)").count()
    page.locator("#question textarea").fill(question)
    started = time.perf_counter()
    page.locator("#ask").click()
    expect(page.locator("#chat .turn:not(.pending)")).to_have_count(before + 1)
    expect(page.locator("#sources-panel .panel-q, #sources-panel .empty").first).to_be_visible()
    seconds = time.perf_counter() - started
    expect(page.locator("#chat")).not_to_contain_text("Mencari…")
    return seconds


def last_turn(page: Page):  # noqa: ANN201 - a Locator
    return page.locator("#chat .turn").last


def shot(page: Page, name: str, full_page: bool = False) -> Path:
    path = artifacts() / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def record_timing(label: str, seconds: float) -> None:
    with (artifacts() / "timings.txt").open("a", encoding="utf-8") as handle:
        handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')}  {label}: {seconds:.3f} s (submit -> answer and sources shown)\n")


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found, f"{selector} is not rendered"
    return found
