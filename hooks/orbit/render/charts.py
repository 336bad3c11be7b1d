"""Chart blocks and chart pages.

A chart block is one raw HTML `<figure>` that goes into Markdown, so it starts at column 0 and
holds no blank line (Python-Markdown would otherwise cut it), and its links are final relative
URLs (MkDocs does not rewrite raw HTML). The script draws the figure from `data-orbit-figure`;
without it, readers and screen readers get the caption and the table of the numbers (on another
page, a long table is a link to the chart's own page).
"""

from __future__ import annotations

import json

from ..figures import AGENCY_PREFIX, ChartData, Link, Table, When, chart_data, chart_keys, figure_json, number
from ..generated import GeneratedPage
from ..loading import Site
from ..models import Chart
from ..markers import MarkerContext
from ..paths import article_doc, chart_doc, doc_url, relative_doc, relative_url, timeline_doc
from .common import esc, long_date

# An embed elsewhere keeps a table this long; a longer one (the timeline's 141 rows in the
# 1,000-story corpus) stays on the chart's home, which the embed links.
INLINE_ROWS = 12


def chart_embed(key: str, site: Site, figures: dict[str, dict] | None, doc: str) -> str:
    """The HTML block that shows chart `key` on page `doc`."""
    data = chart_data(site, key)
    figure = (figures or {}).get(key) or figure_json(data)
    return embed_html(data, figure, doc)


def agency_chart(site: Site, figures: dict[str, dict] | None, agency_key: str, doc: str) -> str:
    """The block of an agency's own budget chart on page `doc`, or "" if it has no budget figures.

    `figures` may be None: the figure is then built here. The build itself embeds through
    MarkerContext.embed_chart, which reuses the charts built once per build.
    """
    if not site.agencies[agency_key].budget:
        return ""
    return chart_embed(AGENCY_PREFIX + agency_key, site, figures, doc)


def embed_html(data: ChartData, figure: dict, doc: str) -> str:
    """The `<figure>` block: title, plot, caption with unit, source and caveat, the numbers, downloads.

    The chart's home (its page, or an agency's profile) shows the whole table, the no-script
    fallback; elsewhere a table of more than INLINE_ROWS rows gives way to a link to the home.
    """
    own = doc == data.home
    spec = json.dumps(figure, separators=(",", ":"), ensure_ascii=False)
    height = figure.get("layout", {}).get("height", 360)
    lines = [
        f'<figure class="orbit-chart" id="chart-{data.key}">',
        "" if own else f'<p class="orbit-chart__title"><strong>{_text(data.title)}</strong></p>',
        f'<div class="orbit-chart__plot" role="img" aria-label="{_text(data.caption)}" style="min-height:{height}px" data-orbit-figure={_json_attribute(spec)}></div>',
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
    """The table of the numbers, or on another page, when the table is long, a link to it."""
    rows = len(data.table.rows)
    if doc == data.home.partition("#")[0] or rows <= INLINE_ROWS:
        summary = f'<details class="orbit-chart__data"{" open" if own else ""}><summary>The numbers as a table</summary>'
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
        href = relative_url(doc_url(cell.doc), doc_url(doc)) if cell.doc else cell.url
        return f'<td><a href="{esc(href)}">{_text(cell.text)}</a></td>'
    if isinstance(cell, When):
        return f'<td data-sort="{esc(cell.value)}"><time datetime="{esc(cell.value)}">{long_date(cell.value)}</time></td>'
    if isinstance(cell, (int, float)):
        return f'<td class="orbit-chart__number">{number(cell)}</td>'
    return f"<td>{_text(cell or '')}</td>"


def _sources_line(data: ChartData) -> str:
    links = [f'<a href="{esc(str(s.url))}">{_text(s.title)}</a>' for s in data.sources]
    parts = links + ([_text(data.source_note)] if data.source_note else [])
    label = "Sources" if len(parts) > 1 or data.source_note else "Source"
    return f'<p class="orbit-chart__source"><strong>{label}:</strong> {" · ".join(parts)}.</p>'


def _links(data: ChartData, doc: str) -> str:
    csv = relative_url(f"charts/{data.key}.csv", doc_url(doc))
    return (
        f'<p class="orbit-chart__links"><a download href="{csv}">Download the numbers (CSV)</a> · '
        f'<a class="orbit-chart__permalink" href="{_home_url(data, doc)}">Permalink to this chart</a></p>'
    )


def _home_url(data: ChartData, doc: str) -> str:
    """The link from page `doc` to the chart's home: its page, or its place on a profile."""
    return relative_url(doc_url(data.home), doc_url(doc))


def _text(text: str) -> str:
    """Escaped text on one line: a newline in data must not end the raw HTML block."""
    return esc(" ".join(str(text).split()))


# --- pages -----------------------------------------------------------------------


def pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    """The gallery `charts/index.md` and one page per chart file, `charts/<id>.md`.

    Agencies' own budget charts live on their profiles (embedded as `agency-<id>`), not on pages here.
    """
    charts = [chart_data(site, key) for key in chart_keys(site)]
    if not charts:
        return []
    gallery = GeneratedPage("charts/index.md", gallery_markdown(site, charts))
    return [gallery, *(_chart_page(site, data, markers) for data in charts if data.key in site.charts)]


def gallery_markdown(site: Site, charts: list[ChartData]) -> str:
    """The gallery: each chart's title, caption and unit; agencies' charts listed by profile."""
    parts = ["# Charts", "Every chart on this site, built from its data files: open one to see it with its table, "
             "its sources and its numbers as a CSV file. In your own page, `[[chart:id]]` alone on a line "
             "embeds a chart (see the [editors' guide](../editors.md))."]
    parts += [_gallery_entry(data) for data in charts if data.key in site.charts]
    agencies = [data for data in charts if data.key not in site.charts]
    if agencies:
        parts.append("## Agency budgets, agency by agency\n\nEach agency profile shows its own budget figures, "
                     "in the currency its sources give:")
        parts.append("\n".join(f"- [{_md(data.title)}]({relative_doc(data.home.partition('#')[0], 'charts/index.md')})" for data in agencies))
    return "\n\n".join(parts) + "\n"


def _gallery_entry(data: ChartData) -> str:
    return f"## [{_md(data.title)}]({data.key}.md)\n\n{_md(data.caption)}\n\n*Unit:* {_md(data.unit)}"


def _chart_page(site: Site, data: ChartData, markers: MarkerContext) -> GeneratedPage:
    doc = chart_doc(data.key)
    parts = [f"# {_md(data.title)}", markers.embed_chart(data.key, doc), _related(site, site.charts[data.key], doc)]
    return GeneratedPage(doc, "\n\n".join(parts) + "\n", data.edit)


def _related(site: Site, chart: Chart, doc: str) -> str:
    """Where the chart's data belongs: the story, or the timeline, and the gallery."""
    links = ["[All charts](index.md)"]
    if chart.derive == "events" and site.events:
        links.append(f"[The timeline, event by event]({relative_doc(timeline_doc(), doc)})")
    if chart.article in site.articles:
        links.append(f"[The story: {_md(site.articles[chart.article].title)}]({relative_doc(article_doc(chart.article), doc)})")
    return "*See also:* " + " · ".join(links)


def _md(text: str) -> str:
    """Plain data text made safe for a Markdown line: one line, no link or emphasis syntax."""
    text = " ".join(text.split())
    for char in "\\[]*_`<":
        text = text.replace(char, "\\" + char)
    return text
