"""Charts: figures from the data, the embed block, bad chart files, and the built pages and CSV.

Expectations are read from the YAML files themselves, so these tests check the generator
against what editors wrote, not against its own output.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
from dataclasses import replace
from pathlib import Path

import markdown
import plotly.offline
import pytest
import yaml

from conftest import ROOT, data_problems, dump_yaml, run_build, soup
from orbit.charts.build import LISTED_SOURCES, chart_data
from orbit.charts.figure import figure_json
from orbit.charts.model import Table, table_csv
from orbit.data.loading import load_site
from orbit.data.models import AGENCY_PREFIX
from orbit.data.site import Site
from orbit.pages import addresses
from orbit.pages.addresses import TABLE_PAGE_ROWS, doc_url
from orbit.render import charts
from orbit.render.charts import INLINE_ROWS, embed_html
from orbit.site import plan
from orbit.site.context import Context

DATA = ROOT / "data"
BUNDLE = ROOT / "docs" / "assets" / "javascripts" / "plotly-basic-4.1.1.min.js"
CHART_FILES = sorted(path.stem for path in (DATA / "charts").glob("*.yml"))
PAGE_LIMIT = 80_000  # bytes of HTML per page


def build_figures(site: Site) -> dict[str, dict]:
    return Context.of(site).figures


def chart_embed(key: str, site: Site, doc: str) -> str:
    return Context.of(site).embed(key, doc)


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _agencies() -> dict[str, dict]:
    return {path.stem: _yaml(path) for path in sorted((DATA / "agencies").glob("*.yml"))}


def _usd(budget: dict) -> float | None:
    """The dollar figure a budget entry gives, as the chart must read it."""
    if budget.get("usd_billion") is not None:
        return budget["usd_billion"]
    if budget["currency"] == "USD":
        return budget["amount"] / (1000 if budget["scale"] == "million" else 1)
    return None


def _expected_rows(key: str) -> list[list[str]]:
    """The numbers each chart must show, derived from the data files by hand."""
    chart = _yaml(DATA / "charts" / f"{key}.yml")
    if chart.get("series"):
        return [[str(p["x"]), f"{p['y']:g}"] for p in chart["series"][0]["points"]]
    if chart.get("spans"):
        return [[s["lane"], s["label"], s["start"], s.get("end", "")] for s in chart["spans"]]
    if chart["derive"] == "agency-budgets":
        rows = []
        for agency in _agencies().values():
            years: dict[int, dict] = {}
            for budget in agency["budget"]:
                if _usd(budget) is not None:
                    years.setdefault(budget["year"], budget)
            rows += [[agency["acronym"], str(b["year"]), f"{_usd(b):g}"] for b in years.values()]
        return rows
    if chart["derive"] == "events":
        events = sorted(_yaml(DATA / "events.yml")["events"], key=lambda e: e["date"])
        return [[e["date"], e["title"], e["source"]["url"]] for e in events]
    comments = _yaml(DATA / "comments" / f"{chart['article']}.yml")["comments"]
    return [[c["id"], _rating_text(c)] for c in comments]


def _events() -> list[dict]:
    """The events in date order (a stable sort, as the timeline orders events of one date)."""
    return sorted(_yaml(DATA / "events.yml")["events"], key=lambda e: e["date"])


def _decades() -> dict[str, list[dict]]:
    """The events of each decade (`1990s`), oldest decade first."""
    decades: dict[str, list[dict]] = {}
    for event in _events():
        decades.setdefault(f"{event['date'][:3]}0s", []).append(event)
    return decades


def _rating_text(comment: dict) -> str:
    rating = comment.get("rating")
    return f"{rating['average']:g}" if rating and comment.get("status", "published") == "published" else "not rated"


def _expected_traces(key: str) -> int:
    chart = _yaml(DATA / "charts" / f"{key}.yml")
    if chart.get("series"):
        return len(chart["series"])
    if chart.get("spans"):
        lanes = {s["lane"] for s in chart["spans"] if s.get("end")}
        return len(lanes) + any(not s.get("end") for s in chart["spans"])
    if chart["derive"] == "events":
        return len({e["category"] for e in _yaml(DATA / "events.yml")["events"]})
    if chart["derive"] == "agency-budgets":
        return len({b["year"] for a in _agencies().values() for b in a["budget"] if _usd(b) is not None})
    return 1


# --- the bundle and the figures -----------------------------------------------------


def test_vendored_bundle_matches_the_python_plotly_major_version() -> None:
    header = BUNDLE.read_text(encoding="utf-8")[:300]
    bundled = re.search(r"plotly\.js \(basic - minified\) v(\d+)\.(\d+)\.(\d+)", header)
    assert bundled, "the vendored file is not a plotly.js basic bundle"
    assert bundled.group(1) == plotly.offline.get_plotlyjs_version().split(".")[0]
    assert f"plotly-basic-{'.'.join(bundled.groups())}.min.js" == BUNDLE.name


def test_every_chart_file_has_a_figure_with_the_expected_traces() -> None:
    figures = build_figures(load_site(DATA))
    for key in CHART_FILES:
        assert len(figures[key]["data"]) == _expected_traces(key), key


def test_figures_carry_no_template_and_are_plain_json() -> None:
    for key, figure in build_figures(load_site(DATA)).items():
        assert "template" not in figure["layout"], key
        assert json.loads(json.dumps(figure)) == figure


def test_bar_categories_are_labels_not_a_number_line() -> None:
    # Labels like "2011" once made Plotly draw a numeric axis with a single, misplaced bar.
    for key, figure in build_figures(load_site(DATA)).items():
        if figure["data"][0]["type"] == "bar":
            axis = "yaxis" if figure["data"][0].get("orientation") == "h" else "xaxis"
            assert figure["layout"][axis]["type"] == "category", key


def test_each_agency_with_budget_figures_gets_its_own_chart() -> None:
    site = load_site(DATA)
    figures = build_figures(site)
    for key, agency in _agencies().items():
        assert (AGENCY_PREFIX + key in figures) == bool(agency["budget"]), key
        if agency["budget"]:
            amounts = [f"{b['amount']:g}" for b in agency["budget"]]
            assert [row[2] for row in _csv_rows(table_csv(chart_data(site, AGENCY_PREFIX + key).table))] == amounts


def test_data_text_in_figures_is_escaped_for_plotly(data_copy: Path) -> None:
    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("author: Whydening Gyre", "author: <b onmouseover=x>Gyre</b>"),
        encoding="utf-8",
    )
    site = load_site(data_copy)
    figure = build_figures(site)["comment-ratings"]
    assert "&lt;b onmouseover=x&gt;Gyre&lt;/b&gt;" in figure["data"][0]["customdata"]
    assert "<b onmouseover" not in chart_embed("comment-ratings", site, "x.md")


def test_marker_syntax_in_data_stays_literal_in_the_embed(data_copy: Path) -> None:
    import markdown

    from orbit.link.markers import MarkerExtension

    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("author: Whydening Gyre", 'author: "[[nosuch]]"'), encoding="utf-8"
    )
    html = chart_embed("comment-ratings", load_site(data_copy), "x.md")
    checked = MarkerExtension(None)  # records every marker the parser finds
    markdown.Markdown(extensions=["md_in_html", checked]).convert(html)
    assert checked.found == [] and "[[" not in html
    assert "[[nosuch]]" in soup_text(html).select_one("table").get_text()


# --- the embed block ------------------------------------------------------------------


@pytest.mark.parametrize("key", CHART_FILES)
def test_embed_is_one_raw_html_block_with_caption_table_and_links(key: str) -> None:
    site = load_site(DATA)
    html = chart_embed(key, site, "articles/story.md")
    assert html.startswith(f'<figure class="orbit-chart" id="chart-{key}">') and html.endswith("</figure>")
    assert "\n\n" not in html and all(not line.startswith(" ") for line in html.splitlines())
    page = soup_text(html)
    plot = page.select_one(".orbit-chart__plot")
    assert plot["role"] == "img" and plot["aria-label"] == " ".join(site.charts[key].caption.split())
    assert json.loads(plot["data-orbit-figure"]) == build_figures(site)[key]
    rows = len(_expected_rows(key))
    if rows <= INLINE_ROWS:
        assert len(page.select("figcaption details table tbody tr")) == rows
    else:  # the table stays on the chart's page
        assert not page.select("table")
        assert page.select_one("p.orbit-chart__data a")["href"] == f"../../charts/{key}/"
        assert f"({rows} rows)" in page.select_one("p.orbit-chart__data").get_text()
    assert page.select_one("a[download]")["href"] == f"../../charts/{key}.csv"
    assert page.select_one("a.orbit-chart__permalink")["href"] == f"../../charts/{key}/"


def test_a_charts_home_keeps_its_long_table() -> None:
    """An agency chart lives on its profile: there even a long table stays, elsewhere it is a link."""
    data = chart_data(load_site(DATA), "agency-nasa")
    long = replace(data, table=Table(data.table.columns, data.table.rows * (INLINE_ROWS + 1)))
    home = soup_text(embed_html(long, figure_json(data), "agencies/nasa.md"))
    assert len(home.select("figcaption details table tbody tr")) == len(long.table.rows) > INLINE_ROWS
    elsewhere = soup_text(embed_html(long, figure_json(data), "index.md"))
    assert not elsewhere.select("table")
    assert elsewhere.select_one("p.orbit-chart__data a")["href"] == "agencies/nasa/#chart-agency-nasa"


def test_an_agency_chart_keeps_even_a_very_long_table_on_its_profile() -> None:
    data = chart_data(load_site(DATA), "agency-nasa")
    long = replace(data, table=Table(data.table.columns, data.table.rows * (TABLE_PAGE_ROWS + 1)))
    home = soup_text(embed_html(long, figure_json(data), "agencies/nasa.md"))
    assert len(home.select("figcaption details table tbody tr")) == len(long.table.rows) > TABLE_PAGE_ROWS
    assert not charts.paged(long)


def test_figure_attribute_keeps_quotes_and_tags_in_data(data_copy: Path) -> None:
    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    author = """author: 'Sam''s <i>"best"</i> & co'"""
    path.write_text(path.read_text(encoding="utf-8").replace("author: Whydening Gyre", author), encoding="utf-8")
    site = load_site(data_copy)
    html = chart_embed("comment-ratings", site, "x.md")
    # The whole start tag, as the linker and Markdown scan tags (`<[^>]*>`): no `>` inside it.
    tag = re.search(r'<div class="orbit-chart__plot"[^>]*>', html).group()
    attribute = tag.partition(" data-orbit-figure=")[2]
    assert attribute.startswith("'{") and attribute.endswith("}'>") and "&quot;" not in attribute
    assert "Sam&#39;s &amp;lt;i&amp;gt;" in attribute
    figure = build_figures(site)["comment-ratings"]
    assert 'Sam\'s &lt;i&gt;"best"&lt;/i&gt; &amp; co' in figure["data"][0]["customdata"]
    assert json.loads(soup_text(html).select_one("[data-orbit-figure]")["data-orbit-figure"]) == figure


def test_agency_chart_permalink_opens_the_profile() -> None:
    html = chart_embed("agency-nasa", load_site(DATA), "index.md")
    assert soup_text(html).select_one("a.orbit-chart__permalink")["href"] == "agencies/nasa/#chart-agency-nasa"


def soup_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_timeline_pages_group_each_decades_events_by_year_with_unique_anchors() -> None:
    from orbit.site.build import Build

    build = Build.load(DATA)
    pages = {page.doc: page for page in plan.timeline_pages(build.ctx)}
    decades = _decades()
    assert list(pages) == ["timeline/index.md", *(f"timeline/{decade}.md" for decade in decades)]
    assert {page.edit for page in pages.values()} == {"data/events.yml"}
    anchors = []
    for decade, events in decades.items():
        markdown = pages[f"timeline/{decade}.md"].markdown
        assert re.findall(r"^## (\d{4})$", markdown, re.M) == sorted({e["date"][:4] for e in events})
        anchors += re.findall(r"\{: #(event-[^ ]+) \.orbit-event[^}]*\}", markdown)
    assert len(anchors) == len(set(anchors)) == len(build.ctx.site.events)
    cnsa = next(decade for decade, events in decades.items() if any("cnsa" in e.get("actors", []) for e in events))
    assert "[CNSA](../agencies/cnsa.md)" in pages[f"timeline/{cnsa}.md"].markdown


def test_unit_an_events_title_caveat_and_names_are_text_not_markup() -> None:
    """Markup and Markdown in an event's plain-text fields are shown as written (as a claim's caveat is)."""
    from orbit.link.markers import SITE_EXTENSIONS
    from orbit.render.timeline import event_markdown

    site = load_site(DATA)
    hostile = "<script>alert(1)</script> *stars* [x](y) a_b_c"
    event = site.events[0].model_copy(update={"title": f"Title {hostile}", "confidence": "low", "caveat": hostile})
    html = markdown.Markdown(extensions=SITE_EXTENSIONS).convert(event_markdown(event, "e", site, {}, "timeline/x.md"))
    page = soup_text(html)
    assert page.select_one("p.orbit-caveat").get_text() == f"Caveat: {hostile}"
    assert page.select_one("p.orbit-event strong").get_text() == f"Title {hostile}"
    assert not page.find("script") and [tag.get_text() for tag in page.select(".orbit-caveat :is(em, a)")] == [
        "Caveat:"
    ]


# --- bad chart data stops the build, naming file, line and field ------------------------


def _break(data: Path, name: str, old: str, new: str) -> str:
    path = data / "charts" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_unknown_kind(data_copy: Path) -> None:
    text = _break(data_copy, "agency-budgets.yml", "kind: bar", "kind: pie")
    assert data_problems(data_copy) == [
        f"data/charts/agency-budgets.yml:{_line(text, 'kind: pie')}: kind: must be 'bar', 'hbar', 'line', 'timeline' or 'spans', got 'pie'"
    ]


def test_series_point_without_y(data_copy: Path) -> None:
    text = _break(data_copy, "government-space-budgets-2013.yml", "{x: Russia, y: 8.691}", "{x: Russia}")
    assert data_problems(data_copy) == [
        f"data/charts/government-space-budgets-2013.yml:{_line(text, 'x: Russia')}: series.0.points.2.y: is required but missing"
    ]


def test_both_series_and_derive(data_copy: Path) -> None:
    text = _break(
        data_copy,
        "agency-budgets.yml",
        "derive: agency-budgets",
        "derive: agency-budgets\nseries: [{name: a, points: [{x: a, y: 1}]}]",
    )
    assert data_problems(data_copy) == [
        f"data/charts/agency-budgets.yml:{_line(text, 'derive:')}: derive: a chart needs exactly one of 'series', 'spans' or 'derive', got 'series' and 'agency-budgets'"
    ]


def test_kind_that_cannot_show_the_data(data_copy: Path) -> None:
    text = _break(data_copy, "timeline.yml", "kind: timeline", "kind: bar")
    assert data_problems(data_copy) == [
        f"data/charts/timeline.yml:{_line(text, 'kind: bar')}: kind: 'bar' cannot show derive: events; use 'timeline'"
    ]


def test_unknown_derivation(data_copy: Path) -> None:
    text = _break(data_copy, "timeline.yml", "derive: events", "derive: event")
    assert data_problems(data_copy) == [
        f"data/charts/timeline.yml:{_line(text, 'derive: event')}: derive: must be 'agency-budgets', 'events' or 'comment-ratings', got 'event'"
    ]


def test_span_with_an_impossible_date(data_copy: Path) -> None:
    text = _break(data_copy, "space-stations.yml", 'end: "2018-04-02"', 'end: "2018-02-30"')
    assert data_problems(data_copy) == [
        f"data/charts/space-stations.yml:{_line(text, '2018-02-30')}: spans.7.end: is not a real calendar date: '2018-02-30'"
    ]


def test_ratings_chart_without_comments(data_copy: Path) -> None:
    (data_copy / "comments" / "china-us-space-cooperation.yml").unlink()
    text = (data_copy / "charts" / "comment-ratings.yml").read_text(encoding="utf-8")
    assert data_problems(data_copy) == [
        f"data/charts/comment-ratings.yml:{_line(text, 'article:')}: article: story 'china-us-space-cooperation' has no comments to chart; add data/comments/china-us-space-cooperation.yml or fix the id"
    ]


def test_chart_file_may_not_take_an_agency_chart_id(data_copy: Path) -> None:
    shutil.copy(data_copy / "charts" / "agency-budgets.yml", data_copy / "charts" / "agency-nasa.yml")
    assert data_problems(data_copy) == [
        "data/charts/agency-nasa.yml: the id 'agency-nasa' is reserved for the budget chart of agency 'nasa'; rename the file"
    ]


def test_unknown_chart_marker_stops_the_build(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "docs", "hooks", "data", "overrides"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    (tmp_path / "docs" / "x.md").write_text("# X\n\n[[chart:timline]]\n", encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert (
        "x.md:3: [[chart:timline]]: unknown chart id 'timline'; did you mean 'timeline'?"
        in result.stdout + result.stderr
    )


# --- the built site ---------------------------------------------------------------------


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))[1:]


def _table_rows(figure) -> list[list[str]]:
    rows = figure.select("figcaption table tbody tr")
    return [[td.get("data-sort") or td.get_text(" ", strip=True) for td in row.find_all("td")] for row in rows]


def _pick(key: str, row: list[str]) -> list[str]:
    """The columns of a table or CSV row that `_expected_rows` describes."""
    chart = _yaml(DATA / "charts" / f"{key}.yml")
    if chart.get("series"):
        return row[:2]
    if chart.get("spans"):
        return row[:4]
    return {
        "agency-budgets": lambda r: [r[0], r[1], r[3]],
        "events": lambda r: [r[0], r[2], r[3]],
        "comment-ratings": lambda r: [r[0], r[4]],
    }[chart["derive"]](row)


@pytest.mark.parametrize("key", CHART_FILES)
def test_chart_page_table_matches_the_data(site_dir: Path, key: str) -> None:
    figure = soup(site_dir, f"charts/{key}/").select_one(f"figure#chart-{key}")
    rows = _table_rows(figure)
    if _yaml(DATA / "charts" / f"{key}.yml").get("derive") == "events":  # sources are links
        sources = [tr.find_all("td")[3].a["href"] for tr in figure.select("tbody tr")]
        rows = [[row[0], row[1], row[2], source] for row, source in zip(rows, sources, strict=True)]
    assert [_pick(key, row) for row in rows] == _expected_rows(key)


@pytest.mark.parametrize("key", CHART_FILES)
def test_chart_csv_download_matches_the_data(site_dir: Path, key: str) -> None:
    page = soup(site_dir, f"charts/{key}/")
    href = page.select_one(f"figure#chart-{key} a[download]")["href"]
    path = (site_dir / "charts" / key / href).resolve()
    assert path == (site_dir / "charts" / f"{key}.csv").resolve() and path.exists()
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    assert [_pick(key, row) for row in rows] == _expected_rows(key)


@pytest.mark.parametrize("key", CHART_FILES)
def test_chart_source_line_links_the_sources(site_dir: Path, key: str) -> None:
    chart = _yaml(DATA / "charts" / f"{key}.yml")
    line = soup(site_dir, f"charts/{key}/").select_one(f"figure#chart-{key} .orbit-chart__source")
    hrefs = [a["href"] for a in line.select("a")]
    assert [s["url"] for s in chart.get("sources", [])] == hrefs[: len(chart.get("sources", []))]
    assert hrefs or "listed in the table" in line.get_text()
    if chart.get("caveat"):
        assert (
            " ".join(chart["caveat"].split()) in soup(site_dir, f"charts/{key}/").select_one(".orbit-caveat").get_text()
        )


def test_agency_budget_sources_are_each_figures_own(site_dir: Path) -> None:
    line = soup(site_dir, "charts/agency-budgets/").select_one(".orbit-chart__source")
    expected = {b["source"]["url"] for a in _agencies().values() for b in a["budget"] if _usd(b) is not None}
    assert {a["href"] for a in line.select("a")} <= expected and line.select("a")


def test_many_figure_sources_are_left_to_the_table(data_copy: Path) -> None:
    path = data_copy / "agencies" / "nasa.yml"
    agency = _yaml(path)
    urls = [f"https://example.org/nasa/{year}" for year in range(1990, 1991 + LISTED_SOURCES)]
    agency["budget"] += [
        {**agency["budget"][0], "year": int(url[-4:]), "period": url[-4:], "source": {"title": "Budget", "url": url}}
        for url in urls
    ]
    path.write_text(yaml.safe_dump(agency, allow_unicode=True, sort_keys=False), encoding="utf-8")
    page = soup_text(chart_embed("agency-budgets", load_site(data_copy), "charts/agency-budgets.md"))
    line = page.select_one(".orbit-chart__source")
    assert not line.select("a") and line.get_text() == "Sources: each figure's own source, listed in the table."
    assert set(urls) <= {a["href"] for a in page.select("tbody td:last-child a")}


def test_gallery_links_every_chart_page(site_dir: Path) -> None:
    links = {a["href"] for a in soup(site_dir, "charts/").select("article h2 a")}
    assert links >= {f"{key}/" for key in CHART_FILES}
    for key in CHART_FILES:
        assert (site_dir / "charts" / key / "index.html").exists()


def test_agency_profiles_show_their_own_budget_chart(site_dir: Path) -> None:
    for key, agency in _agencies().items():
        chart = soup(site_dir, f"agencies/{key}/").select_one(f"figure#chart-{AGENCY_PREFIX}{key}")
        assert bool(chart) == bool(agency["budget"]), key


def _target(site_dir: Path, page: str, href: str):
    """The element a relative link on built page `page` opens (the page's article without an
    anchor), or None when the page or the id does not exist."""
    path, _, anchor = href.partition("#")
    file = (site_dir / page / path / "index.html").resolve()
    if not file.is_relative_to(site_dir.resolve()) or not file.exists():
        return None
    target = soup(site_dir, file.parent.relative_to(site_dir.resolve()).as_posix())
    return target.find(id=anchor) if anchor else target.select_one("article")


def _heading(tag) -> str:
    return tag.get_text(strip=True).rstrip("¶")


def test_timeline_overview_links_every_decade_page(site_dir: Path) -> None:
    page = soup(site_dir, "timeline/")
    decades = _decades()
    items = page.find("h2", id="events-by-decade").find_next_sibling("ul").select("li")
    assert [li.a["href"] for li in items] == [f"{decade}/" for decade in decades]
    for li, (decade, events) in zip(items, decades.items(), strict=True):
        first, last = events[0]["date"][:4], events[-1]["date"][:4]
        count = f"{len(events)} event{'s' if len(events) != 1 else ''}"
        assert (
            li.get_text(" ", strip=True).replace(" :", ":")
            == f"The {decade}: {count}, {first if first == last else f'{first}–{last}'}"
        )
        assert _heading(_target(site_dir, "timeline/", li.a["href"]).h1) == f"Timeline: the {decade}"
    nav = [a["href"] for a in page.select(".md-sidebar--primary a.md-nav__link[href]")]
    assert [href for href in nav if href in {"./", *(f"{d}/" for d in decades)}] == ["./", *(f"{d}/" for d in decades)]


def test_every_event_appears_once_on_its_decade_page_with_source_and_actors(site_dir: Path) -> None:
    seen = []
    order = list(_decades())
    for at, (decade, events) in enumerate(_decades().items()):
        page = soup(site_dir, f"timeline/{decade}/")
        assert not page.select("[data-orbit-figure]")
        assert [_heading(h2) for h2 in page.select("article h2")] == sorted({e["date"][:4] for e in events})
        heads = page.select("p.orbit-event")
        assert len(heads) == len(events)
        for head, event in zip(heads, events, strict=True):
            assert head["id"].startswith(f"event-{event['date']}-") and event["title"] in head.get_text()
            meta = head.find_next_sibling("p", class_="orbit-event__meta")
            hrefs = [a["href"] for a in meta.select("a")]
            assert event["source"]["url"] in hrefs
            for actor in event.get("actors", []):
                target = next(h for h in hrefs if h.rstrip("/").endswith(f"/{actor}"))
                assert _target(site_dir, f"timeline/{decade}/", target), (decade, target)
        seen += [head["id"] for head in heads]
        pager = page.find("a", string="All periods").parent
        neighbours = order[max(at - 1, 0) : at] + order[at + 1 : at + 2]  # earlier, later
        assert [a["href"] for a in pager.select("a")] == [*(f"../{d}/" for d in neighbours), "../"]
        assert all(_target(site_dir, f"timeline/{decade}/", a["href"]) for a in pager.select("a"))
    assert len(seen) == len(set(seen)) == len(_events())


def test_event_links_in_the_chart_table_open_the_event(site_dir: Path) -> None:
    page = soup(site_dir, "charts/timeline/")
    links = [a for a in page.select("figure#chart-timeline tbody a") if "#event-" in a["href"]]
    assert [a.get_text(strip=True) for a in links] == [e["title"] for e in _events()]
    for a, event in zip(links, _events(), strict=True):
        assert a["href"].startswith(f"../../timeline/{event['date'][:3]}0s/#event-{event['date']}-")
        target = _target(site_dir, "charts/timeline/", a["href"])
        assert target is not None and "orbit-event" in target["class"] and event["title"] in target.get_text()
    see_also = page.find("a", string=re.compile("The timeline, event by event"))
    assert _heading(_target(site_dir, "charts/timeline/", see_also["href"]).h1) == "Timeline"


def test_long_table_embed_links_the_chart_page_for_its_numbers(site_dir: Path) -> None:
    rows = _expected_rows("timeline")
    assert len(rows) > INLINE_ROWS
    figure = soup(site_dir, "timeline/").select_one("figure#chart-timeline")
    caption = " ".join(_yaml(DATA / "charts" / "timeline.yml")["caption"].split())
    assert figure.select_one(".orbit-chart__plot[data-orbit-figure]")["aria-label"] == caption
    assert not figure.select("table") and figure.select_one(".orbit-chart__source")
    link = figure.select_one("p.orbit-chart__data a")
    assert f"({len(rows)} rows)" in link.get_text()
    home = _target(site_dir, "timeline/", link["href"])
    assert home is not None and home.select_one("figure#chart-timeline table")
    assert len(home.select("figure#chart-timeline tbody tr")) == len(rows)
    assert (site_dir / "timeline" / figure.select_one("a[download]")["href"]).resolve() == (
        site_dir / "charts" / "timeline.csv"
    ).resolve()


@pytest.fixture(scope="module")
def embeds_site(tmp_path_factory) -> Path:
    """The project with an editor page that embeds a short chart and a long one."""
    project = tmp_path_factory.mktemp("embeds")
    for name in ("mkdocs.yml", "docs", "hooks", "data", "overrides"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, project / name)
    (project / "docs" / "embeds.md").write_text(
        "# Embeds\n\n[[chart:agency-budgets]]\n\n[[chart:timeline]]\n", encoding="utf-8"
    )
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_short_table_embed_keeps_its_table_and_a_long_one_links_it(embeds_site: Path) -> None:
    page = soup(embeds_site, "embeds/")
    short = page.select_one("figure#chart-agency-budgets")
    assert len(_expected_rows("agency-budgets")) <= INLINE_ROWS
    assert [_pick("agency-budgets", row) for row in _table_rows(short)] == _expected_rows("agency-budgets")
    assert not short.select("p.orbit-chart__data")
    long = page.select_one("figure#chart-timeline")
    assert not long.select("table")
    home = _target(embeds_site, "embeds/", long.select_one("p.orbit-chart__data a")["href"])
    assert len(home.select("figure#chart-timeline tbody tr")) == len(_expected_rows("timeline"))


def test_timeline_and_chart_pages_stay_under_the_page_limit(site_dir: Path) -> None:
    pages = sorted([*(site_dir / "timeline").rglob("index.html"), *(site_dir / "charts").rglob("index.html")])
    assert len(pages) >= 2 + len(_decades()) + len(CHART_FILES)
    sizes = {page.relative_to(site_dir).as_posix(): page.stat().st_size for page in pages}
    assert max(sizes.values()) <= PAGE_LIMIT, sizes


def test_pages_without_charts_carry_no_figure(site_dir: Path) -> None:
    for page in ("editors/", "glossary/", "agencies/aeb/"):
        assert not soup(site_dir, page).select("[data-orbit-figure]"), page


# --- table pages: a chart page's long table, TABLE_PAGE_ROWS rows a page ------------------


@pytest.fixture(scope="module")
def long_data(tmp_path_factory) -> Path:
    """The data with each event told several times over: a timeline table of more than two table pages."""
    target = tmp_path_factory.mktemp("long") / "data"
    shutil.copytree(DATA, target)
    events = _events()
    copies = 2 * TABLE_PAGE_ROWS // len(events) + 1
    # The first telling keeps each title: a story's outcomes name their events by date and title.
    told = [
        {**event, "title": event["title"] if n == 1 else f"{event['title']} (take {n})"}
        for n in range(1, copies + 1)
        for event in events
    ]
    (target / "events.yml").write_text(dump_yaml({"events": told}), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def long_site(long_data: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("long_site") / "site"
    result = run_build(ROOT, out, long_data)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _long_events(data: Path) -> list[dict]:
    """The events of `data` in table order: by date, events of one date as the file gives them."""
    return sorted(_yaml(data / "events.yml")["events"], key=lambda e: e["date"])


def _spans(count: int) -> list[tuple[int, int]]:
    """The rows each table page must hold, counted from 1."""
    starts = range(1, count + 1, TABLE_PAGE_ROWS)
    return [(first, min(first + TABLE_PAGE_ROWS - 1, count)) for first in starts]


def _resolve(doc: str, href: str) -> str:
    """The source path a Markdown link on page `doc` opens."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(doc), href))


