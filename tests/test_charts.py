"""Charts: figures from the data, the embed block, bad chart files, and the built pages and CSV.

Expectations are read from the YAML files themselves, so these tests check the generator
against what editors wrote, not against its own output.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import plotly.offline
import pytest
import yaml

from conftest import ROOT, run_build, soup
from orbit.errors import DataError
from orbit.figures import AGENCY_PREFIX, build_figures, downloads
from orbit.loading import load_site
from orbit.render.charts import agency_chart, chart_embed
from orbit.render.timeline import timeline_markdown

DATA = ROOT / "data"
BUNDLE = ROOT / "docs" / "assets" / "javascripts" / "plotly-basic-4.1.1.min.js"
CHART_FILES = sorted(path.stem for path in (DATA / "charts").glob("*.yml"))


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
        html = agency_chart(site, None, key, f"agencies/{key}.md")
        assert bool(html) == bool(agency["budget"]), key
        if agency["budget"]:
            amounts = [f"{b['amount']:g}" for b in agency["budget"]]
            assert [row[2] for row in _csv_rows(downloads(site, figures)[f"charts/{AGENCY_PREFIX}{key}.csv"])] == amounts


def test_data_text_in_figures_is_escaped_for_plotly(data_copy: Path) -> None:
    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("author: Whydening Gyre", "author: <b onmouseover=x>Gyre</b>"), encoding="utf-8")
    site = load_site(data_copy)
    figure = build_figures(site)["comment-ratings"]
    assert "&lt;b onmouseover=x&gt;Gyre&lt;/b&gt;" in figure["data"][0]["customdata"]
    assert "<b onmouseover" not in chart_embed("comment-ratings", site, None, "x.md")


def test_marker_syntax_in_data_stays_literal_in_the_embed(data_copy: Path) -> None:
    from orbit.markers import MarkerContext, expand_markers

    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("author: Whydening Gyre", "author: \"[[nosuch]]\""), encoding="utf-8")
    html = chart_embed("comment-ratings", load_site(data_copy), None, "x.md")
    ctx = MarkerContext({}, {}, lambda key, doc: "")
    assert expand_markers(html, "x.md", ctx) == html and ctx.problems == []
    assert "[[nosuch]]" in soup_text(html).select_one("table").get_text()


# --- the embed block ------------------------------------------------------------------


@pytest.mark.parametrize("key", CHART_FILES)
def test_embed_is_one_raw_html_block_with_caption_table_and_links(key: str) -> None:
    site = load_site(DATA)
    html = chart_embed(key, site, build_figures(site), "articles/story.md")
    assert html.startswith(f'<figure class="orbit-chart" id="chart-{key}">') and html.endswith("</figure>")
    assert "\n\n" not in html and all(not line.startswith(" ") for line in html.splitlines())
    page = soup_text(html)
    plot = page.select_one(".orbit-chart__plot")
    assert plot["role"] == "img" and plot["aria-label"] == " ".join(site.charts[key].caption.split())
    assert json.loads(plot["data-orbit-figure"]) == build_figures(site)[key]
    assert page.select_one("figcaption details table")
    assert page.select_one("a[download]")["href"] == f"../../charts/{key}.csv"
    assert page.select_one("a.orbit-chart__permalink")["href"] == f"../../charts/{key}/"


def test_agency_chart_permalink_opens_the_profile() -> None:
    html = agency_chart(load_site(DATA), None, "nasa", "index.md")
    assert soup_text(html).select_one("a.orbit-chart__permalink")["href"] == "agencies/nasa/#chart-agency-nasa"


def soup_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_timeline_groups_events_by_year_with_unique_anchors() -> None:
    from orbit.build import Build

    build = Build.load(DATA)
    markdown = timeline_markdown(build.site, build.markers)
    years = sorted({e["date"][:4] for e in _yaml(DATA / "events.yml")["events"]})
    assert re.findall(r"^### (\d{4})$", markdown, re.M) == years
    anchors = re.findall(r"\{: #(event-[^ ]+) \.orbit-event \}", markdown)
    assert len(anchors) == len(set(anchors)) == len(build.site.events)
    assert "[CNSA](agencies/cnsa.md)" in markdown


# --- bad chart data stops the build, naming file, line and field ------------------------


def _break(data: Path, name: str, old: str, new: str) -> str:
    path = data / "charts" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        build_figures(load_site(data))
    return [str(problem) for problem in error.value.problems]


def test_unknown_kind(data_copy: Path) -> None:
    text = _break(data_copy, "agency-budgets.yml", "kind: bar", "kind: pie")
    assert _problems(data_copy) == [f"data/charts/agency-budgets.yml:{_line(text, 'kind: pie')}: kind: must be 'bar', 'hbar', 'line', 'timeline' or 'spans', got 'pie'"]


def test_series_point_without_y(data_copy: Path) -> None:
    text = _break(data_copy, "government-space-budgets-2013.yml", "{x: Russia, y: 8.691}", "{x: Russia}")
    assert _problems(data_copy) == [f"data/charts/government-space-budgets-2013.yml:{_line(text, 'x: Russia')}: series.0.points.2.y: is required but missing"]


def test_both_series_and_derive(data_copy: Path) -> None:
    text = _break(data_copy, "agency-budgets.yml", "derive: agency-budgets", "derive: agency-budgets\nseries: [{name: a, points: [{x: a, y: 1}]}]")
    assert _problems(data_copy) == [f"data/charts/agency-budgets.yml:{_line(text, 'derive:')}: derive: a chart needs exactly one of 'series', 'spans' or 'derive', got 'series' and 'agency-budgets'"]


def test_kind_that_cannot_show_the_data(data_copy: Path) -> None:
    text = _break(data_copy, "timeline.yml", "kind: timeline", "kind: bar")
    assert _problems(data_copy) == [f"data/charts/timeline.yml:{_line(text, 'kind: bar')}: kind: 'bar' cannot show derive: events; use 'timeline'"]


def test_unknown_derivation(data_copy: Path) -> None:
    text = _break(data_copy, "timeline.yml", "derive: events", "derive: event")
    assert _problems(data_copy) == [f"data/charts/timeline.yml:{_line(text, 'derive: event')}: derive: must be 'agency-budgets', 'events' or 'comment-ratings', got 'event'"]


def test_span_with_an_impossible_date(data_copy: Path) -> None:
    text = _break(data_copy, "space-stations.yml", 'end: "2018-04-02"', 'end: "2018-02-30"')
    assert _problems(data_copy) == [f"data/charts/space-stations.yml:{_line(text, '2018-02-30')}: spans.7.end: is not a real calendar date: '2018-02-30'"]


def test_ratings_chart_without_comments(data_copy: Path) -> None:
    (data_copy / "comments" / "china-us-space-cooperation.yml").unlink()
    text = (data_copy / "charts" / "comment-ratings.yml").read_text(encoding="utf-8")
    assert _problems(data_copy) == [f"data/charts/comment-ratings.yml:{_line(text, 'article:')}: article: story 'china-us-space-cooperation' has no comments to chart; add data/comments/china-us-space-cooperation.yml or fix the id"]


def test_chart_file_may_not_take_an_agency_chart_id(data_copy: Path) -> None:
    shutil.copy(data_copy / "charts" / "agency-budgets.yml", data_copy / "charts" / "agency-nasa.yml")
    assert _problems(data_copy) == ["data/charts/agency-nasa.yml: the id 'agency-nasa' is reserved for the budget chart of agency 'nasa'; rename the file"]


def test_unknown_chart_marker_stops_the_build(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "docs", "hooks", "data"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    (tmp_path / "docs" / "x.md").write_text("# X\n\n[[chart:timline]]\n", encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "x.md:3: [[chart:timline]]: unknown chart id 'timline'; did you mean 'timeline'?" in result.stdout + result.stderr


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
    return {"agency-budgets": lambda r: [r[0], r[1], r[3]], "events": lambda r: [r[0], r[2], r[3]],
            "comment-ratings": lambda r: [r[0], r[4]]}[chart["derive"]](row)


@pytest.mark.parametrize("key", CHART_FILES)
def test_chart_page_table_matches_the_data(site_dir: Path, key: str) -> None:
    figure = soup(site_dir, f"charts/{key}/").select_one(f"figure#chart-{key}")
    rows = _table_rows(figure)
    if _yaml(DATA / "charts" / f"{key}.yml").get("derive") == "events":  # sources are links
        sources = [tr.find_all("td")[3].a["href"] for tr in figure.select("tbody tr")]
        rows = [[row[0], row[1], row[2], source] for row, source in zip(rows, sources)]
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
    assert [s["url"] for s in chart.get("sources", [])] == hrefs[:len(chart.get("sources", []))]
    assert hrefs or "listed in the table" in line.get_text()
    if chart.get("caveat"):
        assert " ".join(chart["caveat"].split()) in soup(site_dir, f"charts/{key}/").select_one(".orbit-caveat").get_text()


def test_agency_budget_sources_are_each_figures_own(site_dir: Path) -> None:
    line = soup(site_dir, "charts/agency-budgets/").select_one(".orbit-chart__source")
    expected = {b["source"]["url"] for a in _agencies().values() for b in a["budget"] if _usd(b) is not None}
    assert {a["href"] for a in line.select("a")} <= expected and line.select("a")


def test_gallery_links_every_chart_page(site_dir: Path) -> None:
    links = {a["href"] for a in soup(site_dir, "charts/").select("article h2 a")}
    assert links >= {f"{key}/" for key in CHART_FILES}
    for key in CHART_FILES:
        assert (site_dir / "charts" / key / "index.html").exists()


def test_agency_profiles_show_their_own_budget_chart(site_dir: Path) -> None:
    for key, agency in _agencies().items():
        chart = soup(site_dir, f"agencies/{key}/").select_one(f"figure#chart-{AGENCY_PREFIX}{key}")
        assert bool(chart) == bool(agency["budget"]), key


def test_timeline_page_lists_every_event_with_source_and_actors(site_dir: Path) -> None:
    page = soup(site_dir, "timeline/")
    events = _yaml(DATA / "events.yml")["events"]
    assert page.select_one("figure.orbit-chart [data-orbit-figure]")
    heads = page.select("p.orbit-event")
    assert len(heads) == len(events)
    assert [h3.get_text(strip=True).rstrip("¶") for h3 in page.select("article h3")] == sorted({e["date"][:4] for e in events})
    for head, event in zip(heads, sorted(events, key=lambda e: e["date"])):
        assert head["id"].startswith(f"event-{event['date']}-") and event["title"] in head.get_text()
        meta = head.find_next_sibling("p", class_="orbit-event__meta")
        hrefs = [a["href"] for a in meta.select("a")]
        assert event["source"]["url"] in hrefs
        for actor in event.get("actors", []):
            target = next(h for h in hrefs if h.rstrip("/").endswith(f"/{actor}"))
            assert (site_dir / "timeline" / target / "index.html").resolve().exists()


def test_pages_without_charts_carry_no_figure(site_dir: Path) -> None:
    for page in ("editors/", "glossary/", "agencies/aeb/"):
        assert not soup(site_dir, page).select("[data-orbit-figure]"), page
