"""The annotated article page: headline, standfirst, byline, body, captions, notes, claims, related."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..data.claims import quote_spans, reading_order
from ..data.models import Article, Claim, ParagraphNote, Related
from ..link.related import Kin
from ..pages.addresses import article_doc, person_doc, relative_doc
from ..pages.placeholders import COMMENTS
from .claims import (
    StoryContext,
    changes_section,
    claim_mark,
    claims_intro,
    next_section,
    notes_section,
    revision_meta,
    updated_line,
)
from .common import esc, insertions, long_date, md_link, md_text, sanitized_note, time_tag
from .tags import story_tags

SHARED_SHOWN = 6  # of what a story in "More on this" shares, the names shown; the rest are counted
THREAD_TITLE = "Reader comments: "  # + the story's title, on a long thread's own page
_BLANK_LINES = re.compile(r"\n\s*\n")


def render_article(slug: str, article: Article, has_comments: bool, ctx: StoryContext | None = None) -> str:
    """The Markdown of `articles/<slug>.md`; comments are spliced in after conversion.

    `ctx` brings the timeline and the names the story names, for "What happened next", and turns
    editors' Markdown (notes, claims) into HTML with markers expanded; without it, markers stay as written."""
    ctx = ctx or StoryContext()
    doc = article_doc(slug)
    parts = [revision_meta(article)] if article.updates else []
    parts += [f"# {md_text(article.title)}", _dek(article), _byline(article, doc)]
    parts += [updated_line(article)] if article.updates else []
    parts += [story_tags(article.tags, doc)] if article.tags else []
    parts += [claims_intro(article)] if article.claims else []
    parts += _body(article, ctx)
    if article.explore_further:
        explore = esc(_one_line(article.explore_further))
        parts.append(f'<p class="orbit-explore"><strong>Explore further:</strong> {explore}</p>')
    parts.append(f'<footer class="orbit-rights">{esc(_one_line(article.rights))}</footer>')
    parts += next_section(slug, article, ctx) + notes_section(article, ctx)
    parts += _related(article.related, doc) + _more(ctx.more, ctx.stories, doc) + changes_section(article)
    if has_comments:
        parts += ["## Reader comments { #comments }", COMMENTS.format(slug=slug)]
    return "\n\n".join(parts) + "\n"


def render_thread_page(slug: str, article: Article, doc: str, page: int = 1, pages: int = 1) -> str:
    """The Markdown of page `page` of `pages` of a long thread, at `doc`; the thread is spliced in
    after conversion.

    Kept out of search: readers find the story, which links here, and the thread is never indexed.
    """
    back = relative_doc(article_doc(slug), doc)
    of = f" (page {page} of {pages})" if pages > 1 else ""
    parts = [
        f"# {THREAD_TITLE}{md_text(article.title)}{of}",
        f"[Back to the story]({back})",
        COMMENTS.format(slug=slug),
    ]
    return "---\nsearch:\n  exclude: true\n---\n\n" + "\n\n".join(parts) + "\n"


def _dek(article: Article) -> str:
    return f'<p class="orbit-dek">{esc(_one_line(article.dek))}</p>'


def _byline(article: Article, doc: str) -> str:
    name = md_text(article.byline)  # the byline paragraph is Markdown: brackets and stars stay text
    if article.author:
        name = f"[{name}]({relative_doc(person_doc(article.author), doc)})"
    # Never auto-linked: a publisher's or writer's name is not a mention ("ESA Newsroom" is no agency).
    return (
        f'<p class="orbit-byline" markdown><span data-orbit-no-link>By {name} · {md_text(article.publisher)} · '
        f"{time_tag(article.date)} · {md_link(article.source)}</span></p>"
    )