def test_a_long_table_goes_to_unlisted_table_pages_in_order(long_data: Path) -> None:
    from orbit.site.build import Build

    build = Build.load(long_data)
    pages = {page.doc: page for page in plan.chart_pages(build.ctx)}
    events = _long_events(long_data)
    spans = _spans(len(events))
    assert len(spans) >= 3 and spans[-1][1] == len(events)
    docs = [f"charts/timeline/rows-{first}-{last}.md" for first, last in spans]
    assert [doc for doc in pages if doc.startswith("charts/timeline/")] == docs
    assert not [doc for doc in pages if doc.count("/") > 1 and not doc.startswith("charts/timeline/")]
    title = " ".join(_yaml(DATA / "charts" / "timeline.yml")["title"].split())
    for at, ((first, last), doc) in enumerate(zip(spans, docs, strict=True)):
        page = pages[doc]
        assert page.listed is False and page.edit == pages["charts/timeline.md"].edit
        html = soup_text(markdown.markdown(page.markdown))
        assert html.h1.get_text() == f"{title}: rows {first}–{last} of {len(events)}"
        cells = [tr.find_all("td") for tr in html.select("table tbody tr")]
        assert [(td[0].time["datetime"], td[2].get_text()) for td in cells] == [
            (e["date"], e["title"]) for e in events[first - 1 : last]
        ]
        for td in cells:  # links relative to the table page, opening the event's decade page
            target = posixpath.normpath(posixpath.join(doc_url(doc), td[2].a["href"]))
            assert target.startswith("timeline/") and f"#event-{td[0].time['datetime']}-" in target
        pager = html.find("a", string="Back to the chart").parent
        expected = ["charts/timeline.md", *docs[max(at - 1, 0) : at], *docs[at + 1 : at + 2]]
        assert [_resolve(doc, a["href"]) for a in pager.select("a")] == expected
        labels = [a.get_text() for a in pager.select("a")][1:]
        assert labels == [
            *(f"Previous: rows {f}–{last_}" for f, last_ in spans[max(at - 1, 0) : at]),
            *(f"Next: rows {f}–{last_}" for f, last_ in spans[at + 1 : at + 2]),
        ]
        csv_link = html.select_one("a[download]")["href"]
        assert posixpath.normpath(posixpath.join(doc_url(doc), csv_link)) == "charts/timeline.csv"


