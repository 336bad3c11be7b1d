"""The reader comment thread as HTML. Readers' text is untrusted: it is escaped, never parsed."""

from __future__ import annotations

from collections.abc import Callable

from ..data.models import Comment, EditorNote
from .common import editor_html, esc, time_tag, visible_controls


def render_comments(comments: list[Comment], ratings_url: str | None, expand: Callable[[str], str]) -> str:
    """The whole comments section; `expand` resolves `[[id]]` markers in editors' notes."""
    children: dict[str | None, list[Comment]] = {}
    for comment in comments:
        children.setdefault(comment.reply_to, []).append(comment)
    items = "".join(_item(c, children, expand) for c in children.get(None, []))
    return (
        # Reader comments stay out of the search index: untrusted, noisy, and most of its size at scale.
        '<section class="orbit-comments" aria-label="Reader comments" data-orbit-link-scope="comments" data-search-exclude>'
        f"{_summary(comments, ratings_url)}{_controls(len(comments))}"
        f'<ol class="orbit-comments__list" data-orbit-thread>{items}</ol></section>'
    )


def comments_link(comments: list[Comment], ratings_url: str | None, thread_url: str) -> str:
    """In place of a long thread: its summary and a link to the page that holds it."""
    count = len(comments)
    return (
        '<section class="orbit-comments" aria-label="Reader comments">'
        f"{_summary(comments, ratings_url)}"
        f'<p class="orbit-comments__more"><a href="{esc(thread_url)}">Read all {count} comments</a>, '
        "on their own page, where you can sort and filter them.</p></section>"
    )


def rating_text(comment: Comment) -> str:
    """`5 / 5 (1 vote)`, `2 / 5 (3 votes)` or `Not rated yet`."""
    if comment.rating is None:
        return "Not rated yet"
    votes = comment.rating.votes
    return f"{comment.rating.average:g} / 5 ({votes} vote{'s' if votes != 1 else ''})"


def plain_paragraphs(text: str) -> str:
    """Untrusted text as HTML paragraphs: escaped, blank lines split paragraphs, line breaks kept."""
    blocks = [block for block in visible_controls(text).split("\n\n") if block.strip("\n")]
    return "".join(f"<p>{esc(block.strip(chr(10))).replace(chr(10), '<br>')}</p>" for block in blocks)


def _summary(comments: list[Comment], ratings_url: str | None) -> str:
    published = [c for c in comments if c.status == "published"]
    rated = [c.rating for c in published if c.rating]
    votes = sum(r.votes for r in rated)
    parts = [f"{len(comments)} comment{'s' if len(comments) != 1 else ''}"]
    if len(published) != len(comments):
        parts.append(f"{len(comments) - len(published)} removed by a moderator")
    parts.append(f"{len(rated)} rated")
    if votes:
        mean = sum(r.average * r.votes for r in rated) / votes
        parts.append(f"average rating {mean:.1f} / 5 from {votes} vote{'s' if votes != 1 else ''}")
    if ratings_url:
        parts.append(f'<a href="{esc(ratings_url)}">ratings chart</a>')
    return f'<p class="orbit-comments__summary">{" · ".join(parts)}</p>'


def _controls(total: int) -> str:
    """Sort and filter controls; hidden until the script runs, so no-JS readers see the thread."""
    options = (("oldest", "Oldest first"), ("newest", "Newest first"), ("rating", "Highest rated"))
    opts = "".join(f'<option value="{v}">{label}</option>' for v, label in options)
    return (
        '<div class="orbit-comments__controls" data-orbit-controls hidden>'
        f"<label>Sort <select data-orbit-sort>{opts}</select></label>"
        '<label>Minimum rating <input type="range" min="0" max="5" step="1" value="0" data-orbit-min-rating>'
        " <output data-orbit-min-rating-value>0</output></label>"
        f'<p class="orbit-comments__count" data-orbit-count aria-live="polite">Showing {total} of {total}</p>'
        "</div>"
    )


def _item(comment: Comment, children: dict, expand: Callable[[str], str]) -> str:
    # Lean markup: a 60-comment thread is most of its page, so classes live on the section and the
    # list, and plain elements (header, b, time, span) carry the parts of each comment.
    replies = "".join(_item(c, children, expand) for c in children.get(comment.id, []))
    nested = f"<ol>{replies}</ol>" if replies else ""
    removed = comment.status == "removed"
    data = ""
    if comment.rating and not removed:  # the filter and sort read these; no rating sorts as -1
        data = f' data-rating="{comment.rating.average:g}" data-votes="{comment.rating.votes}"'
    cls = ' class="orbit-comment--removed"' if removed else ""
    return f'<li id="comment-{comment.id}"{cls}{data}>{_article(comment, expand)}{nested}</li>'


def _article(comment: Comment, expand: Callable[[str], str]) -> str:
    if comment.status == "removed":
        body = '<p class="orbit-comment__removed"><em>This comment has been removed by a moderator.</em></p>'
    else:
        body = plain_paragraphs(comment.body)
    notes = "".join(_note(note, expand) for note in comment.notes)
    return f"<article>{_header(comment)}{body}{notes}</article>"


def _header(comment: Comment) -> str:
    shown = visible_controls(comment.author)
    author = esc(shown) if shown.strip() else "Anonymous"
    rating = "" if comment.status == "removed" else f" <span>{rating_text(comment)}</span>"
    return (
        f"<header><b>{author}</b> {time_tag(comment.date)}{rating} "
        f'<a href="#comment-{comment.id}" aria-label="Permalink to comment {comment.id}">#</a></header>'
    )


def _note(note: EditorNote, expand: Callable[[str], str]) -> str:
    sources = " · ".join(f'<a href="{esc(str(s.url))}">{esc(s.title)}</a>' for s in note.sources)
    text = editor_html(expand(note.text))
    footer = f'<p class="orbit-note__sources"><em>Sources:</em> {sources}</p>' if sources else ""
    return (
        '<aside class="admonition info orbit-comment__note">'
        f'<p class="admonition-title">Editor\'s note</p>{text}{footer}</aside>'
    )
