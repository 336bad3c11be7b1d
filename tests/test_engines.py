"""The same site from both engines: `python -m orbit build --engine mkdocs` (the hooks) and
`--engine zensical` (the driver, hooks/orbit/drivers/zensical.py), compared page by page.

What the engine forces apart (theme markup and assets, the search index's format, the generator
tag) is listed in ARCHITECTURE.md, "Engines"; everything the generator makes must be equal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import CARD_CACHE, ROOT, serve
from orbit.site import csp

ENGINES = ("mkdocs", "zensical")
CSP = "Content-Security-Policy"
_BASE = "http://site.invalid/"
_INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)


def build(engine: str, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m orbit build --engine ENGINE -d DIR`, as the README gives it."""
    env = {"ORBIT_CARD_CACHE": str(CARD_CACHE), **os.environ, "PYTHONPATH": str(ROOT / "hooks"), **(env or {})}
    command = [sys.executable, "-m", "orbit", "build", "--engine", engine, "-d", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The real site built once by each engine."""
    out = tmp_path_factory.mktemp("engines")
    for engine in ENGINES:
        result = build(engine, out / engine)
        assert result.returncode == 0, result.stdout + result.stderr
    return {engine: out / engine for engine in ENGINES}


def _pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def _parsed(sites: dict[str, Path], page: str) -> dict[str, BeautifulSoup]:
    return {
        engine: BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        for engine, site in sites.items()
    }


def _content(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


@pytest.fixture(scope="module")
def pairs(sites: dict[str, Path]) -> list[tuple[str, BeautifulSoup, BeautifulSoup]]:
    """Every page as each engine wrote it, parsed once: (its file in the site, MkDocs', Zensical's)."""
    return [(name, *_parsed(sites, name).values()) for name in _pages(sites["mkdocs"])]


def _target(name: str, href: str) -> str:
    """Where a link on page `name` (its file in the site) leads, whatever relative form it takes."""
    return urljoin(_BASE + name, href).removeprefix(_BASE)


def test_the_same_pages(sites: dict[str, Path]) -> None:
    assert len(_pages(sites["mkdocs"])) > 90
    assert _pages(sites["zensical"]) == _pages(sites["mkdocs"])


def test_the_same_downloads(sites: dict[str, Path]) -> None:
    """CSV, big figures, entries' preview texts, schemas, feeds, robots.txt and social cards:
    everything but the theme's own files."""

    def files(site: Path) -> dict[str, bytes]:
        theme = ("assets/javascripts/", "assets/stylesheets/", "search/", "assets/images/favicon")
        return {
            path.relative_to(site).as_posix(): path.read_bytes()
            for path in site.rglob("*")
            if path.is_file()
            and path.suffix != ".html"
            and not path.name.startswith("sitemap.xml")  # the dates are compared apart
            and not path.relative_to(site).as_posix().startswith(theme)
        } | {
            "sitemap-dates": "\n".join(
                re.findall(r"<lastmod>[^<]*</lastmod>", (site / "sitemap.xml").read_text())
            ).encode()
        }

    mkdocs, zensical = files(sites["mkdocs"]), files(sites["zensical"])
    zensical.pop("search.json")  # the engine's own index (compared by a search in the browser below)
    assert any(name.startswith("assets/cards/") for name in mkdocs) and "feed.xml" in mkdocs
    assert "agencies/cnes/preview.json" in mkdocs and "glossary/tiangong/preview.json" in mkdocs
    assert sorted(zensical) == sorted(mkdocs)
    assert [name for name in mkdocs if mkdocs[name] != zensical[name]] == []
    for site in sites.values():
        assert (site / "assets/javascripts/orbit.js").is_file()


def test_the_same_story_text_and_titles(sites: dict[str, Path], pairs: list) -> None:
    for name, mkdocs, zensical in pairs:
        assert mkdocs.title.string == zensical.title.string, name
        text = [
            block.get_text(" ", strip=True)
            for block in _content(mkdocs).select("h1, h2, h3, p, li, td, th, figcaption")
        ]
        assert [
            block.get_text(" ", strip=True)
            for block in _content(zensical).select("h1, h2, h3, p, li, td, th, figcaption")
        ] == text, name
    story = _parsed(sites, "articles/china-us-space-cooperation/index.html")
    assert "China seems more open to international cooperation in space" in _content(story["zensical"]).get_text()


def test_the_same_links_previews_and_backlinks(sites: dict[str, Path], pairs: list) -> None:
    """Every link of every page's content: first mentions, markers, "where it appears" lists,
    pagers, edit buttons; the same target (Zensical may spell a relative address differently:
    `../cnes/#x` for `./#x`), text and class (`orbit-term`: a preview opens on it; the preview
    texts themselves are downloads, compared above)."""
    linked = 0
    for name, mkdocs, zensical in pairs:
        links = [
            [
                (_target(name, a.get("href", "")), a.get_text(" ", strip=True), "orbit-term" in a.get("class", []))
                for a in _content(page).select("a[href]")
            ]
            for page in (mkdocs, zensical)
        ]
        assert links[1] == links[0], name
        linked += sum(1 for _, _, term in links[0] if term)
    assert linked > 200  # first mentions and markers are really there
    term = _parsed(sites, "glossary/tiangong/index.html")["zensical"]
    assert term.select("ul.orbit-mentions li a")  # the backlinks were filled in


def test_the_same_threads_claims_and_charts(sites: dict[str, Path], pairs: list) -> None:
    seen = {"thread": 0, "claim": 0, "chart": 0}
    for name, mkdocs, zensical in pairs:
        for kind, selector, value in (
            ("thread", "section.orbit-comments [id^=comment-]", lambda el: el.get_text(" ", strip=True)),
            ("claim", "[id^=claim-], ol.orbit-notes li", lambda el: el.get_text(" ", strip=True)),
            (
                "chart",
                "[data-orbit-figure], [data-orbit-figure-src]",
                lambda el: el.get("data-orbit-figure") or el.get("data-orbit-figure-src"),
            ),
        ):
            found = [
                [(el.get("id"), value(el)) for el in _content(page).select(selector)] for page in (mkdocs, zensical)
            ]
            assert found[1] == found[0], (name, kind)
            seen[kind] += len(found[0])
    assert min(seen.values()) > 0, seen


def test_the_same_sharing_tags(sites: dict[str, Path], pairs: list) -> None:
    for name, mkdocs, zensical in pairs:
        tags = [
            (
                [
                    (m.get("property") or m.get("name"), m.get("content"))
                    for m in page.head.select("meta[property], meta[name]")
                    if m.get("name") != "generator"
                ],
                [(link.get("rel"), link.get("href")) for link in page.head.select("link[rel=alternate]")],
                [script.string for script in page.head.select("script[type='application/ld+json']")],
            )
            for page in (mkdocs, zensical)
        ]
        assert tags[1] == tags[0], name
    home = _parsed(sites, "index.html")["zensical"]
    assert home.head.select_one("meta[property='og:image']")["content"].endswith(".png")


def test_a_policy_on_every_page_that_hashes_every_inline_script_of_the_theme(sites: dict[str, Path]) -> None:
    site = sites["zensical"]
    policies = set()
    for name in _pages(site):
        text = (site / name).read_text(encoding="utf-8")
        head = BeautifulSoup(text, "html.parser").head
        first = head.find_all(True, recursive=False)[:2]
        assert first[0].get("charset") == "utf-8" and first[1].get("http-equiv") == CSP, name
        policy = first[1]["content"]
        scripts = {
            match["code"]
            for match in _INLINE.finditer(text)
            if "src=" not in match["attrs"] and "type=" not in match["attrs"]
        }
        assert scripts, name
        assert all(f"'{csp._hash(code)}'" in policy for code in scripts), name  # the theme's scripts run
        policies.add(policy)
    assert len(policies) == 1  # one policy: instant navigation never stacks a second


def test_broken_data_stops_both_engines_with_the_same_messages_before_any_output(
    data_copy: Path, tmp_path: Path
) -> None:
    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{average: 5, votes: 1}", "{average: 6, votes: 1}", 1),
        encoding="utf-8",
    )
    problem = (
        "data/comments/china-us-space-cooperation.yml:9: comments.0.rating.average: must be between 0 and 5, got 6"
    )
    for engine in ENGINES:
        site = tmp_path / "out" / engine
        site.mkdir(parents=True)
        (site / "index.html").write_text("the last good site", encoding="utf-8")
        result = build(engine, site, {"ORBIT_DATA_DIR": str(data_copy)})
        assert result.returncode == 1, engine
        assert f"  - {problem}" in result.stdout + result.stderr, engine
        assert [p.name for p in site.iterdir()] == ["index.html"] and (
            site / "index.html"
        ).read_text() == "the last good site"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(ENGINES)  # no staging folder left behind


