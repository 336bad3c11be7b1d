"""Content-Security-Policy: allow the site's own scripts and the theme's inline scripts, by hash.

Hashes are taken only from scripts outside the page content, so even a missed escape in the
content could not run: its script would have no matching hash.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from urllib.parse import urlsplit

from ..pages.placeholders import CONTENT_END, CONTENT_START

_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_RUNS = re.compile(r'type="(?!text/javascript|module)[^"]*"', re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Only a charset meta that comes before everything else in <head> (the theme's first tag).
_CHARSET = re.compile(r"\A.*?<head\b[^>]*>\s*<meta charset=\"[^\"]*\">", re.S | re.I)


def theme_hashes(page_html: str) -> set[str]:
    """`sha256-...` sources of the inline scripts that the theme (not the content) put on a page."""
    start, end = page_html.find(CONTENT_START), page_html.find(CONTENT_END)
    outside = [page_html[:start], page_html[end:]] if 0 <= start < end else [page_html]
    return {
        _hash(match.group("code"))
        for part in outside
        for match in _INLINE.finditer(part)
        if "src=" not in match.group("attrs") and not _RUNS.search(match.group("attrs"))
    }


def policy(hashes: set[str]) -> str:
    """The policy text: same-origin everything, inline styles (theme and Plotly), hashed scripts."""
    scripts = " ".join(["'self'", *(f"'{h}'" for h in sorted(hashes))])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'"
    )


def add_policy(page_html: str, text: str) -> str:
    """Put the policy at the top of <head>, before any script, and drop the content markers.

    It goes right after `<meta charset>` when the page has one, so the charset declaration stays
    within the first 1024 bytes however many hashes the policy lists.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    page_html = page_html.replace(CONTENT_START, "").replace(CONTENT_END, "")
    charset = _CHARSET.search(page_html)
    if charset:
        return f"{page_html[: charset.end()]}\n    {meta}{page_html[charset.end() :]}"
    return _HEAD.sub(lambda m: f"{m.group()}\n    {meta}", page_html, count=1)


def secure(page_html: str) -> str:
    """The page with a policy that lists the hashes of its own theme scripts.

    With `extra.scope` set (see `theme_scope`) the theme writes the same inline scripts on every
    page, so every page carries the same policy: instant navigation, which adds the next page's
    head elements to the current one, never stacks a second, different policy.
    """
    return add_policy(page_html, policy(theme_hashes(page_html)))


def theme_scope(site_url: str | None) -> str | None:
    """The site's root path, for Material's `extra.scope` (its storage key, otherwise per page depth)."""
    return (urlsplit(site_url).path or "/") if site_url else None


@functools.lru_cache(maxsize=64)  # the theme writes the same few scripts on every page
def _hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
