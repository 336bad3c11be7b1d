"""Chart blocks and chart pages.

A chart block is one raw HTML `<figure>` that goes into Markdown, so it starts at column 0 and
holds no blank line (Python-Markdown would otherwise cut it), and its links are final relative
URLs (MkDocs does not rewrite raw HTML). The script draws the figure from `data-orbit-figure`;
without it, readers and screen readers get the caption and the table of the numbers (on another
page, a long table is a link to the chart's own page; there, a table longer than TABLE_PAGE_ROWS
is split into table pages `charts/<id>/rows-<first>-<last>.md`, which the chart's page lists; at most
TABLE_PAGES_MAX of them, the rest of the rows being in the CSV and the figure JSON).
"""

from __future__ import annotations

import json

from ..charts.model import ChartData, Link, Table, When, number
from ..data.models import Chart
from ..data.site import Site
from ..pages.addresses import (
    CHARTS_DOC,
    TABLE_PAGE_ROWS,
    TIMELINE_DOC,
    article_doc,
    chart_csv,
    chart_doc,
    chart_json,
    doc_link,
    relative_doc,
    table_doc,
    table_spans,
)
from .common import esc, long_date

# An embed elsewhere keeps a table this long; a longer one stays on the chart's home, which the embed links.
INLINE_ROWS = 12
# A figure's JSON up to this many characters travels in its page; a bigger one is published as
# charts/<id>.json and fetched by orbit.js, so no page carries megabytes of numbers.
INLINE_FIGURE = 16_000
LISTED_TABLE_PAGES = 40


def figure_text(figure: dict) -> str:
    """The figure as compact JSON, as the page or charts/<id>.json carries it."""
    return json.dumps(figure, separators=(",", ":"), ensure_ascii=False)


def figure_inline(spec: str) -> bool:
    """Whether a figure (as JSON text) is small enough to travel in its page."""
    return len(spec) <= INLINE_FIGURE


def embed_html(data: ChartData, figure: dict, doc: str) -> str:
    """The `<figure>` block: title, plot, caption with unit, source and caveat, the numbers, downloads.

    The chart's home (its page, or an agency's profile) shows the whole table, the no-script
    fallback; elsewhere a table of more than INLINE_ROWS rows gives way to a link to the home.
    """
    own = doc == data.home
    spec = figure_text(figure)
    height = figure.get("layout", {}).get("height", 360)
    source = (
        f"data-orbit-figure={_json_attribute(spec)}"
        if figure_inline(spec)
        else f'data-orbit-figure-src="{doc_link(chart_json(data.key), doc)}"'
    )
    lines = [
        f'<figure class="orbit-chart" id="chart-{data.key}">',
        "" if own else f'<p class="orbit-chart__title"><strong>{_text(data.title)}</strong></p>',
        f'<div class="orbit-chart__plot" role="img" aria-label="{_text(data.caption)}" style="min-height:{height}px" {source}></div>',
        '<figcaption class="orbit-chart__caption">',
        f'<p>{_text(data.caption)} <span class="orbit-chart__unit">Unit: {_text(data.unit)}.</span></p>',
        _sources_line(data),
        *(f'<p class="orbit-caveat"><strong>Caveat:</strong> {_text(caveat)}</p>' for caveat in data.caveats),
        _numbers(data, doc, own),
        _links(data, doc),
        "</figcaption>",
        "</figure>",
    ]
    return _literal_brackets("\n".join(line for line in lines if line))


def _json_attribute(spec: str) -> str:
    """JSON as a single-quoted attribute value: its many `"` stay as they are (as `&quot;` they
    made the attribute half again as long); `<` and `>` are escaped so no tag scanner sees one."""
    return "'" + spec.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;") + "'"


def _numbers(data: ChartData, doc: str, own: bool) -> str:
    """The table of the numbers; on the chart's page, when it is very long, links to its table
    pages; on another page, when it is long, a link to the chart's home."""
    rows = len(data.table.rows)
    if own and paged(data):
        return _table_pages_list(data, doc)
    if doc == data.home.partition("#")[0] or rows <= INLINE_ROWS:
        summary = (
            f'<details class="orbit-chart__data"{" open" if own else ""}><summary>The numbers as a table</summary>'
        )
        return f"{summary}\n{table_html(data.table, doc)}\n</details>"
    return f'<p class="orbit-chart__data"><a href="{_home_url(data, doc)}">The numbers as a table ({rows} rows), on the chart\'s page</a></p>'


