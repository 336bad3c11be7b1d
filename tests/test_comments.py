"""Pure tests of the comment thread renderer: no build, no browser."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from orbit.data.models import Comment, EditorNote, Rating
from orbit.pages.addresses import INLINE_COMMENTS
from orbit.render.comments import comments_link, plain_paragraphs, rating_text, render_comments
from orbit.render.common import plain_note_html, visible_controls
from orbit.site.build import Build
from orbit.site.plan import article_pages

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![](x onerror=alert(1))",
    "{{ config.site_name }} {% raw %}",
    "&lt;b&gt; &amp; &#60;",
    "[[nasa]] [[chart:agency-budgets]] *emph* `code`",
    '"><img src=x onerror=alert(1)>',
    "<!-- orbit:content --> <!-- orbit:mentions:nasa -->",
]


def _comment(id: str = "c1", **fields) -> Comment:
    """A published comment with sensible defaults."""
    values = {"id": id, "date": dt.date(2014, 1, 12), "body": "Text."} | fields
    return Comment(**values)


def _no_markers(text: str) -> str:
    """An `expand` that fails the test if reader text ever reaches marker expansion."""
    raise AssertionError(f"reader text reached the marker expander: {text!r}")


def _render(comments: list[Comment], ratings_url: str | None = None) -> BeautifulSoup:
    return BeautifulSoup(render_comments(comments, ratings_url, plain_note_html), "html.parser")


@pytest.mark.parametrize(
    ("rating", "expected"),
    [
        (None, "Not rated yet"),
        (Rating(average=5, votes=1), "5 / 5 (1 vote)"),
        (Rating(average=2.5, votes=3), "2.5 / 5 (3 votes)"),
    ],
)
def test_rating_text(rating: Rating | None, expected: str) -> None:
    """Ratings read as the brief spells them, with singular and plural votes."""
    assert rating_text(_comment(rating=rating)) == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_literally(text: str) -> None:
    """Author and body come out as the same characters, with no element made from them."""
    html = render_comments([_comment(author=text, body=text)], None, _no_markers)
    item = BeautifulSoup(html, "html.parser").select_one("#comment-c1")
    assert item.select_one("header > h3").get_text() == text
    assert [p.get_text() for p in item.select("article > p")] == [text]
    assert not item.select("article > p *:not(br)")
    assert "<script" not in html and "<img" not in html


def test_paragraphs_and_line_breaks_are_kept() -> None:
    """Blank lines split paragraphs, single line ends become <br>, CRLF counts as a line end."""
    html = plain_paragraphs("one\r\ntwo\n\n\nthree\n")
    assert html == '<p dir="auto">one<br>two</p><p dir="auto">three</p>'


def test_visible_controls_rule() -> None:
    """C0 controls and DEL become Control Pictures, C1 controls U+FFFD; tab and LF stay."""
    assert visible_controls("a\x00b\x07c\x1b\x7f\td\ne\r") == "a\u2400b\u2407c\u241b\u2421\td\ne\n"
    assert visible_controls("\x80\x85\x9f") == "\ufffd\ufffd\ufffd"
    assert visible_controls("plain \u00a0\u200b\u2028 text") == "plain \u00a0\u200b\u2028 text"


@pytest.mark.parametrize(
    ("author", "shown"),
    [
        ("", "Anonymous"),
        ("   ", "Anonymous"),
        ("Whydening Gyre", "Whydening Gyre"),
        ("\x07", "\u2407"),
    ],
)
def test_author_or_anonymous(author: str, shown: str) -> None:
    """An empty or blank author shows "Anonymous"; a control-only author shows its symbol."""
    assert _render([_comment(author=author)]).select_one("header > h3").get_text() == shown


def test_replies_nest_under_their_parent_in_thread_order() -> None:
    """Replies sit in a nested list under the parent; every comment keeps its seed order."""
    comments = [_comment("a"), _comment("b", reply_to="a"), _comment("c"), _comment("d", reply_to="a")]
    soup = _render(comments)
    top = soup.select("ol.orbit-comments__list > li")
    assert [li["id"] for li in top] == ["comment-a", "comment-c"]
    assert [li["id"] for li in top[0].select(":scope > ol > li")] == ["comment-b", "comment-d"]
    assert [li["id"] for li in soup.select("li")] == ["comment-a", "comment-b", "comment-d", "comment-c"]


def test_removed_comment_keeps_its_place() -> None:
    """A removed comment is a placeholder with no body, rating or filterable rating."""
    soup = _render([_comment("a"), _comment("b", status="removed", body="", rating=Rating(average=5, votes=2))])
    removed = soup.select_one("#comment-b")
    assert "removed by a moderator" in removed.get_text()
    assert [p.get_text() for p in removed.select("article > p")] == ["This comment has been removed by a moderator."]
    assert removed.select_one("header > span") is None
    assert not removed.has_attr("data-rating") and not removed.has_attr("data-votes")


def test_permalink_per_comment() -> None:
    """Each comment has an id and a `#` link pointing at it."""
    link = _render([_comment("c3")]).select_one("#comment-c3 header > a")
    assert link["href"] == "#comment-c3"


def test_summary_counts_and_vote_weighted_average() -> None:
    """Summary: comments (a removed one is not counted as one), removed, rated, the vote-weighted
    average and the chart link."""
    comments = [
        _comment("a", rating=Rating(average=5, votes=1)),
        _comment("b", rating=Rating(average=2, votes=3)),
        _comment("c"),
        _comment("d", status="removed", body=""),
    ]
    summary = _render(comments, "../../charts/comment-ratings/").select_one(".orbit-comments__summary")
    assert summary.get_text() == (
        "3 comments · 1 removed by a moderator · 2 rated · average rating 2.8 / 5 from 4 votes · ratings chart"
    )
    assert summary.a["href"] == "../../charts/comment-ratings/"
    assert _render(comments).select_one(".orbit-comments__summary").a is None


def test_controls_hidden_until_script_runs() -> None:
    """Without JavaScript the controls stay hidden and the count names every comment."""
    controls = _render([_comment("a"), _comment("b")]).select_one("[data-orbit-controls]")
    assert controls.has_attr("hidden")
    assert controls.select_one("[data-orbit-count]").get_text() == "Showing 2 of 2"
    assert [o["value"] for o in controls.select("option")] == ["oldest", "newest", "rating"]


def test_thread_is_its_own_linking_scope() -> None:
    """The thread links its own first mentions, so the linker gets a scope marker."""
    assert _render([_comment()]).section["data-orbit-link-scope"] == "comments"


def test_editor_note_is_markdown_marked_and_sanitised() -> None:
    """Notes render Markdown with sources, are labelled, and lose script, handlers and js: links."""
    text = (
        "See **this** [budget](https://example.org/b).\n\n<script>alert(1)</script>"
        "<img src=x onerror=alert(1)> [bad](javascript:alert(1))"
    )
    note = EditorNote(text=text, sources=[{"title": "A <source>", "url": "https://example.org/s"}])
    aside = _render([_comment(notes=[note])]).select_one("aside.orbit-comment__note")
    assert aside.select_one(".admonition-title").get_text() == "Editor's note"
    assert aside.strong.get_text() == "this"
    assert aside.select_one('a[href="https://example.org/b"]').get_text() == "budget"
    assert aside.select_one('a[href="https://example.org/s"]').get_text() == "A <source>"
    assert not aside.select("script, img, [onerror], a[href^=javascript]")


def test_editor_note_markers_are_expanded() -> None:
    """Notes (not readers' text) go through the `[[...]]` marker expander."""
    build = Build.load(ROOT / "data")
    build.close()
    note = EditorNote(text="See [[chart:agency-budgets|the chart]] and `[[nasa]]`.")
    notes = lambda text: build.ctx.note_html(text, "articles/china-us-space-cooperation.md")
    html = render_comments([_comment(notes=[note])], None, notes)
    assert '<a href="../../charts/agency-budgets/">the chart</a>' in html  # within the site: no rel
    assert "<code>[[nasa]]</code>" in html


# --- where the thread lives ----------------------------------------------------------


def _story_pages(count: int) -> dict:
    """The generated pages of the real story, given `count` comments (replies to c1 among them)."""
    build = Build.load(ROOT / "data")
    slug = "china-us-space-cooperation"
    build.ctx.site.comments[slug] = [_comment("c1")] + [
        _comment(f"c{i}", reply_to="c1" if i % 3 == 0 else None) for i in range(2, count + 1)
    ]
    pages = [page for page in article_pages(build.ctx) if slug in page.doc]
    return {page.doc: page for page in pages}


def _spliced(page) -> BeautifulSoup:
    return BeautifulSoup("".join(page.splices.values()), "html.parser")


def test_a_short_thread_stays_under_its_story() -> None:
    pages = _story_pages(INLINE_COMMENTS)
    assert list(pages) == ["articles/china-us-space-cooperation.md"]
    thread = _spliced(pages["articles/china-us-space-cooperation.md"])
    assert len(thread.select("[data-orbit-thread] li[id^=comment-]")) == INLINE_COMMENTS
    # Each comment is headed by its author, one level under the story's "Reader comments" (h2).
    assert len(thread.select("article > header > h3")) == INLINE_COMMENTS and not thread.select("h2")


def test_a_long_thread_moves_to_its_own_page_linked_from_the_story() -> None:
    count = INLINE_COMMENTS + 1
    pages = _story_pages(count)
    story, own = (
        pages["articles/china-us-space-cooperation.md"],
        pages["articles/china-us-space-cooperation/comments.md"],
    )
    teaser = _spliced(story)
    assert not teaser.select("[data-orbit-thread]")
    assert f"{count} comments" in teaser.select_one(".orbit-comments__summary").get_text()
    assert teaser.select_one(".orbit-comments__more a")["href"] == "comments/"
    # The thread page: every comment, sort and filter controls, a way back, and kept out of the nav.
    thread = _spliced(own)
    assert len(thread.select("li[id^=comment-]")) == count
    assert len(thread.select("article > header > h2")) == count and not thread.select("h3")  # under the h1
    assert thread.select("[data-orbit-controls]") and not own.listed and story.listed
    assert "[Back to the story](../china-us-space-cooperation.md)" in own.markdown
    assert own.edit == "data/comments/china-us-space-cooperation.yml"


@pytest.mark.parametrize(
    ("statuses", "summary", "link"),
    [
        (["published"], "1 comment · 0 rated", "Read the 1 comment"),
        (["published", "removed"], "1 comment · 1 removed by a moderator", "Read the 1 comment"),
        (["published", "published"], "2 comments · 0 rated", "Read all 2 comments"),
    ],
)
def test_the_link_to_a_thread_page_counts_in_the_singular_and_the_plural(statuses, summary, link) -> None:
    comments = [_comment(f"c{n}", status=status) for n, status in enumerate(statuses)]
    teaser = BeautifulSoup(comments_link(comments, None, "comments/"), "html.parser")
    assert teaser.select_one(".orbit-comments__summary").get_text().startswith(summary)
    more = teaser.select_one(".orbit-comments__more")
    assert more.a.get_text() == link and more.a["href"] == "comments/"
    assert more.get_text().endswith(
        "on its own page." if len(statuses) - statuses.count("removed") == 1 else "filter them."
    )
