"""The two ways to run an embedding model: onnxruntime (the bundled e5) or sentence-transformers (any model).

Both take texts and whether they are queries or passages, and return float32 unit
vectors, one row per text. ``Embedder`` picks one and spreads batches over
worker threads; each encoder runs single-threaded per call.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
import warnings
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)


class Encoder(Protocol):
    """What ``Embedder`` needs from a backend."""

    dim: int
    prompts: dict[str, str]  # "query" / "passage" prompt strings, possibly empty

    def encode(self, texts: list[str], kind: str) -> np.ndarray:
        """Return ``(len(texts), dim)`` float32 unit vectors of texts with the ``kind`` ("query"/"passage") prompt."""
        ...


class OnnxEncoder:
    """The exported e5 graph on onnxruntime with the folder's own ``tokenizer.json``.

    Texts run one at a time (no padding at all), so a text's vector never
    depends on what else was in its batch, even for the int8 graph.
    """

    def __init__(self, folder: Path, graph: Path, prompts: dict[str, str]) -> None:
        """Open the graph with one intra-op thread (parallelism comes from ``Embedder``'s workers)."""
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = False  # activations are freed after each run, so a burst of long texts leaves no arena behind
        self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=_max_length(folder))
        self.dim = int(json.loads((folder / "config.json").read_text(encoding="utf-8"))["hidden_size"])
        self.prompts = prompts

    def encode(self, texts: list[str], kind: str) -> np.ndarray:
        """Prefix the prompt, tokenize, and run each text on its own."""
        prompt = self.prompts[kind]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch([prompt + text for text in texts])):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
            out[row] = self._session.run(None, feed)[0][0]
        return out


def _max_length(folder: Path) -> int:
    """Return the folder's ``max_seq_length`` (sentence-transformers' truncation length)."""
    try:
        return int(json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError):
        return 512


class TorchEncoder:
    """Any sentence-transformers model (hub id or folder) on the CPU, optionally with int8 Linear layers."""

    def __init__(self, path: str, quantize: str, e5_prompts: dict[str, str] | None) -> None:
        """Load the model; ``e5_prompts`` are used when the model has no prompts of its own."""
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(1)  # parallelism comes from Embedder's worker threads
        model = SentenceTransformer(path, device="cpu", local_files_only=Path(path).is_dir())
        model.eval()
        self.prompts = resolve_prompts(model, e5_prompts)
        if quantize == "int8":
            log.info("quantized %d Linear layers to int8", quantize_int8(model))
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(getter())
        self._model = model
        self._tokenize_lock = threading.Lock()

    def encode(self, texts: list[str], kind: str) -> np.ndarray:
        """Tokenize (serialized) and run one padded batch through the model."""
        import torch

        with self._tokenize_lock:
            features = self._model.preprocess(texts, prompt=self.prompts[kind] or None)
        with torch.inference_mode():
            vectors = self._model(features)["sentence_embedding"].float()
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return vectors.numpy()


def resolve_prompts(model: Any, e5_prompts: dict[str, str] | None) -> dict[str, str]:
    """Return the query and passage prompts: the model's own, else ``e5_prompts``, else none."""
    own = getattr(model, "prompts", None) or {}
    if not own and e5_prompts:
        return dict(e5_prompts)
    passage = next((own[name] for name in ("document", "passage", "corpus") if name in own), "")
    return {"query": own.get("query", ""), "passage": passage}


def quantize_int8(model: Any) -> int:
    """Swap the encoder's Linear layers for int8 ones in place; return how many were swapped."""
    import torch

    int8_linear = _int8_linear_type()
    encoder = model[0].auto_model
    targets = [
        (name, module)
        for name, module in encoder.named_modules()
        if isinstance(module, torch.nn.Linear) and not name.startswith("pooler")  # the pooler is unused
    ]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*quantize_per_(tensor|channel).*deprecated")
        for name, linear in targets:
            parent, _, child = name.rpartition(".")
            setattr(encoder.get_submodule(parent), child, int8_linear(linear))
    return len(targets)


@functools.cache
def _int8_linear_type() -> type:
    """Define the int8 Linear replacement (lazily, so importing this module does not import torch)."""
    import torch

    class Int8Linear(torch.nn.Module):
        """Linear with 7-bit per-channel weights and 8-bit dynamic (per-batch) activations.

        ``quantize_dynamic`` keeps 8-bit weights and cuts activations to 7 bits so that
        AVX2's u8 x s8 pair sums cannot overflow int16; that loses too much here (mean
        cosine 0.986). Weights in [-63, 63] avoid the overflow instead, and activations,
        which carry the outliers, keep all 8 bits (mean cosine 0.996).
        """

        def __init__(self, linear: torch.nn.Linear) -> None:
            super().__init__()
            weight = linear.weight.detach().float()
            scale = (weight.abs().amax(dim=1).clamp(min=1e-8) / 63).double()
            zero = torch.zeros(weight.shape[0], dtype=torch.long)
            qweight = torch.quantize_per_channel(weight, scale, zero, 0, torch.qint8)
            bias = None if linear.bias is None else linear.bias.detach().float()
            self.in_features, self.out_features = linear.in_features, linear.out_features
            self._packed = torch.ops.quantized.linear_prepack(qweight, bias)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            """Quantize ``x`` on the fly, multiply in int8, return float32."""
            return torch.ops.quantized.linear_dynamic(x, self._packed, False)

    return Int8Linear
