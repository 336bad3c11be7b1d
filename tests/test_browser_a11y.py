"""Accessibility in a real browser: axe-core on every page in both palettes, keyboard use of the
comment controls, a visible focus ring everywhere, and reduced motion.

axe-core is pinned in tests/package-lock.json (scripts/test.sh installs it with `npm ci`); the
rules are WCAG 2.1 A and AA plus axe's best practices.
"""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
SCHEMES = {"light": "default", "dark": "slate"}
STORY = "articles/china-us-space-cooperation/"


def site_pages(site_dir) -> list[str]:
    """Every page of the built site, as paths under the server root."""
    pages = [str(p.parent.relative_to(site_dir)) + "/" for p in site_dir.rglob("index.html")]
    return sorted(p.removeprefix("./") for p in pages) + ["404.html"]


def draw_charts(page) -> None:
    """Point at every chart and wait until Plotly has replaced its preview."""
    for chart in page.locator("[data-orbit-figure]").all():
        chart.hover()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-orbit-figure]')].every(el => el.dataset.orbitRendered === 'true')"
    )


def settle(page) -> None:
    """Back at the top, with the theme's transitions over (axe would see colours mid-fade)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_on_any_page(browser, server, site_dir, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe, problems = AXE.read_text(encoding="utf-8"), []
    pages = site_pages(site_dir)
    assert len(pages) > 90
    for path in pages:
        page.goto(server + path)
        settle(page)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        problems += _violations(axe, page, path)
        if page.locator("[data-orbit-figure]").count():  # again, with Plotly's charts
            draw_charts(page)
            settle(page)
            problems += _violations(axe, page, path + " (Plotly)")
    context.close()
    assert problems == []


def _violations(axe: str, page, where: str) -> list[str]:
    """axe-core's findings on the page as it is now, one line per element."""
    page.evaluate(axe)  # evaluated by the driver, so the page's CSP does not apply
    result = page.evaluate("rules => axe.run(document, rules)", RULES)
    return [
        f"{where}: {rule['id']}: {node['target']}: {' '.join(node['failureSummary'].split())}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]


def _seed_ratings() -> list[float]:
    comments = yaml.safe_load(
        (ROOT / "data" / "comments" / "china-us-space-cooperation.yml").read_text(encoding="utf-8")
    )["comments"]
    return [
        c["rating"]["average"] if c.get("rating") and c.get("status") != "removed" else -1
        for c in comments
        if not c.get("reply_to")
    ]


def test_comment_controls_work_by_keyboard_and_announce_their_state(page, server):
    page.goto(server + STORY)
    controls = page.locator("[data-orbit-controls]")
    controls.wait_for()
    sort, slider = controls.locator("select"), controls.locator("input[type=range]")
    count = controls.locator("[data-orbit-count]")
    expect(sort).to_have_accessible_name("Sort")
    expect(slider).to_have_accessible_name("Minimum rating")
    expect(count).to_have_attribute("role", "status")  # a live region: changes are read out
    expect(slider).to_have_attribute("aria-valuetext", "any rating")
    sort.focus()
    page.keyboard.press("ArrowDown")
    assert sort.input_value() == "newest"
    page.keyboard.press("Tab")
    expect(slider).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    ratings = _seed_ratings()
    expect(slider).to_have_attribute("aria-valuetext", "3 or more out of 5")
    expect(count).to_have_text(f"Showing {sum(r >= 3 for r in ratings)} of {len(ratings)}")
    assert page.log.page_errors == []


FOCUS_PAGES = [STORY, "agencies/", "charts/government-space-budgets-2013/"]


@pytest.mark.parametrize("path", FOCUS_PAGES)
def test_every_focused_element_shows_a_focus_ring(page, server, path):
    page.goto(server + path)
    draw_charts(page)
    seen, missing = set(), []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
          const el = document.activeElement, style = getComputedStyle(el);
          return {id: el.outerHTML.slice(0, 90), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                  visible: el !== document.body && el.getClientRects().length > 0};
        }""")
        if info["id"] in seen:
            continue
        seen.add(info["id"])
        if info["visible"] and (info["style"] == "none" or info["width"] < 2):
            missing.append(info["id"])
    assert len(seen) > 20
    assert missing == []


def _transition(page, selector: str) -> str:
    return page.evaluate("s => getComputedStyle(document.querySelector(s)).transitionDuration", selector)


def test_reduced_motion_turns_transitions_off(browser, server):
    normal = browser.new_context()
    page = normal.new_page()
    page.goto(server + STORY)
    assert _transition(page, ".md-header") != "0s"  # the theme animates its header...
    normal.close()
    reduced = browser.new_context(reduced_motion="reduce")
    page = reduced.new_page()
    page.goto(server + STORY)
    assert _transition(page, ".md-header") == "0s"  # ...but not for readers who ask for less motion
    link = page.locator("article a.orbit-term").first
    link.hover()
    page.locator("#orbit-preview").wait_for()
    assert _transition(page, "#orbit-preview") == "0s"
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    reduced.close()
