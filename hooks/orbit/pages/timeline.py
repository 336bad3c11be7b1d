"""Which timeline page shows each event: one page per decade, and a busy decade on as many pages as
its events need, in date order, so that no page grows past 80 kB however many events there are.

A decade's first page keeps the decade's address (`timeline/2010s.md`); the next ones are
`timeline/2010s/2.md` and so on. Sizes are reckoned from the data, so the events chart, the
stories' "What happened next" and the pages all agree on where an event is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from ..data.models import Event
from .addresses import event_anchors, timeline_doc

Dated = list[tuple[Event, str]]  # (event, anchor) pairs in date order

PAGE_BYTES = 44_000  # estimated event HTML per page; with the theme and the nav (22 kB) under 80 kB
EVENT_BYTES = 500  # an event's markup around its text: date, lane, classes, source link
TEXT_FACTOR = 4  # names in the text become links with a preview: a dense summary grows up to about 6x
ACTOR_BYTES = 250  # a linked actor: its address and its preview


@dataclass(frozen=True)
class Period:
    """One timeline page: its decade, its place among the decade's pages, and its events."""

    doc: str
    decade: str  # "2010s"
    part: int  # from 1
    parts: int
    events: Dated

    @property
    def name(self) -> str:
        """`the 2010s`, or `the 2010s (2 of 3)` for a decade on several pages."""
        return f"the {self.decade}" + (f" ({self.part} of {self.parts})" if self.parts > 1 else "")

    @property
    def years(self) -> str:
        first, last = self.events[0][0].date[:4], self.events[-1][0].date[:4]
        return first if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class TimelineLayout:
    """Every timeline page in date order, and the page of each event by its anchor."""

    periods: tuple[Period, ...]
    doc_of: dict[str, str]

    @property
    def events(self) -> Dated:
        return [pair for period in self.periods for pair in period.events]


def dated_events(events: list[Event]) -> Dated:
    """Every event with its anchor, oldest first."""
    return sorted(zip(events, event_anchors(events), strict=True), key=lambda pair: pair[0].date)


def timeline_layout(events: list[Event]) -> TimelineLayout:
    """The pages of the timeline of `events` (in file order)."""
    periods: list[Period] = []
    for decade, group in groupby(dated_events(events), key=lambda pair: f"{pair[0].date[:3]}0s"):
        chunks = list(_chunks(list(group)))
        periods += [
            Period(timeline_doc(chunk[0][0].date, n), decade, n, len(chunks), chunk)
            for n, chunk in enumerate(chunks, 1)
        ]
    doc_of = {anchor: period.doc for period in periods for _, anchor in period.events}
    return TimelineLayout(tuple(periods), doc_of)


def _chunks(dated: Dated) -> Iterable[Dated]:
    """Consecutive runs of events of at most PAGE_BYTES each (an event heavier than that alone)."""
    chunk: Dated = []
    size = 0
    for pair in dated:
        weight = _weight(pair[0])
        if chunk and size + weight > PAGE_BYTES:
            yield chunk
            chunk, size = [], 0
        chunk.append(pair)
        size += weight
    if chunk:
        yield chunk


def _weight(event: Event) -> int:
    """About how many bytes of HTML the event adds to its page, erring high."""
    text = len(event.title) + len(event.summary) + len(event.caveat or "") + len(event.source.title)
    return EVENT_BYTES + TEXT_FACTOR * (text + len(str(event.source.url))) + ACTOR_BYTES * len(event.actors)
