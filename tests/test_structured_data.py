"""Structured data: one JSON-LD block per page, parsed, with the types and properties search engines need."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, soup
from orbit.data.loading import load_site
from orbit.render.structured import json_ld
from orbit.site.sharing import ABOUT_MAX

SITE_URL = "http://127.0.0.1:8000/"
STORY = "articles/china-us-space-cooperation/"


def graph(page: BeautifulSoup) -> list[dict]:
    """The nodes of the page's one JSON-LD block."""
    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1, blocks
    data = json.loads(blocks[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def node(page: BeautifulSoup, kind: str) -> dict:
    (found,) = [item for item in graph(page) if item["@type"] == kind]
    return found


def test_every_page_has_one_block_and_a_breadcrumb_trail(site_dir: Path) -> None:
    """Every page but the home page: a BreadcrumbList from Home to itself, positions 1..n."""
    for path in sorted(site_dir.rglob("*.html")):
        if path.name == "404.html":
            continue
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        canonical = page.find("link", rel="canonical")["href"]
        if canonical == SITE_URL:
            assert [item["@type"] for item in graph(page)] == ["WebSite"]
            continue
        items = node(page, "BreadcrumbList")["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), path
        assert items[0]["item"] == SITE_URL and items[0]["name"] == "Home"
        assert items[-1]["item"] == canonical and len(items) >= 2, path
        assert all(item["item"].startswith(SITE_URL) and item["name"] for item in items)


def test_story_is_a_news_article(site_dir: Path) -> None:
    """Headline, description, dates, author, publisher, the original it is based on, what it is
    about (the entities it links), its comment count."""
    site = load_site(ROOT / "data")
    article = node(soup(site_dir, STORY), "NewsArticle")
    assert article["headline"] == "China, US move toward cooperation in space"
    assert article["description"] == site.articles["china-us-space-cooperation"].dek
    story = site.articles["china-us-space-cooperation"]
    assert article["datePublished"] == "2014-01-12"
    assert article["dateModified"] == max(update.date for update in story.updates).isoformat()
    assert article["author"] == {
        "@type": "Person",
        "name": "Jean-Louis Santini",
        "url": SITE_URL + "people/jean-louis-santini/",
    }
    assert article["publisher"] == {"@type": "Organization", "name": "AFP, via Phys.org"}
    assert article["isBasedOn"] == "https://phys.org/news/2014-01-china-cooperation-space.html"
    assert article["creditText"] == story.rights == "Article text © AFP, reproduced from Phys.org for annotation."
    published = [c for c in site.comments["china-us-space-cooperation"] if c.status == "published"]
    assert article["commentCount"] == len(published) > 0
    # Its agencies and people first, in text order, then its terms, ABOUT_MAX in all.
    about = [(item["@type"], item["name"], item["url"]) for item in article["about"]]
    assert about[:3] == [
        ("Person", "Jean-Yves Le Gall", SITE_URL + "people/jean-yves-le-gall/"),
        ("GovernmentOrganization", "CNES", SITE_URL + "agencies/cnes/"),
        ("Person", "John Logsdon", SITE_URL + "people/john-logsdon/"),
    ]
    assert ("GovernmentOrganization", "NASA", SITE_URL + "agencies/nasa/") in about
    kinds = [kind for kind, _, _ in about]
    assert len(about) == ABOUT_MAX and kinds == sorted(kinds, key=lambda kind: kind == "DefinedTerm")
    assert article["image"] == SITE_URL + "assets/cards/articles/china-us-space-cooperation.png"


def test_comment_count_is_the_pages_count_of_comments_a_removed_one_apart(site_dir: Path) -> None:
    """The story's thread has a removed comment: the page's "N comments" and JSON-LD's
    `commentCount` both leave it out, and the page says it was removed."""
    page = soup(site_dir, STORY)
    summary = page.select_one(".orbit-comments__summary").get_text()
    shown, removed = re.match(r"(\d+) comments · (\d+) removed by a moderator · ", summary).groups()
    assert int(removed) == len(page.select("[data-orbit-thread] li.orbit-comment--removed")) > 0
    assert node(page, "NewsArticle")["commentCount"] == int(shown) == len(page.select("[data-orbit-thread] li")) - 1


def test_glossary_terms_are_defined_terms_in_one_set(site_dir: Path) -> None:
    glossary = node(soup(site_dir, "glossary/"), "DefinedTermSet")
    site = load_site(ROOT / "data")
    for key in site.terms:
        term = node(soup(site_dir, f"glossary/{key}/"), "DefinedTerm")
        assert term["url"] == SITE_URL + f"glossary/{key}/" and term["name"] and term["description"]
        assert term["inDefinedTermSet"]["@id"] == glossary["@id"] == SITE_URL + "glossary/"
        # Sources of a term, agency or person are works about it (`citation` is for creative works).
        assert "citation" not in term and [work["url"] for work in term["subjectOf"]] == [
            str(source.url) for source in site.terms[key].sources
        ]
        assert all(work["@type"] == "CreativeWork" and work["name"] for work in term["subjectOf"])


def test_agencies_and_people(site_dir: Path) -> None:
    site = load_site(ROOT / "data")
    for key, agency in site.agencies.items():
        org = node(soup(site_dir, f"agencies/{key}/"), "GovernmentOrganization")
        assert org["name"] == agency.name and agency.acronym in org["alternateName"]
        assert org["foundingDate"] == agency.founded and org["description"] and "citation" not in org
        assert [work["url"] for work in org["subjectOf"]] == [str(source.url) for source in agency.sources]
    for key, person in site.people.items():
        who = node(soup(site_dir, f"people/{key}/"), "Person")
        assert who["name"] == person.name and who["description"] and who["url"] == SITE_URL + f"people/{key}/"
        assert "citation" not in who and [work["url"] for work in who["subjectOf"]] == [
            str(s.url) for s in person.sources
        ]
    bolden = node(soup(site_dir, "people/charles-bolden/"), "Person")
    assert {"@type": "GovernmentOrganization", "name": "NASA", "url": SITE_URL + "agencies/nasa/"} in bolden[
        "affiliation"
    ]


def test_each_chart_is_a_dataset_with_its_csv_and_sources(site_dir: Path) -> None:
    """Chart pages, and agency profiles for their budget charts: the CSV is published."""
    site = load_site(ROOT / "data")
    places = [f"charts/{key}/" for key in site.charts] + [
        f"agencies/{k}/" for k, a in site.agencies.items() if a.budget
    ]
    for where in places:
        dataset = node(soup(site_dir, where), "Dataset")
        assert dataset["name"] and dataset["description"] and dataset["url"].startswith(SITE_URL + where)
        (download,) = dataset["distribution"]
        assert download["@type"] == "DataDownload" and download["encodingFormat"] == "text/csv"
        assert (site_dir / download["contentUrl"].removeprefix(SITE_URL)).is_file()
        assert isinstance(dataset["citation"], list)
    budgets = node(soup(site_dir, "charts/government-space-budgets-2013/"), "Dataset")
    assert [cite["url"] for cite in budgets["citation"]] == [
        str(s.url) for s in site.charts["government-space-budgets-2013"].sources
    ]


def test_unit_json_ld_cannot_end_its_script_block() -> None:
    """`</script>`, `<!--` and `&` in data are escaped inside the block and parse back unchanged."""
    hostile = "</script><script>alert(1)</script><!-- & -->"
    block = json_ld([{"@type": "Thing", "name": hostile}])
    body = block.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body
    assert json.loads(body)["@graph"][0]["name"] == hostile
