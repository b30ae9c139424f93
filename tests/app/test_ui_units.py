"""The web app's pure parts without a server: escaping, credit lines, the conversation records, filters, search, words."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rag.app.html import credit_html, human_date, safe_url
from rag.app.ui_messages import error_id, nothing_text, reason_id, report_text
from rag.app.ui_rows import Filters, filter_rows, write_csv
from rag.app.ui_search import matches, name_matches
from rag.app.ui_turns import chat_html, direct_line, history_pairs, locate, normalize_history, turn_html, turn_record
from rag.core.types import Answer, Citation, Span, Speaker

EVIL = '<img src=x onerror=alert(1)>"'
TEXT = "Judul berita\n\nKetua KPU Budi mengatakan \"rapat pleno digelar terbuka\" di Mataram.\n"


def answer(question: str = "Apa kata Budi?", **extra: object) -> Answer:
    start = TEXT.index("rapat pleno")
    end = start + len("rapat pleno digelar terbuka")
    line = TEXT[: start].count("\n") + 1
    cite = Citation(1, "001_a.txt", line, line, TEXT[start:end], start, end, Span("001_a.txt", start - 26, end + 14, line, line,
                    TEXT[start - 26 : end + 14]), Speaker("Budi", "Ketua KPU"))
    return Answer(question, f"Budi (Ketua KPU) mengatakan: “{cite.quote}” [1]\nDalam rapat di Mataram.", True, "Budi", (cite,), **extra)


def test_credit_line_shows_known_parts_escaped_and_links_only_web_addresses() -> None:
    html = credit_html({"title": EVIL, "outlet": "Kompas", "published": "2024-10-17", "url": "https://x.id/a?b=1&c=2"})
    assert "&lt;img src=x onerror=alert(1)&gt;&quot;" in html and "<img" not in html
    assert "Kompas" in html and "17 Okt 2024" in html and 'href="https://x.id/a?b=1&amp;c=2"' in html
    assert "href" not in credit_html({"url": "javascript:alert(1)"})
    assert credit_html({}) == "" and safe_url("ftp://x") == "" and human_date("2024-02-03T10:00") == "3 Feb 2024"


def test_an_answer_record_keeps_its_citations_with_offsets_and_credit() -> None:
    record = turn_record(answer(), lambda source: {"title": "Judul berita", "outlet": "Kompas", "published": "", "url": ""})
    cite = record["cites"][0]
    assert TEXT[cite["start"] : cite["end"]] == cite["quote"] == "rapat pleno digelar terbuka"
    assert cite["passage"][cite["start"] - cite["p_start"] :].startswith("rapat pleno")
    assert cite["outlet"] == "Kompas" and cite["speaker"] == "Budi — Ketua KPU"
    assert history_pairs([record]) == [["Apa kata Budi?", record["answer"]]]


def test_a_message_puts_the_direct_line_first_and_links_every_citation() -> None:
    record = turn_record(answer())
    html = turn_html(0, record)
    assert html.index('class="direct"') < html.index('class="evidence"')
    assert 'data-cite="1" title="rapat pleno digelar terbuka"' in html
    assert direct_line(record).startswith("Budi (Ketua KPU) mengatakan")
    assert "Dalam rapat di Mataram." in html  # where and when, from the last line
    assert "Dibaca sebagai" not in html


def test_engine_keys_are_used_when_present() -> None:
    record = turn_record(answer()) | {
        "direct": "Budi, Ketua KPU, di Mataram [1]", "interpreted_as": "Apa kata Ketua KPU Budi soal rapat pleno?",
        "evidence": [{"n": 1, "quote": "rapat pleno digelar terbuka", "source": "001_a.txt", "start_line": 3, "end_line": 3}],
        "confidence": 0.8,
    }
    html = turn_html(2, record)
    assert '<p class="direct">Budi, Ketua KPU, di Mataram <button type="button" class="cite-link" data-turn="2" data-cite="1"' in html
    assert "Dibaca sebagai: Apa kata Ketua KPU Budi soal rapat pleno?" in html and "keyakinan 80%" in html
    assert turn_html(0, record | {"interpreted_as": "apa kata  Budi"}).count("Dibaca sebagai") == 0


def test_not_found_says_why() -> None:
    reasons = {"reasons": ["Nama X tidak ada di artikel mana pun."]}
    record = turn_record(Answer("Siapa X?", "Tidak ditemukan dalam korpus.", False)) | reasons
    assert "Mengapa:" in turn_html(0, record) and "Nama X tidak ada" in turn_html(0, record)


def test_untrusted_questions_and_quotes_are_inert() -> None:
    html = chat_html([turn_record(answer(question=EVIL))], pending=EVIL)
    assert "<img" not in html and html.count("&lt;img src=x onerror=alert(1)&gt;&quot;") == 2


def test_history_from_the_api_is_normalized() -> None:
    assert normalize_history(["a", ["b", "c"], {"question": "d", "answer": "e"}, 5, [1, 2], ["", "x"]]) == [
        ["a", ""], ["b", "c"], ["d", "e"]]
    assert normalize_history(None) == [] and normalize_history("a") == [["a", ""]]


def test_a_quote_is_found_again_when_the_article_moved() -> None:
    assert locate("abc rapat", "rapat", 4, 9) == (4, 9)
    assert locate("xx abc rapat", "rapat", 4, 9) == (7, 12)
    assert locate("abc", "rapat", 0, 5) is None


@pytest.mark.parametrize(("query", "text", "found"), [
    ("netralitsa", "pelanggaran netralitas pemilu", True),
    ("menegaskan", "penegasan Kapolda", True),
    ("logistk", "kendala logistik di desa", True),
    ("onerror", EVIL, True),
    ("rapat", "hasilnya tepat waktu", False),
    ("sanksi netralitas", "akan dikenai sanksi", False),
])
def test_text_search_tolerates_stems_and_typos(query: str, text: str, found: bool) -> None:
    assert matches(query, {"quote": text}) is found


def test_filters_by_typed_name_role_and_dates() -> None:
    rows = [{"speaker": "Susanto Lastua Manurung", "role": "Kasrem 162/WB", "date": "2023-12-12"},
            {"speaker": "Ridwan Kamil", "role": "Gubernur Jawa Barat", "date": "2024-11-13"}]
    assert [r["speaker"] for r in filter_rows(rows, Filters(speaker="Ridw"))] == ["Ridwan Kamil"]
    assert [r["speaker"] for r in filter_rows(rows, Filters(speaker="Susanto Lastua Manurug"))] == ["Susanto Lastua Manurung"]
    assert [r["speaker"] for r in filter_rows(rows, Filters(role="kasrem"))] == ["Susanto Lastua Manurung"]
    assert [r["speaker"] for r in filter_rows(rows, Filters(dates="2024-01-01|"))] == ["Ridwan Kamil"]
    assert Filters(dates="13/11/2024|2024-01-01").date_range() == ("2024-01-01", "2024-11-13", Filters(dates="2024-11-13|2024-01-01")
                                                                  .date_range()[2])
    assert "tidak dikenali" in Filters(dates="kemarin|").date_range()[2]
    assert name_matches("", "x") and not name_matches("Budi", "Ridwan Kamil")


def test_csv_has_the_credit_line_and_defuses_formulas(tmp_path: Path) -> None:
    path = write_csv([{"speaker": "=HYPERLINK(1)", "kind": "direct", "outlet": "Kompas", "url": "https://x.id"}], tmp_path / "p.csv")
    header, row = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert {"judul", "media", "terbit", "url"} <= set(header)
    assert row[header.index("pembicara")] == "'=HYPERLINK(1)" and row[header.index("jenis")] == "langsung"
    assert row[header.index("media")] == "Kompas"


def test_reports_and_reasons_are_indonesian() -> None:
    text = report_text({"added": ["a.txt"], "removed": ["b.txt"], "unchanged": [], "changed": [], "chunks": 9, "embedded": 3,
                        "seconds": 1.5, "skipped": [{"source": "c.txt", "reason": "duplicate of 002_x.txt"}]})
    assert "ditambahkan: a.txt" in text and "dihapus: b.txt" in text and "dilewati c.txt: sama dengan 002_x.txt" in text
    assert "1,50 detik" in text and not any(w in text for w in ("added", "chunks", "embedded", "skipped"))
    assert reason_id("file too large (9 bytes > limit 5)") == "berkas terlalu besar (9 byte, batasnya 5)"
    assert error_id("x.txt: a seed with this name already exists; rename the file").startswith("x.txt: sudah ada artikel")
    assert "dilewati a.txt: berkas kosong" in nothing_text("no usable article in /s\n  skipped a.txt: empty file")

