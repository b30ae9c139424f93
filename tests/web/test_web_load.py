"""The web app under load and abuse: concurrent clients during a rebuild, bad questions, paths, uploads, binding.

The app is started here with `rag.app.ui.build_app` on its own seeds copy (the shared
`tests/web/ui_server.py` app is mutated by the UI tests, and this module adds a seed
too); it binds 127.0.0.1 on a free port.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from rag.app.access import bind_problem
from rag.app.cli import main as rag_main
from rag.app.service import BuildBusy, SeedError, Service, UploadError, safe_filename
from rag.app.ui import build_app, launch
from rag.core.settings import Settings
from rag.index import build as indexing
from tests.conftest import CONTRACT, SEEDS, CliBuild

NEW_NAME = "020_rakor_banjir_rob.txt"
NEW_SPEAKER = "Stefanus Lewoleba Making"
NEW_ARTICLE = "\n".join([
    "Rapat Koordinasi Antisipasi Banjir Rob Menjelang Pilkada 2024 digelar di Aula Kantor Bupati Lembata, Nusa Tenggara Timur,"
    " Jumat (22/11/2024).",
    f"Kepala Pelaksana BPBD Kabupaten Lembata, {NEW_SPEAKER}, mengatakan sejumlah TPS di pesisir harus dipindahkan.",
    f"\u201cKami memindahkan sebelas TPS di pesisir Lewoleba ke gedung sekolah agar surat suara aman dari banjir rob,\u201d"
    f" kata {NEW_SPEAKER}.",
    "",
])
NEW_QUESTION = "Siapa yang memindahkan sebelas TPS di pesisir Lewoleba ke gedung sekolah?"
QUESTIONS = [
    "Siapa yang mengatakan jika ditemukan pelanggaran akan dikenai sanksi?",
    "Apa kata Sekretaris Provinsi Kaltim Sri Wahyuni tentang logistik Pilkada?",
    "Di mana dan kapan rakor Forkopimda Kaltim digelar?",
    "Apa pesan Pj Gubernur NTB Hassanudin kepada masyarakat?",
    NEW_QUESTION,
    "Apa kata Pj Bupati Madiun Tontro Pahlawanto tentang sinergitas Forkopimda?",
    "Siapa presiden Prancis tahun 1990?",
    "Apa kata Ketua Bawaslu Kabupaten Lembata Thomas Febry Bayo Ala tentang rakor di Bali?",
    NEW_QUESTION,
    "What did the Kasrem 162/WB say about TNI members who violate election neutrality?",
]
BAD_QUESTIONS = {
    "empty": "",
    "whitespace": "   \n\t  ",
    "10000-chars": "Pilkada " * 1250,
    "just-over-limit": "a" * 2001,
    "punctuation": "?!?! ... ;; -- ()",
    "emoji": "\U0001f642\U0001f389\U0001f5f3\ufe0f",
    "chinese": "\u8c01\u5728\u4f1a\u8bae\u4e0a\u8bf4\u4e86\u4ec0\u4e48\uff1f",
    "arabic": "\u0645\u0627\u0630\u0627 \u0642\u0627\u0644 \u0627\u0644\u0645\u062d\u0627\u0641\u0638\u061f",
    "control-chars": "\x00\x01\x02\u202e",
}
BAD_NAMES = ["../../etc/passwd", "/etc/passwd", "..", "../seeds/../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd",
             "004_25ac917f1e504862.txt\x00.png", "tautan_keluar.txt", "gambar.txt", "tidak_ada.txt", ""]


@dataclass
class WebApp:
    """A running app over its own seeds copy."""

    url: str
    service: Service
    settings: Settings
    demo: Any
    installs: list[float] = field(default_factory=list)

    def client(self) -> Client:
        return Client(self.url, verbose=False, download_files=False, analytics_enabled=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, cli_index: CliBuild, settings_for: Callable[..., Settings],
        service_for: Callable[..., Service]) -> Iterator[WebApp]:
    root = tmp_path_factory.mktemp("web")
    shutil.copytree(cli_index.seeds, root / "seeds")
    shutil.copytree(cli_index.index, root / "index")
    os.symlink("/etc/passwd", root / "seeds" / "tautan_keluar.txt")
    (root / "seeds" / "gambar.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    settings = settings_for(root / "seeds", root / "index", host="127.0.0.1", port=free_port())
    service = service_for(settings)
    service.context()
    app = WebApp("", service, settings, None)
    real_install = service.install

    def install(snapshot: Any, **kwargs: Any) -> None:
        app.installs.append(time.monotonic())  # before the swap: an answer from the new index ends after this
        real_install(snapshot, **kwargs)

    service.install = install  # type: ignore[method-assign]
    app.demo = build_app(service)
    app.url = launch(app.demo, settings, block=False)
    assert app.url.startswith("http://127.0.0.1:")
    yield app
    app.demo.close()


@dataclass
class Asked:
    start: float
    end: float
    question: str
    answer: dict[str, Any]


@pytest.mark.slow
def test_twenty_clients_during_a_rebuild(web: WebApp, check_citations: Callable[..., None], monkeypatch: pytest.MonkeyPatch) -> None:
    inside, release = threading.Event(), threading.Event()
    real_load = indexing.load_corpus

    def held_load(*args: Any, **kwargs: Any) -> Any:  # runs inside the build lock: hold it until the busy checks are done
        inside.set()
        release.wait(timeout=120)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(indexing, "load_corpus", held_load)
    (web.settings.seeds_dir / NEW_NAME).write_text(NEW_ARTICLE, encoding="utf-8")
    done: list[Asked] = []
    lock = threading.Lock()

    def one_client(n: int) -> None:
        client = web.client()
        for i in range(10):
            question = QUESTIONS[(n + i) % len(QUESTIONS)]
            start = time.monotonic()
            answer = client.predict(question, api_name="/ask")
            with lock:
                done.append(Asked(start, time.monotonic(), question, answer))

    with ThreadPoolExecutor(max_workers=22) as pool:
        clients = [pool.submit(one_client, n) for n in range(20)]
        _wait_until(lambda: len(done) >= 20, clients)
        rebuild_started = time.monotonic()
        rebuild = pool.submit(web.client().predict, api_name="/rebuild")
        assert inside.wait(timeout=60)
        assert web.client().predict(api_name="/rebuild") == {"error": "rebuild already running"}
        with pytest.raises(BuildBusy, match="rebuild already running"):
            web.service.rebuild()
        release.set()
        report = rebuild.result(timeout=300)
        for future in clients:
            future.result(timeout=300)  # re-raises any client error
    assert NEW_NAME in report["added"], report
    _check_answers(web, done, rebuild_started, check_citations)


def _wait_until(condition: Callable[[], bool], futures: list[Any], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        for future in futures:
            if future.done():
                future.result()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _check_answers(web: WebApp, done: list[Asked], rebuild_started: float, check_citations: Callable[..., None]) -> None:
    assert len(done) == 200 and len(web.installs) == 1
    swapped = web.installs[0]
    for asked in done:
        assert set(asked.answer) == CONTRACT, asked
        check_citations(web.settings.seeds_dir, asked.answer)
        sources = {c["source"] for c in asked.answer["citations"]} | {p["source"] for p in asked.answer["passages"]}
        if NEW_NAME in sources:
            assert asked.end >= swapped, "an answer used the new index before it was swapped in"
        if asked.question != NEW_QUESTION and "Prancis" not in asked.question:
            assert asked.answer["answerable"], asked
    assert any(rebuild_started < a.end < swapped for a in done), "no answer was served while the rebuild ran"
    late = [a for a in done if a.question == NEW_QUESTION and a.start > swapped]
    final = web.client().predict(NEW_QUESTION, api_name="/ask")
    for answer in [a.answer for a in late] + [final]:
        assert answer["answerable"] and answer["citations"][0]["source"] == NEW_NAME, answer


@pytest.mark.parametrize("name", list(BAD_QUESTIONS))
def test_bad_questions_get_a_clear_reply(name: str, web: WebApp) -> None:
    question = BAD_QUESTIONS[name]
    direct = web.service.ask(question).to_json()
    via_api = web.client().predict(question, api_name="/ask")
    for answer in (direct, via_api):
        assert set(answer) == CONTRACT
        assert answer["answerable"] is False and answer["citations"] == [], answer
        assert len(answer["answer"]) > 10 and "Traceback" not in answer["answer"]
    if name in ("10000-chars", "just-over-limit"):
        assert str(web.settings.max_question_chars) in direct["answer"]


def test_question_at_the_length_limit_is_answered(web: WebApp) -> None:
    question = ("Siapa yang mengatakan jika ditemukan pelanggaran akan dikenai sanksi? " * 40)[: web.settings.max_question_chars]
    answer = web.service.ask(question).to_json()
    assert set(answer) == CONTRACT and answer["answer"]
    assert Settings().max_question_chars == 2000


def test_a_bug_in_the_answer_code_gives_a_reply_not_a_traceback(
    web: WebApp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from rag.app import service as service_module

    def broken(*args: Any) -> Any:
        raise IndexError("simulated bug in answering")

    monkeypatch.setattr(service_module, "read", broken)
    for answer in (web.service.ask(QUESTIONS[0]).to_json(), web.client().predict(QUESTIONS[0], api_name="/ask")):
        assert set(answer) == CONTRACT and answer["answerable"] is False and answer["citations"] == []
        assert "kesalahan internal" in answer["answer"] and "IndexError" not in answer["answer"]
    assert "simulated bug in answering" in caplog.text  # the traceback goes to the server log only


@pytest.mark.parametrize("name", BAD_NAMES)
def test_article_api_refuses_anything_but_an_indexed_seed(name: str, web: WebApp) -> None:
    with pytest.raises(AppError) as caught:
        web.client().predict(name, api_name="/article")
    assert "Ditolak" in str(caught.value) and "Traceback" not in str(caught.value)
    with pytest.raises(SeedError):
        web.service.article(name)


def test_article_api_returns_an_indexed_seed(web: WebApp) -> None:
    name = "004_25ac917f1e504862.txt"
    result = web.client().predict(name, api_name="/article")
    assert result == {"source": name, "text": (SEEDS / name).read_text(encoding="utf-8")}


def test_upload_names_are_sanitized(web: WebApp) -> None:
    assert safe_filename("../../evil.txt") == "evil.txt"
    assert safe_filename("/etc/cron.d/jadwal.md") == "jadwal.md"
    assert safe_filename("C:\\Users\\x\\..\\berita.txt") == "berita.txt"
    assert safe_filename("<script>alert(1)</script>.txt") == "script_.txt"  # "/" is a path separator
    assert safe_filename("<img src=x onerror=alert(1)>.txt") == "_img src_x onerror_alert_1_.txt"
    assert safe_filename("Berita Ñ baru.txt") == "Berita Ñ baru.txt"
    long = safe_filename("a" * 300 + ".txt")
    assert len(long) <= 120 and long.endswith(".txt")
    assert safe_filename(".tersembunyi.txt") == "tersembunyi.txt"  # hidden/temp names become plain, visible names
    assert safe_filename("~sementara.txt") == "_sementara.txt"
    for bad in ("payload.exe", "berita.txt.exe", "halaman.doc", "catatan.txt.swp", "", "..", "/", "\x00.txt\x00"):
        with pytest.raises(UploadError):
            safe_filename(bad)


def test_uploads_stay_inside_the_seeds_and_never_overwrite(web: WebApp, tmp_path: Path) -> None:
    service, seeds = web.service, web.settings.seeds_dir
    body = b"Ketua KPU mengatakan rapat pleno digelar terbuka.\n"
    assert service.save_upload("../../naik_keluar.txt", body) == "naik_keluar.txt"
    assert (seeds / "naik_keluar.txt").read_bytes() == body and not (seeds.parent / "naik_keluar.txt").exists()
    original = (seeds / "004_25ac917f1e504862.txt").read_bytes()
    with pytest.raises(UploadError, match="sudah ada berkas"):
        service.save_upload("004_25ac917f1e504862.txt", body)
    assert (seeds / "004_25ac917f1e504862.txt").read_bytes() == original
    os.symlink(tmp_path / "target.txt", seeds / "tautan_menggantung.txt")
    with pytest.raises(UploadError):
        service.save_upload("tautan_menggantung.txt", body)
    assert not (tmp_path / "target.txt").exists()
    with pytest.raises(UploadError, match="lebih besar dari"):
        service.save_upload("besar.txt", b"a" * (web.settings.max_upload_bytes + 1))
    with pytest.raises(UploadError, match="berkas biner"):
        service.save_upload("gambar2.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert not (seeds / "besar.txt").exists() and not (seeds / "gambar2.txt").exists()


@pytest.mark.parametrize("argv", [["--host", "0.0.0.0"], ["--host", "192.168.1.20"]])
def test_cli_refuses_a_public_address_without_login(argv: list[str], caplog: pytest.LogCaptureFixture) -> None:
    port = free_port()
    assert rag_main(["serve", *argv, "--port", str(port)]) == 2
    assert "refusing to serve" in caplog.text
    with socket.socket() as sock:  # nothing was bound
        sock.bind(("0.0.0.0", port))


def test_default_binding_is_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().host == "127.0.0.1"
    monkeypatch.setenv("RAG_HOST", "0.0.0.0")
    public = Settings.from_env()
    assert bind_problem(public).startswith("refusing")
    assert bind_problem(public.with_overrides(insecure=True)) == ""
    assert bind_problem(public.with_overrides(auth="redaksi:rahasia")) == ""
