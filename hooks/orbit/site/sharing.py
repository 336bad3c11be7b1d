"""Each page's sharing metadata (`PageMeta`): its description, card, dates and structured data.

Generated pages get theirs from what they present (`GeneratedPage.subject`), editors' pages from
their front matter. Stories, charts, terms, agencies and people have a card of their own; other
pages share the card of their section (an overview), or of what they belong to.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from pydantic import BaseModel

from ..data.dates import story_modified
from ..data.models import AGENCY_PREFIX, Source
from ..data.tags import site_tags
from ..pages.addresses import (
    AGENCIES_DOC,
    CHARTS_DOC,
    GLOSSARY_DOC,
    HOME_DOC,
    PEOPLE_DOC,
    STORIES_DOC,
    TAGS_DOC,
    TIMELINE_DOC,
    agency_doc,
    article_doc,
    card_path,
    chart_doc,
    person_doc,
    term_doc,
)
from ..pages.meta import Card, PageMeta
from ..pages.page import GeneratedPage
from ..render import structured
from ..render.claims import CHANGES_ID
from ..render.describe import plain, shorten, summary
from ..render.feeds import FeedInfo, FeedItem, json_feed, rss_feed
from ..render.head import JSON_FEED, RSS_FEED, head_html
from ..render.stories import story_count, story_years
from .context import Context

# A story is `about` the entities its text links, this many at most (a long story links a
# hundred, which made its JSON-LD 12 kB; every page stays under 80 kB).
ABOUT_MAX = 8
_TAG = re.compile(r"<[^>]+>")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def page_metas(ctx: Context, pages: list[GeneratedPage]) -> dict[str, PageMeta]:
    """The metadata of every generated page, by source path."""
    shared = _Shared(ctx)
    return {page.doc: _BY_SUBJECT[page.subject[0]](ctx, shared, *page.subject[1:]) for page in pages}


def editor_meta(ctx: Context, doc: str, description: str | None, content: str) -> PageMeta:
    """An editor's page (from `docs/`): its front matter's description, else the first paragraph
    of its `content` (HTML), else the site's; and the site's card."""
    text = description or first_paragraph(content) or ctx.info.description
    nodes = (structured.website(ctx.info),) if doc == HOME_DOC else ()
    return PageMeta(shorten(text), site_card(ctx), nodes=nodes)


def first_paragraph(page_html: str) -> str:
    """The text of the first paragraph of a page's HTML, if it has one."""
    match = _PARAGRAPH.search(page_html)
    return plain_title(match.group(1)) if match else ""


def plain_title(title: str) -> str:
    """A page title as MkDocs gives it (it may hold markup and references) as plain text."""
    return " ".join(html.unescape(_TAG.sub("", title)).split())


def site_card(ctx: Context) -> Card:
    """The card of the site itself: the home page and editors' pages."""
    return Card(card_path("site.md"), ctx.info.name, ctx.info.description, "Explainer")


# --- stories ------------------------------------------------------------------


def _story(ctx: Context, shared: _Shared, slug: str) -> PageMeta:
    article = ctx.site.articles[slug]
    card = _story_card(ctx, slug)
    comments = [comment for comment in ctx.site.comments.get(slug, []) if comment.status == "published"]
    node = structured.news_article(slug, article, ctx.info, ctx.info.url + card.path, len(comments))
    return PageMeta(
        shorten(plain(article.dek)),
        card,
        title=article.title,
        article=True,
        published=article.date,
        modified=story_modified(article),
        lastmod=_latest(story_modified(article), *(comment.date for comment in comments)),
        tags=tuple(article.tags),
        nodes=(node,),
        about=True,
    )


def _story_card(ctx: Context, slug: str) -> Card:
    article = ctx.site.articles[slug]
    return Card(card_path(article_doc(slug)), article.title, plain(article.dek), "Story")


def _thread(ctx: Context, shared: _Shared, slug: str, number: str = "1", pages: str = "1") -> PageMeta:
    article, comments = ctx.site.articles[slug], ctx.site.comments[slug]
    where = f"Page {number} of {pages} of the" if pages != "1" else "The"  # first: a cut never drops it
    text = f"{where} {len(comments)} reader comments on the story “{article.title}”."
    return PageMeta(shorten(text), _story_card(ctx, slug), lastmod=_latest(*(comment.date for comment in comments)))


def _front(ctx: Context, shared: _Shared, number: str, pages: str) -> PageMeta:
    """A page of the front page; its first is the home page when docs/ has none of an editor's."""
    lastmod = shared.lastmod[STORIES_DOC]
    if number == "1":
        return PageMeta(
            shorten(ctx.info.description or shared.words[STORIES_DOC][1]),
            site_card(ctx),
            lastmod=lastmod,
            nodes=(structured.website(ctx.info),),
        )
    text = f"Every story on this site, {len(ctx.site.articles)} in all, newest first: page {number} of {pages}."
    return PageMeta(text, site_card(ctx), lastmod=lastmod)


