"""Tags: one page per tag and an index, one tag whatever its case or spacing, shown on its stories."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, data_problems, soup
from orbit.data.loading import load_site
from orbit.data.tags import Tag, site_tags, tag_slug
from orbit.pages.addresses import TAG_PAGE_STORIES
from orbit.render.tags import render_tag_page, tag_pages_count

ARTICLE = "articles/china-us-space-cooperation.yml"
TAGS_LINE = "tags: [China, United States, International Space Station, international cooperation]"


def second_story(data: Path, tags: str) -> Path:
    """A copy of the story as `other.yml`, with its own tags line; returns its path."""
    other = data / "articles" / "other.yml"
    other.write_text((data / ARTICLE).read_text(encoding="utf-8").replace(TAGS_LINE, tags), encoding="utf-8")
    return other


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ("china", "China"),
        ("united  states", "United States"),
        ("International-Space-Station", "International Space Station"),
    ],
)
def test_one_tag_written_two_ways_is_an_error_naming_both(data_copy: Path, written: str, seen: str) -> None:
    second_story(data_copy, f"tags: [{written}]")
    line = next(
        n for n, text in enumerate((data_copy / ARTICLE).read_text().splitlines(), 1) if text.startswith("tags:")
    )
    assert data_problems(data_copy) == [
        f"data/articles/other.yml:{line}: tags.0: tag {written!r} is written {seen!r} in data/{ARTICLE}:{line}: "
        "tags that differ only in case, spacing or punctuation are one tag; write it the same way"
    ]


def test_a_tag_twice_in_one_story_or_without_a_word_is_an_error(data_copy: Path) -> None:
    second_story(data_copy, 'tags: [China, "CHINA", "--"]')
    line = next(
        n for n, text in enumerate((data_copy / ARTICLE).read_text().splitlines(), 1) if text.startswith("tags:")
    )
    assert data_problems(data_copy) == [
        f"data/articles/other.yml:{line}: tags.1: tag 'CHINA' is already in this story's tags; remove it",
        f"data/articles/other.yml:{line}: tags.2: tag '--' has no letter or digit; write a word",
    ]


def test_unit_tag_identity_ignores_case_spacing_punctuation_and_accents() -> None:
    assert (
        tag_slug("International  Space Station")
        == tag_slug("international-space-station")
        == "international-space-station"
    )
    assert tag_slug("Égypte") == "egypte" and tag_slug("中国") == "中国" and tag_slug("--") == ""


def test_same_spelling_in_two_stories_is_one_tag_with_both(data_copy: Path) -> None:
    second_story(data_copy, "tags: [China]")
    china = next(tag for tag in site_tags(load_site(data_copy)) if tag.slug == "china")
    assert china.name == "China" and sorted(china.stories) == ["china-us-space-cooperation", "other"]


def test_story_shows_its_tags_linking_their_pages(site_dir: Path) -> None:
    nav = soup(site_dir, "articles/china-us-space-cooperation/").find("nav", class_="orbit-tags")
    assert nav["aria-label"] == "Tags"
    links = [(a.get_text(), a["href"]) for a in nav.find_all("a", class_="md-tag")]
    assert links == [
        ("China", "../../tags/china/"),
        ("United States", "../../tags/united-states/"),
        ("International Space Station", "../../tags/international-space-station/"),
        ("international cooperation", "../../tags/international-cooperation/"),
    ]
    for _, href in links:
        assert (site_dir / "tags" / href.split("/tags/")[1] / "index.html").is_file()


def test_tag_index_and_tag_pages(site_dir: Path) -> None:
    index = soup(site_dir, "tags/").find("article")
    items = [li.get_text(" ", strip=True) for li in index.find_all("li")]
    assert items == [
        "China · 1 story",
        "international cooperation · 1 story",
        "International Space Station · 1 story",
        "United States · 1 story",
    ]
    page = soup(site_dir, "tags/china/").find("article")
    assert page.h1.get_text().startswith("Stories tagged “China”")
    story = page.find("a", string="China, US move toward cooperation in space")
    assert story["href"] == "../../articles/china-us-space-cooperation/"
    nav = soup(site_dir, "").find("nav", class_="md-nav--primary")
    assert nav.find("a", href="tags/") is not None  # the index is in the navigation


def test_unit_long_tags_go_on_pages_of_their_own_newest_first(tmp_path: Path) -> None:
    """A tag with more stories than TAG_PAGE_STORIES lists them over pages that link each other."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    site = load_site(data)
    story = site.articles["china-us-space-cooperation"]
    count = TAG_PAGE_STORIES * 2 + 5
    for n in range(count):
        site.articles[f"s{n}"] = story.model_copy(
            update={"title": f"Story {n}", "date": dt.date(2015, 1, 1) + dt.timedelta(days=n)}
        )
    china = next(tag for tag in site_tags(site) if tag.slug == "china")
    assert isinstance(china, Tag) and tag_pages_count(china) == 3
    first, last = render_tag_page(site, china, 1), render_tag_page(site, china, 3)
    assert first.startswith("# Stories tagged “China”: page 1 of 3") and "[Older stories](2.md)" in first
    assert f"Story {count - 1}" in first.split("\n- ")[1]  # newest first
    assert "[Newer stories](2.md)" in last and "Older stories" not in last
    assert last.count("\n- **") == count + 1 - 2 * TAG_PAGE_STORIES  # the rest, the real story, the oldest, among them
