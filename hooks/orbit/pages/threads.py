"""Where each comment of a story is shown: under the story, or on the thread's own pages.

A short thread stays under its story. A longer one moves to `articles/<slug>/comments/`, and
when its comments weigh more than one page may carry, on to `articles/<slug>/comments/2/`,
`.../3/` and so on, in thread order (a comment, then its replies), so that no page grows past
80 kB however many comments there are. Replies nest up to MAX_NESTING levels; deeper ones, and a
reply whose comment is on an earlier page, stand at the deepest level with an "in reply to" link.
Everything here is reckoned from the data (sizes from the escaped text), so the ratings chart,
the pages and the permalink map all agree.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from ..data.models import Comment
from .addresses import INLINE_COMMENTS, article_doc

MAX_NESTING = 6  # levels of replies drawn as nested lists; a thread 330 replies deep stays readable
INLINE_BYTES = 24_000  # a thread under its story, less the story's own words: the story is most of 80 kB
STORY_FACTOR = 3  # a character of a story's body: its names become links with a preview, about 3 to 6 bytes
PAGE_BYTES = 32_000  # comment HTML per thread page; with links, theme and nav, well under 80 kB


@dataclass(frozen=True)
class Placed:
    """A comment as one page shows it: its index in the file, its depth, and whether its parent is
    shown right above it (otherwise it carries an "in reply to" link)."""

    index: int
    depth: int
    nested: bool


@dataclass(frozen=True)
class ThreadLayout:
    """The pages of one story's thread and the comments each shows, in thread order."""

    slug: str
    docs: tuple[str, ...]
    pages: tuple[tuple[Placed, ...], ...]
    page_of: dict[str, int]  # comment id -> page number (0-based)

    @property
    def apart(self) -> bool:
        """Whether the thread has pages of its own (otherwise it sits under the story)."""
        return self.docs[0] != article_doc(self.slug)

    def doc_of(self, comment_id: str) -> str:
        """The page that shows comment `comment_id`."""
        return self.docs[self.page_of[comment_id]]


# The last layout of each story's thread, with what it was made from: a build lays a thread out for
# its pages, its map and its ratings chart, and `mkdocs serve` keeps the same comments between builds.
_LAID: dict[str, tuple[list[Comment], int, ThreadLayout]] = {}


def thread_layout(slug: str, comments: list[Comment], story_chars: int = 0) -> ThreadLayout:
    """Split `comments` (in file order) into pages; a reply always follows the comment it answers.
    A short thread stays under its story if the story (`story_chars` of body) leaves it room."""
    known = _LAID.get(slug)
    if known and known[0] is comments and known[1] == story_chars:
        return known[2]
    layout = _laid_out(slug, comments, story_chars)
    _LAID[slug] = (comments, story_chars, layout)
    return layout


def _laid_out(slug: str, comments: list[Comment], story_chars: int) -> ThreadLayout:
    order = _thread_order(comments)
    weights = [weight(comments[index]) for index, _ in order]
    if len(comments) <= INLINE_COMMENTS and sum(weights) + STORY_FACTOR * story_chars <= INLINE_BYTES:
        spans = [(0, len(order))]
        docs: tuple[str, ...] = (article_doc(slug),)
    else:
        spans = _spans(weights, PAGE_BYTES)
        docs = tuple(thread_page_doc(slug, number) for number in range(1, len(spans) + 1))
    pages = tuple(_page(comments, order[start:end]) for start, end in spans)
    page_of = {comments[placed.index].id: number for number, page in enumerate(pages) for placed in page}
    return ThreadLayout(slug, docs, pages, page_of)


def thread_page_doc(slug: str, number: int) -> str:
    """Page `number` (from 1) of a thread: `articles/<slug>/comments.md`, then `.../comments/2.md`."""
    return f"articles/{slug}/comments.md" if number == 1 else f"articles/{slug}/comments/{number}.md"


def comment_map_doc(slug: str) -> str:
    """The published map from each comment id to its page, relative to the thread's first page."""
    return f"articles/{slug}/comments/pages.json"


def comment_map(layout: ThreadLayout) -> str:
    """`{"c1": "./", "c90": "2/"}`: where orbit.js sends an old link to a comment (`#comment-c90`)."""
    where = {key: "./" if page == 0 else f"{page + 1}/" for key, page in layout.page_of.items()}
    return json.dumps(where, separators=(",", ":"), ensure_ascii=False)


def weight(comment: Comment) -> int:
    """About how many bytes of HTML a comment makes: its escaped text, notes and fixed markup."""
    notes = sum(
        2 * len(note.text) + sum(len(s.title) + len(str(s.url)) + 40 for s in note.sources) for note in comment.notes
    )
    return 400 + len(html.escape(comment.body)) + len(html.escape(comment.author)) + notes


def _thread_order(comments: list[Comment]) -> list[tuple[int, int]]:
    """(index, depth) of every comment, each followed by its replies: iterative, so no depth of
    replies can exhaust the stack. A reply to an unknown comment counts as a first-level comment."""
    ids = {comment.id for comment in comments}
    children: dict[str | None, list[int]] = {}
    for index, comment in enumerate(comments):
        parent = comment.reply_to if comment.reply_to in ids else None
        children.setdefault(parent, []).append(index)
    order, stack = [], [(index, 0) for index in reversed(children.get(None, []))]
    seen: set[int] = set()
    while stack:
        index, depth = stack.pop()
        if index in seen:  # a reply cycle (the data stage reports it): show each comment once
            continue
        seen.add(index)
        order.append((index, depth))
        stack += [(child, depth + 1) for child in reversed(children.get(comments[index].id, []))]
    return order


def _spans(weights: list[int], budget: int) -> list[tuple[int, int]]:
    """Consecutive runs of items whose weights add up to at most `budget` (at least one item each)."""
    spans, start, total = [], 0, 0
    for at, item in enumerate(weights):
        if at > start and total + item > budget:
            spans.append((start, at))
            start, total = at, 0
        total += item
    return [*spans, (start, len(weights))] if weights else [(0, 0)]


def _page(comments: list[Comment], run: list[tuple[int, int]]) -> tuple[Placed, ...]:
    """The run's comments with the depth each is drawn at on its page."""
    placed: list[Placed] = []
    shown: dict[str, int] = {}  # comment id -> depth drawn, for comments on this page
    for index, depth in run:
        parent = comments[index].reply_to
        nested = parent in shown and shown[parent] < MAX_NESTING and depth > 0
        drawn = shown[parent] + 1 if nested else min(depth, _deepest(placed))
        placed.append(Placed(index, drawn, nested))
        shown[comments[index].id] = drawn
    return tuple(placed)


def _deepest(placed: list[Placed]) -> int:
    """A comment shown away from its parent stands at the level of the comment above it (at most MAX_NESTING)."""
    return min(placed[-1].depth, MAX_NESTING) if placed else 0
