"""In a real browser: structured data under the Content-Security-Policy, tag chips, the 404 page's search."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

STORY = "articles/china-us-space-cooperation/"


def violations(page) -> list[str]:
    return [text for text in page.log.console_errors if "Content Security Policy" in text]


@pytest.mark.parametrize("where", ["", STORY, "glossary/orbit/", "agencies/nasa/", "charts/timeline/"])
def test_json_ld_causes_no_policy_violation(page, server, where: str) -> None:
    """The JSON-LD block is data, not script: the policy neither hashes it nor blocks anything."""
    page.goto(server + where)
    page.wait_for_load_state("load")
    blocks = page.eval_on_selector_all('script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)")
    assert len(blocks) == 1 and json.loads(blocks[0])["@graph"]
    page.wait_for_timeout(300)
    assert violations(page) == [] and page.log.page_errors == []


def test_instant_navigation_to_a_page_with_other_structured_data_stays_clean(page, server) -> None:
    """Material's instant navigation carries the next page's head over: still no violation."""
    page.goto(server + STORY)
    page.locator("nav.orbit-tags a", has_text="China").click()
    page.wait_for_url("**/tags/china/")
    page.wait_for_timeout(300)
    assert page.locator("h1").inner_text().startswith("Stories tagged")
    assert violations(page) == [] and page.log.page_errors == []


def test_story_shows_its_tags_as_chips(page, server) -> None:
    page.goto(server + STORY)
    chips = page.locator("nav.orbit-tags a.md-tag")
    assert chips.all_inner_texts() == [
        "China",
        "United States",
        "International Space Station",
        "international cooperation",
    ]
    assert chips.first.is_visible()


def test_404_search_opens_the_site_search_with_results(page, server) -> None:
    """The 404 page's form sends its words to the home page, where Material's search opens with them."""
    page.goto(server + "404.html")
    page.get_by_label("Search the site").fill("Zarya")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.locator(".md-search__input").input_value() == "Zarya"
    assert "Zarya" in page.locator(".md-search-result").inner_text()
    assert violations(page) == []
