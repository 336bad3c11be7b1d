"""The comment thread in a real browser: sorting, filtering, permalinks and the no-JavaScript view.

Expectations are computed from `data/comments/<slug>.yml`, so the tests follow the data.
"""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import ROOT, link_in_content, run_build, serve, sitemap_here
from orbit.pages.addresses import INLINE_COMMENTS

pytestmark = pytest.mark.browser

SLUG = "china-us-space-cooperation"
PATH = f"articles/{SLUG}/"


def _seed() -> list[dict]:
    """The seed thread as editors wrote it (top-level comments only, in thread order)."""
    comments = yaml.safe_load((ROOT / "data" / "comments" / f"{SLUG}.yml").read_text(encoding="utf-8"))["comments"]
    return [c for c in comments if not c.get("reply_to")]


def _rating(comment: dict) -> float:
    """The rating a comment is filtered and sorted by: -1 when removed or not rated."""
    if comment.get("status") == "removed" or not comment.get("rating"):
        return -1
    return comment["rating"]["average"]


def _order(page) -> list[str]:
    """Ids of the top-level comments in their current DOM order."""
    return page.eval_on_selector_all("[data-orbit-thread] > li", "els => els.map(e => e.id.slice(8))")


def _open(page, server: str, hash: str = ""):
    """Load the article and wait for the comment script to reveal its controls."""
    page.goto(f"{server}{PATH}{hash}")
    page.wait_for_selector("[data-orbit-controls]:not([hidden])")
    return page


def _clean(page) -> None:
    """No script errors, console errors (CSP violations land there) or dialogs."""
    assert page.log.page_errors == [] and page.log.console_errors == [] and page.log.dialogs == []


def test_sort_orders(page, server) -> None:
    """Oldest = seed order; newest puts the latest date first; highest rated puts the best (most votes) first."""
    seed = _seed()
    _open(page, server)
    assert _order(page) == [c["id"] for c in seed]
    page.select_option("[data-orbit-sort]", "newest")
    newest = sorted(enumerate(seed), key=lambda ic: (str(ic[1]["date"]), ic[0]), reverse=True)
    assert _order(page) == [c["id"] for _, c in newest]
    assert _order(page)[0] == "c6"  # the only 13 January comment
    page.select_option("[data-orbit-sort]", "rating")
    votes = lambda c: (c.get("rating") or {}).get("votes", 0)
    best = sorted(enumerate(seed), key=lambda ic: (-_rating(ic[1]), -votes(ic[1]), ic[0]))
    assert _order(page) == [c["id"] for _, c in best]
    assert page.locator(f"#comment-{_order(page)[0]} header > span").first.inner_text() == "5 / 5 (3 votes)"
    page.select_option("[data-orbit-sort]", "oldest")
    assert _order(page) == [c["id"] for c in seed]
    _clean(page)


def test_filter_by_minimum_rating(page, server) -> None:
    """Moving the slider hides lower-rated, unrated and removed comments and updates the count."""
    seed = _seed()
    _open(page, server)
    count = page.locator("[data-orbit-count]")
    assert count.inner_text() == f"Showing {len(seed)} of {len(seed)}"
    slider = page.locator("[data-orbit-min-rating]")
    slider.focus()
    page.keyboard.press("Home")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    kept = [c["id"] for c in seed if _rating(c) >= 3]
    assert page.locator("[data-orbit-min-rating-value]").inner_text() == "3"
    assert count.inner_text() == f"Showing {len(kept)} of {len(seed)}"
    for comment in seed:
        assert page.locator(f"#comment-{comment['id']}").is_visible() == (comment["id"] in kept), comment["id"]
    page.keyboard.press("Home")
    assert count.inner_text() == f"Showing {len(seed)} of {len(seed)}"
    assert all(page.locator(f"#comment-{c['id']}").is_visible() for c in seed)
    _clean(page)


def test_permalink_targets_comment(page, server) -> None:
    """`#comment-c3` targets that comment; clicking a `#` link puts its anchor in the address."""
    _open(page, server, "#comment-c3")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "comment-c3"
    page.locator("#comment-c5 header > a").click()
    page.wait_for_function("() => location.hash === '#comment-c5'")
    # Under load the browser may apply :target a moment after the address changes.
    page.wait_for_function("() => document.querySelector(':target') !== null")
    assert page.evaluate("document.querySelector(':target').id") == "comment-c5"
    _clean(page)


def test_no_javascript_view(browser, server) -> None:
    """Without JavaScript every comment shows in thread order and the controls stay hidden."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}{PATH}")
        seed = _seed()
        assert _order(page) == [c["id"] for c in seed]
        assert all(page.locator(f"#comment-{c['id']}").is_visible() for c in seed)
        assert page.locator("[data-orbit-controls]").is_hidden()
        assert page.locator("#comment-c4").inner_text().count("removed by a moderator") == 1
    finally:
        context.close()


def test_controls_after_instant_navigation(page, server) -> None:
    """Arriving through Material's instant navigation (no full load) wires the controls, with no CSP error."""
    sitemap_here(page, server)
    page.goto(server)
    link_in_content(page, PATH).click()
    page.wait_for_selector("[data-orbit-controls]:not([hidden])")
    assert page.evaluate("window.__sameDocument") is True  # instant navigation kept the document
    page.select_option("[data-orbit-sort]", "newest")
    assert _order(page)[0] == "c6"
    _clean(page)


@pytest.fixture(scope="module")
def long_thread(tmp_path_factory):
    """The real project whose story has a thread too long for the story page, served."""
    base = tmp_path_factory.mktemp("long-thread")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    comments = [
        {"id": f"c{i}", "author": f"Reader {i}", "date": "2014-01-13", "body": f"Comment number {i}."}
        for i in range(1, INLINE_COMMENTS + 6)
    ]
    (data / "comments" / f"{SLUG}.yml").write_text(yaml.safe_dump({"comments": comments}), encoding="utf-8")
    result = run_build(ROOT, base / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(base / "site") as url:
        yield url


def test_long_thread_page_sorts_and_old_permalinks_follow_it(page, long_thread) -> None:
    """The story links its long thread's page, whose script runs; `story/#comment-c7` lands on c7 there."""
    page.goto(f"{long_thread}{PATH}")
    page.click(".orbit-comments__more a")
    page.wait_for_selector("[data-orbit-controls]:not([hidden])")
    assert page.url == f"{long_thread}{PATH}comments/"
    total = INLINE_COMMENTS + 5
    assert len(_order(page)) == total and page.inner_text("[data-orbit-count]") == f"Showing {total} of {total}"
    page.goto(f"{long_thread}{PATH}#comment-c7")
    page.wait_for_url(f"{long_thread}{PATH}comments/#comment-c7")
    page.wait_for_selector("[data-orbit-controls]:not([hidden])")
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id") == "comment-c7"
    _clean(page)
