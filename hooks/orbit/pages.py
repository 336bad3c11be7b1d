"""Every generated page of the site, as Markdown plus the HTML spliced in after conversion."""

from __future__ import annotations

from .generated import GeneratedPage, PageBuilder
from .loading import Site
from .markers import MarkerContext, expand_markers
from .paths import article_doc, chart_doc, doc_url, relative_url
from .render.article import COMMENTS_PLACEHOLDER, render_article
from .render import charts, glossary, profiles, stories, timeline
from .render.comments import render_comments


def article_pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    """One page per article, with its comment thread spliced in as escaped HTML."""
    pages = []
    for slug, article in site.articles.items():
        doc = article_doc(slug)
        comments = site.comments.get(slug)
        splices = {COMMENTS_PLACEHOLDER.format(slug=slug): _thread(site, slug, doc, markers)} if comments else {}
        markdown = render_article(slug, article, bool(comments))
        pages.append(GeneratedPage(doc, markdown, site.data_file("articles", slug), splices))
    return pages


def _thread(site: Site, slug: str, doc: str, markers: MarkerContext) -> str:
    """The comment thread of `slug`, linking the chart of its ratings when there is one."""
    chart = next((k for k, c in site.charts.items() if c.derive == "comment-ratings" and c.article == slug), None)
    ratings_url = relative_url(doc_url(chart_doc(chart)), doc_url(doc)) if chart else None
    where = site.data_file("comments", slug)
    return render_comments(site.comments[slug], ratings_url, lambda text: expand_markers(text, doc, markers, True, where))


def build_pages(site: Site, markers: MarkerContext, builders: list[PageBuilder]) -> list[GeneratedPage]:
    """Run every page builder over the validated site."""
    return [page for builder in builders for page in builder(site, markers)]


BUILDERS: list[PageBuilder] = [article_pages, stories.pages, glossary.pages, profiles.pages, timeline.pages, charts.pages]
