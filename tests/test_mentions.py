"""The "where it appears" lists: stable, distinct, and capped so they never outweigh the entry."""

from __future__ import annotations

from bs4 import BeautifulSoup

from orbit.render.article import THREAD_TITLE
from orbit.render.mentions import MAX_SHOWN, PageMention, mentions_html


def test_long_lists_are_capped_with_a_count() -> None:
    mentions = [PageMention(f"Story {i}", f"articles/s{i:03}/", "ref-x", "page") for i in range(MAX_SHOWN + 5)]
    html = mentions_html(mentions, "glossary/")
    assert html.count("<li>") == MAX_SHOWN
    assert "and 5 more places" in html


def test_each_place_once_and_never_the_page_itself() -> None:
    here = PageMention("Glossary", "glossary/", "ref-x", "page")
    story = PageMention("Story", "articles/s/", "ref-x", "page")
    html = mentions_html([story, here, story], "glossary/")
    assert html.count("<li>") == 1 and 'href="../articles/s/#ref-x"' in html


def test_stories_come_first_so_the_cap_never_hides_them() -> None:
    agencies = [PageMention(f"Agency {i}", f"agencies/a{i:02}/", "ref-x", "page") for i in range(MAX_SHOWN + 3)]
    story = PageMention("The story", "articles/s/", "ref-x", "page")
    html = mentions_html([*agencies, story], "glossary/x/")
    assert html.index("The story") < html.index("Agency 0") and html.count("<li>") == MAX_SHOWN


def test_a_thread_page_is_named_by_its_story_once() -> None:
    thread = PageMention(f"{THREAD_TITLE}The story", "articles/s/comments/", "ref-x-1", "comments")
    item = BeautifulSoup(mentions_html([thread], "glossary/x/"), "html.parser").li
    assert item.a.get_text() == "The story" and item.get_text().endswith("The story (reader comments)")
    assert item.a["href"] == "../../articles/s/comments/#ref-x-1"


def test_a_page_titled_by_its_kind_names_the_kind_once() -> None:
    decade = PageMention("Timeline: the 1990s", "timeline/1990s/", "ref-x", "page")
    item = BeautifulSoup(mentions_html([decade], "people/x/"), "html.parser").li
    assert item.get_text() == "Timeline: the 1990s" and item.a.get_text() == "the 1990s"
