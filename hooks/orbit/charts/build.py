"""Each chart's data (`ChartData`) from validated data: its words, its table and its Plotly traces.

Every chart becomes one `ChartData`: its words (title, caption, unit, sources, caveats), a table
of its numbers, and Plotly traces drawn from the same rows, so the picture, the table and the CSV
cannot disagree. A chart's numbers are written in `data/charts/<id>.yml` (`series`, `spans`) or
derived from other data files (`derive`), never retyped. Every agency with budget figures also
gets its own chart, `agency-<id>`, in its own currency.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

import plotly.graph_objects as go

from ..data import models as m
from ..data.dates import first_day, last_day, long_date
from ..data.models import AGENCY_PREFIX, CATEGORY_LANES, usd_billion
from ..data.site import Site
from ..pages.addresses import agency_doc, chart_doc
from ..pages.threads import ThreadLayout, thread_layout
from ..pages.timeline import timeline_layout
from .figure import bar_layout, date_layout
from .model import Cell, ChartData, Link, Table, When, number

# Beyond this many, a chart's sources line leaves each figure's own to the table.
LISTED_SOURCES = 12
_DAY_MS = 86_400_000


def chart_keys(site: Site) -> list[str]:
    """Ids of all charts: the chart files, then one per agency with budget figures."""
    return [*site.charts, *(AGENCY_PREFIX + key for key, agency in site.agencies.items() if agency.budget)]


def build_charts(site: Site) -> dict[str, ChartData]:
    """Every chart's data, by id (agency charts as `agency-<id>`): the build makes them once."""
    return {key: chart_data(site, key) for key in chart_keys(site)}


def chart_data(site: Site, key: str) -> ChartData:
    """The data of chart `key` (a chart file id or `agency-<agency id>`); KeyError if unknown."""
    if key not in site.charts and key.startswith(AGENCY_PREFIX):
        return _agency_chart(site, key.removeprefix(AGENCY_PREFIX))
    chart = site.charts[key]
    origin = m.chart_origin({"series": chart.series, "spans": chart.spans, "derive": chart.derive})
    return _BUILDERS[origin](site, key, chart)


# --- charts with their own numbers --------------------------------------------


def _series_chart(site: Site, key: str, chart: m.Chart) -> ChartData:
    """Categories (or x values) and one trace per series, as written in the chart file."""
    xs = list(dict.fromkeys(point.x for series in chart.series for point in series.points))
    values = [{point.x: point for point in series.points} for series in chart.series]
    columns = (chart.x_title or "Category", *(f"{s.name}, {chart.unit}" for s in chart.series), "Note")
    rows = tuple(_series_row(x, values) for x in xs)
    traces = tuple(_series_trace(chart, series) for series in chart.series)
    layout = bar_layout(chart.kind, chart.unit, chart.x_title, len(xs), legend=len(traces) > 1)
    return _from_file(site, key, chart, Table(columns, rows), traces, layout)


def _series_row(x: str | int | float, values: list[dict]) -> tuple[Cell, ...]:
    points = [series.get(x) for series in values]
    notes = "; ".join(point.note for point in points if point and point.note)
    return (str(x), *(point.y if point else None for point in points), notes or None)


def _series_trace(chart: m.Chart, series: m.Series) -> go.Bar | go.Scatter:
    xs, ys = [str(p.x) if chart.kind == "hbar" else p.x for p in series.points], [p.y for p in series.points]
    if chart.kind == "line":
        return go.Scatter(
            name=series.name,
            x=xs,
            y=ys,
            mode="lines+markers",
            hovertemplate=f"%{{x}}: %{{y}} {_hover(chart.unit)}<extra></extra>",
        )
    if chart.kind == "hbar":
        return go.Bar(
            name=series.name,
            y=xs,
            x=ys,
            orientation="h",
            hovertemplate=f"%{{y}}: %{{x}} {_hover(chart.unit)}<extra></extra>",
        )
    return go.Bar(name=series.name, x=xs, y=ys, hovertemplate=f"%{{x}}: %{{y}} {_hover(chart.unit)}<extra></extra>")


