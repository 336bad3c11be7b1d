"""The "mentioned in" lists on glossary entries and profiles: the stories, profiles, terms and
charts that link the entry (the site stage leaves index, list and editors' pages out)."""

from __future__ import annotations

from dataclasses import dataclass

from ..pages.addresses import relative_url
from .article import THREAD_TITLE
from .common import esc

# What kind of page a mention sits on, by the first part of its URL.
_KINDS = {
    "articles": "Article",
    "agencies": "Agency",
    "people": "Person",
    "glossary": "Glossary",
    "charts": "Chart",
    "timeline": "Timeline",
}


@dataclass(frozen=True)
class PageMention:
    """A linked mention of an entity on some page of the site."""

    title: str
    url: str
    anchor: str
    scope: str


# Beyond this, a list would outweigh the entry it closes (PERFORMANCE.md).
MAX_SHOWN = 12


def mentions_html(mentions: list[PageMention], page_url: str) -> str:
    """A list of links to each place an entity is mentioned, or a short note when there are none."""
    shown = _distinct(m for m in mentions if m.url != page_url)
    if not shown:
        return (
            '<p class="orbit-mentions orbit-mentions--none">Not mentioned in any story, profile, term or chart yet.</p>'
        )
    items = "".join(_item(mention, page_url) for mention in shown[:MAX_SHOWN])
    more = len(shown) - MAX_SHOWN
    rest = f'<li class="orbit-mentions__more">and {more} more place{"s" if more != 1 else ""}</li>' if more > 0 else ""
    return f'<ul class="orbit-mentions">{items}{rest}</ul>'


def _distinct(mentions) -> list[PageMention]:
    """Each place once, stories first (what a reader came for), then in a stable order."""
    unique = {(m.url, m.anchor): m for m in mentions}
    return sorted(unique.values(), key=lambda m: (_kind(m.url) != "Article", m.url, m.scope != "page", m.anchor))


def _item(mention: PageMention, page_url: str) -> str:
    href = relative_url(f"{mention.url}#{mention.anchor}", page_url)
    kind, where = _kind(mention.url), ""
    title = mention.title.removeprefix(f"{kind}: ")  # "Timeline: Timeline: the 1990s" would say it twice
    if mention.scope == "comments":  # so would "Reader comments: X (reader comments)"
        title, where = title.removeprefix(THREAD_TITLE), " (reader comments)"
    return f'<li><span class="orbit-mentions__kind">{kind}:</span> <a href="{esc(href)}">{esc(title)}</a>{where}</li>'


def _kind(url: str) -> str:
    """ "Article", "Agency", ... or "Page" for editors' own pages."""
    return _KINDS.get(url.split("/", 1)[0], "Page")
