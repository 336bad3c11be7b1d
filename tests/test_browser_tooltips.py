"""In a real browser: term tooltips in the story, and the sortable agency table."""

from __future__ import annotations

import pytest

from conftest import ROOT
from orbit.data.loading import load_site
from orbit.link.entities import build_entities, first_sentence

pytestmark = pytest.mark.browser

STORY = "articles/china-us-space-cooperation/"
TERM = "international-space-exploration-coordination-group"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "data")


def test_hovering_a_linked_term_shows_its_definition(page, server, site):
    page.goto(server + STORY)
    link = page.locator(f"article a.orbit-term#ref-{TERM}")
    link.scroll_into_view_if_needed()
    link.hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5000)
    expected = " ".join(first_sentence(site.terms[TERM].definition).split())
    assert expected in " ".join(tooltip.inner_text().split())
    assert page.log.page_errors == []


def test_hovering_a_person_shows_who_they_are(page, server, site):
    page.goto(server + STORY)
    page.locator("article a.orbit-term#ref-jean-yves-le-gall").hover()
    tooltip = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    tooltip.wait_for(state="visible", timeout=5000)
    assert build_entities(site)["jean-yves-le-gall"].tooltip[:60] in tooltip.inner_text()


def test_the_tooltip_link_leads_to_the_term_page(page, server, site):
    page.goto(server + STORY)
    page.locator(f"article a.orbit-term#ref-{TERM}").click()
    page.wait_for_url(f"**/glossary/{TERM}/")
    heading = page.locator("article h1")
    heading.wait_for(state="visible", timeout=5000)
    assert heading.inner_text().rstrip("¶").strip() == site.terms[TERM].term


def _budget_column(page) -> list[str]:
    return page.locator("table[data-orbit-sortable] tbody tr td:nth-child(7)").evaluate_all(
        "cells => cells.map(cell => cell.dataset.sort)"
    )


def test_agency_table_sorts_by_budget_with_unknown_figures_last(page, server):
    page.goto(server + "agencies/")
    header = page.locator("table[data-orbit-sortable] thead th").nth(6)
    header.locator("button.orbit-sort").click()
    ascending = _budget_column(page)
    known = [float(value) for value in ascending if value]
    assert known == sorted(known) and len(known) >= 3
    assert ascending[len(known) :] == [""] * (len(ascending) - len(known))
    assert header.get_attribute("aria-sort") == "ascending"
    header.locator("button.orbit-sort").click()
    descending = _budget_column(page)
    assert [float(value) for value in descending if value] == sorted(known, reverse=True)
    assert descending[-1] == ""


def test_agency_table_sorts_by_founding_date(page, server):
    page.goto(server + "agencies/")
    page.locator("table[data-orbit-sortable] thead th").nth(2).locator("button").click()
    founded = page.locator("table[data-orbit-sortable] tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(cell => cell.dataset.sort)"
    )
    assert founded == sorted(founded) and founded[0].startswith("1958")
