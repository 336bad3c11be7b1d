"""Chart blocks and chart pages."""

from __future__ import annotations

from ..generated import GeneratedPage
from ..loading import Site
from ..markers import MarkerContext


def chart_embed(key: str, site: Site, figures: dict[str, dict], doc: str) -> str:
    """The HTML block that shows chart `key` on page `doc`."""
    return ""


def pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    return []
