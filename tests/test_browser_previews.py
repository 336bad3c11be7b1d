"""Previews of linked terms, agencies and people in a real browser: by tap, keyboard and mouse.

Expected texts come from `data/` through the same entity builder the site uses.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT, link_in_content, sitemap_here
from orbit.data.loading import load_site
from orbit.link.entities import build_entities, first_sentence

pytestmark = pytest.mark.browser

STORY = "articles/china-us-space-cooperation/"
TERM = "international-space-exploration-coordination-group"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


@pytest.fixture
def phone(browser):
    """A phone-sized touch screen, recording script errors."""
    context = browser.new_context(**PHONE)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def _words(text: str) -> str:
    return " ".join(text.split())


def _preview(page):
    return page.locator("#orbit-preview")


def _layout_shift(page) -> float:
    return page.evaluate("""() => new Promise(resolve => {
      let total = 0;
      new PerformanceObserver(list => list.getEntries().forEach(e => { total += e.value; }))
        .observe({type: "layout-shift", buffered: false});
      setTimeout(() => resolve(total), 300);
    })""")


def test_first_tap_shows_the_definition_in_place_second_tap_opens_the_entry(phone, server, site):
    phone.goto(server + STORY)
    link = phone.locator(f"article a.orbit-term#ref-{TERM}")
    link.scroll_into_view_if_needed()
    before = link.bounding_box()
    link.tap()
    preview = _preview(phone)
    expect(preview).to_be_visible()
    assert _words(first_sentence(site.terms[TERM].definition)) in _words(preview.inner_text())
    assert phone.url == server + STORY  # the first tap stays on the page
    assert link.bounding_box() == before  # the popover opens over the page: nothing moves
    assert _layout_shift(phone) == 0
    entry = preview.locator("a.orbit-preview__link")
    assert entry.get_attribute("href") == link.get_attribute("href")
    # Announced to screen readers: a status region with the text, the link described by it.
    assert _words(first_sentence(site.terms[TERM].definition)) in _words(
        phone.locator(".md-content .orbit-preview__status[role=status]").inner_text()
    )
    expect(link).to_have_attribute("aria-expanded", "true")
    link.tap()
    phone.wait_for_url(f"**/glossary/{TERM}/")
    assert phone.errors == []


def test_the_preview_link_opens_the_entry(phone, server):
    phone.goto(server + STORY)
    link = phone.locator("article a.orbit-term#ref-cnes")
    link.scroll_into_view_if_needed()
    link.tap()
    _preview(phone).locator("a.orbit-preview__link").tap()
    phone.wait_for_url("**/agencies/cnes/")


def test_a_tap_elsewhere_closes_the_preview(phone, server):
    phone.goto(server + STORY)
    link = phone.locator("article a.orbit-term#ref-cnes")
    link.scroll_into_view_if_needed()
    link.tap()
    expect(_preview(phone)).to_be_visible()
    phone.locator("article h1").tap()
    expect(_preview(phone)).to_be_hidden()
    assert phone.url == server + STORY


def test_person_preview_gives_the_role_and_agency_preview_the_country(phone, server, site):
    entities = build_entities(site)
    phone.goto(server + STORY)
    agency = phone.locator("article a.orbit-term#ref-cnes")
    agency.scroll_into_view_if_needed()
    agency.tap()
    expect(_preview(phone)).to_be_visible()
    text = _words(_preview(phone).inner_text())
    assert text.lower().startswith("agency") and f", {site.agencies['cnes'].country}." in text
    phone.keyboard.press("Escape")  # the open preview may lie over the next link, as on a phone
    person = phone.locator("article a.orbit-term#ref-jean-yves-le-gall")
    person.scroll_into_view_if_needed()
    person.tap()
    expect(_preview(phone)).to_contain_text("Jean-Yves Le Gall (President, CNES):")  # fetched, then shown
    text = _words(_preview(phone).inner_text())
    assert text.lower().startswith("person") and _words(entities["jean-yves-le-gall"].tooltip) in text
    # The role named is the profile's: the latest agency post (data/people/*.yml).
    assert "Jean-Yves Le Gall (President, CNES):" in text
    [role] = site.people["charles-bolden"].roles
    assert entities["charles-bolden"].tooltip.startswith(
        f"{site.people['charles-bolden'].name} ({role.title}, {role.organisation}):"
    )


def test_every_link_to_an_entry_shows_the_text_published_beside_it_fetched_once(phone, server, site):
    """No page carries the preview texts: orbit.js fetches the entry's preview.json when a reader
    first reaches for a link to it, and a later link to the same entry (in the comments) reuses it."""
    asked = []
    phone.on("request", lambda request: asked.append(request.url) if request.url.endswith("/preview.json") else None)
    phone.goto(server + STORY)
    assert asked == []  # nothing before a reader reaches for a link
    text = _words(build_entities(site)["nasa"].tooltip)
    later = phone.locator("a.orbit-term#ref-nasa-1")
    later.scroll_into_view_if_needed()
    later.tap()
    expect(_preview(phone)).to_be_visible()
    assert text in _words(_preview(phone).inner_text())
    phone.keyboard.press("Escape")
    first = phone.locator("article a.orbit-term#ref-nasa")
    first.scroll_into_view_if_needed()
    first.tap()
    expect(_preview(phone)).to_be_visible()
    assert text in _words(_preview(phone).inner_text())
    assert asked == [server + "agencies/nasa/preview.json"]
    assert phone.errors == []


def test_keyboard_focus_shows_the_preview_escape_closes_it(page, server, site):
    page.goto(server + STORY)
    link = page.locator(f"article a.orbit-term#ref-{TERM}")
    # Reach the link with the Tab key from the element just before it in tab order.
    page.evaluate(
        """id => {
      const links = [...document.querySelectorAll("article a[href]")];
      links[links.findIndex(a => a.id === id) - 1].focus();
    }""",
        f"ref-{TERM}",
    )
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    preview = _preview(page)
    expect(preview).to_be_visible()
    definition = _words(first_sentence(site.terms[TERM].definition))
    expect(link).to_have_accessible_description(re.compile(re.escape(definition)))
    page.keyboard.press("Escape")
    expect(preview).to_be_hidden()
    expect(link).to_be_focused()
    expect(link).not_to_have_attribute("aria-describedby", "orbit-preview-text")
    page.keyboard.press("Enter")  # Enter still follows the link
    page.wait_for_url(f"**/glossary/{TERM}/")
    assert page.log.page_errors == []


def test_mouse_hover_shows_the_preview_and_a_click_opens_the_entry(page, server, site):
    page.goto(server + STORY)
    link = page.locator("article a.orbit-term#ref-jean-yves-le-gall")
    link.hover()
    preview = _preview(page)
    expect(preview).to_be_visible()
    assert _words(build_entities(site)["jean-yves-le-gall"].tooltip) in _words(preview.inner_text())
    assert page.locator(".md-tooltip2--active").count() == 0  # no second, theme tooltip
    link.click()
    page.wait_for_url("**/people/jean-yves-le-gall/")


def test_previews_work_after_instant_navigation(phone, server, site):
    sitemap_here(phone, server)
    phone.goto(server)
    link_in_content(phone, STORY).tap()
    phone.wait_for_url(f"**/{STORY}")
    link = phone.locator(f"article a.orbit-term#ref-{TERM}")
    link.wait_for()
    assert phone.evaluate("window.__sameDocument") is True
    link.scroll_into_view_if_needed()
    link.tap()
    expect(_preview(phone)).to_be_visible()
    assert _words(first_sentence(site.terms[TERM].definition)) in _words(_preview(phone).inner_text())
    assert phone.url.endswith(STORY)
    assert phone.errors == []
