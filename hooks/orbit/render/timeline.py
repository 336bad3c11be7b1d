"""The timeline: an overview with the events chart and the list of decades, then one page per
decade with its events as dated entries grouped by year.

One page per decade keeps every page light however many events there are; an event's anchor is
the same on its decade page as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from ..data.models import CATEGORY_LANES, Event
from ..data.site import Site
from ..link.entities import Entity
from ..pages.addresses import TIMELINE_DOC, article_doc, event_anchors, relative_doc, timeline_doc
from .common import long_date, md_link, md_text

Dated = list[tuple[Event, str]]  # (event, anchor) pairs in date order


def dated_events(site: Site) -> Dated:
    """Every event with its anchor, oldest first."""
    return sorted(zip(site.events, event_anchors(site.events), strict=True), key=lambda pair: pair[0].date)


def by_decade(dated: Dated) -> dict[str, Dated]:
    """The events of each decade page, by its source path, in date order."""
    return {doc: list(group) for doc, group in groupby(dated, key=lambda pair: timeline_doc(pair[0].date))}


def overview_markdown(decades: dict[str, Dated], chart: str) -> str:
    """The overview: intro, the events chart's block (if any), the list of decades."""
    parts = ["# Timeline", _intro([pair for dated in decades.values() for pair in dated])]
    if chart:
        parts.append(chart)
    parts += ["## Events by decade", "\n".join(_period_item(doc, dated) for doc, dated in decades.items())]
    return "\n\n".join(parts) + "\n"


def _intro(dated: Dated) -> str:
    first, last = dated[0][0].date[:4], dated[-1][0].date[:4]
    lanes = [CATEGORY_LANES[c] for c in CATEGORY_LANES if any(e.category == c for e, _ in dated)]
    return (
        f"{len(dated)} dated events from {first} to {last} behind the story, in {len(lanes)} lanes ({', '.join(lanes)}). "
        "Each event names its source and links the agencies and people involved."
    )


def _period_item(doc: str, events: Dated) -> str:
    """`- [The 2010s](2010s.md): 12 events, 2011–2019`."""
    first, last = events[0][0].date[:4], events[-1][0].date[:4]
    years = first if first == last else f"{first}–{last}"
    return f"- [{_decade_name(doc).capitalize()}]({relative_doc(doc, TIMELINE_DOC)}): {_count(events)}, {years}"


def _decade_name(doc: str) -> str:
    """`timeline/2010s.md` -> `the 2010s`."""
    return "the " + doc.rpartition("/")[2].removesuffix(".md")


# By event anchor, the stories' outcomes that are that event: (story title, `doc#anchor` of the outcome).
Followed = dict[str, list[tuple[str, str]]]


def decade_markdown(
    decades: dict[str, Dated], doc: str, site: Site, entities: dict[str, Entity], followed: Followed | None = None
) -> str:
    """One decade page: its events grouped by year, then links to the neighbouring decades.

    An event that a story gives as what happened next is marked, and links that story's item."""
    dated, followed = decades[doc], followed or {}
    parts = [f"# Timeline: {_decade_name(doc)}", _decade_intro(dated, doc)]
    for year, group in groupby(dated, key=lambda pair: pair[0].date[:4]):
        parts.append(f"## {year}")
        parts += [
            event_markdown(event, anchor, site, entities, doc, followed.get(anchor, [])) for event, anchor in group
        ]
    parts.append(_neighbours(list(decades), doc))
    return "\n\n".join(parts) + "\n"


def _decade_intro(dated: Dated, doc: str) -> str:
    return f"{_count(dated)} of {_decade_name(doc)}, oldest first. The [timeline overview]({relative_doc(TIMELINE_DOC, doc)}) charts them all and lists every period."


def _count(dated: Dated) -> str:
    return f"{len(dated)} event{'s' if len(dated) != 1 else ''}"


def _neighbours(docs: list[str], doc: str) -> str:
    """Links to the previous and next decade pages and back to the overview."""
    at = docs.index(doc)
    near = [("Earlier", other) for other in docs[max(at - 1, 0) : at]] + [
        ("Later", other) for other in docs[at + 1 : at + 2]
    ]
    links = [f"*{label}:* [{_decade_name(other)}]({relative_doc(other, doc)})" for label, other in near]
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
    head = f'<time datetime="{event.date}">{long_date(event.date)}</time> · **{event.title}** · *{CATEGORY_LANES[event.category]}*'
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
        parts.append(f"*Caveat:* {event.caveat}\n{{: .orbit-caveat }}")
    return "\n\n".join(parts)


def _meta(event: Event, site: Site, entities: dict[str, Entity], doc: str) -> str:
    items = [f"*Source:* {md_link(event.source)}"]
    actors = [entities[actor] for actor in event.actors if actor in entities]
    if actors:
        items.append("*Involves:* " + ", ".join(f"[{a.label}]({relative_doc(a.doc, doc)})" for a in actors))
    if event.article and event.article in site.articles:
        items.append(
            f"*Story:* [{site.articles[event.article].title}]({relative_doc(article_doc(event.article), doc)})"
        )
    return " · ".join(items) + "\n{: .orbit-event__meta }"
