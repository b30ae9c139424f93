"""Ingest: reading seed files (decoding, skipping, cleaning), article headers, and chunking into passages."""
