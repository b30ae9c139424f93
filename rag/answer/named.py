"""Which articles a question names: by the words of their text, their outlet and their file name.

A question may name an outlet the text never writes out ("menurut Transmediariau", "according to NTBNOW"): the
outlet of the credit line, the URL's host and the file name's words count as the article's own words. When no
retrieved passage comes from an article with every name of the question, the reader searches again inside the
articles that have them all, instead of refusing for a name the first search missed.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from rag.core.types import Credit

_PIECES = re.compile(r"[^\W_]+", re.UNICODE)
MIN_LETTERS = 3  # a shorter piece of a file name ("rn", "id") names nothing
MAX_NAMED = 12  # more articles with every name than this: the names do not single any out


def outlet_words(source: str, credit: Credit) -> frozenset[str]:
    """Return the lower-case words that identify an article from outside its text: file name, outlet, URL host."""
    stem = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    host = urlparse(credit.url).hostname or "" if credit.url else ""
    texts = (stem, credit.outlet or "", host)
    return frozenset(
        p for text in texts for p in _PIECES.findall(text.lower()) if len(p) >= MIN_LETTERS and not p.isdigit()
    )


def within_names(named: list[str]) -> set[str] | None:
    """Return the articles to search again, or None when there are none or too many to single any out."""
    return set(named) if 0 < len(named) <= MAX_NAMED else None
