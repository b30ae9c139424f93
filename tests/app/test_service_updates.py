"""The Service notices changed seeds by their content, not their modification time."""

from __future__ import annotations

import os
from typing import Any, Callable

from rag.core.settings import Settings
from tests.conftest import SEED_NAMES


def test_service_notices_changed_seeds_by_content(indexed: Settings, service_for: Callable[..., Any]) -> None:
    name = SEED_NAMES[4]
    path = indexed.seeds_dir / name
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # touched, same bytes
    service = service_for(indexed)
    service.context()
    assert service.last_report is None  # not rebuilt: same content
    data = path.read_bytes().replace(b"Posko Pengaduan", b"Posko Pelaporan")  # same size, new content
    path.write_bytes(data)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 2 * 10**9))
    service = service_for(indexed)
    service.context()
    assert service.last_report is not None and service.last_report.changed == (name,)
    assert "Posko Pelaporan" in service.article(name).text
