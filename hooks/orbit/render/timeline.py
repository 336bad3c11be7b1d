"""The timeline page: the events chart, then every event as a dated entry grouped by year."""

from __future__ import annotations

from itertools import groupby

from ..figures import CATEGORY_LANES, event_ids
from ..generated import GeneratedPage
from ..loading import Site
from ..markers import MarkerContext
from ..models import Event
from ..paths import article_doc, relative_doc
from .common import long_date, md_link

DOC = "timeline.md"


def pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    """`timeline.md`, edited in `data/events.yml`; no page without events."""
    if not site.events:
        return []
    edit = site.origins[("events", "0")].file.name
    return [GeneratedPage(DOC, timeline_markdown(site, markers), edit)]


def timeline_markdown(site: Site, markers: MarkerContext) -> str:
    """The whole page: intro, the chart (if a chart derives from the events), events by year."""
    dated = sorted(zip(site.events, event_ids(site.events)), key=lambda pair: pair[0].date)
    chart = next((key for key, chart in site.charts.items() if chart.derive == "events"), None)
    parts = ["# Timeline", _intro(dated)]
    if chart:
        parts.append(markers.embed_chart(chart, DOC))
    parts.append("## Events by year")
    for year, group in groupby(dated, key=lambda pair: pair[0].date[:4]):
        parts.append(f"### {year}")
        parts += [event_markdown(event, anchor, site, markers) for event, anchor in group]
    return "\n\n".join(parts) + "\n"


def _intro(dated: list[tuple[Event, str]]) -> str:
    first, last = dated[0][0].date[:4], dated[-1][0].date[:4]
    lanes = [CATEGORY_LANES[c] for c in CATEGORY_LANES if any(e.category == c for e, _ in dated)]
    return (
        f"{len(dated)} dated events from {first} to {last} behind the story, in {len(lanes)} lanes ({', '.join(lanes)}). "
        "Each event names its source and links the agencies and people involved."
    )


def event_markdown(event: Event, anchor: str, site: Site, markers: MarkerContext) -> str:
    """One event: its date and title (the anchor), summary, source and actors, caveat if any."""
    head = f'<time datetime="{event.date}">{long_date(event.date)}</time> · **{event.title}** · *{CATEGORY_LANES[event.category]}*'
    parts = [f"{head}\n{{: #{anchor} .orbit-event }}", " ".join(event.summary.split()), _meta(event, site, markers)]
    if event.caveat:
        parts.append(f"*Caveat:* {event.caveat}\n{{: .orbit-caveat }}")
    return "\n\n".join(parts)


def _meta(event: Event, site: Site, markers: MarkerContext) -> str:
    items = [f"*Source:* {md_link(event.source)}"]
    actors = [markers.entities[actor] for actor in event.actors if actor in markers.entities]
    if actors:
        items.append("*Involves:* " + ", ".join(f"[{a.label}]({relative_doc(a.doc, DOC)})" for a in actors))
    if event.article and event.article in site.articles:
        items.append(f"*Story:* [{site.articles[event.article].title}]({relative_doc(article_doc(event.article), DOC)})")
    return " · ".join(items) + "\n{: .orbit-event__meta }"

