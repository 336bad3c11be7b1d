"""The front page: every story, newest first, FRONT_PAGE_STORIES a page (the first is the home page),
each with its date, publisher, standfirst, lead caption and links to its thread and its checks."""

from __future__ import annotations

from ..data.models import Article, Comment
from ..data.site import Site
from ..pages.addresses import FRONT_PAGE_STORIES, STORIES_DOC, article_doc, front_doc, relative_doc
from .claims import NOTES_ID
from .common import md_text, time_tag

LIST_TITLE = "Latest stories"


def front_slugs(site: Site) -> list[str]:
    """Every story, newest first; of one day, A-Z by file name."""
    return sorted(site.articles, key=lambda slug: (-site.articles[slug].date.toordinal(), slug))


def front_pages_count(stories: int) -> int:
    """How many pages the front page takes."""
    return max(1, -(-stories // FRONT_PAGE_STORIES))


def render_front(site: Site, slugs: list[str], number: int, heading: str = "") -> str:
    """Page `number` (from 1) of the front page. Page 1 is a section for the end of the home page,
    under the page title `heading` when the home page has no introduction of an editor's."""
    doc, pages = front_doc(number), front_pages_count(len(slugs))
    if number > 1:
        lines = [f"# {LIST_TITLE}: page {number} of {pages}", ""]
    else:
        lines = [f"# {md_text(heading)}", ""] if heading else []
        lines += [f"## {LIST_TITLE} {{ #stories }}", ""]
    shown = slugs[(number - 1) * FRONT_PAGE_STORIES :][:FRONT_PAGE_STORIES]
    items = [_item(slug, site.articles[slug], site.comments.get(slug, []), doc) for slug in shown]
    items = items or ["No stories yet."]
    lines += ['<div class="orbit-front" markdown>', "", *items, "", "</div>", "", _pager(number, pages, doc)]
    return "\n".join(lines) + "\n"


def _item(slug: str, article: Article, comments: list[Comment], doc: str) -> str:
    """One story: headline, date and publisher, standfirst, lead caption, its comments and checks."""
    link = relative_doc(article_doc(slug), doc)
    # The publisher's name is theirs, not a mention of an entry (as on the story's credit line).
    meta = f'<span class="orbit-front__meta" data-orbit-no-link>{time_tag(article.date)} · {_text(article.publisher)}</span>'
    lines = [f"- **[{_text(article.title)}]({link})**", meta, _text(article.dek)]
    if article.images:
        lead = min(article.images, key=lambda image: image.after_paragraph)
        lines.append(f'<span class="orbit-front__caption">Lead photo: {_text(lead.caption)}</span>')
    lines.append(f'<span class="orbit-front__links">{" · ".join(_links(article, comments, link))}</span>')
    return "  \n  ".join(lines)


def _links(article: Article, comments: list[Comment], link: str) -> list[str]:
    count = len(article.claims)
    checked = f"{count} passage{'s' if count != 1 else ''} checked" if count else "no passage checked yet"
    links = [f"[{checked}]({link}#{NOTES_ID})" if count else checked]
    shown = sum(comment.status == "published" for comment in comments)  # as the story counts them
    if shown:
        links.append(f"[{shown} reader comment{'s' if shown != 1 else ''}]({link}#comments)")
    return links


def _pager(number: int, pages: int, doc: str) -> str:
    """Links to the newer and older pages, and to the archive by year."""
    links = []
    if number > 1:
        links.append(f"[Newer stories]({relative_doc(front_doc(number - 1), doc)})")
    if number < pages:
        links.append(f"[Older stories]({relative_doc(front_doc(number + 1), doc)})")
    links.append(f"[All stories by year]({relative_doc(STORIES_DOC, doc)})")
    return f'<nav class="orbit-front__pager" aria-label="Front page" markdown="span">{" · ".join(links)}</nav>'


def _text(text: str) -> str:
    """Data text on one line of a list item (a blank line would end it), escaped for Markdown."""
    return md_text(" ".join(text.split()))
