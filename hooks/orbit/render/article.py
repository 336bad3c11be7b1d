"""The annotated article page: headline, standfirst, byline, body, captions, notes, related."""

from __future__ import annotations

import re

from ..data.models import Article, ParagraphNote, Related
from ..pages.addresses import article_doc, person_doc, relative_doc
from ..pages.placeholders import COMMENTS
from .common import admonition, esc, long_date, md_link, sources_line, time_tag
from .tags import story_tags

THREAD_TITLE = "Reader comments: "  # + the story's title, on a long thread's own page
_INSERTION = re.compile(r"\{\+\+(.+?)\+\+\}")


def render_article(slug: str, article: Article, has_comments: bool) -> str:
    """The Markdown of `articles/<slug>.md`; comments are spliced in after conversion."""
    doc = article_doc(slug)
    parts = [f"# {article.title}", _dek(article), _byline(article, doc)]
    if article.tags:
        parts.append(story_tags(article.tags, doc))
    parts += _body(article)
    if article.explore_further:
        parts.append(f'<p class="orbit-explore"><strong>Explore further:</strong> {esc(article.explore_further)}</p>')
    parts += _related(article.related, doc)
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


def insertions(text: str) -> str:
    """Mark words restored by the editors: `{++space++}` -> a visible `[space]` insertion."""
    title = "Editorial insertion: restores words lost from the extracted text"
    return _INSERTION.sub(lambda m: f'<ins class="orbit-insertion" title="{title}">[{m.group(1)}]</ins>', text)


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
    blocks = []
    for number, paragraph in enumerate(article.paragraphs(), start=1):
        blocks.append(f"{insertions(paragraph)}\n{{: #p-{number} .orbit-para }}")
        if number in notes:
            blocks.append(_note(notes[number]))
        if number in images:
            blocks.append(_photo(images[number].caption, images[number].credit))
    return blocks


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