def test_a_long_tables_chart_page_lists_its_table_pages(long_data: Path) -> None:
    from orbit.site.build import Build

    build = Build.load(long_data)
    page = soup_text(build.pages["charts/timeline.md"].markdown)
    figure = page.select_one("figure#chart-timeline")
    assert not figure.select("table") and not figure.select("details")
    spans = _spans(len(_long_events(long_data)))
    data = figure.select_one(".orbit-chart__data")
    assert data.p.get_text() == f"The numbers as a table, in {len(spans)} pages:"
    links = data.select("li a")
    assert [a.get_text() for a in links] == [f"Rows {first}–{last}" for first, last in spans]
    assert [posixpath.normpath(posixpath.join("charts/timeline/", a["href"])) for a in links] == [
        f"charts/timeline/rows-{f}-{last_}" for f, last_ in spans
    ]
    assert figure.select_one("a[download]")["href"] == "../timeline.csv"


def test_a_table_longer_than_its_pages_leaves_the_rest_to_the_csv(long_data: Path, monkeypatch) -> None:
    """Table pages stop at TABLE_PAGES_MAX (a 200,000-point series made 2,000): the chart's page
    and the last table page say so, and the CSV keeps every row."""
    from orbit.site.build import Build

    monkeypatch.setattr(addresses, "TABLE_PAGES_MAX", 2)
    build = Build.load(long_data)
    events, shown = _long_events(long_data), 2 * TABLE_PAGE_ROWS
    assert len(events) > shown
    docs = [doc for doc in build.pages if doc.startswith("charts/timeline/")]
    assert docs == ["charts/timeline/rows-1-100.md", f"charts/timeline/rows-101-{shown}.md"]
    data = soup_text(build.pages["charts/timeline.md"].markdown).select_one("figure .orbit-chart__data")
    assert data.p.get_text() == (
        f"The first {shown:,} of its {len(events):,} rows as a table, in 2 pages (every row is in the CSV file below):"
    )
    last = soup_text(markdown.markdown(build.pages[docs[-1]].markdown)).select_one("p.orbit-chart__links")
    assert last.get_text().startswith(f"Rows {shown + 1:,}–{len(events):,} are in the CSV file only. ")
    rows = list(csv.reader(io.StringIO(build.downloads()["charts/timeline.csv"])))
    assert [row[0] for row in rows[1:]] == [event["date"] for event in events]


