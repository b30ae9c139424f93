"""Embedding: the bundled multilingual-e5-small, its conversion and ONNX export, and the encoder backends."""
