"""Content-Security-Policy: allow the site's own scripts and the theme's inline scripts, by hash.

The hashes come from what the theme is known to write, never from a page: Material's inline
scripts (its `partials/javascripts/` templates) are rendered once per build with the build's
configuration and nothing else. Whatever a page carries from the data (a `</title><script>` in a
glossary term, a `<script>` in a story, a fake end-of-content comment), it can never add a hash,
so an inline script that escaped its context still does not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from jinja2 import Environment

# Material's own inline scripts, one template each (palette, storage helpers, tabs, consent...).
THEME_SCRIPTS = "partials/javascripts/"
_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_RUNS = re.compile(r'type="(?!text/javascript|module)[^"]*"', re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Only a charset meta that comes before everything else in <head> (the theme's first tag).
_CHARSET = re.compile(r"\A.*?<head\b[^>]*>\s*<meta charset=\"[^\"]*\">", re.S | re.I)


def theme_scripts(env: Environment, contexts: Iterable[dict]) -> list[str]:
    """Every inline-script template of the theme, rendered with each of `contexts` (the build's
    configuration, features and base URLs): exactly what the theme can write into a page."""
    names = [name for name in env.list_templates() if name.startswith(THEME_SCRIPTS)]
    return [env.get_template(name).render(**context) for name in names for context in contexts]


def theme_hashes(snippets: Iterable[str]) -> set[str]:
    """`sha256-...` sources of the executable inline scripts in `snippets` (the theme's, rendered)."""
    return {
        _hash(match.group("code"))
        for snippet in snippets
        for match in _INLINE.finditer(snippet)
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
    """Put the policy at the top of <head>, before any script.

    It goes right after `<meta charset>` when the page has one, so the charset declaration stays
    within the first 1024 bytes however many hashes the policy lists.
    """
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    charset = _CHARSET.search(page_html)
    if charset:
        return f"{page_html[: charset.end()]}\n    {meta}{page_html[charset.end() :]}"
    return _HEAD.sub(lambda m: f"{m.group()}\n    {meta}", page_html, count=1)


def secure(page_html: str, hashes: set[str]) -> str:
    """The page with the policy that lists `hashes`, the theme's scripts (see `theme_hashes`).

    Every page carries the same policy: instant navigation, which adds the next page's head
    elements to the current one, never stacks a second, different policy.
    """
    return add_policy(page_html, policy(hashes))


def base_urls(urls: Iterable[str]) -> list[str]:
    """The relative base URL of every page depth in `urls` ("." at the root, "..", "../.." ...),
    for theme scripts that name it when `extra.scope` is not set."""
    depth = max((url.rstrip("/").count("/") + 1 for url in urls if url.strip("/")), default=0)
    return [".", *("/".join([".."] * level) for level in range(1, depth + 1))]


def theme_scope(site_url: str | None) -> str | None:
    """The site's root path, for Material's `extra.scope` (its storage key, otherwise per page depth)."""
    return (urlsplit(site_url).path or "/") if site_url else None


def _hash(code: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
