"""What every page builder of one build shares: the data and everything derived from it once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import markdown

from ..charts.build import build_charts
from ..charts.figure import figure_json
from ..charts.model import ChartData
from ..data.site import Site
from ..link.entities import Entity, build_entities
from ..link.markers import MarkerContext, MarkerExtension
from ..render.charts import embed_html


@dataclass
class Context:
    """One build's validated data, entities and charts (each chart built once), and its markers."""

    site: Site
    entities: dict[str, Entity]
    charts: dict[str, ChartData]
    figures: dict[str, dict]  # Plotly figure JSON by chart id
    markers: MarkerContext = field(init=False)
    page_markers: MarkerExtension = field(init=False)  # MkDocs' Markdown extension for `[[...]]`; set its doc per page
    _notes: tuple[markdown.Markdown, MarkerExtension] = field(init=False)
    _links_version: str | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        titles = {key: data.title for key, data in self.charts.items()}
        self.markers = MarkerContext(self.entities, titles, self.embed)
        self.page_markers = MarkerExtension(self.markers)
        notes = MarkerExtension(self.markers, html_links=True)
        self._notes = (markdown.Markdown(extensions=["attr_list", notes]), notes)  # one converter: building one is slow

    @classmethod
    def of(cls, site: Site) -> Context:
        """Derive entities and charts from `site`: the only place a build makes them."""
        charts = build_charts(site)
        return cls(site, build_entities(site), charts, {key: figure_json(data) for key, data in charts.items()})

    def note_html(self, text: str, doc: str) -> str:
        """An editor's note (Markdown with markers) as HTML on page `doc`, links as final URLs; not yet sanitized."""
        converter, markers = self._notes
        markers.doc = doc
        return converter.reset().convert(text)

    def links_version(self) -> str:
        """A digest of everything a `[[...]]` marker can show: entities' labels, tooltips and
        addresses, and the charts' blocks. Equal digests, equal expansions."""
        if self._links_version is None:
            self._links_version = self._digest_links()
        return self._links_version

    def _digest_links(self) -> str:
        hasher = hashlib.blake2b(digest_size=16)
        for key, entity in sorted(self.entities.items()):
            hasher.update(f"{key}\0{entity.label}\0{entity.tooltip}\0{entity.doc}\0".encode())
        for key in sorted(self.charts):
            hasher.update(self.embed(key, "index.md").encode())
        return hasher.hexdigest()

    def embed(self, key: str, doc: str) -> str:
        """The block that shows chart `key` on page `doc`."""
        return embed_html(self.charts[key], self.figures[key], doc)
