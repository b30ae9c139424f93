"""Export the converted e5 folder to ONNX (pooling and normalization inside the graph), and quantize it.

The export runs once, as part of the bundled model's conversion, so ordinary
runs answer questions with onnxruntime alone and never import torch or
sentence-transformers. The int8 variant is made on first use of
``RAG_QUANTIZE=int8``.
"""

from __future__ import annotations

import logging
import os
import uuid
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

ONNX_DIR = "onnx"
FP32_NAME = "e5-pooled.onnx"  # not ``model.onnx``: its output is the pooled, normalized sentence embedding
INT8_NAME = "e5-pooled-int8.onnx"
OPSET = 17


def onnx_path(folder: Path | str, quantize: str) -> Path:
    """Return where the fp32 (``none``) or ``int8`` graph of a converted folder lives."""
    return Path(folder) / ONNX_DIR / (INT8_NAME if quantize == "int8" else FP32_NAME)


def export(folder: Path) -> Path:
    """Write ``folder``'s encoder + mean pooling + L2 normalization as an fp32 ONNX graph; return its path."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    encoder = AutoModel.from_pretrained(str(folder), dtype=torch.float32).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    sample = tokenizer(["passage: rapat koordinasi", "query: siapa yang mengatakan itu?"], padding=True, return_tensors="pt")
    target = onnx_path(folder, "none")
    target.parent.mkdir(parents=True, exist_ok=True)
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _pooled(encoder),
            (sample["input_ids"], sample["attention_mask"]),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "sentence_embedding": {0: "batch"}},
            opset_version=OPSET,
            dynamo=False,
        )
    return target


def _pooled(encoder: object) -> object:
    """Wrap a transformers encoder so it returns mean-pooled, L2-normalized embeddings."""
    import torch

    class Pooled(torch.nn.Module):
        """Encoder, masked mean over tokens, unit length: what the sentence-transformers folder computes."""

        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            """Return ``(batch, dim)`` unit vectors."""
            states = self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(states.dtype)
            mean = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

    return Pooled(encoder).eval()


def ensure_int8(folder: Path) -> Path:
    """Return the int8 graph of ``folder``, quantizing the fp32 one atomically if it is missing."""
    from rag.index.embed import modelcheck

    target = onnx_path(folder, "int8")
    if target.is_file():
        if modelcheck.matches(folder, target):
            return target
        log.warning("the int8 graph %s does not match its recorded checksum; quantizing it again", target)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        # MatMul only: the 250k-row embedding table stays fp32, so rare words keep their exact vectors.
        quantize_dynamic(
            onnx_path(folder, "none"), tmp, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"]
        )
        os.replace(tmp, target)
        modelcheck.record_file(folder, target)
    finally:
        tmp.unlink(missing_ok=True)
    log.info("wrote the int8 graph %s", target)
    return target
