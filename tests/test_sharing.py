"""Every page shares well: a description of its own, a canonical URL, OpenGraph and Twitter tags."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, copy_project, run_build, soup
from orbit.data.loading import load_site
from orbit.link.entities import first_sentence
from orbit.pages.meta import Card, PageMeta, SiteInfo
from orbit.render.head import head_html

SITE_URL = "http://127.0.0.1:8000/"
STORY = "articles/china-us-space-cooperation/"


def pages(site_dir: Path) -> list[Path]:
    """Every built page a reader can reach (the 404 page is served for missing addresses only)."""
    return [path for path in sorted(site_dir.rglob("*.html")) if path.name != "404.html"]


def meta(page: BeautifulSoup, key: str) -> str:
    """The content of the one `<meta>` whose property (or name) is `key`."""
    found = page.find_all("meta", attrs={"property": key}) or page.find_all("meta", attrs={"name": key})
    assert len(found) == 1, (key, found)
    return found[0]["content"]


def description(page: BeautifulSoup) -> str:
    return meta(page, "description")


def test_every_page_has_a_description_of_its_own(site_dir: Path) -> None:
    """Descriptions are unique over every built page, and none is the site-wide one but the home page's."""
    seen: dict[str, Path] = {}
    for path in pages(site_dir):
        text = description(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        assert text.strip() and len(text) <= 201, (path, text)
        assert text not in seen, f"{path} and {seen.get(text)} share the description {text!r}"
        seen[text] = path
    assert len(seen) == len(pages(site_dir)) > 90


def test_descriptions_come_from_what_the_page_presents(site_dir: Path) -> None:
    """Story: its dek; term: its definition's first sentence; agency, person: their summary's;
    chart: its caption; list pages say what they list."""
    site = load_site(ROOT / "data")
    assert description(soup(site_dir, STORY)) == site.articles["china-us-space-cooperation"].dek
    term = site.terms["docking"]
    assert description(soup(site_dir, "glossary/docking/")).rstrip("…") in first_sentence(term.definition)
    assert description(soup(site_dir, "agencies/cnes/")) == first_sentence(
        " ".join(site.agencies["cnes"].summary.split())
    )
    assert description(soup(site_dir, "people/charles-bolden/")) == first_sentence(
        site.people["charles-bolden"].summary
    )
    caption = " ".join(site.charts["space-stations"].caption.split())
    assert caption.startswith(description(soup(site_dir, "charts/space-stations/")).rstrip("…"))
    assert (
        description(soup(site_dir, "glossary/"))
        == f"An A–Z glossary of {len(site.terms)} terms the stories use, with sources."
    )
    assert f"{len(site.agencies)} agencies" in description(soup(site_dir, "agencies/"))
    assert "Stories tagged “China”: 1 story" in description(soup(site_dir, "tags/china/"))
    assert description(soup(site_dir, "editors/")).startswith("How to add a story")


def test_every_page_has_canonical_url_opengraph_and_twitter_card(site_dir: Path) -> None:
    """og:url is the canonical URL; og:description is the description; the card is published,
    absolute, 1200x630, with its alt text."""
    stories = {f"{SITE_URL}articles/{slug}/" for slug in load_site(ROOT / "data").articles}
    for path in pages(site_dir):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        canonical = page.find("link", rel="canonical")["href"]
        assert canonical == url_of(site_dir, path)
        assert meta(page, "og:url") == canonical
        assert meta(page, "og:description") == description(page)
        assert meta(page, "og:title") and meta(page, "og:site_name") == "Orbit Explainer"
        assert meta(page, "og:type") == ("article" if canonical in stories else "website")
        image = meta(page, "og:image")
        assert image.startswith(SITE_URL + "assets/cards/") and image.endswith(".png"), path
        with Image.open(site_dir / image.removeprefix(SITE_URL)) as card:
            assert card.size == (1200, 630)
        assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
        assert meta(page, "og:image:alt")
        assert meta(page, "twitter:card") == "summary_large_image"


def url_of(site_dir: Path, path: Path) -> str:
    """The public address of a built page: `site/glossary/orbit/index.html` -> `.../glossary/orbit/`."""
    folder = path.parent.relative_to(site_dir).as_posix()
    return SITE_URL + ("" if folder == "." else folder + "/")


def test_a_story_is_an_article_with_its_dates_and_tags(site_dir: Path) -> None:
    page = soup(site_dir, STORY)
    story = load_site(ROOT / "data").articles["china-us-space-cooperation"]
    assert meta(page, "og:type") == "article"
    assert meta(page, "article:published_time") == "2014-01-12"
    assert meta(page, "article:modified_time") == max(update.date for update in story.updates).isoformat()
    tags = [tag["content"] for tag in page.find_all("meta", attrs={"property": "article:tag"})]
    assert tags == ["China", "United States", "International Space Station", "international cooperation"]
    assert meta(page, "og:title") == "China, US move toward cooperation in space"


def test_own_cards_for_stories_charts_and_entries_section_cards_for_the_rest(site_dir: Path) -> None:
    """A story, a chart, a term, an agency and a person show their own card; lists their section's."""
    card = lambda where: meta(soup(site_dir, where), "og:image").removeprefix(SITE_URL)
    assert card(STORY) == "assets/cards/articles/china-us-space-cooperation.png"
    assert card("charts/timeline/") == "assets/cards/charts/timeline.png"
    assert card("glossary/docking/") == "assets/cards/glossary/docking.png"
    assert card("agencies/nasa/") == "assets/cards/agencies/nasa.png"
    assert card("people/charles-bolden/") == "assets/cards/people/charles-bolden.png"
    assert card("articles/2014/") == card("articles/") == "assets/cards/articles/index.png"
    assert card("tags/china/") == card("tags/") == "assets/cards/tags/index.png"
    assert card("timeline/2010s/") == card("timeline/")
    assert card("") == card("editors/") == "assets/cards/site.png"


def test_feeds_are_linked_from_every_page(site_dir: Path) -> None:
    """Relative links, so they stay on the origin the page came from."""
    for path in pages(site_dir):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = {
            link["type"]: urljoin(url_of(site_dir, path), link["href"])
            for link in page.find_all("link", rel="alternate")
        }
        assert links == {"application/rss+xml": SITE_URL + "feed.xml", "application/feed+json": SITE_URL + "feed.json"}


def test_unit_head_values_are_escaped_for_their_attribute() -> None:
    """Data text with quotes and tags stays inside its attribute."""
    hostile = '"><script>alert(1)</script>&'
    card = Card("assets/cards/x.png", hostile, hostile, "Story")
    html = head_html(PageMeta(hostile, card, article=True, tags=(hostile,)), SiteInfo(), "x/", hostile, [])
    page = BeautifulSoup(f"<head>{html}</head>", "html.parser")
    assert page.find("script", src=True) is None and page.find_all("script")[0]["type"] == "application/ld+json"
    assert meta(page, "og:title") == hostile and meta(page, "article:tag") == hostile
    assert "<script>alert" not in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The site built from data whose story title and dek try to break out of attributes and scripts."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    story = project / "data" / "articles" / "china-us-space-cooperation.yml"
    text = story.read_text(encoding="utf-8")
    text = text.replace("title: China, US move toward cooperation in space", f"title: {json.dumps(HOSTILE_TITLE)}")
    text = text.replace(
        "dek: China seems more open to international cooperation in space, experts say",
        f"dek: {json.dumps(HOSTILE_DEK)}",
    )
    story.write_text(text, encoding="utf-8")
    site = project / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


HOSTILE_TITLE = 'China "US" </script><script>alert(1)</script> & <b>space</b>'
HOSTILE_DEK = '"><img src=x onerror=alert(2)>'


def test_hostile_story_text_stays_text_in_the_head(hostile_site: Path) -> None:
    """Quotes, tags and `</script>` in data reach the description, OpenGraph and JSON-LD as text."""
    head = soup(hostile_site, STORY).head
    assert description(head).startswith(HOSTILE_DEK)
    assert meta(head, "og:title") == HOSTILE_TITLE and meta(head, "og:description") == description(head)
    assert not head.find("img") and not head.find("b")
    assert not [
        script
        for script in head.find_all("script")
        if "alert" in script.text and script.get("type") != "application/ld+json"
    ]
    (block,) = head.find_all("script", type="application/ld+json")
    assert json.loads(block.string)["@graph"][0]["headline"] == HOSTILE_TITLE
