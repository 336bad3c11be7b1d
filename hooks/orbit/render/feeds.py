"""Feeds of the stories: RSS 2.0 and JSON Feed 1.1, from dated items (a story, or an update to one).

Every item is dated by the data (a story's own date), never by the build, so a rebuild changes
nothing a reader's feed software sees. Written here rather than by mkdocs-rss-plugin: see ARCHITECTURE.md ("Feeds").
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from .common import visible_controls

# Readers poll for what is new: the newest items are enough, and the file stays small at any size.
FEED_ITEMS = 50
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedInfo:
    """The feed as a whole: its title, description, the site's home and the feeds' own addresses."""

    title: str
    description: str
    home: str
    rss_url: str
    json_url: str


@dataclass(frozen=True)
class FeedItem:
    """One entry: a story, or (once the data has them) a dated update to one."""

    id: str
    url: str
    title: str
    summary: str
    date: dt.date
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str = ""


def newest(items: list[FeedItem]) -> list[FeedItem]:
    """The items a feed carries: the newest FEED_ITEMS, newest first (ties by address, stable)."""
    return sorted(items, key=lambda item: (item.date, item.id), reverse=True)[:FEED_ITEMS]


def rss_feed(info: FeedInfo, items: list[FeedItem]) -> str:
    """RSS 2.0, with Dublin Core creators and an Atom self link."""
    ET.register_namespace("dc", _DC)
    ET.register_namespace("atom", _ATOM)
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", info.title)
    _text(channel, "link", info.home)
    _text(channel, "description", info.description)
    _text(channel, "language", "en")
    ET.SubElement(channel, f"{{{_ATOM}}}link", href=info.rss_url, rel="self", type="application/rss+xml")
    chosen = newest(items)
    if chosen:
        _text(channel, "lastBuildDate", _rfc822(chosen[0].date))  # the newest item's date, not the build's
    for item in chosen:
        _rss_item(channel, item)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _rss_item(channel: ET.Element, item: FeedItem) -> None:
    node = ET.SubElement(channel, "item")
    _text(node, "title", item.title)
    _text(node, "link", item.url)
    ET.SubElement(node, "guid", isPermaLink="true" if item.id == item.url else "false").text = _clean(item.id)
    _text(node, "description", html.escape(item.summary, quote=False))  # RSS descriptions are HTML; ours is text
    _text(node, "pubDate", _rfc822(item.date))
    for author in item.authors:
        _text(node, f"{{{_DC}}}creator", author)
    for tag in item.tags:
        _text(node, "category", tag)


def json_feed(info: FeedInfo, items: list[FeedItem]) -> str:
    """JSON Feed 1.1."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": info.title,
        "home_page_url": info.home,
        "feed_url": info.json_url,
        "description": info.description,
        "language": "en",
        "items": [_json_item(item) for item in newest(items)],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _json_item(item: FeedItem) -> dict:
    entry = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "content_text": item.summary,  # an item needs content; the page itself has the story
        "date_published": f"{item.date.isoformat()}T00:00:00Z",
        "tags": list(item.tags),
    }
    if item.authors:  # JSON Feed 1.1: `authors`, when present, names at least one (an update names none)
        entry["authors"] = [{"name": name} for name in item.authors]
    return {**entry, "image": item.image} if item.image else entry


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _clean(text)


def _clean(text: str) -> str:
    """Text XML can carry: control characters become their visible symbols (XML 1.0 forbids them)."""
    return visible_controls(text).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def _rfc822(day: dt.date) -> str:
    return format_datetime(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc))
