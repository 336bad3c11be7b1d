"""The `<head>` tags that make a page share well: OpenGraph, Twitter card, feed links, JSON-LD.

The theme override (`overrides/main.html`, block `extrahead`) prints this HTML as it is, so every
value is escaped here for its attribute; the description meta itself is the theme's.
"""

from __future__ import annotations

from ..pages.addresses import relative_url
from ..pages.meta import PageMeta, SiteInfo
from .card import HEIGHT, WIDTH
from .common import esc
from .structured import json_ld

RSS_FEED, JSON_FEED = "feed.xml", "feed.json"


def head_html(meta: PageMeta, info: SiteInfo, url: str, title: str, nodes: list[dict]) -> str:
    """The tags for the page at site URL `url` (`glossary/orbit/`), titled `title`, with its JSON-LD `nodes`."""
    tags = [
        ("og:site_name", info.name),
        ("og:type", "article" if meta.article else "website"),
        ("og:title", title),
        ("og:description", meta.description),
        ("og:url", info.url + url),
        ("og:image", info.url + meta.card.path),
        ("og:image:width", str(WIDTH)),
        ("og:image:height", str(HEIGHT)),
        ("og:image:alt", card_alt(meta)),
        *_article_tags(meta),
    ]
    lines = [f'<meta property="{name}" content="{esc(value)}">' for name, value in tags]
    lines += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:image:alt" content="{esc(card_alt(meta))}">',
        *feed_links(info, url),
        json_ld(nodes),
    ]
    return "\n".join(lines)


def card_alt(meta: PageMeta) -> str:
    """The text alternative of a card: what it is (its description is the page's, in og:description)."""
    return f"{meta.card.kind} card: {meta.card.title}"


def _article_tags(meta: PageMeta) -> list[tuple[str, str]]:
    if not meta.article:
        return []
    dates = [("article:published_time", meta.published), ("article:modified_time", meta.modified)]
    return [(name, value.isoformat()) for name, value in dates if value] + [("article:tag", tag) for tag in meta.tags]


def feed_links(info: SiteInfo, page_url: str) -> list[str]:
    """`<link rel="alternate">` to the site's feeds, so readers and browsers find them from any page.

    Relative to the page: Material fetches `sitemap.xml` beside every alternate link, which must
    stay on the origin the page was served from (the policy allows no other).
    """
    title = esc(f"{info.name}: stories")
    rss, feed = relative_url(RSS_FEED, page_url), relative_url(JSON_FEED, page_url)
    return [
        f'<link rel="alternate" type="application/rss+xml" title="{title} (RSS)" href="{esc(rss)}">',
        f'<link rel="alternate" type="application/feed+json" title="{title} (JSON Feed)" href="{esc(feed)}">',
    ]
