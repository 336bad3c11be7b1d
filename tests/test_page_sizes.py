"""No page over 80 kB at any size (issue 16, item 9): long threads and long chart tables are split
into pages, big figures travel as JSON files, and permalinks to comments keep working."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, budgeted_size, dump_yaml, run_build, serve, soup
from orbit.data.models import MAX_COMMENT, Comment
from orbit.pages.addresses import doc_url
from orbit.pages.threads import MAX_NESTING, PAGE_BYTES, thread_layout
from orbit.render.comments import render_comments
from orbit.render.common import plain_note_html
from orbit.site.markup import compact_theme

SLUG = "china-us-space-cooperation"
MAX_PAGE = 80_000
COMMENTS, POINTS = 1_500, 5_000


def _comments(count: int, seed: int = 1) -> list[dict]:
    """`count` comments of varied length; every fourth answers the one before, some chains run deep."""
    rng, comments = random.Random(seed), []
    for i in range(count):
        comment = {"id": f"c{i}", "author": f"Reader {i % 97}", "date": "2014-01-12"}
        comment["body"] = "The ISS is <b>big</b> & NASA said so. " * rng.randint(1, 12)
        if i % 4 == 1 or 500 <= i < 540:  # c500..c539: a chain 40 replies deep
            comment["reply_to"] = f"c{i - 1}"
        if i % 5 == 0:
            comment["rating"] = {"average": rng.randint(0, 5), "votes": rng.randint(1, 9)}
        comments.append(comment)
    return comments


def test_fifty_thousand_comments_fill_pages_within_the_budget() -> None:
    """The issue's 50,000 comments (a 16.6 MB page before): each thread page's comments stay
    within the budget, even with the longest comments the data contract allows."""
    comments = [Comment.model_validate(c) for c in _comments(50_000)]
    comments[7] = comments[7].model_copy(update={"body": "&" * MAX_COMMENT})  # escapes to 5x its length
    layout = thread_layout(SLUG, comments)
    assert len(layout.docs) > 100 and sum(len(page) for page in layout.pages) == 50_000
    sizes = [len(render_comments(comments, None, plain_note_html, page).encode()) for page in layout.pages]
    assert max(sizes) <= PAGE_BYTES + 2_000
    assert layout.docs[:2] == (f"articles/{SLUG}/comments.md", f"articles/{SLUG}/comments/2.md")


def test_a_long_story_leaves_no_room_under_it_for_a_thread_that_a_short_one_keeps() -> None:
    """Ten comments stay under a short story; under a long one (names linked, with previews) they
    would take its page past 80 kB, so they get a page of their own."""
    comments = [Comment.model_validate(c) for c in _comments(10)]
    assert not thread_layout(SLUG, comments).apart
    assert not thread_layout(SLUG, comments, story_chars=2_000).apart
    long_story = thread_layout(SLUG, comments, story_chars=8_000)
    assert long_story.apart and long_story.docs == (f"articles/{SLUG}/comments.md",)


def test_the_theme_markup_loses_its_indentation_not_its_content_scripts_or_preformatted_text() -> None:
    """Each run of the templates' indentation keeps one line break (the page renders the same); the
    content, scripts (whose hashes the policy lists) and preformatted text stay as written."""
    page = (
        "<html>\n  <head>\n    <script>\n      var a = 1;\n    </script>\n  </head>\n  <body>\n"
        '    <nav>\n      <a href="x">\n        X\n      </a>\n    </nav>\n'
        '    <div class="md-content">\n      <pre>  kept\n    as is</pre>\n      <p>text</p>\n    </div>\n'
        '    <footer class="md-footer">\n      <textarea>\n  a\n</textarea>\n    </footer>\n  </body>\n</html>\n'
    )
    assert compact_theme(page) == (
        "<html>\n<head>\n<script>\n      var a = 1;\n    </script>\n</head>\n<body>\n"
        '<nav>\n<a href="x">\nX\n</a>\n</nav>\n'
        '<div class="md-content">\n      <pre>  kept\n    as is</pre>\n      <p>text</p>\n    </div>\n'
        '    <footer class="md-footer">\n<textarea>\n  a\n</textarea>\n</footer>\n</body>\n</html>\n'
    )
    assert compact_theme("<p>\n   no theme</p>") == "<p>\n   no theme</p>"  # not a theme page: left alone


def test_a_reply_chain_of_any_depth_renders_nested_at_most_six_deep() -> None:
    """330 replies deep was a RecursionError; deeper replies stand at the last level, linked."""
    day = dt.date(2014, 1, 12)
    comments = [Comment(id=f"c{i}", date=day, body="x", reply_to=f"c{i - 1}" if i else None) for i in range(3000)]
    layout = thread_layout(SLUG, comments)
    html = "".join(render_comments(comments, None, plain_note_html, page) for page in layout.pages)
    assert html.count("<li ") == 3000 and max(p.depth for page in layout.pages for p in page) == MAX_NESTING
    away = sum(1 for page in layout.pages for placed in page if not placed.nested)
    assert html.count('class="orbit-comment__reply"') == away - 1  # all but c0, which answers nothing


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """The real project with 1,500 comments on its story and a chart of 5,000 points."""
    base = tmp_path_factory.mktemp("big")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "comments" / f"{SLUG}.yml").write_text(dump_yaml({"comments": _comments(COMMENTS)}), encoding="utf-8")
    chart = {
        "title": "Many points",
        "kind": "line",
        "caption": "Five thousand points, to test page sizes.",
        "unit": "things",
        "sources": [{"title": "Made up for a test", "url": "https://example.org/"}],
        "series": [{"name": "s", "points": [{"x": i, "y": (i * 7) % 101} for i in range(POINTS)]}],
    }
    (data / "charts" / "many-points.yml").write_text(dump_yaml(chart), encoding="utf-8")
    result = run_build(ROOT, base / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_no_page_is_over_80_kb(big_site: Path) -> None:
    sizes = {path.relative_to(big_site).as_posix(): budgeted_size(path) for path in big_site.rglob("*.html")}
    assert len(sizes) > 150
    assert {page: size for page, size in sizes.items() if size > MAX_PAGE} == {}


def test_thread_pages_link_each_other_and_map_every_comment(big_site: Path) -> None:
    first = soup(big_site, f"articles/{SLUG}/comments/")
    pager = first.select_one("nav.orbit-pager")
    assert pager.select_one('[aria-current="page"]').get_text() == "1"
    assert pager.select_one('a[rel="next"]')["href"] == "2/"
    pages = json.loads((big_site / "articles" / SLUG / "comments" / "pages.json").read_text(encoding="utf-8"))
    assert len(pages) == COMMENTS and pages["c0"] == "./"
    last = pages[f"c{COMMENTS - 1}"]
    assert soup(big_site, f"articles/{SLUG}/comments/{last}").select_one(f"#comment-c{COMMENTS - 1}")
    story = soup(big_site, f"articles/{SLUG}/")
    assert story.select_one("[data-orbit-comment-pages]")["data-orbit-comment-pages"] == "comments/pages.json"


def test_a_big_figure_is_published_as_json_and_its_table_paged(big_site: Path) -> None:
    page = soup(big_site, "charts/many-points/")
    plot = page.select_one(".orbit-chart__plot")
    assert "data-orbit-figure" not in plot.attrs and plot["data-orbit-figure-src"] == "../many-points.json"
    figure = json.loads((big_site / "charts" / "many-points.json").read_text(encoding="utf-8"))
    assert len(figure["data"][0]["x"]) == POINTS
    listed = page.select(".orbit-chart__data li a")
    assert 20 <= len(listed) <= 41 and listed[-1].get_text() == f"Rows {POINTS - 99}–{POINTS}"
    small = soup(big_site, "charts/space-stations/").select_one(".orbit-chart__plot")
    assert "data-orbit-figure" in small.attrs  # small figures still travel in their page


@pytest.mark.browser
def test_old_comment_links_reach_their_page_and_big_charts_draw(page, big_site: Path) -> None:
    target = f"c{COMMENTS - 2}"
    with serve(big_site) as base:
        page.goto(f"{base}articles/{SLUG}/#comment-{target}")
        page.wait_for_selector(f"#comment-{target}", timeout=15000)
        assert "/comments/" in page.url and page.url.endswith(f"#comment-{target}")
        page.goto(f"{base}articles/{SLUG}/comments/#comment-{target}")  # from the first thread page too
        page.wait_for_url(re.compile(r".*/comments/\d+/#comment-c\d+$"), timeout=15000)
        page.wait_for_selector(f"#comment-{target}", timeout=15000)
        page.goto(f"{base}charts/many-points/")  # its figure is a file of its own: a preview, then Plotly on demand
        page.wait_for_selector("[data-orbit-figure-src] svg.orbit-chart__preview", timeout=30000)
        page.locator("[data-orbit-figure-src]").hover()  # a reader pointing at it
        page.wait_for_selector('[data-orbit-rendered="true"] .main-svg', timeout=30000)
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_the_thread_page_addresses_are_the_layouts(big_site: Path) -> None:
    comments = [Comment.model_validate(c) for c in _comments(COMMENTS)]
    for doc in thread_layout(SLUG, comments).docs:
        assert (big_site / doc_url(doc) / "index.html").is_file(), doc