def _literal_brackets(block: str) -> str:
    """Brackets as character references: the block goes into Markdown, where `[[...]]` in data
    (a reader's name, say) would otherwise be read as an editor's marker. Tags never hold any."""
    return block.replace("[", "&#91;").replace("]", "&#93;")


def table_html(table: Table, doc: str) -> str:
    """The table of a chart's numbers, on one line per row; links relative to page `doc`."""
    head = "".join(f'<th scope="col">{_text(column)}</th>' for column in table.columns)
    rows = "\n".join(f"<tr>{''.join(_cell(cell, doc) for cell in row)}</tr>" for row in table.rows)
    return f'<table class="orbit-chart__table" data-orbit-sortable>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>'


def _cell(cell, doc: str) -> str:
    if isinstance(cell, Link):
        href = doc_link(cell.doc, doc) if cell.doc else cell.url
        return f'<td><a href="{esc(href)}">{_text(cell.text)}</a></td>'
    if isinstance(cell, When):
        return (
            f'<td data-sort="{esc(cell.value)}"><time datetime="{esc(cell.value)}">{long_date(cell.value)}</time></td>'
        )
    if isinstance(cell, (int, float)):
        return f'<td class="orbit-chart__number">{number(cell)}</td>'
    return f"<td>{_text(cell or '')}</td>"


def _sources_line(data: ChartData) -> str:
    links = [f'<a href="{esc(str(s.url))}">{_text(s.title)}</a>' for s in data.sources]
    parts = links + ([_text(data.source_note)] if data.source_note else [])
    label = "Sources" if len(parts) > 1 or data.source_note else "Source"
    return f'<p class="orbit-chart__source"><strong>{label}:</strong> {" · ".join(parts)}.</p>'