@pytest.fixture(scope="module")
def zensical_server(sites: dict[str, Path]) -> Iterator[str]:
    with serve(sites["zensical"]) as base:
        yield base


def _violations(page) -> list[str]:
    return [text for text in page.log.console_errors if "Content Security Policy" in text]


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "",
        "articles/china-us-space-cooperation/",
        "glossary/tiangong/",
        "agencies/nasa/",
        "timeline/2010s/",
        "404.html",
    ],
)
def test_zensical_pages_run_clean_under_the_policy(page, zensical_server: str, path: str) -> None:
    page.goto(zensical_server + path)
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_timeout(300)  # orbit.js and the theme's scripts have run
    assert page.log.console_errors == []
    assert _violations(page) == [] and page.log.page_errors == [] and page.log.foreign_requests() == []


@pytest.mark.browser
def test_zensical_chart_page_draws_its_preview_then_plotly(page, zensical_server: str) -> None:
    page.goto(zensical_server + "charts/agency-budgets/")
    page.wait_for_selector(".orbit-chart__plot[data-orbit-preview] svg.orbit-chart__preview")
    page.hover(".orbit-chart__plot")
    page.wait_for_selector(".orbit-chart__plot[data-orbit-rendered='true'] .main-svg")
    assert page.log.console_errors == [] and page.log.page_errors == [] and page.log.foreign_requests() == []