def _spans_chart(site: Site, key: str, chart: m.Chart) -> ChartData:
    """Periods as horizontal bars on a date axis, one trace per lane; milestones as dots."""
    lanes = list(dict.fromkeys(span.lane for span in chart.spans))
    periods = [span for span in chart.spans if span.end]
    milestones = [span for span in chart.spans if not span.end]
    traces = [
        _period_trace(lane, [s for s in periods if s.lane == lane])
        for lane in lanes
        if any(s.lane == lane for s in periods)
    ]
    if milestones:
        traces.append(_milestone_trace(milestones))
    columns = ("Lane", "What", "From", "To", "Source", "Note")
    rows = tuple(
        (
            s.lane,
            s.label,
            When(s.start),
            When(s.end) if s.end else None,
            Link(s.source.title, str(s.source.url)),
            s.caveat,
        )
        for s in chart.spans
    )
    layout = date_layout(lanes, legend=True)
    return _from_file(site, key, chart, Table(columns, rows), tuple(traces), layout)


def _period_trace(lane: str, spans: list[m.Span]) -> go.Bar:
    starts = [first_day(s.start) for s in spans]
    lengths = [(last_day(s.end) - start).days * _DAY_MS for s, start in zip(spans, starts, strict=True)]
    return go.Bar(
        name=lane,
        orientation="h",
        y=[lane] * len(spans),
        base=[d.isoformat() for d in starts],
        x=lengths,
        text=[_hover(s.label) for s in spans],
        textposition="none",
        marker={"line": {"width": 2, "color": "rgba(255,255,255,0.85)"}},
        customdata=[f"{long_date(s.start)} to {long_date(s.end)}" for s in spans],
        hovertemplate="%{text}<br>%{customdata}<extra></extra>",
    )


def _milestone_trace(spans: list[m.Span]) -> go.Scatter:
    return go.Scatter(
        name="Milestones",
        mode="markers",
        x=[first_day(s.start).isoformat() for s in spans],
        y=[s.lane for s in spans],
        text=[_hover(s.label) for s in spans],
        customdata=[long_date(s.start) for s in spans],
        marker={"size": 10, "symbol": "diamond", "line": {"width": 1}},
        hovertemplate="%{customdata}<br>%{text}<extra></extra>",
    )


def _from_file(
    site: Site,
    key: str,
    chart: m.Chart,
    table: Table,
    traces: tuple,
    layout: dict,
    sources: Iterable[m.Source] = (),
    note: str = "",
) -> ChartData:
    """A chart described by its file: its words, with sources from the file and the data."""
    return ChartData(
        key,
        chart.title,
        chart.caption,
        chart.unit,
        table,
        traces,
        layout,
        site.data_file("charts", key),
        chart_doc(key),
        _unique([*chart.sources, *sources]),
        note,
        (chart.caveat,) if chart.caveat else (),
    )


# --- derived charts ------------------------------------------------------------


def _agency_budgets(site: Site, key: str, chart: m.Chart) -> ChartData:
    """Budgets in US dollars, one trace per year, one bar per agency (the first figure per year)."""
    entries = [
        (agency, b)
        for agency in site.agencies.values()
        for b in _first_per_year(agency.budget)
        if usd_billion(b) is not None
    ]
    years = sorted({b.year for _, b in entries})
    traces = tuple(_year_trace(year, [(a, b) for a, b in entries if b.year == year], chart.kind) for year in years)
    columns = (chart.x_title or "Agency", "Year", "Period", "USD billion", "As given", "Note", "Source")
    rows = tuple(
        (a.acronym, b.year, b.period, usd_billion(b), _as_given(b), _note(b), Link(b.source.title, str(b.source.url)))
        for a, b in entries
    )
    agencies = len({a.acronym for a, _ in entries})
    layout = bar_layout(chart.kind, chart.unit, chart.x_title, agencies, legend=True)
    sources = _unique(b.source for _, b in entries)
    many = len(sources) > LISTED_SOURCES  # every row's Source cell names its own already
    note = "each figure's own source, listed in the table" if many else ""
    return _from_file(site, key, chart, Table(columns, rows), traces, layout, () if many else sources, note)