def _table_pages_list(data: ChartData, doc: str) -> str:
    """In place of the table on the chart's page `doc`: a link to each of its table pages."""
    spans = table_spans(len(data.table.rows))
    # At most about LISTED_TABLE_PAGES links (every k-th page, and the last): each table page links its neighbours.
    step = -(-len(spans) // LISTED_TABLE_PAGES)
    listed = sorted({*range(0, len(spans), step), len(spans) - 1})
    items = "".join(
        f'<li><a href="{doc_link(table_doc(data.key, spans[at]), doc)}">{_rows_label("Rows", spans[at])}</a></li>'
        for at in listed
    )
    rows, shown = len(data.table.rows), spans[-1][1]
    what = "The numbers as a table" if shown == rows else f"The first {shown:,} of its {rows:,} rows as a table"
    every = "" if shown == rows else " (every row is in the CSV file below)"
    return f'<div class="orbit-chart__data"><p>{what}, in {len(spans)} pages{every}:</p>\n<ul>{items}</ul></div>'


def _links(data: ChartData, doc: str) -> str:
    return (
        f'<p class="orbit-chart__links">{_csv_link(data, doc)} · '
        f'<a class="orbit-chart__permalink" href="{_home_url(data, doc)}">Permalink to this chart</a></p>'
    )


def _csv_link(data: ChartData, doc: str) -> str:
    return f'<a download href="{doc_link(chart_csv(data.key), doc)}">Download the numbers (CSV)</a>'


def _home_url(data: ChartData, doc: str) -> str:
    """The link from page `doc` to the chart's home: its page, or its place on a profile."""
    return doc_link(data.home, doc)


def _text(text: str) -> str:
    """Escaped text on one line: a newline in data must not end the raw HTML block."""
    return esc(" ".join(str(text).split()))


# --- pages -----------------------------------------------------------------------


def gallery_markdown(site: Site, charts: list[ChartData]) -> str:
    """The gallery: each chart's title, caption and unit; agencies' charts listed by profile."""
    parts = [
        "# Charts",
        "Every chart on this site, built from its data files: open one to see it with its table, "
        "its sources and its numbers as a CSV file. In your own page, `[[chart:id]]` alone on a line "
        "embeds a chart (see the [editors' guide](../editors.md)).",
    ]
    parts += [_gallery_entry(data) for data in charts if data.key in site.charts]
    agencies = [data for data in charts if data.key not in site.charts]
    if agencies:
        parts.append(
            "## Agency budgets, agency by agency\n\nEach agency profile shows its own budget figures, "
            "in the currency its sources give:"
        )
        parts.append(
            "\n".join(
                f"- [{_md(data.title)}]({relative_doc(data.home.partition('#')[0], CHARTS_DOC)})" for data in agencies
            )
        )
    return "\n\n".join(parts) + "\n"


def _gallery_entry(data: ChartData) -> str:
    return f"## [{_md(data.title)}]({data.key}.md)\n\n{_md(data.caption)}\n\n*Unit:* {_md(data.unit)}"


def chart_page_markdown(site: Site, data: ChartData, embed: str) -> str:
    """A chart's own page `charts/<id>.md`: its title, its block `embed`, and where its data belongs."""
    parts = [f"# {_md(data.title)}", embed, _related(site, site.charts[data.key], chart_doc(data.key))]
    return "\n\n".join(parts) + "\n"


# --- table pages: a long table of a chart's own page, TABLE_PAGE_ROWS rows at a time ---------


def paged(data: ChartData) -> bool:
    """Whether the chart's table goes to table pages: only on a chart's own page (an agency's
    chart lives on its profile, and its table is short)."""
    return data.home == chart_doc(data.key) and len(data.table.rows) > TABLE_PAGE_ROWS


def _rows_label(word: str, span: tuple[int, int]) -> str:
    return f"{word} {span[0]}–{span[1]}"


def table_page_markdown(data: ChartData, spans: list[tuple[int, int]], at: int) -> str:
    """Table page `at` of a chart: its rows of the table in the table's order, with links back and on."""
    span, doc = spans[at], table_doc(data.key, spans[at])
    table = Table(data.table.columns, data.table.rows[span[0] - 1 : span[1]])
    parts = [
        f"# {_md(data.title)}: {_rows_label('rows', span)} of {len(data.table.rows)}",
        _table_pager(data, spans, at, doc),
        _literal_brackets(table_html(table, doc)),
        f'<p class="orbit-chart__links">{_rest(data, spans, at)}{_csv_link(data, doc)}</p>',
    ]
    return "\n\n".join(parts) + "\n"


def _rest(data: ChartData, spans: list[tuple[int, int]], at: int) -> str:
    """On the last table page of a table longer than its pages: where the other rows are."""
    last, rows = spans[at][1], len(data.table.rows)
    return f"Rows {last + 1:,}–{rows:,} are in the CSV file only. " if at == len(spans) - 1 and last < rows else ""


def _table_pager(data: ChartData, spans: list[tuple[int, int]], at: int, doc: str) -> str:
    """Links from a table page: back to the chart's page, then to the previous and next table pages."""
    neighbours = [(word, spans[i]) for word, i in (("Previous", at - 1), ("Next", at + 1)) if 0 <= i < len(spans)]
    links = [f"[Back to the chart]({relative_doc(chart_doc(data.key), doc)})"]
    links += [
        f"[{word}: {_rows_label('rows', span)}]({relative_doc(table_doc(data.key, span), doc)})"
        for word, span in neighbours
    ]
    return " · ".join(links)


def _related(site: Site, chart: Chart, doc: str) -> str:
    """Where the chart's data belongs: the story, or the timeline, and the gallery."""
    links = ["[All charts](index.md)"]
    if chart.derive == "events" and site.events:
        links.append(f"[The timeline, event by event]({relative_doc(TIMELINE_DOC, doc)})")
    if chart.article in site.articles:
        links.append(
            f"[The story: {_md(site.articles[chart.article].title)}]({relative_doc(article_doc(chart.article), doc)})"
        )
    return "*See also:* " + " · ".join(links)


def _md(text: str) -> str:
    """Plain data text made safe for a Markdown line: one line, no link or emphasis syntax."""
    text = " ".join(text.split())
    for char in "\\[]*_`<":
        text = text.replace(char, "\\" + char)
    return text
