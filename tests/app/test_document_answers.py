"""PDF, DOCX and saved HTML articles indexed with the real model and answered by `rag ask --json` with
verbatim, credited citations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, Callable

from rag.ingest.corpus import sha256_bytes
from tests.conftest import CREDIT_KEYS, SEED_NAMES, CliBuild
from tests.docmaker import (
    DOCX_ARTICLE,
    DOCX_TITLE,
    HTML_ARTICLE,
    HTML_META,
    HTML_TITLE,
    PDF_ARTICLE,
    encrypt_pdf,
    make_blank_pdf,
    make_docx,
    make_html,
    make_pdf,
)


def write_documents(seeds: Path) -> None:
    (seeds / "laporan_logistik.pdf").write_bytes(make_pdf(PDF_ARTICLE))
    (seeds / "bawaslu_kampanye.docx").write_bytes(make_docx(DOCX_ARTICLE, heading=DOCX_TITLE))
    (seeds / "apel_siaga.html").write_bytes(make_html(HTML_TITLE, HTML_ARTICLE, **HTML_META))
    (seeds / "kunci.pdf").write_bytes(encrypt_pdf(make_pdf(PDF_ARTICLE)))
    (seeds / "pindaian.pdf").write_bytes(make_blank_pdf())
    (seeds / "rusak.docx").write_bytes(b"PK\x03\x04bukan zip")


QUESTIONS = {
    "Apa kata Marlina Sihombing tentang surat suara?": ("laporan_logistik.pdf.txt", "surat suara tiba di gudang kecamatan"),
    "Siapa yang akan menurunkan pengawas ke setiap rumah ibadah?": ("bawaslu_kampanye.docx.txt", "pengawas ke setiap rumah ibadah"),
    "Apa kata Darmawan Hadi Saputra tentang tempat pemungutan suara yang rawan banjir?": ("apel_siaga.html.txt", "Tiga ratus personel"),
}


def test_documents_are_indexed_and_answered_with_verbatim_credited_citations(
    cli_index: CliBuild, tmp_path: Path, rag_cli: Callable[..., Any], check_citations: Callable[..., None]
) -> None:
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    shutil.copytree(cli_index.seeds, seeds)
    shutil.copytree(cli_index.index, index)
    write_documents(seeds)
    done = rag_cli("index", "--seeds", seeds, "--index", index, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    texts = {"laporan_logistik.pdf.txt", "bawaslu_kampanye.docx.txt", "apel_siaga.html.txt"}
    assert set(report["added"]) == texts and set(report["unchanged"]) == set(SEED_NAMES)  # seeds not embedded again
    reasons = {s["source"]: s["reason"] for s in report["skipped"]}
    assert reasons == {"kunci.pdf": reasons["kunci.pdf"], "pindaian.pdf": reasons["pindaian.pdf"], "rusak.docx": reasons["rusak.docx"]}
    assert "terkunci" in reasons["kunci.pdf"] and "pindaian" in reasons["pindaian.pdf"] and "DOCX rusak" in reasons["rusak.docx"]
    manifest = json.loads((index / "manifest.json").read_text("utf-8"))
    record = manifest["sources"]["laporan_logistik.pdf.txt"]
    assert record["sha256"] == sha256_bytes((seeds / "laporan_logistik.pdf.txt").read_bytes())
    assert record["original"] == {"source": "laporan_logistik.pdf", "sha256": sha256_bytes((seeds / "laporan_logistik.pdf").read_bytes()),
                                  "format": "pdf"}
    assert "laporan_logistik.pdf" not in manifest["sources"]  # the original is kept, never indexed itself
    asked = rag_cli("ask", "--seeds", seeds, "--index", index, "--json", stdin="\n".join(QUESTIONS) + "\n")
    assert asked.returncode == 0, asked.stderr
    answers = [json.loads(line) for line in asked.stdout.splitlines()]
    assert len(answers) == len(QUESTIONS)
    credits = {
        "laporan_logistik.pdf.txt": {"title": PDF_ARTICLE[0], "outlet": "WARTALEMBAH.COM", "published": None, "url": None},
        "bawaslu_kampanye.docx.txt": {"title": DOCX_TITLE, "outlet": "POSBUKIT.ID", "published": None, "url": None},
        "apel_siaga.html.txt": {"title": HTML_TITLE, "outlet": "Kabar Tanjung", "published": "2024-11-21", "url": HTML_META["url"]},
    }
    for answer, (source, phrase) in zip(answers, QUESTIONS.values(), strict=True):
        assert answer["answerable"], answer
        main = answer["citations"][0]
        assert main["source"] == source and phrase in main["quote"], answer
        assert {k: main[k] for k in CREDIT_KEYS} == credits[source]
        check_citations(seeds, answer)
