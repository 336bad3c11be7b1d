"""Charts in a real browser: a light preview first, Plotly when a reader reaches for the chart;
drawn from the page's JSON, themed, lazy, local, and instant-nav safe.

Expected trace counts come from the data files (see test_charts), not from the built pages.
"""

from __future__ import annotations

import pytest

from conftest import sitemap_here
from test_charts import CHART_FILES, _events, _expected_traces

pytestmark = pytest.mark.browser

PLOT = ".orbit-chart__plot"
SVG = f"{PLOT} .main-svg"


def _open_chart(page, server: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + path)
    _draw(page)


def _draw(page) -> None:
    """Point at the chart (Plotly replaces the preview) and wait until Plotly has drawn it."""
    page.hover(PLOT)
    page.wait_for_selector(f"{PLOT}[data-orbit-rendered='true'] .main-svg")


def _background(page) -> str:
    return page.eval_on_selector(SVG, "svg => svg.style.background")


def _assert_clean(page) -> None:
    assert page.log.console_errors == [] and page.log.page_errors == []
    assert page.log.foreign_requests() == []


@pytest.mark.parametrize("key", CHART_FILES)
def test_chart_page_renders_its_traces(page, server: str, key: str) -> None:
    _open_chart(page, server, f"charts/{key}/")
    traces = page.eval_on_selector(PLOT, "el => el.querySelectorAll('.cartesianlayer .trace').length")
    assert traces == _expected_traces(key)
    assert page.eval_on_selector(PLOT, "el => el.data.length") == _expected_traces(key)
    _assert_clean(page)


def test_the_bundle_loads_once_and_from_this_site(page, server: str) -> None:
    _open_chart(page, server, "timeline/")
    bundles = [url for url in page.log.requests if "plotly" in url]
    assert bundles == [server + "assets/javascripts/plotly-basic-4.1.1.min.js"]
    _assert_clean(page)


def test_palette_toggle_changes_the_chart_background(page, server: str) -> None:
    _open_chart(page, server, "charts/government-space-budgets-2013/")
    before = _background(page)
    assert _scheme(page) == "default" and _brightness(before) > 128
    page.click("label[for='__palette_1']")
    page.wait_for_function(f"() => document.querySelector('{SVG}').style.background !== {before!r}")
    assert _scheme(page) == "slate" and _brightness(_background(page)) < 128
    page.click("label[for='__palette_0']")
    page.wait_for_function(f"() => document.querySelector('{SVG}').style.background === {before!r}")
    _assert_clean(page)


def _scheme(page) -> str:
    return page.eval_on_selector("body", "b => b.getAttribute('data-md-color-scheme')")