def _first_per_year(budgets: list[m.Budget]) -> list[m.Budget]:
    """Where a profile gives several figures for one year, the first listed stands for that year."""
    seen: dict[int, m.Budget] = {}
    for budget in budgets:
        if usd_billion(budget) is not None:
            seen.setdefault(budget.year, budget)
    return list(seen.values())


def _year_trace(year: int, entries: list[tuple[m.Agency, m.Budget]], kind: str) -> go.Bar:
    names, values = [a.acronym for a, _ in entries], [usd_billion(b) for _, b in entries]
    periods = [_hover(b.period or str(b.year)) for _, b in entries]
    axes = {"y": names, "x": values, "orientation": "h"} if kind == "hbar" else {"x": names, "y": values}
    value = "%{x}" if kind == "hbar" else "%{y}"
    return go.Bar(
        name=str(year),
        customdata=periods,
        hovertemplate=f"%{{customdata}}: {value} USD billion<extra>{year}</extra>",
        **axes,
    )


def _as_given(budget: m.Budget) -> str:
    return f"{number(budget.amount)} {budget.currency} {budget.scale}"


def _note(record: m.Budget | m.Event) -> str | None:
    parts = [getattr(record, "note", None), record.caveat]
    return " ".join(part for part in parts if part) or None


def _agency_chart(site: Site, agency_id: str) -> ChartData:
    """One agency's budget figures in the currency the sources give, one bar per figure."""
    agency = site.agencies[agency_id]
    if not agency.budget:
        raise KeyError(AGENCY_PREFIX + agency_id)
    units = list(dict.fromkeys(_unit(b) for b in agency.budget))
    traces = tuple(_unit_trace(unit, [b for b in agency.budget if _unit(b) == unit]) for unit in units)
    columns = ("Period", "Year", f"Amount ({' / '.join(units)})", "USD billion (as given)", "Note", "Source")
    rows = tuple(
        (b.period or str(b.year), b.year, b.amount, b.usd_billion, _note(b), Link(b.source.title, str(b.source.url)))
        for b in agency.budget
    )
    unit = " / ".join(units)
    caption = (
        f"{agency.name} ({agency.acronym}): the annual budget figures its profile cites, in {unit}, "
        f"one bar per figure and period, as each source gives it."
    )
    layout = bar_layout("hbar", unit, "Period", len(agency.budget), legend=len(units) > 1)
    caveats = (
        ("Some figures are medium or low confidence: see the note in the table.",)
        if any(b.caveat for b in agency.budget)
        else ()
    )
    return ChartData(
        AGENCY_PREFIX + agency_id,
        f"{agency.acronym} budget",
        caption,
        unit,
        Table(columns, rows),
        traces,
        layout,
        site.data_file("agencies", agency_id),
        f"{agency_doc(agency_id)}#chart-{AGENCY_PREFIX}{agency_id}",
        _unique(b.source for b in agency.budget),
        "",
        caveats,
    )


def _unit(budget: m.Budget) -> str:
    return f"{budget.currency} {budget.scale}"


def _unit_trace(unit: str, budgets: list[m.Budget]) -> go.Bar:
    return go.Bar(
        name=unit,
        orientation="h",
        y=[_hover(b.period or str(b.year)) for b in budgets],
        x=[b.amount for b in budgets],
        hovertemplate=f"%{{y}}: %{{x}} {_hover(unit)}<extra></extra>",
    )


