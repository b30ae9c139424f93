"""Core: the data types, settings, the word-list loader (rag/data), text tokens and stems, sentences and dates."""
