"""What every page builder of one build shares: the data and everything derived from it once."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..charts.build import build_charts
from ..charts.figure import figure_json
from ..charts.model import ChartData
from ..data.site import Site
from ..link.entities import Entity, build_entities
from ..link.markers import MarkerContext
from ..pages.meta import SiteInfo
from ..render.charts import embed_html


@dataclass
class Context:
    """One build's validated data, entities and charts (each chart built once), and its markers."""

    site: Site
    entities: dict[str, Entity]
    charts: dict[str, ChartData]
    figures: dict[str, dict]  # Plotly figure JSON by chart id
    info: SiteInfo = field(default_factory=SiteInfo)
    markers: MarkerContext = field(init=False)

    def __post_init__(self) -> None:
        titles = {key: data.title for key, data in self.charts.items()}
        self.markers = MarkerContext(self.entities, titles, self.embed)

    @classmethod
    def of(cls, site: Site, info: SiteInfo | None = None) -> Context:
        """Derive entities and charts from `site`: the only place a build makes them."""
        charts = build_charts(site)
        figures = {key: figure_json(data) for key, data in charts.items()}
        return cls(site, build_entities(site), charts, figures, info or SiteInfo())

    def embed(self, key: str, doc: str) -> str:
        """The block that shows chart `key` on page `doc`."""
        return embed_html(self.charts[key], self.figures[key], doc)