def _body(article: Article, ctx: StoryContext) -> list[str]:
    """The paragraphs, each followed by its notes and then its images (in file order); images at 0
    come before the first paragraph, and where the source is cut off, a line saying so ends them."""
    after: dict[int, list[str]] = {}  # paragraph number -> the blocks that follow it
    for note in article.notes:
        after.setdefault(note.paragraph, []).append(_note(note, ctx))
    for image in article.images:
        after.setdefault(image.after_paragraph, []).append(_photo(image.caption, image.credit))
    marked: dict[int, list[tuple[int, Claim]]] = {}
    for number, claim in enumerate(reading_order(article), start=1):
        marked.setdefault(claim.paragraph, []).append((number, claim))
    blocks = list(after.get(0, []))
    for number, paragraph in enumerate(article.paragraphs(), start=1):
        blocks.append(f"{_paragraph(paragraph, marked.get(number, []))}\n{{: #p-{number} .orbit-para }}")
        blocks += after.get(number, [])
    return blocks + ([_cut_off(article.cut_off)] if article.cut_off else [])


def _paragraph(text: str, claims: list[tuple[int, Claim]]) -> str:
    """A paragraph's Markdown: restored words marked, and each claim's quote (in reading order) marked."""
    pieces, last = [], 0
    for number, claim in claims:
        start, end = quote_spans(text, claim.quote)[0]  # validated: exactly one, cutting no insertion
        pieces += [insertions(text[last:start]), claim_mark(number, claim, insertions(text[start:end]))]
        last = end
    return "".join(pieces) + insertions(text[last:])


def _note(note: ParagraphNote, ctx: StoryContext) -> str:
    """A collapsed note, as pymdownx.details draws `??? info`, its text sanitized as comment notes are.

    One raw HTML block (no blank line inside, so Markdown never cuts it)."""
    label = "Sources" if len(note.sources) > 1 else "Source"
    links = " · ".join(f'<a href="{esc(str(s.url))}">{esc(s.title)}</a>' for s in note.sources)
    text = _BLANK_LINES.sub("\n", sanitized_note(ctx.note_html(note.text)).strip())
    return (
        f'<details class="info"><summary>Editor\'s note</summary>\n{text}\n<p><em>{label}:</em> {links}</p>\n</details>'
    )


def _photo(caption: str, credit: str | None) -> str:
    credit_html = f' <span class="orbit-photo__credit">{esc(credit)}</span>' if credit else ""
    return (
        '<figure class="orbit-photo">'
        '<div class="orbit-photo__frame" aria-hidden="true">Photo not reproduced</div>'
        f"<figcaption>{esc(_one_line(caption))}{credit_html}</figcaption></figure>"
    )


def _cut_off(text: str) -> str:
    """Where the reproduced text ends before the story does: an editorial ellipsis and the editors' words."""
    return f'<p class="orbit-cut-off"><span class="orbit-cut-off__mark">[…]</span> {esc(_one_line(text))}</p>'


def _one_line(text: str) -> str:
    """Text for a raw HTML block: a blank line would end the block and hand the rest to Markdown."""
    return " ".join(text.split())


def _related(related: list[Related], doc: str) -> list[str]:
    if not related:
        return []
    items = []
    for story in related:
        title = md_text(story.title)
        if story.article:
            title = f"[{title}]({relative_doc(article_doc(story.article), doc)})"
        items.append(f"- **{title}** · {long_date(story.date)}  \n  {md_text(story.summary)}")
    return ["## Related stories", "\n".join(items)]


def _more(more: Sequence[Kin], stories: Mapping[str, Article], doc: str) -> list[str]:
    """The stories of the site that share the most with this one, each with what it shares."""
    if not more:
        return []
    items = []
    for kin in more:
        story, link = stories[kin.slug], relative_doc(article_doc(kin.slug), doc)
        shown = ", ".join(md_text(name) for name in kin.shared[:SHARED_SHOWN])
        rest = len(kin.shared) - SHARED_SHOWN
        shown += f" and {rest} more" if rest > 0 else ""
        items.append(
            f"- **[{md_text(story.title)}]({link})** · {long_date(story.date)} · {md_text(story.publisher)}  \n"
            f'  <span class="orbit-more__why">Shares: {shown}</span>'
        )
    intro = '<p class="orbit-more__intro">Chosen by the site: the stories that share the most tags and names with this one.</p>'
    return ["## More on this { #more-on-this }", intro, "\n".join(items)]
