"""What the app and `rag ask` tell a person when the index cannot be saved: in Indonesian, the reason first."""

from __future__ import annotations

import errno

from rag.index.stores import IndexUnwritable

_WHY = {
    errno.EROFS: "folder indeks hanya bisa dibaca (read-only)",
    errno.EACCES: "tidak ada izin menulis ke folder indeks",
    errno.EPERM: "tidak ada izin menulis ke folder indeks",
    errno.ENOSPC: "disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.ENOTDIR: "lokasi indeks bukan folder",
    errno.EEXIST: "lokasi indeks bukan folder",
}


def why(exc: IndexUnwritable) -> str:
    """Return the reason in Indonesian, with the system's own words after it."""
    reason = _WHY.get(exc.code or 0)
    return f"{reason} — {exc.reason}" if reason else exc.reason


def not_saved(exc: IndexUnwritable) -> str:
    """Return the notice shown once when an update could not be saved and answers come from the last good index."""
    return (f"Pembaruan indeks tidak dapat disimpan: {why(exc)} ({exc.index_dir}). Jawaban memakai indeks terakhir yang utuh; "
            "artikel baru atau yang berubah belum ikut dijawab.")


def cannot_build(exc: IndexUnwritable) -> str:
    """Return the reply to a rebuild that could not be saved."""
    return f"Indeks tidak dapat disimpan: {why(exc)} ({exc.index_dir}). Indeks lama, jika ada, tidak diubah."
