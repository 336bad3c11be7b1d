"""Pages for the profiles."""

from __future__ import annotations

from ..generated import GeneratedPage
from ..loading import Site
from ..markers import MarkerContext


def pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    return []