def _brightness(css: str) -> float:
    """Mean of the red, green and blue channels of an `rgb(...)` / `rgba(...)` colour."""
    channels = [float(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    return sum(channels) / 3


def test_instant_navigation_to_a_chart_page_renders_it(page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    sitemap_here(page, server)
    page.goto(server)
    page.evaluate("window.__stayed = true")
    page.click(".md-sidebar--primary a.md-nav__link[href$='charts/']")
    page.wait_for_url(server + "charts/")
    page.click("article h2 a[href$='charts/timeline/']")  # Material makes links absolute
    page.wait_for_url(server + "charts/timeline/")
    page.wait_for_selector(f"{PLOT}[data-orbit-preview] svg")
    _draw(page)
    assert page.evaluate("window.__stayed === true"), "the page was reloaded, not navigated instantly"
    _assert_clean(page)


def test_timeline_overview_chart_links_to_its_table(page, server: str) -> None:
    _open_chart(page, server, "timeline/")
    assert page.locator("figure#chart-timeline table").count() == 0
    page.click("figure#chart-timeline p.orbit-chart__data a")
    page.wait_for_url(server + "charts/timeline/")
    page.wait_for_selector(f"{PLOT}[data-orbit-preview] svg")
    assert page.locator("figure#chart-timeline table tbody tr").count() == len(_events())
    _assert_clean(page)


def test_event_link_in_the_chart_table_scrolls_to_the_event(page, server: str) -> None:
    sitemap_here(page, server)
    _open_chart(page, server, "charts/timeline/")
    page.evaluate("window.__stayed = true")
    event = _events()[-1]
    link = page.locator(f"figure#chart-timeline tbody a[href*='#event-{event['date']}-']")
    anchor = link.get_attribute("href").partition("#")[2]
    link.click()
    page.wait_for_url(f"{server}timeline/{event['date'][:3]}0s/#{anchor}")
    # Instant navigation changes the URL before it swaps the content in: wait for the event itself.
    page.wait_for_function(
        "id => { const el = document.getElementById(id); if (!el) return false; const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        arg=anchor,
    )
    assert event["title"] in page.text_content(f"[id='{anchor}']")
    assert page.evaluate("window.__stayed === true"), "the page was reloaded, not navigated instantly"
    _assert_clean(page)


def test_chart_resizes_with_the_window(page, server: str) -> None:
    _open_chart(page, server, "charts/agency-budgets/")
    wide = page.eval_on_selector(SVG, "svg => svg.getBoundingClientRect().width")
    page.set_viewport_size({"width": 700, "height": 900})
    page.wait_for_function(f"() => document.querySelector('{SVG}').getBoundingClientRect().width < {wide}")
    assert page.eval_on_selector(SVG, "svg => svg.getBoundingClientRect().width") <= 700


@pytest.mark.parametrize("path", ["editors/", "glossary/", "agencies/aeb/"])
def test_pages_without_charts_request_no_plotly(page, server: str, path: str) -> None:
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("orbit.js") for url in page.log.requests), "the site script did not load"
    assert [url for url in page.log.requests if "plotly" in url.lower()] == []
    _assert_clean(page)


def test_no_script_readers_get_the_table(browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "charts/comment-ratings/")
    assert tab.locator("figure.orbit-chart table tbody tr").count() >= 1
    assert tab.locator(".main-svg").count() == 0
    context.close()


def _points(page) -> int:
    """Data points in the page's figure: one bar or marker each."""
    return page.eval_on_selector(
        PLOT, "el => JSON.parse(el.dataset.orbitFigure).data.reduce((n, t) => n + (t.x || []).length, 0)"
    )


@pytest.mark.parametrize("key", CHART_FILES)
def test_a_chart_first_shows_a_light_preview_without_plotly(page, server: str, key: str) -> None:
    page.goto(server + f"charts/{key}/")
    page.wait_for_selector(f"{PLOT}[data-orbit-preview] svg.orbit-chart__preview")
    marks = page.locator(f"{PLOT} .orbit-chart__mark").count()
    assert marks == _points(page) and marks > 0
    page.wait_for_load_state("networkidle")
    assert [url for url in page.log.requests if "plotly" in url] == []
    assert page.locator(f"{PLOT} svg").get_attribute("aria-hidden") == "true"  # the caption speaks for it
    _assert_clean(page)


def test_pointing_at_the_chart_swaps_in_plotly_without_moving_the_page(page, server: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(server + "charts/agency-budgets/")
    caption = page.locator("figure.orbit-chart figcaption")
    page.wait_for_selector(f"{PLOT}[data-orbit-preview] svg")
    before = caption.bounding_box()
    _draw(page)
    assert caption.bounding_box() == before
    assert page.locator(f"{PLOT} .orbit-chart__preview").count() == 0
    assert page.get_attribute(PLOT, "role") == "group"
    _assert_clean(page)


def test_a_tap_on_the_chart_draws_it(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(server + "charts/comment-ratings/")
    tab.wait_for_selector(f"{PLOT}[data-orbit-preview] svg")
    tab.tap(PLOT)
    tab.wait_for_selector(f"{PLOT}[data-orbit-rendered='true'] .main-svg")
    assert tab.eval_on_selector(f"{PLOT} .main-svg", "svg => svg.getBoundingClientRect().width") <= 390
    context.close()


def test_the_keyboard_explores_the_chart_from_its_button(page, server: str) -> None:
    page.goto(server + "charts/space-stations/")
    button = page.locator("button.orbit-chart__explore")
    button.focus()
    assert button.bounding_box()["width"] > 40  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{PLOT}[data-orbit-rendered='true'] .main-svg")
    page.wait_for_function("() => document.activeElement.classList.contains('modebar-btn')")
    assert button.count() == 0
    _assert_clean(page)
