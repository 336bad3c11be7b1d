"""Chart figures: Plotly figure JSON, data tables and CSV, built from validated chart data."""

from __future__ import annotations

from .loading import Site


def build_figures(site: Site) -> dict[str, dict]:
    """Figure JSON (as plain dicts) for every chart, by chart id."""
    return {}


def downloads(site: Site, figures: dict[str, dict]) -> dict[str, str]:
    """Published files per chart: `charts/<id>.csv` (and whatever else a chart offers)."""
    return {}