@pytest.mark.browser
def test_zensical_search_finds_a_term_by_its_name(page, zensical_server: str) -> None:
    """Zensical's own search (its dialog lives in a shadow root, which Playwright's selectors enter)."""
    page.goto(zensical_server)
    page.click(".md-search__button")
    page.locator("dialog[aria-label='Search'] input").fill("Tiangong")
    first = page.locator("dialog[aria-label='Search'] ol[role='listbox'] a").first
    first.wait_for()
    assert first.get_attribute("href").startswith(zensical_server + "glossary/tiangong/")
    assert _violations(page) == [] and page.log.page_errors == []


def test_a_story_title_that_looks_like_markup_stays_text_under_zensical(data_copy: Path, tmp_path: Path) -> None:
    """Zensical prints a heading's text into `<title>` unescaped; the driver escapes it, as the hooks do."""
    path = data_copy / "articles" / "china-us-space-cooperation.yml"
    hostile = "</title><b>bold</b> & co"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: China, US move toward cooperation in space", f"title: '{hostile}'", 1
        ),
        encoding="utf-8",
    )
    result = build("zensical", tmp_path / "site", {"ORBIT_DATA_DIR": str(data_copy), "ORBIT_CARDS": "off"})
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "site/articles/china-us-space-cooperation/index.html").read_text(), "html.parser")
    assert page.title.string == f"{hostile} - Orbit Explainer"
    assert page.head.find("b") is None and page.find("h1").get_text().startswith(hostile)
