"""Sitemap dates from the data, robots.txt, and a 404 page that offers search and the main sections."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT
from orbit.data.loading import load_site
from orbit.site.context import Context
from orbit.site.plan import build_pages
from orbit.site.sharing import page_metas

SITE_URL = "http://127.0.0.1:8000/"
_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def lastmods(site_dir: Path) -> dict[str, str | None]:
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    return {
        url.find("s:loc", _NS).text: (
            url.find("s:lastmod", _NS).text if url.find("s:lastmod", _NS) is not None else None
        )
        for url in root.findall("s:url", _NS)
    }


def test_sitemap_dates_come_from_the_data_never_the_build(site_dir: Path) -> None:
    """A story: its date, its latest update's or its latest comment's; lists: their newest story's;
    pages whose data has no date have none (the build date would claim a change that never happened)."""
    dates = lastmods(site_dir)
    site = load_site(ROOT / "data")
    story, comments = site.articles["china-us-space-cooperation"], site.comments["china-us-space-cooperation"]
    changed = max([story.date, *(u.date for u in story.updates)])
    latest = max([changed, *(c.date for c in comments)])
    assert dates[SITE_URL + "articles/china-us-space-cooperation/"] == latest.isoformat()
    assert dates[SITE_URL + "articles/"] == dates[SITE_URL + "tags/china/"] == changed.isoformat()
    assert dates[SITE_URL] is None and dates[SITE_URL + "glossary/"] is None and dates[SITE_URL + "people/"] is None
    assert len(dates) == len([p for p in site_dir.rglob("*.html") if p.name != "404.html"])


def test_a_profile_is_dated_by_when_its_sources_were_consulted(data_copy: Path) -> None:
    """`accessed` dates anywhere in a record (its budget's sources included) date its page."""
    nasa = data_copy / "agencies" / "nasa.yml"
    text = nasa.read_text(encoding="utf-8")
    old = 'url: "https://www.spacefoundation.org/2014/01/31/fiscal-year-2014-federal-budget-update-report/"}'
    nasa.write_text(text.replace(old, old[:-1] + ", accessed: 2024-05-06}"), encoding="utf-8")
    ctx = Context.of(load_site(data_copy))
    metas = page_metas(ctx, build_pages(ctx))
    assert metas["agencies/nasa.md"].lastmod == dt.date(2024, 5, 6)
    assert metas["agencies/esa.md"].lastmod is None


def test_robots_txt_names_the_sitemap(site_dir: Path) -> None:
    lines = (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines and "User-agent: *" in lines


def test_404_page_offers_search_and_the_main_sections(site_dir: Path) -> None:
    page = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    form = page.find("form", role="search")
    field = form.find("input", attrs={"name": "q"})
    assert form["method"] == "get" and page.find("label", attrs={"for": field["id"]}).get_text() == "Search the site"
    sections = {a.get_text(): a["href"] for a in page.find("ul", class_="orbit-notfound__sections").find_all("a")}
    for title in ("Stories", "Glossary", "Agencies", "People", "Timeline", "Charts", "Tags"):
        href = sections[title]
        assert href.startswith("/"), href  # absolute: the page is served at any depth
        assert (site_dir / href.lstrip("/") / "index.html").is_file(), href
