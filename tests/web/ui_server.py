"""One real app for the UI tests: a copy of the seeds, the real model and index, a real Gradio server.

`shared_app()` starts it once per test session (both UI test modules share it)
and stops it at exit. The seeds copy also holds `XSS_NAME`, an article whose
statement contains script tags, an ``onerror`` image and markdown, so the
browser test can check they render as inert text.

The converted model is cached across sessions in ``$RAG_MODEL_CACHE_DIR``
(default ``/tmp/pilkada-rag-models``).
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import socket
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from rag.app.service import Service
from rag.app.ui import build_app, launch
from rag.core.settings import Settings

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARTIFACTS = ROOT / "test-artifacts"
XSS_NAME = "900_uji_keamanan_situs.txt"
XSS_SPEAKER = "Yohanes Kerubim Pattiradjawane"
XSS_PAYLOAD = "<script>alert(1)</script> <img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))"
XSS_ARTICLE = "\n".join([
    "Rapat Koordinasi Keamanan Siber Pilkada Kabupaten Waingapu Tengah 2024 digelar di Aula Kantor Bupati, Kota Waingapu,"
    " Nusa Tenggara Timur, Senin (2/9/2024).",
    "Rapat dipimpin Sekretaris Daerah dan dihadiri KPU, Bawaslu serta dinas terkait.",
    f"Kepala Dinas Komunikasi dan Informatika Kabupaten Waingapu Tengah, {XSS_SPEAKER}, mengatakan laman pengumuman"
    " pemilihan pernah disusupi kode berbahaya.",
    f'"Kami menemukan sisipan {XSS_PAYLOAD} pada laman pengumuman dan semuanya sudah kami bersihkan sebelum masa kampanye,"'
    f" kata {XSS_SPEAKER}.",
    "Ia meminta seluruh operator laman desa melaporkan setiap perubahan tampilan yang mencurigakan kepada Diskominfo.",
    "",
])

_LOCK = threading.Lock()
_RUNNING: Running | None = None


@dataclass
class Running:
    """A started app and where its files live."""

    url: str
    service: Service
    settings: Settings
    demo: gr.Blocks
    root: Path

    @property
    def seeds_dir(self) -> Path:
        """Return the seeds copy the app indexes."""
        return self.settings.seeds_dir


def model_cache() -> Path:
    """Return the session-wide cache of the converted model."""
    return Path(os.environ.get("RAG_MODEL_CACHE_DIR") or "/tmp/pilkada-rag-models")


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start() -> Running:
    """Copy the seeds, build the index with the real model and launch the app."""
    root = Path(tempfile.mkdtemp(prefix="pilkada-ui-"))
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / XSS_NAME).write_text(XSS_ARTICLE, encoding="utf-8")
    settings = Settings.from_env().with_overrides(
        seeds_dir=seeds, index_dir=root / "index", model_cache_dir=model_cache(), host="127.0.0.1", port=free_port(), auth="",
    )
    service = Service(settings)
    service.context()
    service.ask("Siapa yang membuka rakor?")  # warm up the query path once
    demo = build_app(service)
    url = launch(demo, settings, block=False)
    log.info("test app on %s (seeds %s)", url, seeds)
    return Running(url.rstrip("/") + "/", service, settings, demo, root)


def _stop() -> None:
    """Close the server and delete its files."""
    global _RUNNING
    if _RUNNING is None:
        return
    _RUNNING.demo.close()
    shutil.rmtree(_RUNNING.root, ignore_errors=True)
    _RUNNING = None


def shared_app() -> Running:
    """Return the session's running app, starting it on first use."""
    global _RUNNING
    with _LOCK:
        if _RUNNING is None:
            _RUNNING = _start()
            atexit.register(_stop)
        return _RUNNING


def artifacts() -> Path:
    """Return the test-artifacts folder (created)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def lines_of(path: Path, start_line: int, end_line: int) -> str:
    """Return lines ``start_line..end_line`` (1-based, inclusive) of a text file."""
    text = path.read_bytes().decode("utf-8-sig")
    return "\n".join(text.split("\n")[start_line - 1 : end_line])
