"""What a chart shows, whatever its data came from: its words and its numbers as a table."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import plotly.graph_objects as go

from ..data import models as m


@dataclass(frozen=True)
class Link:
    """A table cell that links: to a page of the site (`doc`, a source path) or to `url`."""

    text: str
    url: str = ""
    doc: str = ""


@dataclass(frozen=True)
class When:
    """A table cell holding a date (YYYY, YYYY-MM or YYYY-MM-DD): words in HTML, ISO in CSV."""

    value: str


Cell = str | int | float | Link | When | None


@dataclass(frozen=True)
class Table:
    """The numbers of a chart as rows: the table view, the no-script fallback and the CSV."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ChartData:
    """Everything one chart shows, whatever its data came from."""

    key: str
    title: str
    caption: str
    unit: str
    table: Table
    traces: tuple[go.Bar | go.Scatter, ...]
    layout: dict
    edit: str  # the data file to edit
    home: str  # the page (source path, maybe with an anchor) the chart's permalink opens
    sources: tuple[m.Source, ...] = ()
    source_note: str = ""  # when figures carry their own sources, e.g. "each event's own"
    caveats: tuple[str, ...] = ()


def table_csv(table: Table) -> str:
    """The table as CSV: dates in ISO form, links to sources as their address."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([csv_cell(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def csv_cell(cell: Cell) -> str:
    """One cell as CSV text."""
    if isinstance(cell, Link):
        return cell.url or cell.text
    if isinstance(cell, When):
        return cell.value
    return number(cell) if isinstance(cell, (int, float)) else (cell or "")


def number(value: float | int) -> str:
    """A figure as written in the data: `39.332`, `5`, `0.339`."""
    return f"{value:g}"
