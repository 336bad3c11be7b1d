"""The reader comment thread as HTML. Readers' text is untrusted: it is escaped, never parsed.

Readers' names and paragraphs carry `dir="auto"`, so a right-to-left override (U+202E) or
Arabic text turns only itself around, never the words after it. Replies nest as lists, built
with an explicit stack from the page's layout (`pages.threads`): no depth of replies recurses.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data.models import Comment, EditorNote
from ..pages.threads import Placed, thread_layout
from .common import esc, sanitized_note, time_tag, visible_controls

NoteHtml = Callable[[str], str]  # an editor's Markdown note -> HTML (markers expanded), sanitized here


def render_comments(
    comments: list[Comment],
    ratings_url: str | None,
    note_html: NoteHtml,
    placed: tuple[Placed, ...] | None = None,
    pager: str = "",
    pages: str = "",
    level: int = 3,
) -> str:
    """The comments section: the comments `placed` on this page (default: all, as one page),
    with `pager` links around them and `pages`, the address of the map of comment pages. Each
    comment's author is a heading of `level`: one below the heading the thread sits under."""
    if placed is None:
        placed = thread_layout("-", comments).pages[0] if comments else ()
    attributes = f' data-orbit-comment-pages="{esc(pages)}"' if pages else ""
    return (
        # Reader comments stay out of the search index: untrusted, noisy, and most of its size at scale.
        '<section class="orbit-comments" aria-label="Reader comments" data-orbit-link-scope="comments" '
        f"data-search-exclude{attributes}>"
        f"{_summary(comments, ratings_url)}{pager}{_controls(len(placed))}"
        f'<ol class="orbit-comments__list" data-orbit-thread>{_items(comments, placed, note_html, level)}</ol>'
        f"{pager}</section>"
    )


def comments_link(comments: list[Comment], ratings_url: str | None, thread_url: str, pages: str = "") -> str:
    """In place of a long thread: its summary and a link to the page that holds it."""
    count = sum(comment.status == "published" for comment in comments)
    attributes = f' data-orbit-comment-pages="{esc(pages)}"' if pages else ""
    link, rest = (
        ("Read the 1 comment", "on its own page.")
        if count == 1
        else (f"Read all {count} comments", "on their own page, where you can sort and filter them.")
    )
    return (
        f'<section class="orbit-comments" aria-label="Reader comments"{attributes}>'
        f"{_summary(comments, ratings_url)}"
        f'<p class="orbit-comments__more"><a href="{esc(thread_url)}">{link}</a>, {rest}</p></section>'
    )


def pager_html(urls: list[str], at: int) -> str:
    """Links to the thread's other pages (`urls`, this one `at`): previous, first, a few around, last, next."""
    shown = sorted({0, len(urls) - 1, *range(max(0, at - 3), min(len(urls), at + 4))})
    items = [f'<a href="{esc(urls[at - 1])}" rel="prev">Previous</a>'] if at > 0 else []
    last = -1
    for number in shown:
        items += ["<span>…</span>"] if number - last > 1 else []
        here = f'<span aria-current="page">{number + 1}</span>'
        items.append(here if number == at else f'<a href="{esc(urls[number])}">{number + 1}</a>')
        last = number
    items += [f'<a href="{esc(urls[at + 1])}" rel="next">Next</a>'] if at < len(urls) - 1 else []
    return f'<nav class="orbit-pager" aria-label="Pages of comments">{" ".join(items)}</nav>'


def rating_text(comment: Comment) -> str:
    """`5 / 5 (1 vote)`, `2 / 5 (3 votes)` or `Not rated yet`."""
    if comment.rating is None:
        return "Not rated yet"
    votes = comment.rating.votes
    return f"{comment.rating.average:g} / 5 ({_counted(votes, 'vote')})"


def plain_paragraphs(text: str) -> str:
    """Untrusted text as HTML paragraphs: escaped, blank lines split paragraphs, line breaks kept."""
    blocks = [block for block in visible_controls(text).split("\n\n") if block.strip("\n")]
    return "".join(f'<p dir="auto">{esc(block.strip(chr(10))).replace(chr(10), "<br>")}</p>' for block in blocks)