def test_table_pages_in_the_built_site_link_each_other_and_stay_out_of_the_nav(
    long_site: Path, long_data: Path
) -> None:
    events = _long_events(long_data)
    chart = soup(long_site, "charts/timeline/")
    links = chart.select("figure#chart-timeline .orbit-chart__data li a")
    assert len(links) == len(_spans(len(events)))
    rows = 0
    for a in links:
        table = _target(long_site, "charts/timeline/", a["href"])
        assert _heading(table.h1).endswith(f": {a.get_text().lower()} of {len(events)}")
        page = f"charts/timeline/{a['href']}"
        for link in table.select("a[href]:not(.headerlink)"):
            if not link["href"].startswith(("http", "#")) and not link.has_attr("download"):
                assert _target(long_site, page, link["href"]) is not None, (page, link["href"])
        assert (long_site / page / table.select_one("a[download]")["href"]).resolve() == (
            long_site / "charts" / "timeline.csv"
        ).resolve()
        rows += len(table.select("tbody tr"))
        nav = [x["href"] for x in soup(long_site, page).select(".md-sidebar--primary a.md-nav__link[href]")]
        assert not [href for href in nav if "rows-" in href]
    assert rows == len(events)
    assert not [a for a in chart.select(".md-sidebar--primary a.md-nav__link[href]") if "rows-" in a["href"]]


