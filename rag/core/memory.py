"""Memory given back after a burst of questions: glibc keeps freed heap pages unless asked to return them.

`Service.ask` runs inside `Burst.running`; when the last question in flight
finishes, `trim` calls glibc's ``malloc_trim(0)`` (a no-op elsewhere), so the
server's resident memory returns to its idle level instead of staying at the
burst's peak.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from contextlib import contextmanager
from functools import cache
from typing import Any, Iterator


@cache
def _libc() -> Any:
    """Return glibc, or None where there is no ``malloc_trim``."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def trim() -> bool:
    """Return freed heap memory to the operating system; True if glibc did."""
    libc = _libc()
    return bool(libc is not None and libc.malloc_trim(0))


class Burst:
    """Counts work in flight; the last one to finish trims the heap."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0

    @contextmanager
    def running(self) -> Iterator[None]:
        """Count one piece of work while it runs."""
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                last = self._running == 0
            if last:
                trim()
