"""Every generated page of the site, as Markdown plus the HTML spliced in after conversion."""

from __future__ import annotations

from dataclasses import replace

from .generated import GeneratedPage, PageBuilder
from .loading import Site
from .markers import MarkerContext, expand_markers
from .paths import article_doc, chart_doc, doc_url, relative_url, thread_doc
from .render.article import COMMENTS_PLACEHOLDER, render_article, render_thread_page
from .render import charts, glossary, profiles, stories, timeline
from .render.comments import comments_link, render_comments


def article_pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    """One page per article, and one per long comment thread."""
    return [page for slug in site.articles for page in _story_pages(site, slug, markers)]


def _story_pages(site: Site, slug: str, markers: MarkerContext) -> list[GeneratedPage]:
    """The story with its comment thread (escaped HTML, spliced in after Markdown) below it or,
    when long, its summary below it and the thread on a page of its own."""
    article, comments = site.articles[slug], site.comments.get(slug, [])
    doc, thread = article_doc(slug), thread_doc(slug, len(comments))
    story = GeneratedPage(doc, render_article(slug, article, bool(comments)), site.data_file("articles", slug))
    if not comments:
        return [story]
    placeholder = COMMENTS_PLACEHOLDER.format(slug=slug)
    if thread == doc:
        return [replace(story, splices={placeholder: _thread(site, slug, doc, markers)})]
    own = GeneratedPage(thread, render_thread_page(slug, article, thread), site.data_file("comments", slug),
                        {placeholder: _thread(site, slug, thread, markers)}, listed=False, apart=True)
    return [replace(story, splices={placeholder: _teaser(site, slug, doc, thread)}), own]


def _ratings_url(site: Site, slug: str, doc: str) -> str | None:
    """The link from page `doc` to the chart of the ratings of `slug`'s comments, if there is one."""
    chart = next((k for k, c in site.charts.items() if c.derive == "comment-ratings" and c.article == slug), None)
    return relative_url(doc_url(chart_doc(chart)), doc_url(doc)) if chart else None


def _thread(site: Site, slug: str, doc: str, markers: MarkerContext) -> str:
    """The comment thread of `slug` on page `doc`."""
    where = site.data_file("comments", slug)
    expand = lambda text: expand_markers(text, doc, markers, True, where)  # noqa: E731
    return render_comments(site.comments[slug], _ratings_url(site, slug, doc), expand)


def _teaser(site: Site, slug: str, doc: str, thread: str) -> str:
    """On the story page, the summary of a long thread and a link to its page."""
    thread_url = relative_url(doc_url(thread), doc_url(doc))
    return comments_link(site.comments[slug], _ratings_url(site, slug, doc), thread_url)


def build_pages(site: Site, markers: MarkerContext, builders: list[PageBuilder]) -> list[GeneratedPage]:
    """Run every page builder over the validated site."""
    return [page for builder in builders for page in builder(site, markers)]


BUILDERS: list[PageBuilder] = [article_pages, stories.pages, glossary.pages, profiles.pages, timeline.pages, charts.pages]