def test_an_embed_of_a_paged_table_links_the_chart_page_that_lists_it(long_site: Path, long_data: Path) -> None:
    figure = soup(long_site, "timeline/").select_one("figure#chart-timeline")
    link = figure.select_one("p.orbit-chart__data a")
    assert f"({len(_long_events(long_data))} rows)" in link.get_text()
    home = _target(long_site, "timeline/", link["href"])
    assert home.select("figure#chart-timeline .orbit-chart__data li a") and not home.select(
        "figure#chart-timeline table"
    )


def test_short_tables_stay_on_their_chart_page_beside_a_paged_one(long_site: Path) -> None:
    for key in CHART_FILES:
        if key != "timeline":
            figure = soup(long_site, f"charts/{key}/").select_one(f"figure#chart-{key}")
            assert [_pick(key, row) for row in _table_rows(figure)] == _expected_rows(key), key
            assert (
                not figure.select(".orbit-chart__data li") and not (long_site / "charts" / key / "rows-1-100").exists()
            )


def test_paged_chart_and_table_pages_stay_under_the_page_limit(long_site: Path) -> None:
    pages = sorted((long_site / "charts").rglob("index.html"))
    sizes = {page.relative_to(long_site).as_posix(): page.stat().st_size for page in pages}
    assert any("/rows-" in page for page in sizes) and max(sizes.values()) <= PAGE_LIMIT, sizes


