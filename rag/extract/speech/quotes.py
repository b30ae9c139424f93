"""Who said what in an article: ``extract_statements``, kept here for its importers; the passes are in ``pipeline``."""

from __future__ import annotations

from rag.extract.speech.pipeline import PASSES, extract_statements, run_passes

__all__ = ["PASSES", "extract_statements", "run_passes"]
