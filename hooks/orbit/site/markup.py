"""The theme's markup in a written page without its template indentation: bytes, not looks.

Material's templates indent every line; in the head, header, sidebars and footer of a story at
1,000 stories that is a few kilobytes a page. The page's content (editors' and generated text,
the comment thread) is left as it is, and so are scripts (the policy hashes the theme's inline
ones as the theme writes them) and preformatted text.
"""

from __future__ import annotations

import re

_CONTENT, _FOOTER = '<div class="md-content"', '<footer class="md-footer"'
_INDENT = re.compile(r"\n\s+")  # the templates indent lines; they leave no trailing spaces
_KEPT = re.compile(r"<(script|pre|textarea)\b.*?</\1\s*>", re.S | re.I)


def compact_theme(page_html: str) -> str:
    """The page with the theme's indentation collapsed before its content and from its footer on.

    Every run of whitespace keeps one line break, so the page renders the same.
    """
    start = page_html.find(_CONTENT)
    end = page_html.rfind(_FOOTER)
    if start < 0 or end < start:
        return page_html
    return _compact(page_html[:start]) + page_html[start:end] + _compact(page_html[end:])


def _compact(markup: str) -> str:
    """`markup` with its indentation collapsed, scripts and preformatted text kept as written."""
    out, last = [], 0
    for kept in _KEPT.finditer(markup):
        out += [_INDENT.sub("\n", markup[last : kept.start()]), kept.group()]
        last = kept.end()
    return "".join(out) + _INDENT.sub("\n", markup[last:])