def test_a_busy_decade_goes_on_several_timeline_pages_each_event_once(long_site: Path, long_data: Path) -> None:
    overview = soup(long_site, "timeline/")
    items = overview.find("h2", id="events-by-decade").find_next_sibling("ul").select("li")
    pages = [f"timeline/{li.a['href']}" for li in items]
    assert any(page.count("/") == 3 for page in pages), pages  # timeline/2010s/2/: a decade split
    seen: list[str] = []
    for at, (li, page) in enumerate(zip(items, pages, strict=True)):
        built = soup(long_site, page)
        decade = page.split("/")[1]
        part = re.fullmatch(r"Timeline: the (\d{3}0s)(?: \((\d+) of (\d+)\))?", _heading(built.h1))
        assert part and part[1] == decade, _heading(built.h1)
        name = _heading(built.h1).removeprefix("Timeline: ")
        assert li.get_text(" ", strip=True).replace(" :", ":").startswith(f"{name.capitalize()}: ")
        heads = built.select("p.orbit-event")
        seen += [head["id"] for head in heads]
        pager = built.find("a", string="All periods").parent
        expected = [*pages[max(at - 1, 0) : at], *pages[at + 1 : at + 2], "timeline/"]
        assert [posixpath.normpath(posixpath.join(page, a["href"])) + "/" for a in pager.select("a")] == [
            posixpath.normpath(p) + "/" for p in expected
        ]
        assert (long_site / page / "index.html").stat().st_size <= PAGE_LIMIT
    events = _long_events(long_data)
    assert len(seen) == len(set(seen)) == len(events)
    assert all(anchor.startswith(f"event-{e['date']}-") for anchor, e in zip(seen, events, strict=True))
    nav = [a["href"] for a in overview.select(".md-sidebar--primary a.md-nav__link[href]")]
    assert [href for href in nav if href.count("/") >= 1 and href[0].isdigit()] == [li.a["href"] for li in items]


