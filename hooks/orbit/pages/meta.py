"""What a page says about itself when shared or crawled: description, card, dates, structured data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .addresses import doc_url


@dataclass(frozen=True)
class SiteInfo:
    """The site as a whole: its public address (`site_url`, ending in "/"), name and description."""

    url: str = "http://127.0.0.1:8000/"
    name: str = "Orbit Explainer"
    description: str = ""

    def absolute(self, doc: str) -> str:
        """The public address of page or file `doc` (a source path, maybe with an anchor)."""
        return self.url + doc_url(doc)


@dataclass(frozen=True)
class Card:
    """A social card: where it is published, and the words drawn on it."""

    path: str
    title: str
    description: str
    kind: str  # "Story", "Chart", ... shown above the title


@dataclass(frozen=True)
class PageMeta:
    """A page's sharing metadata; `nodes` are its schema.org records (JSON-LD), with absolute URLs."""

    description: str
    card: Card
    title: str = ""  # as shared; empty: the page's own title
    article: bool = False  # og:type article (a story) rather than website
    published: dt.date | None = None
    modified: dt.date | None = None
    lastmod: dt.date | None = None  # for the sitemap: the latest date the data gives for the page
    tags: tuple[str, ...] = ()
    nodes: tuple[dict, ...] = ()
    about: bool = False  # the entities the page links are what its first node is `about`
