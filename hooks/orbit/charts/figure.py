"""Plotly figures as JSON: axes and sizes per chart kind, and no template (the browser themes it)."""

from __future__ import annotations

import json

import plotly.graph_objects as go

from .model import ChartData


def figure_json(data: ChartData) -> dict:
    """The Plotly figure as JSON-ready dicts, without a template: the browser applies the theme."""
    figure = go.Figure(data=list(data.traces), layout={**data.layout, "template": "none"})
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template", None)
    return spec


def bar_layout(kind: str, unit: str, x_title: str | None, count: int, legend: bool) -> dict:
    """Axes for bar-like charts: the unit on the value axis, categories on the other."""
    value_axis = {"title": {"text": unit}, "automargin": True, "rangemode": "tozero"}
    # Always categories: labels such as "2011" would otherwise make Plotly draw a number line.
    category_axis = {"title": {"text": x_title or ""}, "automargin": True, "type": "category"}
    if kind == "hbar":
        axes = {"xaxis": value_axis, "yaxis": {**category_axis, "autorange": "reversed"}}
        height = max(260, 34 * count + 140)
    else:
        axes = {"xaxis": category_axis, "yaxis": value_axis}
        height = 400
    return {**axes, **_common(height, legend), "barmode": "group"}


def date_layout(lanes: list[str], legend: bool) -> dict:
    """A date axis with one lane per category, in the given order from the top."""
    yaxis = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": lanes,
        "autorange": "reversed",
        "automargin": True,
    }
    xaxis = {"type": "date", "automargin": True}
    return {"xaxis": xaxis, "yaxis": yaxis, **_common(max(240, 70 * len(lanes) + 120), legend), "barmode": "overlay"}


def _common(height: int, legend: bool) -> dict:
    return {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 40 if legend else 16, "b": 8},
        "showlegend": legend,
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "hovermode": "closest",
    }
