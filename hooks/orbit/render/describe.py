"""Page descriptions: data text made into one plain line that search results and shared links show."""

from __future__ import annotations

import re

from ..link.entities import first_sentence, plain_text

# Search engines show about this much; a longer description is cut at a word, with an ellipsis.
DESCRIPTION_MAX = 200
_MARKER = re.compile(r"\[\[(?:chart:[^\]]*|([^\]|]+)(?:\|([^\]]*))?)\]\]")
_INSERTION = re.compile(r"\{\+\+(.+?)\+\+\}")


def plain(text: str, labels: dict[str, str] | None = None) -> str:
    """Data text as words on one line: editors' markers as the words they show, restored words
    kept, Markdown emphasis and links reduced to their text."""
    labels = labels or {}
    text = _MARKER.sub(lambda m: m.group(2) or labels.get(m.group(1) or "", m.group(1) or ""), text)
    return plain_text(_INSERTION.sub(r"\1", text))


def summary(text: str, labels: dict[str, str] | None = None) -> str:
    """The first sentence of data text, plain, at most DESCRIPTION_MAX characters."""
    return shorten(first_sentence(plain(text, labels)))


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """`text` on one line, cut at the last whole word before `limit` with an ellipsis if longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"
