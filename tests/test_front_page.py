"""A publication, not one page (issue 20): the front page made from the data, each story's own
credit line, a site-wide footer true of every page, and "More on this" with its reasons."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, budgeted_size, copy_project, data_problems, run_build, script_module, serve, soup
from orbit.data.loading import load_site
from orbit.data.models import Related
from orbit.data.site import Site
from orbit.link.related import MORE_MAX, more_on_this
from orbit.pages.addresses import FRONT_PAGE_STORIES
from orbit.render.front import front_pages_count, render_front

FIXTURES = Path(__file__).parent / "fixtures"
SEED, ESA, CLAIMS = "china-us-space-cooperation", "ministers-meet-in-washington", "fixture-claims-story"
PAGE_BUDGET = 80_000
PAGE_MAX = 100_000  # a page's raw bytes, a story's notes and "What happened next" counted (issue 21)


def publication_data(target: Path) -> Path:
    """The real data with two fixture stories from two more publishers (an ESA-style release and
    the claims fixture)."""
    shutil.copytree(ROOT / "data", target)
    shutil.copy(FIXTURES / "esa-story.yml", target / "articles" / f"{ESA}.yml")
    shutil.copy(FIXTURES / "claims-story.yml", target / "articles" / f"{CLAIMS}.yml")
    return target


@pytest.fixture(scope="module")
def publication(tmp_path_factory) -> tuple[Site, Path]:
    base = tmp_path_factory.mktemp("publication")
    data = publication_data(base / "data")
    result = run_build(ROOT, base / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    return load_site(data), base / "site"


def test_front_page_lists_every_story_newest_first_below_the_editors_introduction(publication) -> None:
    site, built = publication
    home = soup(built, "").find("article")
    assert home.h1.get_text(strip=True).startswith("Orbit Explainer")  # docs/index.md's own heading, first
    heading = home.find(id="stories")
    assert heading.name == "h2" and heading.find_previous("p").get_text().startswith("A news story is hard to follow")
    items = heading.find_next("div", class_="orbit-front").find_all("li", recursive=True)
    newest = sorted(site.articles, key=lambda slug: site.articles[slug].date, reverse=True)
    assert [item.strong.a["href"] for item in items] == [f"articles/{slug}/" for slug in newest]
    for item, slug in zip(items, newest, strict=True):
        story, text = site.articles[slug], item.get_text(" ", strip=True)
        assert item.strong.get_text() == story.title
        assert item.time["datetime"] == story.date.isoformat()
        assert story.publisher in item.select_one(".orbit-front__meta").get_text()
        assert item.select_one(".orbit-front__meta").find("a") is None  # "Orbit Explainer test fixtures"
        assert story.dek in text
        if story.images:
            lead = min(story.images, key=lambda image: image.after_paragraph)
            assert item.select_one(".orbit-front__caption").get_text() == f"Lead photo: {lead.caption}"
        else:
            assert item.select_one(".orbit-front__caption") is None
        links = {a.get_text(): a["href"] for a in item.select(".orbit-front__links a")}
        claims = len(story.claims)
        if claims:
            assert links[f"{claims} passages checked"] == f"articles/{slug}/#notes"
        else:
            assert "no passage checked yet" in text
        comments = [comment for comment in site.comments.get(slug, []) if comment.status == "published"]
        if comments:  # a removed comment is not counted, as on the story
            assert links[f"{len(comments)} reader comments"] == f"articles/{slug}/#comments"
        page = soup(built, f"articles/{slug}/")  # every link lands on its section of the story
        for href in links.values():
            assert page.find(id=href.partition("#")[2]) is not None, href


def test_front_page_shows_three_publishers_and_the_footer_names_none(publication) -> None:
    site, built = publication
    publishers = {story.publisher for story in site.articles.values()}
    assert len(publishers) == 3
    front = soup(built, "").select_one(".orbit-front").get_text()
    assert all(publisher in front for publisher in publishers)
    for path in built.rglob("*.html"):
        footer = soup(built, path.relative_to(built).as_posix()).select_one(".md-copyright").get_text(" ", strip=True)
        assert footer.startswith("Explanations, data and code by the Orbit Explainer editors."), path
        assert not any(name in footer for name in ("AFP", "Phys.org", "ESA", "fixture")), path


def test_each_story_has_its_own_credit_line(publication) -> None:
    site, built = publication
    for slug, story in site.articles.items():
        credit = soup(built, f"articles/{slug}/").select("footer.orbit-rights")
        assert [line.get_text() for line in credit] == [story.rights]
        assert credit[0].find("a") is None  # the publisher's words, never auto-linked ("Orbit" is a term)
        byline = soup(built, f"articles/{slug}/").select_one(".orbit-byline")
        assert story.publisher in byline.get_text() and byline.select("a.orbit-term") == []  # "ESA Newsroom"
    assert site.articles[SEED].rights == "Article text © AFP, reproduced from Phys.org for annotation."
    assert len({story.rights for story in site.articles.values()}) == 3


def test_more_on_this_shows_the_story_that_shares_most_and_why(publication) -> None:
    site, built = publication
    section = soup(built, f"articles/{SEED}/").find(id="more-on-this")
    assert section.find_next("p")["class"] == ["orbit-more__intro"]
    items = section.find_next("ul").find_all("li")
    # The claims fixture shares no tag or name with the seed story: it is not offered.
    assert [item.strong.a["href"] for item in items] == [f"../{ESA}/"]
    assert site.articles[ESA].publisher in items[0].get_text()
    assert items[0].select_one(".orbit-more__why").get_text() == (
        "Shares: international cooperation, International Space Station, ESA, NASA, Space-faring nation"
    )
    back = soup(built, f"articles/{ESA}/").find(id="more-on-this").find_next("ul")
    assert back.li.strong.a["href"] == f"../{SEED}/"
    assert soup(built, f"articles/{CLAIMS}/").find(id="more-on-this") is None


def test_a_story_without_a_credit_line_is_an_error(tmp_path: Path) -> None:
    data = publication_data(tmp_path / "data")
    path = data / "articles" / f"{ESA}.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first_field = next(n for n, line in enumerate(lines, 1) if line.startswith("title:"))
    path.write_text("".join(line for line in lines if not line.startswith("rights:")), encoding="utf-8")
    assert data_problems(data) == [f"data/articles/{ESA}.yml:{first_field}: rights: is required but missing"]


# --- units: "More on this" and the front page's pages ---------------------------------------


def _stories(count: int, tags: list[list[str]]) -> Site:
    """The real data with `count` copies of its story, copy `n` tagged `tags[n]`, all on one day."""
    site = load_site(ROOT / "data")
    story = site.articles.pop(SEED).model_copy(update={"related": [], "date": dt.date(2015, 1, 1)})
    for n in range(count):
        site.articles[f"s{n:02d}"] = story.model_copy(update={"title": f"Story {n}", "tags": tags[n]})
    return site


def test_unit_more_on_this_ranks_by_what_is_shared_then_newest_then_name() -> None:
    """At most MORE_MAX, most shared first; ties: the newer story, then A-Z; nothing shared, not listed."""
    tags = [["a", "b", "c"], ["a", "b", "c"], ["a", "b"], ["a"], ["c"], ["a"], ["a"], ["b", "a"], ["z"]]
    site = _stories(len(tags), tags)
    site.articles["s06"] = site.articles["s06"].model_copy(update={"date": dt.date(2016, 1, 1)})
    found = more_on_this(site, lambda slug: frozenset(), {})
    assert [(kin.slug, kin.shared) for kin in found["s00"]] == [
        ("s01", ("a", "b", "c")),
        ("s02", ("a", "b")),
        ("s07", ("a", "b")),  # of one day, A-Z; its reasons in A-Z order too, however it orders its tags
        ("s06", ("a",)),  # newer than s03, s04 and s05, which share as much
        ("s03", ("a",)),
    ]
    assert len(found["s00"]) == MORE_MAX and found["s08"] == []


def test_unit_more_on_this_leaves_out_what_the_editor_lists_and_keeps_its_order() -> None:
    tags = [["a"]] * 8
    site = _stories(len(tags), tags)
    listed = Related.model_validate({"title": "Story 1", "date": "2015-01-01", "summary": "x", "article": "s01"})
    site.articles["s00"] = site.articles["s00"].model_copy(update={"related": [listed]})
    found = more_on_this(site, lambda slug: frozenset(), {})
    assert [kin.slug for kin in found["s00"]] == ["s02", "s03", "s04", "s05", "s06"]
    shuffled = list(site.articles.items())
    random.Random(4).shuffle(shuffled)
    site.articles = dict(shuffled)
    assert more_on_this(site, lambda slug: frozenset(), {}) == found


def test_unit_front_page_goes_on_pages_that_link_each_other() -> None:
    count = FRONT_PAGE_STORIES * 2 + 3
    site = _stories(count, [[]] * count)
    slugs = sorted(site.articles, reverse=True)
    assert front_pages_count(count) == 3
    first, second, last = (render_front(site, slugs, n) for n in (1, 2, 3))
    assert first.startswith("## Latest stories { #stories }") and first.count("\n- **") == FRONT_PAGE_STORIES
    assert "[Older stories](page/2.md)" in first and "Newer stories" not in first
    assert second.startswith("# Latest stories: page 2 of 3") and "[Newer stories](../index.md)" in second
    assert "[Older stories](3.md)" in second and "[All stories by year](../articles/index.md)" in second
    assert last.count("\n- **") == 3 and "Older stories" not in last


def test_a_home_page_without_an_editors_introduction_is_made_from_the_data(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "index.md").unlink()
    result = run_build(project, tmp_path / "site", publication_data(tmp_path / "data"))
    assert result.returncode == 0, result.stdout + result.stderr
    home = soup(tmp_path / "site", "").find("article")
    assert home.h1.get_text(strip=True).startswith("Orbit Explainer") and home.find(id="stories")
    assert len(home.select(".orbit-front li")) == 3


# --- at 1,000 stories ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> tuple[Site, Path]:
    """The synthetic corpus at 1,000 stories, built once (about a minute; no social cards)."""
    base = tmp_path_factory.mktemp("thousand")
    data = script_module("make_corpus").make_corpus(1000, base / "data")
    result = run_build(ROOT, base / "site", data, env={"ORBIT_CARDS": "off"})
    assert result.returncode == 0, result.stdout + result.stderr
    return load_site(data), base / "site"


def test_at_a_thousand_stories_the_front_page_pages_and_every_page_keeps_the_budget(thousand) -> None:
    """Every page within 80 kB less a story's notes and "What happened next", and 100 kB with them."""
    site, built = thousand
    pages = front_pages_count(len(site.articles))
    assert pages == -(-1000 // FRONT_PAGE_STORIES) > 1
    newest = sorted(site.articles, key=lambda slug: (-site.articles[slug].date.toordinal(), slug))
    listed = [a["href"] for a in soup(built, "").select(".orbit-front li > strong > a")]
    for number in range(2, pages + 1):
        page = soup(built, f"page/{number}/")
        assert page.h1.get_text(strip=True).startswith(f"Latest stories: page {number} of {pages}")
        listed += [a["href"].removeprefix("../../") for a in page.select(".orbit-front li > strong > a")]
    assert listed == [f"articles/{slug}/" for slug in newest]
    assert not (built / "page" / str(pages + 1)).exists()
    written = list(built.rglob("*.html"))
    sizes = {path.relative_to(built).as_posix(): budgeted_size(path) for path in written}
    assert max(sizes.values()) <= PAGE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])[:3]
    raw = {path.relative_to(built).as_posix(): path.stat().st_size for path in written}
    assert max(raw.values()) <= PAGE_MAX, sorted(raw.items(), key=lambda item: -item[1])[:3]


def test_at_a_thousand_stories_each_story_offers_at_most_five_with_their_reasons(thousand) -> None:
    site, built = thousand
    slug = sorted(site.articles)[0]
    items = soup(built, f"articles/{slug}/").find(id="more-on-this").find_next("ul").find_all("li")
    assert 1 <= len(items) <= MORE_MAX
    mine = set(site.articles[slug].tags)
    for item in items:
        why = item.select_one(".orbit-more__why").get_text()
        assert why.startswith("Shares: ")
        other = site.articles[item.strong.a["href"].strip("./").split("/")[-1]]
        for tag in mine & set(other.tags):  # the shared tags come first, by name
            assert tag in why


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_front_page_and_more_on_this_pass_axe_in_both_palettes(browser, publication, scheme) -> None:
    from test_browser_a11y import AXE, _violations, settle

    _, built = publication
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})  # a phone
    page, problems = context.new_page(), []
    with serve(built) as base:
        for path in ["", f"articles/{SEED}/", f"articles/{ESA}/"]:
            page.goto(base + path)
            settle(page)
            problems += _violations(AXE.read_text(encoding="utf-8"), page, path or "home")
    context.close()
    assert problems == []
