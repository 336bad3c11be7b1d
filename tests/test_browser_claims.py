"""Checked claims in a real browser: a note opens in place by click, tap or keyboard; without
JavaScript the quote's number links a numbered note; print shows the numbered notes; instant
navigation, dark mode and a 390 px screen keep it working."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, sitemap_here
from orbit.data.claims import reading_order
from orbit.data.loading import load_site

pytestmark = pytest.mark.browser

STORY = "articles/china-us-space-cooperation/"
CLAIM = "iss-extended-to-2024"  # note 5, "Outdated", in paragraph 8; no linked name inside its quote


@pytest.fixture(scope="module")
def article():
    return load_site(ROOT / "data").articles["china-us-space-cooperation"]


def _toggle(page, key: str = CLAIM):
    return page.locator(f'sup[data-orbit-claim="{key}"] button.orbit-claim__toggle')


def _panel(page, key: str = CLAIM):
    return page.locator(f"#claim-panel-{key}")


def _open_story(page, server: str) -> None:
    page.goto(server + STORY)
    _toggle(page).wait_for()


def test_clicking_a_note_number_opens_its_note_under_the_paragraph(page, server, article) -> None:
    _open_story(page, server)
    button, panel = _toggle(page), _panel(page)
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    assert button.get_attribute("aria-controls") == f"claim-panel-{CLAIM}"
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()
    # In place: right after its paragraph, with its kind in words, its outcomes' lines and its sources.
    assert page.evaluate("document.getElementById('p-8').nextElementSibling.id") == f"claim-panel-{CLAIM}"
    text = " ".join(panel.inner_text().split())
    assert text.startswith("Note 5 Outdated as of 1 August 2025")
    claim = next(c for c in article.claims if c.id == CLAIM)
    for outcome in (o for o in article.outcomes if o.claim == CLAIM):
        assert " ".join(outcome.text.split()) in text
    hrefs = panel.locator("a[href^=http]").evaluate_all("links => links.map(a => a.href)")
    assert [str(source.url) for source in claim.sources] == hrefs[-len(claim.sources) :]
    assert panel.locator("[id]").count() == 1  # only its heading: no id of the note is repeated
    button.click()
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_keyboard_opens_and_closes_a_note(page, server) -> None:
    _open_story(page, server)
    button, panel = _toggle(page), _panel(page)
    button.focus()
    page.keyboard.press("Enter")
    assert panel.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Space")
    assert panel.is_hidden() and button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # into the open note
    assert page.evaluate(f"document.getElementById('claim-panel-{CLAIM}').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == f"claim-panel-{CLAIM}"


def test_tapping_the_quote_or_its_number_opens_the_note_on_a_phone(browser, server) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        _open_story(page, server)
        page.locator(f"#claim-{CLAIM}").tap()
        assert _panel(page).is_visible()
        _toggle(page).tap()
        assert _panel(page).is_hidden()
        _toggle(page).tap()
        assert _panel(page).is_visible()
        # The open note fits the narrow screen: nothing scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box = _panel(page).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    finally:
        context.close()


def test_tapping_a_linked_name_inside_a_quote_previews_then_follows_the_link(browser, server) -> None:
    """A linked name keeps its own job inside a quote: a first tap shows its preview (not the
    claim's note), a second tap opens the entry."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        _open_story(page, server)
        name = page.locator("#claim-iss-big-question a.orbit-term")
        name.tap()
        page.wait_for_selector("#orbit-preview:not([hidden])")
        assert (
            page.locator('button[aria-controls="claim-panel-iss-big-question"]').get_attribute("aria-expanded")
            == "false"
        )
        name.tap()
        page.wait_for_url("**/glossary/international-space-station/")
    finally:
        context.close()


def test_without_javascript_the_number_links_its_numbered_note(browser, server, article) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + STORY)
        assert page.locator("button.orbit-claim__toggle").count() == 0
        assert page.locator(".orbit-claim-panel").count() == 0
        link = page.locator(f'sup[data-orbit-claim="{CLAIM}"] a')
        assert link.inner_text().split() == ["Note", "5", "Outdated"]  # "Note" is for screen readers only
        link.click()
        page.wait_for_function(f"location.hash === '#note-{CLAIM}'")
        note = page.locator(f"#note-{CLAIM}")
        assert note.is_visible() and note.inner_text().startswith("Note 5")
        top = note.evaluate("li => li.getBoundingClientRect().top")
        assert 0 <= top < page.viewport_size["height"]  # scrolled to the note
        # textContent: notes far below the viewport are not laid out yet (content-visibility), so
        # innerText, which reads the layout, is empty for them until a reader scrolls near.
        numbers = page.locator("ol.orbit-notes > li > p:first-child b").evaluate_all("bs => bs.map(b => b.textContent)")
        assert numbers == [f"Note {n}" for n in range(1, len(reading_order(article)) + 1)]
        note.locator(f'a[href="#claim-{CLAIM}"]').click()  # and back to the quote
        page.wait_for_function(f"location.hash === '#claim-{CLAIM}'")
    finally:
        context.close()


def test_print_shows_the_numbered_notes_and_not_the_open_one(page, server, article) -> None:
    _open_story(page, server)
    _toggle(page).click()
    page.emulate_media(media="print")
    assert _panel(page).is_hidden() and page.locator("ol.orbit-notes").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf()))
    text = " ".join(" ".join(sheet.extract_text() for sheet in pdf.pages).split())
    count = len(article.claims)
    found = [int(n) for n in re.findall(r"Note (\d+) (?:Context|Outdated|Disputed|Confirmed|Prediction) as of", text)]
    assert found == list(range(1, count + 1))
    assert "back to paragraph 8" in text and "Sources:" in text


def test_dark_mode_gives_the_kind_its_dark_colour(browser, server) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        try:
            page = context.new_page()
            _open_story(page, server)
            colours[scheme] = _toggle(page).evaluate("b => getComputedStyle(b).color")
            assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        finally:
            context.close()
    assert colours == {"light": "rgb(168, 67, 0)", "dark": "rgb(255, 171, 112)"}


def _go(page, path: str) -> None:
    """Follow a link in the content, as Material intercepts it (instant navigation)."""
    page.evaluate(
        """path => {
      const link = Object.assign(document.createElement("a"), {href: path, id: "orbit-go", textContent: "go"});
      document.querySelector(".md-content").prepend(link);
    }""",
        path,
    )
    page.click("#orbit-go")


def test_instant_navigation_there_and_back_keeps_one_working_note_per_claim(page, server, article) -> None:
    sitemap_here(page, server)
    page.goto(server)
    page.evaluate("window.__sameDocument = true")
    _go(page, server + STORY)
    _toggle(page).wait_for()
    _go(page, server + "glossary/")
    page.wait_for_url(server + "glossary/")
    page.go_back()
    page.wait_for_url(server + STORY)
    _toggle(page).wait_for()
    assert page.evaluate("window.__sameDocument") is True  # no full load on the way
    assert page.locator(".orbit-claim-panel").count() == len(article.claims)
    _toggle(page).click()
    assert _panel(page).is_visible()
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_a_claim_listed_on_a_term_page_opens_on_arrival(page, server) -> None:
    page.goto(server + "glossary/wolf-amendment/")
    page.locator('a[href$="#claim-wolf-amendment-in-force"]').click()
    page.wait_for_url(f"**/{STORY}#claim-wolf-amendment-in-force")
    _panel(page, "wolf-amendment-in-force").wait_for(state="visible")
    assert _toggle(page, "wolf-amendment-in-force").get_attribute("aria-expanded") == "true"
    assert page.log.foreign_requests() == []
