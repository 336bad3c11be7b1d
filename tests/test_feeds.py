"""Feeds: RSS 2.0 and JSON Feed 1.1 of the stories, dated by the data, parsed as a feed reader would."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import feedparser

from conftest import ROOT
from orbit.data.loading import load_site
from orbit.render.feeds import FEED_ITEMS, FeedInfo, FeedItem, json_feed, rss_feed

SITE_URL = "http://127.0.0.1:8000/"
STORY_URL = SITE_URL + "articles/china-us-space-cooperation/"


def parse(text: str):
    feed = feedparser.parse(text)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_rss_feed_lists_the_story_and_its_updates_dated_by_the_data(site_dir: Path) -> None:
    """One item for the story on its date, one per dated update (newest first), linking its change log."""
    feed = parse((site_dir / "feed.xml").read_text(encoding="utf-8"))
    assert feed.version == "rss20"
    assert feed.feed.title == "Orbit Explainer: stories" and feed.feed.link == SITE_URL
    story = load_site(ROOT / "data").articles["china-us-space-cooperation"]
    *updates, entry = feed.entries
    assert entry.title == story.title and entry.link == STORY_URL and entry.id == STORY_URL
    assert entry.summary == story.dek and entry.author == story.byline
    assert time.strftime("%Y-%m-%d", entry.published_parsed) == story.date.isoformat()
    assert [tag.term for tag in entry.tags] == story.tags
    assert len(updates) == len(story.updates) > 0
    for item, update in zip(updates, sorted(story.updates, key=lambda u: u.date, reverse=True), strict=True):
        assert item.title == f"Updated: {story.title}" and item.link == STORY_URL + "#changes"
        assert time.strftime("%Y-%m-%d", item.published_parsed) == update.date.isoformat()
        assert item.summary == update.text and "author" not in item
    # The channel's date is the newest item's, never the build's.
    newest = max(u.date for u in story.updates)
    assert time.strftime("%Y-%m-%d", feed.feed.updated_parsed) == newest.isoformat()


def json_items(text: str) -> list[dict]:
    """The items of a JSON Feed 1.1, checked against the spec's required fields (feedparser 6.0
    reads RSS and Atom only)."""
    data = json.loads(text)
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"] and isinstance(data["items"], list)
    for item in data["items"]:
        assert isinstance(item["id"], str) and ("content_text" in item or "content_html" in item)
        dt.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))  # RFC 3339
        # `authors`, if present, is an array of at least one author, each with a name, url or avatar.
        assert "authors" not in item or (item["authors"] and all(a.get("name") for a in item["authors"]))
    return data["items"]


def test_json_feed_lists_the_story_and_its_updates(site_dir: Path) -> None:
    text = (site_dir / "feed.json").read_text(encoding="utf-8")
    assert json.loads(text)["feed_url"] == SITE_URL + "feed.json"
    *updates, item = json_items(text)
    assert item["date_published"] == "2014-01-12T00:00:00Z" and item["url"] == item["id"] == STORY_URL
    assert item["content_text"] and item["image"] == SITE_URL + "assets/cards/articles/china-us-space-cooperation.png"
    assert item["authors"] == [{"name": "Jean-Louis Santini"}]
    assert updates and all(update["url"] == STORY_URL + "#changes" for update in updates)
    assert all("authors" not in update for update in updates)  # by no author: no empty list
    assert len({entry["id"] for entry in [*updates, item]}) == len(updates) + 1


INFO = FeedInfo("T & <T>", "D", "https://example.org/", "https://example.org/feed.xml", "https://example.org/feed.json")


def test_unit_hostile_text_and_control_characters_keep_the_feeds_valid() -> None:
    """Markup, entities and control characters in data are text in both feeds (no bozo)."""
    title = 'A <b>bold</b> "move" & </title> \x01 \x7f \u0085'
    item = FeedItem(
        "https://example.org/a/", "https://example.org/a/", title, "<script>x</script>", dt.date(2014, 1, 12)
    )
    (entry,) = parse(rss_feed(INFO, [item])).entries
    assert entry.title == 'A <b>bold</b> "move" & </title> \u2401 \u2421 \ufffd'  # controls made visible
    assert entry.summary == "&lt;script&gt;x&lt;/script&gt;"  # text, shown as written, never run as HTML
    assert json_items(json_feed(INFO, [item]))[0]["title"] == title


def test_unit_items_are_newest_first_and_capped() -> None:
    """Items are the newest FEED_ITEMS by their own date, whatever order they come in."""
    items = [
        FeedItem(
            f"https://example.org/{n}/",
            f"https://example.org/{n}/",
            f"Story {n}",
            "s",
            dt.date(2000, 1, 1) + dt.timedelta(days=n),
        )
        for n in range(FEED_ITEMS + 10)
    ]
    entries = parse(rss_feed(INFO, items[::-1])).entries
    assert (
        len(entries) == FEED_ITEMS and entries[0].title == f"Story {FEED_ITEMS + 9}" and entries[-1].title == "Story 10"
    )
    assert [item["title"] for item in json.loads(json_feed(INFO, items))["items"]][:2] == [
        f"Story {FEED_ITEMS + 9}",
        f"Story {FEED_ITEMS + 8}",
    ]


def test_robots_names_the_sitemap(site_dir: Path) -> None:
    assert (site_dir / "robots.txt").read_text(
        encoding="utf-8"
    ) == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"
