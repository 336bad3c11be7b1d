"""The timeline: an overview with the events chart and the list of periods, then one page per
decade (a busy decade on several, pages.timeline says which) with its events as dated entries
grouped by year.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ..data.models import CATEGORY_LANES, Event
from ..data.site import Site
from ..link.entities import Entity
from ..pages.addresses import TIMELINE_DOC, article_doc, relative_doc
from ..pages.timeline import Dated, Period
from .common import long_date, md_link, md_text


def overview_markdown(periods: Sequence[Period], chart: str) -> str:
    """The overview: intro, the events chart's block (if any), the list of periods."""
    parts = ["# Timeline", _intro([pair for period in periods for pair in period.events])]
    if chart:
        parts.append(chart)
    parts += ["## Events by decade", "\n".join(_period_item(period) for period in periods)]
    return "\n\n".join(parts) + "\n"


def _intro(dated: Dated) -> str:
    first, last = dated[0][0].date[:4], dated[-1][0].date[:4]
    lanes = [CATEGORY_LANES[c] for c in CATEGORY_LANES if any(e.category == c for e, _ in dated)]
    return (
        f"{len(dated)} dated events from {first} to {last} behind the story, in {len(lanes)} lanes ({', '.join(lanes)}). "
        "Each event names its source and links the agencies and people involved."
    )


def _period_item(period: Period) -> str:
    """`- [The 2010s](2010s.md): 12 events, 2011–2019`."""
    link = relative_doc(period.doc, TIMELINE_DOC)
    return f"- [{period.name.capitalize()}]({link}): {_count(period.events)}, {period.years}"


# By event anchor, the stories' outcomes that are that event: (story title, `doc#anchor` of the outcome).
Followed = dict[str, list[tuple[str, str]]]


def period_markdown(
    periods: Sequence[Period], at: int, site: Site, entities: dict[str, Entity], followed: Followed | None = None
) -> str:
    """Timeline page `periods[at]`: its events grouped by year, then links to the neighbouring pages.

    An event that a story gives as what happened next is marked, and links that story's item."""
    period, followed = periods[at], followed or {}
    parts = [f"# Timeline: {period.name}", _period_intro(period)]
    for year, group in groupby(period.events, key=lambda pair: pair[0].date[:4]):
        parts.append(f"## {year}")
        parts += [
            event_markdown(event, anchor, site, entities, period.doc, followed.get(anchor, []))
            for event, anchor in group
        ]
    parts.append(_neighbours(periods, at))
    return "\n\n".join(parts) + "\n"


def _period_intro(period: Period) -> str:
    years = f", {period.years}" if period.parts > 1 else ""
    overview = relative_doc(TIMELINE_DOC, period.doc)
    return f"{_count(period.events)} of {period.name}{years}, oldest first. The [timeline overview]({overview}) charts them all and lists every period."


def _count(dated: Dated) -> str:
    return f"{len(dated)} event{'s' if len(dated) != 1 else ''}"


def _neighbours(periods: Sequence[Period], at: int) -> str:
    """Links to the previous and next timeline pages and back to the overview."""
    doc = periods[at].doc
    near = [("Earlier", p) for p in periods[max(at - 1, 0) : at]] + [("Later", p) for p in periods[at + 1 : at + 2]]
    links = [f"*{label}:* [{other.name}]({relative_doc(other.doc, doc)})" for label, other in near]
    return " · ".join([*links, f"[All periods]({relative_doc(TIMELINE_DOC, doc)})"])


def event_markdown(
    event: Event,
    anchor: str,
    site: Site,
    entities: dict[str, Entity],
    doc: str,
    followed: Sequence[tuple[str, str]] = (),
) -> str:
    """One event on page `doc`: its date and title (the anchor), summary, source and actors, caveat if any,
    and the stories that give it as what happened next (`followed`: story title, `doc#anchor`)."""
    head = f'<time datetime="{event.date}">{long_date(event.date)}</time> · **{md_text(event.title)}** · *{CATEGORY_LANES[event.category]}*'
    marked = " .orbit-event--outcome" if followed else ""
    parts = [
        f"{head}\n{{: #{anchor} .orbit-event{marked} }}",
        " ".join(event.summary.split()),
        _meta(event, site, entities, doc),
    ]
    if followed:
        links = " · ".join(f"[{md_text(title)}]({relative_doc(target, doc)})" for title, target in followed)
        parts.append(f"*What happened next in:* {links}\n{{: .orbit-event__outcome }}")
    if event.caveat:
        parts.append(f"*Caveat:* {md_text(event.caveat)}\n{{: .orbit-caveat }}")  # plain text, as in claims
    return "\n\n".join(parts)


def _meta(event: Event, site: Site, entities: dict[str, Entity], doc: str) -> str:
    items = [f"*Source:* {md_link(event.source)}"]
    actors = [entities[actor] for actor in event.actors if actor in entities]
    if actors:
        items.append("*Involves:* " + ", ".join(f"[{md_text(a.label)}]({relative_doc(a.doc, doc)})" for a in actors))
    if event.article and event.article in site.articles:
        items.append(
            f"*Story:* [{md_text(site.articles[event.article].title)}]({relative_doc(article_doc(event.article), doc)})"
        )
    return " · ".join(items) + "\n{: .orbit-event__meta }"
