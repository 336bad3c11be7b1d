"""Glossary, agency and people pages: pure renderers first, then the real built site."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import ROOT, run_build, soup
from orbit.data.loading import load_site
from orbit.data.models import Budget, Role, Source, Term
from orbit.link.entities import build_entities, plain_text
from orbit.render.common import md_text
from orbit.render.glossary import ALIASES_MAX, index_item, letter_of, render_index, render_term, sort_key
from orbit.render.mentions import PageMention, mentions_html
from orbit.render.profiles import budget_table, held_on, latest_budget, period, role_on
from orbit.site.nav import site_nav

SOURCE = Source(title="A source", url="https://example.org/a")
STORY = "articles/china-us-space-cooperation/"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


def term(key: str, label: str, **extra) -> Term:
    return Term(id=key, term=label, definition=f"{label} explained.", sources=[SOURCE], **extra)


# --- pure renderers -------------------------------------------------------------


def test_glossary_index_sorts_a_to_z_ignoring_case_accents_and_leading_punctuation():
    terms = {
        t.id: t
        for t in [term("zeta", "zeta"), term("oumuamua", "'Oumuamua"), term("ecu", "Écu"), term("alpha", "Alpha")]
    }
    markdown = render_index(terms, {})
    order = re.findall(r"^- \[[^\]]*\]\(([a-z0-9-]+)\.md\)", markdown, re.M)
    assert order == ["alpha", "ecu", "oumuamua", "zeta"]
    assert re.findall(r"^## (\S+) \{ #letter-[a-z]+ \}$", markdown, re.M) == ["A", "E", "O", "Z"]


def test_glossary_letter_bar_disables_letters_without_terms():
    markdown = render_index({"alpha": term("alpha", "Alpha"), "n1": term("n1", "2001 Mars Odyssey")}, {})
    assert '<a href="#letter-a">A</a>' in markdown
    assert '<span aria-disabled="true" title="No terms under B">B</span>' in markdown
    assert '<a href="#letter-other">#</a>' in markdown
    assert letter_of(term("n1", "2001 Mars Odyssey")) == "#"


def test_glossary_index_item_is_a_link_with_short_aliases_only():
    assert (
        index_item(term("leo", "Low Earth orbit", aliases=["LEO"])) == "- [Low Earth orbit](leo.md) <small>LEO</small>"
    )
    assert index_item(term("x", "X*", aliases=["a" * ALIASES_MAX, "b"])) == r"- [X\*](x.md)"
    assert index_item(term("y", "Y")) == "- [Y](y.md)"


def test_term_page_has_title_aliases_see_also_sources_and_backlink_placeholder():
    terms = {"a": term("a", "Apogee", aliases=["high point"], see_also=["p"]), "p": term("p", "Perigee")}
    page = render_term(terms["a"], terms)
    assert page.startswith("# Apogee\n\n*Also:* high point\n\nApogee explained.")
    assert "*See also:* [Perigee](p.md)" in page
    assert "[A source](https://example.org/a)" in page
    assert page.endswith("*Where it appears:*\n\n<!-- orbit:mentions:a -->\n")


def test_glossary_nav_groups_term_pages_in_index_order(site):
    docs = {"glossary/index.md"} | {f"glossary/{key}.md" for key in site.terms}
    glossary = next(
        item["Glossary"] for item in site_nav(site, docs, []) if isinstance(item, dict) and "Glossary" in item
    )
    assert glossary[0] == "glossary/index.md" and all(isinstance(group, dict) for group in glossary[1:])
    grouped = [doc for group in glossary[1:] for items in group.values() for doc in items]
    assert grouped == [f"glossary/{t.id}.md" for t in sorted(site.terms.values(), key=sort_key)]


def test_markdown_text_is_escaped():
    assert md_text("a*b_[c]|<i>") == r"a\*b\_\[c\]\|&lt;i&gt;"
    assert sort_key(term("x", "...Xenon")) == "xenon"


@pytest.mark.parametrize(
    "start, end, held",
    [
        ("2013-04-03", "2021-04", True),
        ("2013-12", None, True),
        (None, "2014-02", True),
        (None, None, True),
        ("2014", None, False),  # "2014" may mean December: not surely held in January
        ("2014-02", "2014", False),
        (None, "2013-04", False),
        ("2009-07-03", "2014-01-12", True),
    ],
)
def test_held_on_reads_partial_dates_cautiously(start, end, held):
    assert held_on(start, end, "2014-01-12") is held


def test_period_reads_partial_dates():
    assert period("2013-04-03", "2021-04") == "3 April 2013 – April 2021"
    assert period("2012", None) == "from 2012" and period(None, "2013-04") == "until April 2013"
    assert period(None, None) == "dates not recorded"


def test_role_on_prefers_an_agency_post_then_the_latest_start():
    roles = [
        Role(title="Faculty", organisation="University", **{"from": "1970"}),
        Role(title="Adviser", organisation="NASA", agency="nasa"),
        Role(title="Consultant", organisation="NASA", agency="nasa"),
        Role(title="Chair", organisation="Museum", **{"from": "2008"}, to="2009"),
    ]
    assert role_on(roles, "2014-01-12").title == "Consultant"
    assert role_on(roles[:1], "2014-01-12").title == "Faculty"
    assert role_on(roles[3:], "2014-01-12") is None


def budget(year: int, **extra) -> Budget:
    return Budget(year=year, amount=1.5, scale="billion", currency="EUR", source=SOURCE, **extra)


def test_budget_table_shows_caveats_and_sources(site):
    agency = site.agencies["cnes"].model_copy(
        update={"budget": [budget(2013, confidence="low", caveat="From a forum post.")]}
    )
    table = budget_table(agency)
    assert "Low confidence: From a forum post." in table and "(https://example.org/a" in table
    assert "EUR 1.5 billion" in table
    assert "could be confirmed" in budget_table(site.agencies["cnsa"])


def test_latest_budget_takes_the_latest_year_and_the_first_of_a_year():
    first, second = budget(2014, period="first"), budget(2014, period="second")
    assert latest_budget([budget(2013), first, second]) is first
    assert latest_budget([]) is None


def test_mentions_are_distinct_sorted_labelled_and_skip_the_page_itself():
    mentions = [
        PageMention("Story", "articles/s/", "ref-x-1", "comments"),
        PageMention("Story", "articles/s/", "ref-x", "page"),
        PageMention("Story", "articles/s/", "ref-x", "page"),
        PageMention("Home", "", "ref-x", "page"),
        PageMention("Glossary", "glossary/", "ref-x", "page"),
    ]
    html = mentions_html(mentions, "glossary/")
    assert html.count("<li>") == 3
    assert html.index('href="../articles/s/#ref-x"') < html.index("#ref-x-1") < html.index('href="../#ref-x"')
    assert "Article:</span>" in html and "(reader comments)" in html and "Page:</span>" in html
    assert "Not mentioned" in mentions_html(mentions[-1:], "glossary/")


# --- the built site --------------------------------------------------------------


def resolves(site_dir: Path, page_url: str, href: str) -> bool:
    """Whether a relative link from the page at `page_url` reaches an existing page and anchor."""
    target = urlparse(href)
    if target.scheme:
        return True
    path = posixpath.normpath(posixpath.join(page_url, target.path)) if target.path else page_url.rstrip("/")
    path = "" if path == "." else path
    file = site_dir / path / "index.html" if not path.endswith(".html") else site_dir / path
    if not file.exists():
        return False
    return not target.fragment or soup(site_dir, str(file.relative_to(site_dir))).find(id=target.fragment) is not None


def words(text: str) -> str:
    return " ".join(text.split())


def test_every_term_has_its_own_page_with_definition_sources_and_backlinks(site_dir, site):
    for key, entry in site.terms.items():
        page = soup(site_dir, f"glossary/{key}/")
        article = page.select_one("article")
        assert article.h1.get_text().rstrip("¶") == entry.term, key
        assert words(plain_text(entry.definition)) in words(article.get_text()), key
        hrefs = {a["href"] for a in article.select("a[href]")}
        assert {str(source.url) for source in entry.sources} <= hrefs, key
        assert len(article.select(".orbit-mentions")) == 1, key
        assert article.select_one("a[rel=edit]")["href"].endswith("/data/glossary.yml"), key


def test_term_pages_link_other_entries_but_never_their_own_term(site_dir, site):
    linked = 0
    for key in site.terms:
        links = soup(site_dir, f"glossary/{key}/").select("article a.orbit-term")
        assert not [a for a in links if a["href"] == "./" or a.get("id", "").startswith(f"ref-{key}")], key
        linked += bool(links)
    assert linked >= 5
    assert soup(site_dir, "glossary/space-shuttle/").select_one('article a.orbit-term[href="../../agencies/nasa/"]')


def test_see_also_links_lead_to_term_pages(site_dir, site):
    for key, entry in site.terms.items():
        if entry.see_also:
            paragraph = next(
                p
                for p in soup(site_dir, f"glossary/{key}/").select("article p")
                if p.get_text().startswith("See also:")
            )
            hrefs = [a["href"] for a in paragraph.select("a")]
            assert hrefs == [f"../{other}/" for other in entry.see_also], key
            assert all(resolves(site_dir, f"glossary/{key}/", href) for href in hrefs), key


def test_glossary_index_lists_every_term_once_under_its_letter(site_dir, site):
    page = soup(site_dir, "glossary/")
    listed = []
    for heading in page.select("h2[id^=letter-]"):
        links = heading.find_next_sibling("ul").select("li > a")
        letters = {letter_of(site.terms[a["href"].rstrip("/")]) for a in links}
        assert letters == {heading.get_text().rstrip("¶")}, heading["id"]
        listed += [a["href"] for a in links]
    assert sorted(listed) == sorted(f"{key}/" for key in site.terms)
    assert all(resolves(site_dir, "glossary/", href) for href in listed)
    assert not page.select("article a.orbit-term")  # every term and agency on it is a link already


def test_glossary_letter_jumps_resolve(site_dir):
    page = soup(site_dir, "glossary/")
    jumps = page.select(".orbit-letters a")
    assert jumps and all(page.find(id=a["href"][1:]) for a in jumps)
    assert page.select(".orbit-letters span[aria-disabled]")


def test_glossary_points_to_agency_profiles_instead_of_defining_them(site_dir, site):
    page = soup(site_dir, "glossary/")
    assert page.find(id="cnes") is None
    section = page.find(id="agencies").find_next("ul")
    assert {a["href"] for a in section.select("a")} == {f"../agencies/{key}/" for key in site.agencies}


def test_story_links_at_least_15_distinct_entities(site_dir):
    links = soup(site_dir, STORY).select("article a.orbit-term")
    assert len({a["href"] for a in links}) >= 15


def test_previews_travel_beside_their_entries_not_in_the_story(site_dir, site):
    """The story carries no preview text; each entry it links publishes its own, which orbit.js
    fetches (tests/test_browser_previews.py)."""
    html = (site_dir / STORY / "index.html").read_text(encoding="utf-8")
    assert "data-orbit-tip" not in html
    entities = build_entities(site)
    linked = {
        posixpath.normpath(posixpath.join(STORY, a["href"])) for a in soup(site_dir, STORY).select("a.orbit-term")
    }
    by_url = {entity.url.rstrip("/"): entity for entity in entities.values()}
    assert len(linked) >= 15 and linked <= by_url.keys()
    for url in linked:
        published = json.loads((site_dir / url / "preview.json").read_text(encoding="utf-8"))
        assert published == {"text": by_url[url].tooltip}
        assert by_url[url].tooltip not in html  # not even once


@pytest.mark.parametrize(
    "text, href",
    [
        ("Jean-Yves Le Gall", "../../people/jean-yves-le-gall/"),
        ("International Space Station", "../../glossary/international-space-station/"),
        (
            "International Space Exploration Coordination Group",
            "../../glossary/international-space-exploration-coordination-group/",
        ),
        ("Long March-3B", "../../glossary/long-march-3b/"),
        ("NASA", "../../agencies/nasa/"),
    ],
)
def test_story_links_the_names_a_reader_meets(site_dir, text, href):
    links = {a.get_text(): a["href"] for a in soup(site_dir, STORY).select("a.orbit-term")}
    assert links.get(text) == href


def test_no_auto_link_inside_headings_code_links_or_table_headers(site_dir):
    for file in site_dir.rglob("*.html"):
        page = soup(site_dir, str(file.relative_to(site_dir)))
        bad = page.select(":is(h1, h2, h3, h4, h5, h6, code, pre, a, th, button) a.orbit-term")
        assert not bad, (file, bad[:1])


def test_every_backlink_resolves(site_dir, site):
    pages = [
        *(f"glossary/{key}/" for key in site.terms),
        *(f"agencies/{key}/" for key in site.agencies),
        *(f"people/{key}/" for key in site.people),
    ]
    checked = 0
    for url in pages:
        for a in soup(site_dir, url).select("ul.orbit-mentions a"):
            assert resolves(site_dir, url, a["href"]), (url, a["href"])
            checked += 1
    assert checked > 50


# A story (or its thread pages), a profile, a term, or a chart (or its table pages): never an index,
# a list, a year, a tag, the timeline, the home page or an editor's own page.
_CONTENT = re.compile(
    r"articles/(?!\d{4}/)[^/]+/(comments/(\d+/)?)?|(agencies|people|glossary)/[^/]+/|charts/[^/]+/(rows-[^/]+/)?"
)


def test_where_it_appears_lists_only_content_pages(site_dir):
    listed = set()
    for file in site_dir.rglob("index.html"):
        url = str(file.parent.relative_to(site_dir)) + "/"
        for a in soup(site_dir, f"{url}index.html").select("ul.orbit-mentions a"):
            target = posixpath.normpath(posixpath.join(url, urlparse(a["href"]).path)) + "/"
            listed.add(target)
    assert listed and not [url for url in listed if not _CONTENT.fullmatch(url)], sorted(listed)
    assert {url.split("/")[0] for url in listed} == {"articles", "agencies", "people", "glossary", "charts"}


@pytest.mark.parametrize("url", ["agencies/cnsa/", "glossary/long-march-3b/"])
def test_backlinks_land_on_the_linked_mention(site_dir, url):
    item = soup(site_dir, url).select_one(f'ul.orbit-mentions a[href^="../../{STORY}"]')
    anchor = item["href"].split("#")[1]
    assert soup(site_dir, STORY).find(id=anchor)["href"] == f"../../{url}"


def test_every_agency_page_has_an_infobox_and_a_sourced_figure(site_dir, site):
    for key, agency in site.agencies.items():
        page = soup(site_dir, f"agencies/{key}/")
        infobox = page.select_one(".orbit-infobox table")
        assert infobox is not None, key
        labels = [row.find("td").get_text(" ", strip=True) for row in infobox.select("tbody tr")]
        assert labels[:3] == ["Name", "Acronym", "Country"] and "ISS partner" in labels, key
        # A figure with its source: each budget row, or (without budgets) the head's dates.
        rows = (
            page.find(id="budget").find_next("table").select("tbody tr")
            if agency.budget
            else infobox.select("tbody tr")[6:7]
        )
        assert rows and all(row.select('a[href^="http"]') and re.search(r"\d", row.get_text()) for row in rows), key


def test_uncertain_budget_figures_show_their_caveat(site_dir, site):
    for key, agency in site.agencies.items():
        uncertain = [b for b in agency.budget if b.confidence != "high"]
        if uncertain:
            table = soup(site_dir, f"agencies/{key}/").find(id="budget").find_next("table")
            assert len(table.select(".orbit-caveat")) >= len(uncertain), key


def test_agency_index_is_a_sortable_table_with_sort_keys(site_dir, site):
    table = soup(site_dir, "agencies/").select_one("table[data-orbit-sortable]")
    rows = table.select("tbody tr")
    assert len(rows) == len(site.agencies)
    assert [th.get_text(strip=True) for th in table.select("thead th")][:3] == ["Agency", "Country", "Founded"]
    for row in rows:
        cells = row.find_all("td")
        assert re.fullmatch(r"\d{4}(-\d\d){0,2}", cells[2]["data-sort"])
        assert cells[6]["data-sort"] == "" or float(cells[6]["data-sort"]) > 0
    nasa = next(row for row in rows if row.a["href"] == "nasa/")
    assert nasa.find_all("td")[6]["data-sort"] == "17.646"


def test_agency_page_lists_heads_and_quoted_staff(site_dir):
    page = soup(site_dir, "agencies/cnes/")
    heads = page.find(id="heads").find_next("ul")
    assert "../../people/jean-yves-le-gall/" in {a["href"] for a in heads.select("a")}
    quoted = page.find(id="quoted").find_next("ul")
    assert quoted.select_one('a[href="../../articles/china-us-space-cooperation/#p-2"]')


def test_person_page_quotes_link_back_to_their_paragraphs(site_dir, site):
    quotes = [q for q in site.articles["china-us-space-cooperation"].quotes if q.person == "jean-yves-le-gall"]
    page = soup(site_dir, "people/jean-yves-le-gall/")
    blocks = page.select("article blockquote")
    assert len(blocks) == len(quotes)
    story = soup(site_dir, STORY)
    for block, quote in zip(blocks, quotes, strict=True):
        href = block.select("a")[-1]["href"]
        assert href == f"../../{STORY}#p-{quote.paragraph}"
        assert story.find(id=f"p-{quote.paragraph}").get_text()[:40] in block.get_text()


def test_person_page_has_dated_sourced_roles(site_dir):
    table = soup(site_dir, "people/jean-yves-le-gall/").find(id="roles").find_next("table")
    row = next(r for r in table.select("tbody tr") if "3 April 2013" in r.get_text())
    assert row.select_one('a[href="../../agencies/cnes/"]') and row.select_one('a[href^="http"]')


def test_profiles_do_not_link_their_own_subject(site_dir):
    page = soup(site_dir, "people/jean-yves-le-gall/")
    assert not page.select('a.orbit-term[href="./"]') and not page.select('a.orbit-term[id="ref-jean-yves-le-gall"]')


def test_people_index_lists_everyone_with_their_2014_role(site_dir, site):
    page = soup(site_dir, "people/")
    rows = {row.a["href"]: row.get_text(" ", strip=True) for row in page.select("article table tbody tr")}
    assert set(rows) == {f"{key}/" for key in site.people}
    assert "President , CNES" in rows["jean-yves-le-gall/"].replace(",", " ,")


def test_strict_build_has_no_warnings(build_log):
    assert "WARNING" not in build_log, build_log


# --- explicit links --------------------------------------------------------------


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory) -> Path:
    """The project without its built output, to add an editor's page."""
    target = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "docs", "hooks", "data", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def test_explicit_link_syntax_links_the_entry(project_copy, tmp_path):
    (project_copy / "docs" / "note.md").write_text("# Note\n\nSee [[cnes|the French agency]] and [[wolf-amendment]].\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = soup(tmp_path / "site", "note/")
    links = {a.get_text(): a["href"] for a in page.select("article a.orbit-term")}
    assert (
        links["the French agency"] == "../agencies/cnes/" and links["Wolf Amendment"] == "../glossary/wolf-amendment/"
    )


def test_unknown_explicit_id_stops_the_build_naming_page_and_id(project_copy, tmp_path):
    (project_copy / "docs" / "note.md").write_text("# Note\n\nSee [[wolf-amendmnt]].\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "note.md:3: [[wolf-amendmnt]]: unknown entry id 'wolf-amendmnt'; did you mean 'wolf-amendment'?"
        in result.stderr
    )
