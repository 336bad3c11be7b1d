"""The annotated article page: headline, standfirst, byline, body, captions, notes, claims, related."""

from __future__ import annotations

from ..data.claims import quote_spans, reading_order
from ..data.models import Article, Claim, ParagraphNote, Related
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
from .common import admonition, esc, insertions, long_date, md_link, sources_line, time_tag
from .tags import story_tags

THREAD_TITLE = "Reader comments: "  # + the story's title, on a long thread's own page


def render_article(slug: str, article: Article, has_comments: bool, ctx: StoryContext | None = None) -> str:
    """The Markdown of `articles/<slug>.md`; comments are spliced in after conversion.

    `ctx` brings the timeline and the names the story names, for "What happened next", and expands
    markers in the claims' notes; without it, the notes' markers stay as written."""
    ctx = ctx or StoryContext()
    doc = article_doc(slug)
    parts = [revision_meta(article)] if article.updates else []
    parts += [f"# {article.title}", _dek(article), _byline(article, doc)]
    parts += [updated_line(article)] if article.updates else []
    parts += [story_tags(article.tags, doc)] if article.tags else []
    parts += [claims_intro(article)] if article.claims else []
    parts += _body(article)
    if article.explore_further:
        parts.append(f'<p class="orbit-explore"><strong>Explore further:</strong> {esc(article.explore_further)}</p>')
    parts += next_section(slug, article, ctx) + notes_section(article, ctx)
    parts += _related(article.related, doc) + changes_section(article)
    if has_comments:
        parts += ["## Reader comments { #comments }", COMMENTS.format(slug=slug)]
    return "\n\n".join(parts) + "\n"


def render_thread_page(slug: str, article: Article, doc: str) -> str:
    """The Markdown of a long thread's own page `doc`; the thread is spliced in after conversion.

    Kept out of search: readers find the story, which links here, and the thread is never indexed.
    """
    back = relative_doc(article_doc(slug), doc)
    parts = [f"# {THREAD_TITLE}{article.title}", f"[Back to the story]({back})", COMMENTS.format(slug=slug)]
    return "---\nsearch:\n  exclude: true\n---\n\n" + "\n\n".join(parts) + "\n"


def _dek(article: Article) -> str:
    return f'<p class="orbit-dek">{esc(article.dek)}</p>'


def _byline(article: Article, doc: str) -> str:
    name = esc(article.byline)
    if article.author:
        name = f"[{name}]({relative_doc(person_doc(article.author), doc)})"
    return (
        f'<p class="orbit-byline" markdown>By {name} · {esc(article.publisher)} · '
        f"{time_tag(article.date)} · {md_link(article.source)}</p>"
    )


def _body(article: Article) -> list[str]:
    notes = {note.paragraph: note for note in article.notes}
    images = {image.after_paragraph: image for image in article.images}
    marked: dict[int, list[tuple[int, Claim]]] = {}
    for number, claim in enumerate(reading_order(article), start=1):
        marked.setdefault(claim.paragraph, []).append((number, claim))
    blocks = []
    for number, paragraph in enumerate(article.paragraphs(), start=1):
        blocks.append(f"{_paragraph(paragraph, marked.get(number, []))}\n{{: #p-{number} .orbit-para }}")
        if number in notes:
            blocks.append(_note(notes[number]))
        if number in images:
            blocks.append(_photo(images[number].caption, images[number].credit))
    return blocks


def _paragraph(text: str, claims: list[tuple[int, Claim]]) -> str:
    """A paragraph's Markdown: restored words marked, and each claim's quote (in reading order) marked."""
    pieces, last = [], 0
    for number, claim in claims:
        start, end = quote_spans(text, claim.quote)[0]  # validated: exactly one, cutting no insertion
        pieces += [insertions(text[last:start]), claim_mark(number, claim, insertions(text[start:end]))]
        last = end
    return "".join(pieces) + insertions(text[last:])


def _note(note: ParagraphNote) -> str:
    return admonition("info", "Editor's note", f"{note.text}\n\n{sources_line(note.sources)}", collapsible=True)


def _photo(caption: str, credit: str | None) -> str:
    credit_html = f' <span class="orbit-photo__credit">{esc(credit)}</span>' if credit else ""
    return (
        '<figure class="orbit-photo">'
        '<div class="orbit-photo__frame" aria-hidden="true">Photo not reproduced</div>'
        f"<figcaption>{esc(caption)}{credit_html}</figcaption></figure>"
    )


def _related(related: list[Related], doc: str) -> list[str]:
    if not related:
        return []
    items = []
    for story in related:
        title = esc(story.title)
        if story.article:
            title = f"[{title}]({relative_doc(article_doc(story.article), doc)})"
        items.append(f"- **{title}** · {long_date(story.date)}  \n  {esc(story.summary)}")
    return ["## Related stories", "\n".join(items)]
