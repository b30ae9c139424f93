"""The browser-test fixtures (a pytest plugin: ``pytest_plugins = ["tests.web.ui_fixtures"]`` in a test module).

app: the shared real server; browser: Debian's chromium; desktop / phone: a
fresh page (its own browser storage) at 1400×1000 / 390×844; dialogs: the
JavaScript dialogs a page opened (there should be none).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.web.ui_browser import DESKTOP, PHONE, new_page
from tests.web.ui_server import Running, shared_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
]


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
def desktop(browser: Browser, app: Running, dialogs: list[str]) -> Iterator[Page]:
    tab = new_page(browser, app, dialogs, DESKTOP)
    yield tab
    tab.context.close()


@pytest.fixture
def phone(browser: Browser, app: Running, dialogs: list[str]) -> Iterator[Page]:
    tab = new_page(browser, app, dialogs, PHONE)
    yield tab
    tab.context.close()
