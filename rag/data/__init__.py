"""Lexicons and patterns, kept as data files (JSON)."""
