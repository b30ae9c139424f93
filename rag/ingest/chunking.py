"""Splitting cleaned articles into passages that still point into the original file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langchain_text_splitters import RecursiveCharacterTextSplitter

from rag.core.types import Article, Chunk, Span
from rag.ingest.corpus import content_paragraphs

SEPARATORS = ["\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ", ""]


@dataclass(frozen=True)
class ChunkerParams:
    """What decides the chunks; stored in the manifest."""

    chunk_size: int
    chunk_overlap: int
    splitter: str = "RecursiveCharacterTextSplitter"
    cleaning: str = "footers+repeats-v1"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dict(self.__dict__)


def make_splitter(params: ChunkerParams) -> RecursiveCharacterTextSplitter:
    """Return the langchain splitter for these parameters."""
    return RecursiveCharacterTextSplitter(
        chunk_size=params.chunk_size,
        chunk_overlap=params.chunk_overlap,
        separators=SEPARATORS,
        keep_separator="end",
        add_start_index=True,
        strip_whitespace=True,
    )


def segments(article: Article) -> list[tuple[int, int]]:
    """Return runs of consecutive kept paragraphs as ``(start, end)`` offsets.

    A footer or a repeated paragraph between two kept paragraphs ends a run,
    so no chunk ever spans text that cleaning removed.
    """
    kept = content_paragraphs(article)
    every = _all_line_starts(article)
    runs: list[tuple[int, int]] = []
    prev_index = -2
    for span in kept:
        index = every.get(span.start, -1)
        if runs and index == prev_index + 1:
            runs[-1] = (runs[-1][0], span.end)
        else:
            runs.append((span.start, span.end))
        prev_index = index
    return runs


def _all_line_starts(article: Article) -> dict[int, int]:
    """Map the start offset of every non-blank paragraph to its position."""
    from rag.ingest.corpus import paragraph_spans

    return {s.start: i for i, s in enumerate(paragraph_spans(article))}


def chunk_article(article: Article, params: ChunkerParams) -> list[Chunk]:
    """Split an article's kept text into chunks with offsets and 1-based lines."""
    splitter = make_splitter(params)
    chunks: list[Chunk] = []
    for seg_start, seg_end in segments(article):
        segment = article.text[seg_start:seg_end]
        for doc in splitter.create_documents([segment]):
            local = int(doc.metadata["start_index"])
            if local < 0:
                local = segment.find(doc.page_content)
            start = seg_start + local
            end = start + len(doc.page_content)
            if article.text[start:end] != doc.page_content or not doc.page_content.strip():
                continue
            first, last = article.lines_of(start, end)
            chunk_id = f"{article.source}#{start}"
            chunks.append(Chunk(chunk_id, article.source, start, end, first, last, doc.page_content))
    return chunks


def span_of(article: Article, start: int, end: int) -> Span:
    """Return the verbatim span ``[start, end)`` of an article with its lines."""
    first, last = article.lines_of(start, end)
    return Span(article.source, start, end, first, last, article.text[start:end])
