"""The web app's words: Indonesian messages, the rebuild report, and reasons translated for the user.

The indexer and the service give their reasons in English (the CLI and the
logs keep them); the web app shows them in Indonesian. A reason it does not
know is shown as it is.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

REBUILD = "Perbarui indeks"
BUSY = "Pembaruan indeks sedang berjalan — tunggu sampai selesai, lalu coba lagi."
PENDING = f"belum diindeks — klik «{REBUILD}»"
FAILED = "Maaf, terjadi kesalahan saat menjawab. Coba lagi, atau laporkan pertanyaan ini ke pengelola."
NO_INDEX = "Belum ada artikel terindeks. Unggah artikel di tab «Sumber»."
GONE = f"Artikel tidak tersedia (mungkin sudah dihapus atau diganti; klik «{REBUILD}» di tab «Sumber»)."
MOVED = "Artikel ini berubah sejak jawaban diberikan; kutipannya tidak ditemukan lagi di teks."
ACCEPTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
ACCEPTED_TEXT = ".txt, .md, .pdf, .docx atau .html"

_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^duplicate of (?P<x>.+)$"), "sama dengan {x} (isinya sudah ada di korpus)"),
    (re.compile(r"^empty file$"), "berkas kosong"),
    (re.compile(r"^file too large \((?P<x>\d+) bytes > limit (?P<y>\d+)\)$"), "berkas terlalu besar ({x} byte, batasnya {y})"),
    (re.compile(r"^larger than (?P<x>\d+) bytes$"), "lebih besar dari {x} byte"),
    (re.compile(r"^binary file \(image, PDF or archive\)$"), "bukan berkas teks (gambar, PDF atau arsip)"),
    (re.compile(r"^binary file.*$"), "bukan berkas teks (berisi data biner)"),
    (re.compile(r"^no text \(only white space\)$"), "tidak ada teks (hanya spasi)"),
    (re.compile(r"^no words in the file$"), "tidak ada kata dalam berkas"),
    (re.compile(r"^undecodable text$"), "teks tidak dapat dibaca"),
    (re.compile(r"^hidden or temporary file$"), "berkas tersembunyi atau sementara"),
    (re.compile(r"^broken link$"), "tautan rusak"),
    (re.compile(r"^link points outside the seeds folder$"), "tautan menunjuk ke luar folder artikel"),
    (re.compile(r"^not a regular file$"), "bukan berkas biasa"),
    (re.compile(r"^unsupported file type (?P<x>\S+).*$"), "jenis berkas {x} tidak didukung"),
    (re.compile(r"^file name is not valid UTF-8.*$"), "nama berkas tidak valid (UTF-8); ganti nama berkasnya"),
    (re.compile(r"^a seed with this name already exists.*$"),
     "sudah ada artikel dengan nama ini; untuk memperbaruinya pilih barisnya lalu «Ganti…», atau ganti nama berkasnya"),
    (re.compile(r"^not an acceptable file name$"), "nama berkas tidak dapat dipakai"),
    (re.compile(r"^only \.txt and \.md files are accepted$"), "jenis berkas ini belum bisa dibaca oleh versi ini (hanya .txt dan .md)"),
    (re.compile(r"^cannot be saved \((?P<x>.*)\)$"), "tidak dapat disimpan ({x})"),
    (re.compile(r"^no such seed file: (?P<x>.+)$"), "artikel {x} tidak ada di folder artikel"),
    (re.compile(r"^not a seed file name: (?P<x>.+)$"), "{x} bukan nama artikel"),
    (re.compile(r"^is a link; not replaced$"), "berkas ini tautan; tidak diganti"),
]


def reason_id(reason: object) -> str:
    """Return an indexer or upload reason in Indonesian (unknown reasons unchanged)."""
    text = str(reason or "").strip()
    for pattern, template in _REASONS:
        m = pattern.match(text)
        if m:
            return template.format(**m.groupdict())
    return text


def error_id(message: object) -> str:
    """Return 'name: reason' of an UploadError in Indonesian (the name part is kept)."""
    text = str(message or "")
    name, sep, reason = text.rpartition(": ")
    if sep and name and not name.startswith(("'", '"')):
        return f"{name}: {reason_id(reason)}"
    if sep and name:  # "'x.exe': not an acceptable file name"
        return f"{name.strip(chr(39) + chr(34))}: {reason_id(reason)}"
    return reason_id(text)


def unsupported(name: str, suffix: str) -> str:
    """Return why a file of an unsupported type was refused."""
    kind = suffix or "(tanpa ekstensi)"
    return f"Ditolak — {name}: jenis berkas {kind} tidak didukung. Gunakan {ACCEPTED_TEXT}."


def nothing_text(message: str) -> str:
    """Return why nothing could be indexed (the indexer's message, translated line by line)."""
    lines = ["Tidak ada artikel yang bisa diindeks; indeks lama tetap dipakai."]
    for line in message.splitlines()[1:]:
        name, _, reason = line.strip().removeprefix("skipped ").partition(": ")
        lines.append(f"dilewati {name}: {reason_id(reason)}")
    return "\n".join(lines)


def seconds_text(seconds: float) -> str:
    """Return '2,31 detik' (Indonesian decimal comma)."""
    return f"{seconds:.2f}".replace(".", ",") + " detik"


def report_text(report: Mapping[str, Any]) -> str:
    """Return the Indonesian summary of a rebuild report dict (plain text)."""
    if report.get("error"):
        return str(report["error"])
    names = {k: list(report.get(k) or []) for k in ("added", "changed", "removed", "unchanged")}
    skipped = list(report.get("skipped") or [])
    lines = [f"Indeks diperbarui dalam {seconds_text(float(report.get('seconds') or 0))}."]
    lines.append(f"Ditambahkan: {len(names['added'])} · Diubah: {len(names['changed'])} · Dihapus: {len(names['removed'])}"
                 f" · Tetap: {len(names['unchanged'])} · Dilewati: {len(skipped)}")
    lines.append(f"Bagian teks di indeks: {report.get('chunks', 0)} (baru diproses: {report.get('embedded', 0)})")
    for key, word in (("added", "ditambahkan"), ("changed", "diubah"), ("removed", "dihapus")):
        lines += [f"{word}: {name}" for name in names[key]]
    lines += [f"dilewati {s.get('source')}: {reason_id(s.get('reason'))}" for s in skipped if isinstance(s, Mapping)]
    if report.get("full") and report.get("reason"):
        lines.append(f"Indeks dibangun ulang seluruhnya: {report['reason']}")
    return "\n".join(lines)
