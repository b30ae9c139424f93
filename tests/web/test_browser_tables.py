"""The statements browser and the «Sumber» tab in Debian's chromium through Playwright, against the real server."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from rag.app.ui_search import matches
from rag.index.build import build_lock
from tests.web.ui_browser import ask, last_turn, shot
from tests.web.ui_server import Running

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest_plugins = ["tests.web.ui_fixtures"]  # the app, browser, desktop, phone and dialogs fixtures

WHO_NAME = "Susanto Lastua Manurung"
UPLOAD_NAME = "960_apel_siaga_perahu_fiktif.txt"
UPLOAD_SPEAKER = "Theodorus Manggala Sitompul"
UPLOAD_QUESTION = "Siapa yang menempatkan sembilan puluh tujuh personel Satpol PP di dermaga?"
UPLOAD_ARTICLE = "\n".join([
    "Apel Siaga Pengamanan Pilkada Serentak 2024 digelar di Lapangan Merdeka, Kota Tanjung Selor, Kalimantan Utara,"
    " Rabu (20/11/2024).",
    f"Kepala Satuan Polisi Pamong Praja Kabupaten Bulungan, {UPLOAD_SPEAKER}, mengatakan anggotanya akan berjaga"
    " di dermaga penyeberangan.",
    '"Kami menempatkan sembilan puluh tujuh personel Satpol PP di dermaga agar logistik pemilihan tiba tepat waktu,"'
    f" kata {UPLOAD_SPEAKER}.",
    "",
])
DOOMED_NAME = "970_rakor_pulau_fiktif.txt"
DOOMED_SPEAKER = "Bonifasius Lewotobi Kelen"
DOOMED_ARTICLE = "\n".join([
    "Rapat Koordinasi Distribusi Logistik Pilkada 2024 digelar di Aula Kantor Camat Pulau Sunyi, Maluku, Senin (18/11/2024).",
    f'"Kami mengirim tiga belas kapal motor berisi kotak suara ke pulau-pulau terluar," kata Camat Pulau Sunyi, {DOOMED_SPEAKER}.',
    "",
])
FIXED_LINE = f'"Kami mengirim empat belas kapal motor berisi kotak suara ke pulau-pulau terluar," kata Camat Pulau Sunyi, {DOOMED_SPEAKER}.'


def statements_tab(page: Page) -> None:
    page.get_by_role("tab", name="Siapa bilang apa").click()
    expect(page.locator("#statements-status")).to_contain_text("pernyataan")


def speakers_shown(page: Page) -> list[str]:
    return page.locator("#statements tr[data-row] td:first-child b").all_inner_texts()


def status_count(page: Page) -> int:
    return int(re.match(r"\d+", page.locator("#statements-status").inner_text()).group())


def test_typing_part_of_a_speaker_name_filters_to_that_speaker(desktop: Page, app: Running) -> None:
    statements_tab(desktop)
    expected = sum(1 for r in app.service.statement_rows() if r["speaker"] == WHO_NAME)
    field = desktop.locator("#f-speaker input")
    field.click()
    field.fill("Susanto")
    field.press("Enter")
    expect(desktop.locator("#statements-status")).to_contain_text(f"{expected} pernyataan.")
    assert speakers_shown(desktop) == [WHO_NAME] * expected
    assert "(semua)" not in field.input_value()
    desktop.locator("#f-reset").click()
    expect(desktop.locator("#statements-status")).not_to_contain_text("(dari")
    field.click()
    field.fill("Manur")
    desktop.locator("ul[role=listbox] li", has_text=WHO_NAME).first.click()  # picked from the searchable list
    expect(desktop.locator("#statements-status")).to_contain_text(f"{expected} pernyataan.")
    shot(desktop, "7-statements-speaker", full_page=True)


def test_role_filter_date_pickers_and_forgiving_text_search(desktop: Page, app: Running) -> None:
    rows = app.service.statement_rows()
    statements_tab(desktop)
    role = desktop.locator("#f-role input")
    role.click()
    role.fill("Kasrem")
    role.press("Enter")
    expect(desktop.locator("#statements-status")).to_contain_text(f"{sum('Kasrem' in r['role'] for r in rows)} pernyataan.")
    desktop.locator("#f-reset").click()
    expect(desktop.locator("#statements-status")).to_contain_text(f"{len(rows)} pernyataan.")
    expect(desktop.locator("#f-role input")).to_have_value("")
    desktop.locator("#f-dates .d-from").fill("2024-11-01")
    later = sum(1 for r in rows if r["date"][:1] == "2" and r["date"] >= "2024-11-01")
    expect(desktop.locator("#statements-status")).to_contain_text(f"{later} pernyataan.")
    desktop.locator("#f-dates .d-to").fill("2024-11-30")
    desktop.locator("#f-text textarea, #f-text input").first.fill("logistk")  # a typo
    expected = sum(1 for r in rows if "2024-11-01" <= r["date"] <= "2024-11-30" and matches("logistk", r))
    assert expected >= 1
    expect(desktop.locator("#statements-status")).to_contain_text(f"{expected} pernyataan.")
    assert all("logistik" in q.lower() for q in desktop.locator("#statements td .q").all_inner_texts())
    shot(desktop, "8-statements-dates-typo", full_page=True)


def test_a_statement_opens_in_its_article_and_the_csv_carries_the_credit_line(desktop: Page) -> None:
    statements_tab(desktop)
    desktop.locator("#statements tr[data-row]").first.click()
    expect(desktop.locator("#statement-card mark#hl")).to_be_in_viewport()
    with desktop.expect_download() as caught:
        desktop.locator("#csv").click()
    text = Path(caught.value.path()).read_bytes().decode("utf-8-sig")
    header, *body = list(csv.reader(io.StringIO(text)))
    assert {"pembicara", "pernyataan", "judul", "media", "terbit", "url", "berkas"} <= set(header)
    assert len(body) == status_count(desktop)
    assert any(row[header.index("media")] for row in body)


def test_phone_tables_become_cards_with_readable_labels(phone: Page) -> None:
    statements_tab(phone)
    expect(phone.locator("#statements thead")).to_be_hidden()
    first = phone.locator("#statements tr[data-row]").first
    card = first.bounding_box()
    assert card and card["width"] <= 390
    cell = first.locator("td").first
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Pembicara"'
    assert cell.bounding_box()["width"] > 200  # a label over the value, not a squeezed column
    shot(phone, "9-phone-statements")
    phone.get_by_role("tab", name="Sumber").click()
    expect(phone.locator("#sources-table thead")).to_be_hidden()
    shot(phone, "9-phone-sources", full_page=True)


def test_upload_refuses_other_types_in_indonesian_then_accepts_and_indexes(desktop: Page, app: Running, tmp_path: Path) -> None:
    desktop.get_by_role("tab", name="Sumber").click()
    bad = tmp_path / "program.exe"
    bad.write_bytes(b"MZ\x90\x00")
    upload = desktop.locator("#upload").locator("xpath=..").locator("input[type=file]")
    upload.set_input_files(str(bad))
    note = desktop.locator("#upload-note textarea")
    expect(note).to_have_value(re.compile(r"Ditolak — program\.exe: jenis berkas \.exe tidak didukung\. Gunakan \.txt, \.md, \.pdf"))
    big = tmp_path / "terlalu_besar.txt"
    big.write_text("Rapat koordinasi Pilkada. " * (app.settings.max_upload_bytes // 20), encoding="utf-8")
    upload.set_input_files(str(big))
    expect(note).to_have_value(f"Ditolak — terlalu_besar.txt: lebih besar dari {app.settings.max_upload_bytes} byte")
    expect(desktop.get_by_text(re.compile("Invalid file type|exceed the maximum"))).to_have_count(0)
    good = tmp_path / UPLOAD_NAME
    good.write_text(UPLOAD_ARTICLE, encoding="utf-8")
    upload.set_input_files(str(good))  # the same upload button works again
    expect(note).to_have_value(f"Tersimpan dan terindeks: {UPLOAD_NAME} — sekarang bisa ditanyakan.", timeout=300_000)
    expect(desktop.locator("#report textarea")).to_have_value(re.compile(f"ditambahkan: {re.escape(UPLOAD_NAME)}"))
    expect(desktop.locator("#sources-table")).to_contain_text(UPLOAD_NAME)
    copy = tmp_path / "salinan_artikel.txt"
    copy.write_text(UPLOAD_ARTICLE, encoding="utf-8")
    upload.set_input_files(str(copy))
    expect(note).to_have_value(f"Ditolak — salinan_artikel.txt: isinya sama dengan {UPLOAD_NAME} yang sudah ada di korpus.")
    upload.set_input_files(str(good))
    expect(note).to_have_value(re.compile("sudah ada artikel dengan nama ini"))
    shot(desktop, "10-upload", full_page=True)
    desktop.get_by_role("tab", name="Tanya").click()
    ask(desktop, UPLOAD_QUESTION)
    expect(last_turn(desktop)).to_contain_text(UPLOAD_SPEAKER)
    expect(desktop.locator("#sources-panel")).to_contain_text(UPLOAD_NAME)


def test_replace_and_delete_ask_first_and_update_the_index(desktop: Page, app: Running) -> None:
    path = app.seeds_dir / DOOMED_NAME
    path.write_text(DOOMED_ARTICLE, encoding="utf-8")
    app.service.rebuild()
    desktop.reload()
    desktop.get_by_role("tab", name="Sumber").click()
    desktop.locator("#sources-table tr[data-row]", has_text=DOOMED_NAME).click()
    expect(desktop.locator("#source-preview")).to_contain_text("tiga belas kapal motor")
    fixed = app.root / DOOMED_NAME
    fixed.write_text(DOOMED_ARTICLE.replace("tiga belas", "empat belas"), encoding="utf-8")
    desktop.locator("#replace").locator("xpath=..").locator("input[type=file]").set_input_files(str(fixed))
    expect(desktop.locator("#confirm-text")).to_contain_text(f"Ganti isi «{DOOMED_NAME}»")
    assert "tiga belas" in path.read_text(encoding="utf-8")  # nothing changes before the confirmation
    desktop.locator("#confirm-yes").click()
    expect(desktop.locator("#report textarea")).to_have_value(re.compile(f"diubah: {re.escape(DOOMED_NAME)}"), timeout=300_000)
    expect(desktop.locator("#source-preview")).to_contain_text(FIXED_LINE)
    desktop.locator("#delete").click()
    expect(desktop.locator("#confirm-text")).to_contain_text(f"Hapus «{DOOMED_NAME}»")
    desktop.locator("#confirm-no").click()
    expect(desktop.locator("#confirm-box")).to_be_hidden()
    assert path.exists()
    desktop.locator("#delete").click()
    desktop.locator("#confirm-yes").click()
    expect(desktop.locator("#report textarea")).to_have_value(re.compile(f"dihapus: {re.escape(DOOMED_NAME)}"), timeout=300_000)
    assert not path.exists()
    expect(desktop.locator("#sources-table")).not_to_contain_text(DOOMED_NAME)
    shot(desktop, "11-delete", full_page=True)
    answer = app.service.ask("Siapa yang mengirim kapal motor berisi kotak suara ke pulau-pulau terluar?")
    assert all(c.source != DOOMED_NAME for c in answer.citations)


def test_rebuild_while_another_runs_says_so_in_indonesian(desktop: Page, app: Running) -> None:
    desktop.get_by_role("tab", name="Sumber").click()
    with build_lock(app.settings.index_dir):
        desktop.locator("#rebuild").click()
        expect(desktop.locator("#report textarea")).to_have_value(re.compile("Pembaruan indeks sedang berjalan"))
    expect(desktop.get_by_text("Error", exact=True)).to_have_count(0)