def _stories(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(STORIES_DOC)


def _year(ctx: Context, shared: _Shared, year: str) -> PageMeta:
    slugs = shared.years[int(year)]
    text = f"The stories of {year}: {story_count(len(slugs))}, newest first, each with its standfirst."
    return PageMeta(text, shared.card(STORIES_DOC), lastmod=_stories_lastmod(ctx, slugs))


def _tags(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(TAGS_DOC)


def _tag(ctx: Context, shared: _Shared, slug: str, number: str) -> PageMeta:
    tag = shared.tags[slug]
    text = f"Stories tagged “{tag.name}”: {story_count(len(tag.stories))}, newest first"
    text += f" (page {number})." if number != "1" else "."
    return PageMeta(shorten(text), shared.card(TAGS_DOC), lastmod=_stories_lastmod(ctx, tag.stories))


# --- glossary, profiles, timeline, charts ----------------------------------------------


def _glossary(ctx: Context, shared: _Shared) -> PageMeta:
    meta = shared.meta(GLOSSARY_DOC)
    return PageMeta(meta.description, meta.card, nodes=(structured.term_set(ctx.info, meta.description),))


def _term(ctx: Context, shared: _Shared, key: str) -> PageMeta:
    term, doc, labels = ctx.site.terms[key], term_doc(key), shared.labels
    card = Card(card_path(doc), term.term, summary(term.definition, labels), "Glossary")
    node = structured.defined_term(term, doc, ctx.info, labels)
    return PageMeta(card.description, card, lastmod=_accessed(term), nodes=(node,))


def _agencies(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(AGENCIES_DOC)


def _agency(ctx: Context, shared: _Shared, key: str) -> PageMeta:
    agency, doc, labels = ctx.site.agencies[key], agency_doc(key), shared.labels
    card = Card(card_path(doc), f"{agency.name} ({agency.acronym})", summary(agency.summary, labels), "Agency")
    nodes = [structured.organization(agency, doc, ctx.info, labels)]
    if AGENCY_PREFIX + key in ctx.charts:  # its budget chart lives on the profile
        nodes.append(structured.dataset(ctx.charts[AGENCY_PREFIX + key], ctx.info))
    return PageMeta(card.description, card, lastmod=_accessed(agency), nodes=tuple(nodes))


def _people(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(PEOPLE_DOC)


def _person(ctx: Context, shared: _Shared, key: str) -> PageMeta:
    who, doc, labels = ctx.site.people[key], person_doc(key), shared.labels
    card = Card(card_path(doc), who.name, summary(who.summary, labels), "Person")
    agencies = {k: ctx.info.absolute(agency_doc(k)) for k in ctx.site.agencies}
    node = structured.person(who, doc, ctx.info, agencies, labels)
    return PageMeta(card.description, card, lastmod=_accessed(who), nodes=(node,))


def _timeline(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(TIMELINE_DOC)


def _period(ctx: Context, shared: _Shared, doc: str) -> PageMeta:
    period = shared.periods[doc]
    events, years = period.events, period.years.replace("–", " to ")
    text = (
        f"The timeline of {period.name}: {len(events)} dated events from {years}, oldest first, each with its source."
    )
    return PageMeta(text, shared.card(TIMELINE_DOC), lastmod=_latest(*(_accessed(e) for e, _ in events)))


def _charts(ctx: Context, shared: _Shared) -> PageMeta:
    return shared.meta(CHARTS_DOC)


def _chart(ctx: Context, shared: _Shared, key: str) -> PageMeta:
    # Once per chart: its table pages share it, and its sources' dates are read from every point.
    if key not in shared.charts:
        data = ctx.charts[key]
        card = Card(card_path(chart_doc(key)), data.title, shorten(plain(data.caption)), "Chart")
        nodes = (structured.dataset(data, ctx.info),)
        shared.charts[key] = PageMeta(card.description, card, lastmod=_accessed(ctx.site.charts[key]), nodes=nodes)
    return shared.charts[key]


def _table(ctx: Context, shared: _Shared, key: str, first: str, last: str) -> PageMeta:
    data, chart = ctx.charts[key], _chart(ctx, shared, key)
    text = f"Rows {first}–{last} of the {len(data.table.rows)}-row table of the chart “{data.title}”."
    return PageMeta(shorten(text), chart.card, lastmod=chart.lastmod)


_BY_SUBJECT: dict[str, Callable[..., PageMeta]] = {
    "front": _front,
    "story": _story,
    "thread": _thread,
    "stories": _stories,
    "year": _year,
    "tags": _tags,
    "tag": _tag,
    "glossary": _glossary,
    "term": _term,
    "agencies": _agencies,
    "agency": _agency,
    "people": _people,
    "person": _person,
    "timeline": _timeline,
    "period": _period,
    "charts": _charts,
    "chart": _chart,
    "table": _table,
}


class _Shared:
    """What many pages' metadata needs, derived once: entity labels (what an editor's `[[id]]`
    shows), tags, years, timeline pages, and the overview pages' words and cards (shared by their section)."""

    def __init__(self, ctx: Context):
        site, events = ctx.site, ctx.dated_events
        self.labels = {key: entity.label for key, entity in ctx.entities.items()}
        self.tags = {tag.slug: tag for tag in site_tags(site)}
        self.years, self.periods = story_years(site), {period.doc: period for period in ctx.timeline.periods}
        years = f"from {events[0][0].date[:4]} to {events[-1][0].date[:4]}" if events else ""
        own = [key for key in ctx.charts if key in site.charts]
        self.words = {
            STORIES_DOC: ("Stories", f"Every story on this site, {len(site.articles)} in all, newest first, by year."),
            TAGS_DOC: ("Tags", f"The {len(self.tags)} tags of the stories, A–Z, each with its stories."),
            GLOSSARY_DOC: ("Glossary", f"An A–Z glossary of {len(site.terms)} terms the stories use, with sources."),
            AGENCIES_DOC: ("Agencies", f"Profiles of the {len(site.agencies)} agencies in the stories, with sources."),
            PEOPLE_DOC: ("People", f"Profiles of the {len(site.people)} people in the stories, with sources."),
            TIMELINE_DOC: ("Timeline", f"{len(events)} dated events {years}, on a chart and decade by decade."),
            CHARTS_DOC: ("Charts", f"The {len(own)} charts of the site, each with its table, sources and CSV."),
        }
        self.lastmod = {STORIES_DOC: _stories_lastmod(ctx, list(site.articles)), TAGS_DOC: None}
        self.lastmod[TAGS_DOC] = self.lastmod[STORIES_DOC]
        self.charts: dict[str, PageMeta] = {}  # each chart's, by key

    def card(self, doc: str) -> Card:
        title, description = self.words[doc]
        return Card(card_path(doc), title, description, "Overview")

    def meta(self, doc: str) -> PageMeta:
        return PageMeta(self.words[doc][1], self.card(doc), lastmod=self.lastmod.get(doc))


# --- dates -----------------------------------------------------------------------


def _latest(*dates: dt.date | None) -> dt.date | None:
    known = [date for date in dates if date]
    return max(known) if known else None


def _stories_lastmod(ctx: Context, slugs) -> dt.date | None:
    return _latest(*(story_modified(ctx.site.articles[slug]) for slug in slugs))


def _accessed(record: BaseModel) -> dt.date | None:
    """The latest date any source of a record was consulted (`accessed`), if the data gives one."""
    return _latest(*(source.accessed for source in _sources(record)))


def _sources(value) -> Iterator[Source]:
    if isinstance(value, Source):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _sources(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _sources(item)


# --- the page's head, and the site's feeds and robots.txt ----------------------------------


def page_head(
    ctx: Context, meta: PageMeta, url: str, title: str, linked: list[str], crumbs: list[tuple[str, str]]
) -> str:
    """The head tags of the page at site URL `url`: `linked` are the entities it links (what a
    story is `about`), `crumbs` the (title, site URL) of the pages above it."""
    nodes = list(meta.nodes)
    if meta.about and nodes:
        # Its agencies and people first (who the story is about), then its terms, each in text order.
        ranked = sorted(linked, key=lambda key: ctx.entities[key].kind == "terms")[:ABOUT_MAX]
        nodes[0] = {**nodes[0], "about": [structured.entity_ref(ctx.entities[key], ctx.info) for key in ranked]}
    if url:  # every page below the home page
        items = [(name, ctx.info.url + where) for name, where in [*crumbs, (meta.title or plain_title(title), url)]]
        nodes.append(structured.breadcrumbs(items))
    return head_html(meta, ctx.info, url, meta.title or plain_title(title), nodes)


def feed_items(ctx: Context) -> list[FeedItem]:
    """One item per story, dated by the story, and one per dated update, pointing at its change log."""
    items = []
    for slug, article in ctx.site.articles.items():
        url = ctx.info.absolute(article_doc(slug))
        image = ctx.info.url + _story_card(ctx, slug).path
        story = FeedItem(
            url, url, article.title, plain(article.dek), article.date, (article.byline,), tuple(article.tags), image
        )
        items.append(story)
        for number, update in enumerate(article.updates, start=1):
            where, title = f"{url}#{CHANGES_ID}", f"Updated: {article.title}"
            # By the site's editors, not the story's author.
            update_item = replace(story, id=f"{where}-{number}", url=where, title=title, authors=())
            items.append(replace(update_item, summary=update.text, date=update.date))
    return items


def site_files(ctx: Context) -> dict[str, str]:
    """The feeds (RSS 2.0, JSON Feed 1.1) and robots.txt."""
    info = ctx.info
    feed = FeedInfo(f"{info.name}: stories", info.description, info.url, info.url + RSS_FEED, info.url + JSON_FEED)
    items = feed_items(ctx)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {info.url}sitemap.xml\n"
    return {RSS_FEED: rss_feed(feed, items), JSON_FEED: json_feed(feed, items), "robots.txt": robots}