def _events_chart(site: Site, key: str, chart: m.Chart) -> ChartData:
    """Events on one date axis, one lane and one trace per category."""
    layout = timeline_layout(site.events)
    ordered = layout.events
    lanes = [c for c in CATEGORY_LANES if any(e.category == c for e, _ in ordered)]
    traces = tuple(_category_trace(c, [e for e, _ in ordered if e.category == c]) for c in lanes)
    columns = ("Date", "Lane", "Event", "Source", "Note")
    rows = tuple(
        (
            When(e.date),
            CATEGORY_LANES[e.category],
            Link(e.title, doc=f"{layout.doc_of[anchor]}#{anchor}"),
            Link(e.source.title, str(e.source.url)),
            e.caveat,
        )
        for e, anchor in ordered
    )
    layout = date_layout([CATEGORY_LANES[c] for c in lanes], legend=False)
    return _from_file(
        site, key, chart, Table(columns, rows), traces, layout, note="each event's own source, listed in the table"
    )


def _category_trace(category: str, events: list[m.Event]) -> go.Scatter:
    lane = CATEGORY_LANES[category]
    return go.Scatter(
        name=lane,
        mode="markers",
        x=[first_day(e.date).isoformat() for e in events],
        y=[lane] * len(events),
        text=[_hover(e.title) for e in events],
        customdata=[long_date(e.date) for e in events],
        marker={"size": 11, "opacity": 0.8, "line": {"width": 1}},
        hovertemplate="%{customdata}<br>%{text}<extra></extra>",
    )


def _comment_ratings(site: Site, key: str, chart: m.Chart) -> ChartData:
    """One bar per rated comment of the chart's story; unrated ones only in the table."""
    comments = site.comments[chart.article]  # the data stage checked there are some
    rated = [c for c in comments if c.rating and c.status == "published"]
    columns = ("Comment", "Author", "Date", "Status", "Average rating (out of 5)", "Votes")
    layout = thread_layout(chart.article, comments, len(site.articles[chart.article].body))
    rows = tuple(_comment_row(layout, c) for c in comments)
    layout = bar_layout(chart.kind, chart.unit, chart.x_title, len(rated), legend=False)
    layout["yaxis" if chart.kind == "bar" else "xaxis"]["range"] = [0, 5]
    source = site.articles[chart.article].source
    return _from_file(site, key, chart, Table(columns, rows), (_ratings_trace(rated, chart.kind),), layout, [source])


def _comment_row(layout: ThreadLayout, comment: m.Comment) -> tuple[Cell, ...]:
    shown = comment.rating is not None and comment.status == "published"
    average = comment.rating.average if shown else "not rated"
    votes = comment.rating.votes if shown else 0
    link = Link(comment.id, doc=f"{layout.doc_of(comment.id)}#comment-{comment.id}")
    return (link, comment.author.strip() or "Anonymous", When(comment.date.isoformat()), comment.status, average, votes)


def _ratings_trace(rated: list[m.Comment], kind: str) -> go.Bar:
    ids = [c.id for c in rated]
    averages = [c.rating.average for c in rated]
    labels = [f"{c.rating.votes} vote{'s' if c.rating.votes != 1 else ''}" for c in rated]
    authors = [_hover(c.author.strip() or "Anonymous") for c in rated]
    axes = {"y": ids, "x": averages, "orientation": "h"} if kind == "hbar" else {"x": ids, "y": averages}
    value = "%{x}" if kind == "hbar" else "%{y}"
    return go.Bar(
        name="Average rating",
        text=labels,
        textposition="auto",
        customdata=authors,
        hovertemplate=f"Comment %{{{'y' if kind == 'hbar' else 'x'}}} by %{{customdata}}: {value} / 5, %{{text}}<extra></extra>",
        **axes,
    )


_BUILDERS: dict[str, Callable[[Site, str, m.Chart], ChartData]] = {
    "series": _series_chart,
    "spans": _spans_chart,
    "agency-budgets": _agency_budgets,
    "events": _events_chart,
    "comment-ratings": _comment_ratings,
}


def _hover(text: str) -> str:
    """Text for Plotly labels: Plotly reads a few HTML tags, so data text is escaped first."""
    return html.escape(text, quote=False)


def _unique(sources: Iterable[m.Source]) -> tuple[m.Source, ...]:
    return tuple({str(s.url): s for s in sources}.values())
