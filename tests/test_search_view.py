"""The search plugin reads each page without its first-mention links: the same index, fewer tags."""

from __future__ import annotations

import markdown
import pytest
from material.plugins.search.plugin import Parser

from conftest import ROOT
from orbit.link.markers import SITE_EXTENSIONS
from orbit.site.build import Build


def _sections(html: str) -> list[tuple]:
    """What Material's search plugin makes of a page's content: its sections, as the index has them."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.is_excluded()) for s in parser.data]


@pytest.fixture(scope="module")
def converted() -> dict[str, tuple[str, str, str]]:
    """Every generated page of the real data: (as linked without search, as search reads it, as given back)."""
    plain, split = Build.load(ROOT / "data"), Build.load(ROOT / "data")
    md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, plain.ctx.page_markers])
    out = {}
    try:
        for doc, page in plain.pages.items():
            plain.ctx.page_markers.doc = split.ctx.page_markers.doc = doc
            html, url = md.reset().convert(page.markdown), doc.removesuffix(".md") + "/"
            linked = plain.finish_content(html, doc, url, "title")
            for_search = split.finish_content(html, doc, url, "title", search=True)
            out[doc] = linked, for_search, split.searched(doc, for_search)
    finally:
        plain.close()
        split.close()
    return out


def test_the_page_given_back_is_the_linked_page(converted):
    assert all(back == linked for linked, _, back in converted.values())


def test_search_indexes_the_same_sections_from_the_unlinked_page(converted):
    for doc, (linked, for_search, _) in converted.items():
        assert _sections(for_search) == _sections(linked), doc


def test_search_reads_pages_without_first_mention_links(converted):
    held = [doc for doc, (linked, for_search, _) in converted.items() if for_search != linked]
    assert "articles/china-us-space-cooperation.md" in held
    # Fewer links, not none: notes and claims carry links of their own, made before linking.
    assert all(converted[doc][1].count("<a ") < converted[doc][0].count("<a ") for doc in held)


def test_mentions_lists_are_filled_in_the_page_held_from_search():
    build = Build.load(ROOT / "data")
    try:
        md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, build.ctx.page_markers])
        pages = {}
        for doc, page in build.pages.items():
            build.ctx.page_markers.doc = doc
            html, url = md.reset().convert(page.markdown), doc.removesuffix(".md") + "/"
            pages[doc] = (url, build.finish_content(html, doc, url, "title", search=True))
        build.gather_mentions({})
        filled = {doc: build.fill_page(doc, html, url) for doc, (url, html) in pages.items()}
        back = {doc: build.searched(doc, html) for doc, html in filled.items()}
    finally:
        build.close()
    lists = [doc for doc, html in back.items() if 'class="orbit-mentions' in html or "orbit-where" in html]
    assert lists, "no entity page lists where it appears"
    assert not any("<!-- orbit:mentions:" in html for html in back.values())
