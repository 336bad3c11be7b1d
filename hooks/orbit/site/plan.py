"""Which pages the site has: every page builder, each from one build's `Context` to its pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..data.models import AGENCY_PREFIX
from ..data.tags import site_tags
from ..pages.addresses import (
    AGENCIES_DOC,
    CHARTS_DOC,
    GLOSSARY_DOC,
    PEOPLE_DOC,
    STORIES_DOC,
    TAGS_DOC,
    TIMELINE_DOC,
    agency_doc,
    article_doc,
    chart_doc,
    doc_link,
    front_doc,
    person_doc,
    table_doc,
    table_spans,
    tag_doc,
    term_doc,
    year_doc,
)
from ..pages.page import GeneratedPage
from ..pages.placeholders import COMMENTS
from ..pages.threads import ThreadLayout, comment_map_doc, thread_layout
from ..render import charts, front, glossary, profiles, stories, tags, timeline
from ..render.article import render_article, render_thread_page
from ..render.claims import StoryContext, concerns_markdown
from ..render.comments import comments_link, pager_html, render_comments
from .context import Context

PageBuilder = Callable[[Context], list[GeneratedPage]]


def build_pages(ctx: Context, builders: list[PageBuilder] | None = None) -> list[GeneratedPage]:
    """Run every page builder (default: all of the site's) over one build's context."""
    return [page for builder in builders or BUILDERS for page in builder(ctx)]


# --- stories -------------------------------------------------------------------


def article_pages(ctx: Context) -> list[GeneratedPage]:
    """One page per article, and one per long comment thread."""
    return [page for slug in ctx.site.articles for page in _cached_story_pages(ctx, slug)]


# Each story's pages from the last build, with what they were made from: `mkdocs serve` keeps this
# module, and the data stage hands back the same records for unchanged files, so a rebuild renders
# only the stories whose data changed (comment threads are most of the rendering).
_STORIES: dict[str, tuple[tuple, list[GeneratedPage]]] = {}


def _cached_story_pages(ctx: Context, slug: str) -> list[GeneratedPage]:
    """`_story_pages`, reused when its inputs are the very same as last time (notes and claims with
    markers also depend on every entity's and chart's links)."""
    article, comments = ctx.site.articles[slug], ctx.site.comments.get(slug, [])
    notes = [note.text for note in article.notes] + [note.text for c in comments for note in c.notes]
    links = ctx.marked_version([*notes, *(claim.explanation for claim in article.claims)])
    # "What happened next" shows timeline events that share the story's tags or names (by their labels).
    timeline = (",".join(sorted(ctx.story_names(slug))), ctx.timeline_version)
    inputs = (article, comments, _ratings_chart(ctx, slug), links, *timeline, ctx.more_version(slug))
    cached = _STORIES.get(slug)
    if cached and all(a is b or (isinstance(a, str) and a == b) for a, b in zip(cached[0], inputs, strict=True)):
        return cached[1]
    pages = _story_pages(ctx, slug)
    _STORIES[slug] = (inputs, pages)
    return pages


def _story_pages(ctx: Context, slug: str) -> list[GeneratedPage]:
    """The story with its comment thread (escaped HTML, spliced in after Markdown) below it or,
    when long, its summary below it and the thread on pages of its own."""
    site = ctx.site
    article, comments = site.articles[slug], site.comments.get(slug, [])
    doc = article_doc(slug)
    markdown = render_article(slug, article, bool(comments), _story_context(ctx, slug, doc))
    story = GeneratedPage(doc, markdown, site.data_file("articles", slug), subject=("story", slug))
    if not comments:
        return [story]
    layout, placeholder = thread_layout(slug, comments, len(article.body)), COMMENTS.format(slug=slug)
    if not layout.apart:
        return [replace(story, splices={placeholder: _thread(ctx, layout, 0)})]
    own = [
        GeneratedPage(
            thread,
            render_thread_page(slug, article, thread, at + 1, len(layout.docs)),
            site.data_file("comments", slug),
            {placeholder: _thread(ctx, layout, at)},
            listed=False,
            apart=True,
            subject=("thread", slug, str(at + 1), str(len(layout.docs))),
        )
        for at, thread in enumerate(layout.docs)
    ]
    return [replace(story, splices={placeholder: _teaser(ctx, layout, doc)}), *own]


def _story_context(ctx: Context, slug: str, doc: str) -> StoryContext:
    """What story `slug` needs from the rest of the site: the timeline, the names it names, its
    editors' Markdown (notes, claims) as HTML with markers expanded for page `doc`, and the stories
    that share the most with it."""
    return StoryContext(
        ctx.dated_events,
        ctx.story_names(slug),
        lambda text: ctx.note_html(text, doc),
        ctx.timeline.doc_of,
        ctx.more_on_this[slug],
        ctx.site.articles,
        ctx.labels,
    )


def _ratings_chart(ctx: Context, slug: str) -> str:
    """The id of the chart of the ratings of `slug`'s comments, or ""."""
    charts = ctx.site.charts.items()
    return next((key for key, c in charts if c.derive == "comment-ratings" and c.article == slug), "")


def _ratings_url(ctx: Context, slug: str, doc: str) -> str | None:
    """The link from page `doc` to the chart of the ratings of `slug`'s comments, if there is one."""
    chart = _ratings_chart(ctx, slug)
    return doc_link(chart_doc(chart), doc) if chart else None


def _thread(ctx: Context, layout: ThreadLayout, at: int) -> str:
    """Page `at` of the comment thread laid out in `layout`."""
    doc, slug = layout.docs[at], layout.slug
    notes = lambda text: ctx.note_html(text, doc)
    pager = pager_html([doc_link(other, doc) for other in layout.docs], at) if len(layout.docs) > 1 else ""
    pages = doc_link(comment_map_doc(slug), doc) if layout.apart else ""
    comments = ctx.site.comments[slug]
    level = 2 if layout.apart else 3  # under the thread page's title, or the story's "Reader comments"
    return render_comments(comments, _ratings_url(ctx, slug, doc), notes, layout.pages[at], pager, pages, level)


def _teaser(ctx: Context, layout: ThreadLayout, doc: str) -> str:
    """On the story page, the summary of a long thread and a link to its first page."""
    slug = layout.slug
    thread, pages = doc_link(layout.docs[0], doc), doc_link(comment_map_doc(slug), doc)
    return comments_link(ctx.site.comments[slug], _ratings_url(ctx, slug, doc), thread, pages)


def story_index_pages(ctx: Context) -> list[GeneratedPage]:
    """`articles/index.md` and `articles/<year>/index.md`."""
    years = stories.story_years(ctx.site)
    if not years:
        return []
    yearly = [
        GeneratedPage(year_doc(year), stories.render_year(ctx.site, year, slugs), subject=("year", str(year)))
        for year, slugs in years.items()
    ]
    return [GeneratedPage(STORIES_DOC, stories.render_story_index(years), subject=("stories",)), *yearly]


def front_pages(ctx: Context) -> list[GeneratedPage]:
    """The front page: the home page, then `page/2.md` and on, out of the nav. The home page here
    stands in for an editor's `docs/index.md`, which takes `front_section` below its own text instead."""
    slugs = front.front_slugs(ctx.site)
    count = front.front_pages_count(len(slugs))
    home = front.render_front(ctx.site, slugs, 1, ctx.info.name)
    pages = [GeneratedPage(front_doc(1), home, subject=("front", "1", str(count)))]
    pages += [
        GeneratedPage(
            front_doc(number),
            front.render_front(ctx.site, slugs, number),
            listed=False,
            subject=("front", str(number), str(count)),
        )
        for number in range(2, count + 1)
    ]
    return pages


def front_section(ctx: Context) -> str:
    """The list of the newest stories that goes below an editor's own home page."""
    return front.render_front(ctx.site, front.front_slugs(ctx.site), 1)


def tag_pages(ctx: Context) -> list[GeneratedPage]:
    """`tags/index.md` and the pages of each tag's stories; only the index is in the nav."""
    found = site_tags(ctx.site)
    if not found:
        return []
    pages = [GeneratedPage(TAGS_DOC, tags.render_tag_index(found), subject=("tags",))]
    for tag in found:
        pages += [
            GeneratedPage(
                tag_doc(tag.slug, number),
                tags.render_tag_page(ctx.site, tag, number),
                listed=False,
                subject=("tag", tag.slug, str(number)),
            )
            for number in range(1, tags.tag_pages_count(tag) + 1)
        ]
    return pages


# --- glossary, agencies and people ---------------------------------------------------


def glossary_pages(ctx: Context) -> list[GeneratedPage]:
    """The A-Z index and every term's page; a term page links other entries but not its own term."""
    site = ctx.site
    edit = site.data_file("terms", next(iter(site.terms))) if site.terms else None
    # The index names every term and agency in its own list item: no auto-links for those.
    index = GeneratedPage(
        GLOSSARY_DOC,
        glossary.render_index(site.terms, site.agencies),
        edit,
        exclude=(*site.terms, *site.agencies),
        subject=("glossary",),
    )
    terms = [
        GeneratedPage(
            term_doc(key),
            glossary.render_term(term, site.terms, _claims_of(ctx, key, term_doc(key))),
            site.data_file("terms", key),
            exclude=(key,),
            subject=("term", key),
        )
        for key, term in site.terms.items()
    ]
    return [index, *terms]


def profile_pages(ctx: Context) -> list[GeneratedPage]:
    """The two overview pages and every profile; a profile never auto-links its own subject."""
    site, when = ctx.site, profiles.story_date(ctx.site)
    # The overviews name every agency (or person) in its own row: no auto-links for those.
    result = [
        GeneratedPage(
            AGENCIES_DOC,
            profiles.render_agency_index(site.agencies),
            exclude=tuple(site.agencies),
            subject=("agencies",),
        ),
        GeneratedPage(
            PEOPLE_DOC,
            profiles.render_people_index(site.people, when),
            exclude=tuple(site.people),
            subject=("people",),
        ),
    ]
    for key, agency in site.agencies.items():
        chart = ctx.embed(AGENCY_PREFIX + key, agency_doc(key)) if agency.budget else ""
        markdown = profiles.render_agency(key, agency, site, when, chart, _claims_of(ctx, key, agency_doc(key)))
        edit = site.data_file("agencies", key)
        result.append(GeneratedPage(agency_doc(key), markdown, edit, exclude=(key,), subject=("agency", key)))
    for key, person in site.people.items():
        markdown = profiles.render_person(key, person, site, _claims_of(ctx, key, person_doc(key)))
        edit = site.data_file("people", key)
        result.append(GeneratedPage(person_doc(key), markdown, edit, exclude=(key,), subject=("person", key)))
    return result


def _claims_of(ctx: Context, key: str, doc: str) -> str:
    """The list of the claims that concern entry `key`, for its page `doc` (empty when none do)."""
    return concerns_markdown(ctx.claim_uses.get(key, []), doc)


# --- timeline and charts --------------------------------------------------------------


def timeline_pages(ctx: Context) -> list[GeneratedPage]:
    """`timeline/index.md` and the pages of each decade with events (pages.timeline), all edited in
    `data/events.yml`; no page without events."""
    site, periods = ctx.site, ctx.timeline.periods
    if not periods:
        return []
    edit = site.origins[("events", "0")].file.name
    chart = next((key for key, chart in site.charts.items() if chart.derive == "events"), None)
    overview = GeneratedPage(
        TIMELINE_DOC,
        timeline.overview_markdown(periods, ctx.embed(chart, TIMELINE_DOC) if chart else ""),
        edit,
        subject=("timeline",),
    )
    return [
        overview,
        *(
            GeneratedPage(
                period.doc,
                timeline.period_markdown(periods, at, site, ctx.entities, ctx.outcome_events),
                edit,
                subject=("period", period.doc),
            )
            for at, period in enumerate(periods)
        ),
    ]


def chart_pages(ctx: Context) -> list[GeneratedPage]:
    """The gallery `charts/index.md`, one page per chart file, and the table pages of long tables.

    Agencies' own budget charts live on their profiles (embedded as `agency-<id>`), not on pages here.
    """
    if not ctx.charts:
        return []
    own = [data for key, data in ctx.charts.items() if key in ctx.site.charts]
    gallery = GeneratedPage(
        CHARTS_DOC, charts.gallery_markdown(ctx.site, list(ctx.charts.values())), subject=("charts",)
    )
    pages = [
        GeneratedPage(
            chart_doc(data.key),
            charts.chart_page_markdown(ctx.site, data, ctx.embed(data.key, chart_doc(data.key))),
            data.edit,
            subject=("chart", data.key),
        )
        for data in own
    ]
    for data in filter(charts.paged, own):
        spans = table_spans(len(data.table.rows))
        # Kept out of the nav: the chart's page lists its table pages, and they link each other.
        pages += [
            GeneratedPage(
                table_doc(data.key, span),
                charts.table_page_markdown(data, spans, at),
                data.edit,
                listed=False,
                subject=("table", data.key, str(span[0]), str(span[1])),
            )
            for at, span in enumerate(spans)
        ]
    return [gallery, *pages]


BUILDERS: list[PageBuilder] = [
    front_pages,
    article_pages,
    story_index_pages,
    tag_pages,
    glossary_pages,
    profile_pages,
    timeline_pages,
    chart_pages,
]