def _summary(comments: list[Comment], ratings_url: str | None) -> str:
    published = [c for c in comments if c.status == "published"]
    rated = [c.rating for c in published if c.rating]
    votes = sum(r.votes for r in rated)
    # A removed comment is a placeholder, not a comment: counted apart, as JSON-LD's commentCount.
    parts = [_counted(len(published), "comment")]
    if len(published) != len(comments):
        parts.append(f"{len(comments) - len(published)} removed by a moderator")
    parts.append(f"{len(rated)} rated")
    if votes:
        mean = sum(r.average * r.votes for r in rated) / votes
        parts.append(f"average rating {mean:.1f} / 5 from {_counted(votes, 'vote')}")
    if ratings_url:
        parts.append(f'<a href="{esc(ratings_url)}">ratings chart</a>')
    return f'<p class="orbit-comments__summary">{" · ".join(parts)}</p>'


def _counted(count: int, noun: str) -> str:
    """`1 comment`, `0 comments`, `3 votes`."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _controls(total: int) -> str:
    """Sort and filter controls; hidden until the script runs, so no-JS readers see the thread."""
    options = (("oldest", "Oldest first"), ("newest", "Newest first"), ("rating", "Highest rated"))
    opts = "".join(f'<option value="{v}">{label}</option>' for v, label in options)
    return (
        '<div class="orbit-comments__controls" data-orbit-controls hidden>'
        f"<label>Sort <select data-orbit-sort>{opts}</select></label>"
        # A label holds one control: the <output> beside the slider sits outside it, in one flex item.
        '<span><label>Minimum rating <input type="range" min="0" max="5" step="1" value="0" data-orbit-min-rating>'
        "</label> <output data-orbit-min-rating-value>0</output></span>"
        f'<p class="orbit-comments__count" data-orbit-count aria-live="polite">Showing {total} of {total}</p>'
        "</div>"
    )


def _items(comments: list[Comment], placed: tuple[Placed, ...], note_html: NoteHtml, level: int) -> str:
    """The page's comments as nested lists: an open `<li>` per level on a stack, never recursion."""
    parts, depth = [], -1
    for item in placed:
        if item.depth > depth:
            parts.append("<ol>" if depth >= 0 else "")
        else:
            parts.append("</li>" + "</ol></li>" * (depth - item.depth))
        parts.append(_item(comments[item.index], item, note_html, level))
        depth = item.depth
    parts.append("</li>" + "</ol></li>" * depth if depth >= 0 else "")
    return "".join(parts)


def _item(comment: Comment, item: Placed, note_html: NoteHtml, level: int) -> str:
    # Lean markup: a long thread is most of its page, so classes live on the section and the
    # list, and plain elements (header, a heading, time, span) carry the parts of each comment.
    removed = comment.status == "removed"
    data = ""
    if comment.rating and not removed:  # the filter and sort read these; no rating sorts as -1
        data = f' data-rating="{comment.rating.average:g}" data-votes="{comment.rating.votes}"'
    cls = ' class="orbit-comment--removed"' if removed else ""
    answers = "" if item.nested or not comment.reply_to else _in_reply_to(comment.reply_to)
    return f'<li id="comment-{comment.id}"{cls}{data}>{_article(comment, note_html, answers, level)}'


def _in_reply_to(parent: str) -> str:
    """For a reply drawn away from its comment (deep, or on the next page): a link to that comment."""
    return f'<p class="orbit-comment__reply"><a href="#comment-{parent}">In reply to {parent}</a></p>'


def _article(comment: Comment, note_html: NoteHtml, answers: str, level: int) -> str:
    if comment.status == "removed":
        body = '<p class="orbit-comment__removed"><em>This comment has been removed by a moderator.</em></p>'
    else:
        body = plain_paragraphs(comment.body)
    notes = "".join(_note(note, note_html) for note in comment.notes)
    return f"<article>{_header(comment, level)}{answers}{body}{notes}</article>"


def _header(comment: Comment, level: int) -> str:
    shown = visible_controls(comment.author)
    author = esc(shown) if shown.strip() else "Anonymous"
    rating = "" if comment.status == "removed" else f" <span>{rating_text(comment)}</span>"
    return (
        # The author heads the comment (an <article> needs a heading), one level under the thread's.
        f'<header><h{level} dir="auto">{author}</h{level}> {time_tag(comment.date)}{rating} '
        f'<a href="#comment-{comment.id}" aria-label="Permalink to comment {comment.id}">#</a></header>'
    )


def _note(note: EditorNote, note_html: NoteHtml) -> str:
    sources = " · ".join(f'<a href="{esc(str(s.url))}">{esc(s.title)}</a>' for s in note.sources)
    text = sanitized_note(note_html(note.text))
    footer = f'<p class="orbit-note__sources"><em>Sources:</em> {sources}</p>' if sources else ""
    return (
        '<aside class="admonition info orbit-comment__note">'
        f'<p class="admonition-title">Editor\'s note</p>{text}{footer}</aside>'
    )
