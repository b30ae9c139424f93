"""Deterministic synthetic data for the benchmark.

* `make_articles`: news-like Indonesian articles made by recombining the
  paragraphs of the seeds and the dev articles, with every speaker's name,
  the cities and the dates replaced, so no two articles are the same text.
* `realistic_vectors`: random unit vectors in 384-d that have the geometry of
  real e5 embeddings (a strong common direction and a power-law spectrum),
  because uniformly random vectors are a worst case no ANN index sees in
  practice.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
POOL_DIRS = (ROOT / "seeds", ROOT / "tests" / "data" / "articles")

FIRST = (
    "Agus Ahmad Andi Arief Bambang Budi Dedi Dewi Eko Fajar Fitri Gilang Hadi Hendra Indra Irma Joko Kurnia Lestari "
    "Made Maya Nanang Nur Putu Rahmat Rina Rudi Sari Sigit Siti Slamet Suryani Teguh Wahyu Wayan Yanti Yusuf Zainal"
).split()
LAST = (
    "Pratama Saputra Wibowo Hidayat Nugroho Santoso Kurniawan Setiawan Wijaya Hakim Siregar Nasution Lubis Harahap "
    "Sitompul Simanjuntak Rahman Syahputra Gunawan Permana Susilo Purnomo Hartono Firmansyah Ramadhan Utami Anggraini "
    "Pangaribuan Tambunan Daulay Sembiring Ginting Tarigan Manurung Panjaitan Wicaksono Prasetyo Suharto Iskandar"
).split()
CITIES = (
    "Bekasi Bogor Depok Cirebon Tasikmalaya Garut Cianjur Sukabumi Purwakarta Karawang Tegal Pekalongan Magelang "
    "Klaten Boyolali Kudus Jepara Blora Kediri Blitar Jember Banyuwangi Lumajang Pasuruan Probolinggo Mojokerto "
    "Madiun Ngawi Tuban Lamongan Bojonegoro Pamekasan Sumenep Serang Pandeglang Lebak Cilegon Tangerang Padang "
    "Bukittinggi Solok Payakumbuh Pekanbaru Dumai Jambi Bengkulu Palembang Lubuklinggau Metro Pringsewu Pontianak "
    "Singkawang Ketapang Sintang Banjarmasin Banjarbaru Martapura Palangka Sampit Tarakan Bontang Balikpapan "
    "Kendari Baubau Gorontalo Manado Bitung Tomohon Mamuju Parepare Palopo Bone Gowa Maros Ambon Tual Ternate "
    "Sorong Manokwari Jayapura Merauke Kupang Ende Maumere Bima Dompu Sumbawa Singaraja Tabanan Gianyar Denpasar"
).split()
OUTLETS = ("KABARDAERAH.COM", "WARTAPILKADA.ID", "SUARANUSANTARA.CO.ID", "BERITAKITA.NET", "PORTALPEMILU.ID", "INFOPUBLIK.ID")
EVENTS = (
    "Rapat Koordinasi Kesiapan Pilkada Serentak 2024",
    "Rakor Pengamanan Tahapan Pilkada 2024",
    "FGD Pengawasan Partisipatif Pemilihan 2024",
    "Apel Siaga Pengamanan Pilkada 2024",
    "Deklarasi Kampanye Damai Pilkada 2024",
    "Rakorda Netralitas ASN Menjelang Pilkada 2024",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu")
FOOTER = re.compile(r"baca juga|tinggalkan balasan|copyright|editor\s*:|alamat email|pos terkait|^#|http", re.IGNORECASE)
DATE = re.compile(r"\((\d{1,2})/(\d{1,2})(/\d{4})?\)")


@dataclass(frozen=True)
class Pool:
    """What synthetic articles are made of."""

    paragraphs: tuple[tuple[str, ...], ...]  # per source article, in order
    names: tuple[str, ...]  # speaker names found in the pool, longest first
    cities: tuple[str, ...]  # city names that occur in the pool


def load_pool() -> Pool:
    """Read the seeds and dev articles; find their paragraphs, speaker names and cities."""
    from rag.extract.meetings.records import extract_meetings
    from rag.extract.speech.quotes import extract_statements
    from rag.ingest.corpus import read_article

    paragraphs, names = [], set()
    known_cities = set(CITIES) | {
        "Samarinda",
        "Makassar",
        "Mataram",
        "Sidoarjo",
        "Gresik",
        "Bandung",
        "Surabaya",
        "Pontianak",
        "Palu",
        "Berau",
        "Labuhanbatu",
        "Jakarta",
        "Padang",
        "Aceh Besar",
        "Bandar Lampung",
        "Kutai Timur",
        "Kutim",
        "Denpasar",
        "Bali",
        "Balikpapan",
        "Tanjung Redeb",
        "Kota Jantho",
        "Lombok",
        "Sumbawa",
    }
    seen_cities = set()
    for folder in POOL_DIRS:
        for path in sorted(folder.glob("*.txt")):
            article = read_article(path, path.name, 5_000_000)
            for statement in extract_statements(article, extract_meetings(article)):
                if len(statement.speaker.name.split()) >= 2:
                    names.add(statement.speaker.name)
            paras = [p.strip() for p in re.split(r"\n\s*\n", article.text)]
            keep = tuple(p for p in paras if len(p) >= 80 and not FOOTER.search(p))
            if keep:
                paragraphs.append(keep)
            seen_cities |= {c for c in known_cities if re.search(rf"\b{re.escape(c)}\b", article.text)}
    return Pool(tuple(paragraphs), tuple(sorted(names, key=len, reverse=True)), tuple(sorted(seen_cities, key=len, reverse=True)))


def _new_name(rng: random.Random, parts: int) -> list[str]:
    """Return a made-up Indonesian name with ``parts`` words (2 or 3)."""
    words = [rng.choice(FIRST)]
    if parts >= 3:
        words.append(rng.choice(FIRST + LAST))
    words.append(rng.choice(LAST))
    return words


def _rename(text: str, mapping: dict[str, str]) -> str:
    """Replace whole words of ``mapping`` keys (longest first) in one pass."""
    if not mapping:
        return text
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def make_article(pool: Pool, index: int, seed: int = 2024) -> tuple[str, str]:
    """Return ``(file name, text)`` of synthetic article number ``index`` (deterministic)."""
    rng = random.Random(seed * 1_000_003 + index)
    city = rng.choice(CITIES)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    event = rng.choice(EVENTS)
    picked: list[str] = []
    for source in rng.sample(pool.paragraphs, k=min(3, len(pool.paragraphs))):
        start = rng.randrange(len(source))
        picked += list(source[start : start + rng.randint(2, 4)])
    mapping: dict[str, str] = {}
    for name in pool.names:
        if any(name in p for p in picked):
            words = name.split()
            new = _new_name(rng, len(words))
            mapping[name] = " ".join(new)
            mapping.setdefault(words[-1], new[-1])  # "kata Hendra" style short references
            mapping.setdefault(words[0], new[0])
    for old in pool.cities:
        if any(old in p for p in picked):
            mapping.setdefault(old, rng.choice(CITIES))
    body = [_rename(p, mapping) for p in picked]
    body = [DATE.sub(lambda m: f"({rng.randint(1, 28)}/{rng.randint(1, 12)}/2024)", p) for p in body]
    official = " ".join(_new_name(rng, 2))
    title = f"{event.split(' 2024')[0]} di {city}, Pj Bupati {official.split()[-1]} Minta Semua Pihak Jaga Kondusivitas"
    lead = (
        f"{city} - Pemerintah Kabupaten {city} menggelar {event} di Aula Kantor Bupati {city}, "
        f"{rng.choice(DAYS)} ({day}/{month}/2024). Kegiatan dipimpin Pj Bupati {city} {official}."
    )
    text = "\n\n".join([title, f"{rng.choice(OUTLETS)} - {city}", lead, *body]) + "\n"
    slug = re.sub(r"[^a-z0-9]+", "-", f"{event.split()[0]} {city}".lower()).strip("-")
    return f"syn_{index:05d}_{slug}.txt", text


def write_articles(folder: Path, count: int, start: int = 0, pool: Pool | None = None) -> list[Path]:
    """Write synthetic articles ``start .. start+count-1`` into ``folder``; return their paths."""
    pool = pool or load_pool()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        name, text = make_article(pool, i)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# Measured on this project's own int8 e5 vectors (83 chunks, 220 statements):
# the mean vector has norm ~0.92, the residual variance is ~0.15 and its
# eigenvalues fall off roughly as k^-0.9 (participation ratio 40-65).
MEAN_NORM = 0.92
RESIDUAL_VAR = 0.15
SPECTRUM_SLOPE = 0.9


def realistic_vectors(n: int, dim: int = 384, seed: int = 0, basis_seed: int = 7, block: int = 100_000) -> np.ndarray:
    """Return ``n`` float32 unit vectors shaped like real e5 embeddings (same ``basis_seed`` = same space)."""
    basis_rng = np.random.default_rng(basis_seed)
    basis, _ = np.linalg.qr(basis_rng.standard_normal((dim, dim)))
    basis = basis.astype(np.float32)
    mean = basis[:, 0] * MEAN_NORM
    lam = np.arange(1, dim, dtype=np.float64) ** -SPECTRUM_SLOPE
    scale = np.sqrt(lam * RESIDUAL_VAR / lam.sum()).astype(np.float32)
    rest = basis[:, 1:].T.copy()
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype=np.float32)
    for start in range(0, n, block):
        m = min(block, n - start)
        z = rng.standard_normal((m, dim - 1), dtype=np.float32) * scale
        v = z @ rest
        v += mean
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[start : start + m] = v
    return out