def test_timeline_layout_packs_a_decade_into_pages_of_bounded_weight() -> None:
    from orbit.data.models import Event
    from orbit.pages import timeline as layout_module

    source = {"title": "A source", "url": "https://example.org/source"}
    events = [
        Event(
            date=f"201{n % 10}-01-0{n % 9 + 1}",
            title=f"Event {n}",
            summary="word " * 200,
            category="iss",
            source=source,
        )
        for n in range(60)
    ]
    events.append(Event(date="2015-06", title="Heavy", summary="x" * 50_000, category="iss", source=source))
    events.append(Event(date="1999", title="Alone", summary="s", category="iss", source=source))
    layout = layout_module.timeline_layout(events)
    docs = [period.doc for period in layout.periods]
    parts = len(docs) - 1
    assert docs == ["timeline/1990s.md", "timeline/2010s.md", *(f"timeline/2010s/{n}.md" for n in range(2, parts + 1))]
    assert [period.name for period in layout.periods[:2]] == ["the 1990s", f"the 2010s (1 of {parts})"]
    for period in layout.periods:
        weights = [layout_module._weight(event) for event, _ in period.events]
        assert sum(weights) <= layout_module.PAGE_BYTES or len(weights) == 1, period.doc
    assert [pair for period in layout.periods for pair in period.events] == layout_module.dated_events(events)
    assert {anchor: period.doc for period in layout.periods for _, anchor in period.events} == layout.doc_of
    assert len(layout.doc_of) == len(events)
