"""A story printed from Chromium (print media, to PDF): the article and its editors' notes, with
source addresses, and none of the site's navigation, header, search or controls.

The PDF's text is read back with pypdf; what to expect comes from the story's data file.
"""

from __future__ import annotations

import io
import re

import pytest
import yaml
from pypdf import PdfReader

from conftest import ROOT

pytestmark = pytest.mark.browser

SLUG = "china-us-space-cooperation"


@pytest.fixture(scope="module")
def story() -> dict:
    return yaml.safe_load((ROOT / "data" / "articles" / f"{SLUG}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def printed(browser, server) -> str:
    """The story's text as Chromium prints it to PDF, whitespace folded to single spaces."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}articles/{SLUG}/")
    page.wait_for_selector("[data-orbit-controls]:not([hidden])")  # the script has run
    pdf = page.pdf(format="A4")
    context.close()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _squeezed(text: str) -> str:
    """Without any whitespace: long addresses wrap over lines in print."""
    return re.sub(r"\s+", "", text)


def test_the_story_prints_with_its_headline_and_body(printed, story):
    assert story["title"] in printed
    assert story["dek"] in printed
    first = " ".join(story["body"].split("\n\n")[0].split())
    assert first[:80] in printed


@pytest.fixture(scope="module")
def notes(story) -> list[dict]:
    """The editors' notes on the story page: on its readers' comments, and on its checked claims."""
    comments = yaml.safe_load((ROOT / "data" / "comments" / f"{SLUG}.yml").read_text(encoding="utf-8"))["comments"]
    on_comments = [note for comment in comments for note in comment.get("notes", [])]
    on_claims = [{"text": claim["explanation"], "sources": claim["sources"]} for claim in story.get("claims", [])]
    return on_comments + on_claims


def _opening(markdown: str) -> str:
    """A note's first words, up to its first marker (whose link text the page chooses)."""
    return " ".join(markdown.split("[[")[0].split())[:70]


def test_editors_notes_print_open(printed, notes):
    """Notes on comments and on claims: on screen some open on demand; on paper every one is printed in full."""
    assert len(notes) > 10
    for note in notes:
        words = _opening(note["text"])
        assert len(words) < 20 or words in printed, words


def test_source_links_show_their_address(printed, story, notes):
    squeezed = _squeezed(printed)
    assert f"({story['source']['url']})" in squeezed
    for note in notes:
        for source in note.get("sources", []):
            assert f"({source['url']})" in squeezed, source["url"]


def test_links_within_the_site_print_as_text_only(printed):
    assert "/glossary/" not in printed and "/people/" not in printed and "127.0.0.1" not in _squeezed(printed)


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to content",
        "Table of contents",
        "Orbit Explainer",
        "Search",
        "Minimum rating",
        "Showing",
        "Switch to dark mode",
        "Back to top",
        "Made with",
    ],
)
def test_no_navigation_header_search_or_controls(printed, chrome):
    assert chrome not in printed
