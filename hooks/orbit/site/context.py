"""What every page builder of one build shares: the data and everything derived from it once."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field

import markdown

from ..charts.build import build_charts
from ..charts.figure import figure_json
from ..charts.model import ChartData
from ..data.claims import event_keys, reading_order
from ..data.models import Article, Event
from ..data.site import Site
from ..link.entities import Entity, build_entities
from ..link.linker import Linker
from ..link.markers import MARKER, MarkerContext, MarkerExtension
from ..link.named import claim_concerns, story_names
from ..link.related import Kin, more_on_this
from ..pages.addresses import article_doc, event_anchors, outcome_anchors
from ..pages.meta import SiteInfo
from ..pages.timeline import TimelineLayout, timeline_layout
from ..render.charts import embed_html
from ..render.claims import ClaimUse
from .incremental import entity_digest

# By story, what it named in the last build: (its record, names_version, ids). `mkdocs serve` keeps
# this module, and the data stage hands back the same record for an unchanged file.
_NAMED: dict[str, tuple[Article, str, frozenset[str]]] = {}
# The last build's "More on this" with what it was ranked from: ranking is a million pairs at
# 1,000 stories, and most rebuilds under `mkdocs serve` change no story's tags or names.
_KIN: list[tuple[tuple, dict[str, list[Kin]]]] = []


@dataclass
class Context:
    """One build's validated data, entities and charts (each chart built once), and its markers."""

    site: Site
    entities: dict[str, Entity]
    charts: dict[str, ChartData]
    figures: dict[str, dict]  # Plotly figure JSON by chart id
    info: SiteInfo = field(default_factory=SiteInfo)
    markers: MarkerContext = field(init=False)
    linker: Linker = field(init=False)  # the first-mention linker, compiled once per build
    page_markers: MarkerExtension = field(init=False)  # MkDocs' Markdown extension for `[[...]]`; set its doc per page
    _notes: tuple[markdown.Markdown, MarkerExtension] = field(init=False)
    _names: dict[str, frozenset[str]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        titles = {key: data.title for key, data in self.charts.items()}
        self.markers = MarkerContext(self.entities, titles, self.embed)
        self.linker = Linker(self.entities)
        self.page_markers = MarkerExtension(self.markers)
        notes = MarkerExtension(self.markers, html_links=True)
        self._notes = (markdown.Markdown(extensions=["attr_list", notes]), notes)  # one converter: building one is slow

    @classmethod
    def of(cls, site: Site, info: SiteInfo | None = None) -> Context:
        """Derive entities and charts from `site`: the only place a build makes them."""
        charts = build_charts(site)
        figures = {key: figure_json(data) for key, data in charts.items()}
        return cls(site, build_entities(site), charts, figures, info or SiteInfo())

    def note_html(self, text: str, doc: str) -> str:
        """An editor's note (Markdown with markers) as HTML on page `doc`, links as final URLs; not yet sanitized."""
        converter, markers = self._notes
        markers.doc = doc
        return converter.reset().convert(text)

    def marked_version(self, texts: list[str]) -> str:
        """A digest of what the `[[...]]` markers in `texts` show (their entities' labels and
        addresses, their charts' blocks): a page using them changes only when this does."""
        marked = sorted({(m["kind"] or "", m["id"]) for text in texts for m in MARKER.finditer(text)})
        hasher = hashlib.blake2b(digest_size=16)
        for kind, key in marked:
            if kind:
                shown = self.embed(key, "index.md") if key in self.charts else ""
            else:
                shown = entity_digest(self.entities[key]).hex() if key in self.entities else ""
            hasher.update(f"{kind}\0{key}\0{shown}\0".encode())
        return hasher.hexdigest()

    def embed(self, key: str, doc: str) -> str:
        """The block that shows chart `key` on page `doc`."""
        return embed_html(self.charts[key], self.figures[key], doc)

    @functools.cached_property
    def timeline(self) -> TimelineLayout:
        """The timeline's pages and the page of each event."""
        return timeline_layout(self.site.events)

    @functools.cached_property
    def dated_events(self) -> list[tuple[Event, str]]:
        """Every event with its anchor, oldest first."""
        return self.timeline.events

    def story_names(self, slug: str) -> frozenset[str]:
        """The agencies, people and terms story `slug` names (link.named.story_names); under
        `mkdocs serve`, reused from the last build while the story and every name are unchanged."""
        if slug not in self._names:
            article, known = self.site.articles[slug], _NAMED.get(slug)
            if known and known[0] is article and known[1] == self.names_version:
                self._names[slug] = known[2]
            else:
                self._names[slug] = story_names(self.linker, article)
                _NAMED[slug] = (article, self.names_version, self._names[slug])
        return self._names[slug]

    @functools.cached_property
    def more_on_this(self) -> dict[str, list[Kin]]:
        """By story, the stories that share the most tags and named entries with it (link.related)."""
        inputs = (self._kin_inputs(), {key: (entity.kind, entity.label) for key, entity in self.entities.items()})
        if not (_KIN and _KIN[0][0] == inputs):
            _KIN[:] = [(inputs, more_on_this(self.site, self.story_names, self.entities))]
        return _KIN[0][1]

    def _kin_inputs(self) -> tuple:
        """Everything link.related ranks by: each story's date, tags, related stories and names."""
        return tuple(
            (slug, story.date, tuple(story.tags), tuple(r.article for r in story.related), self.story_names(slug))
            for slug, story in self.site.articles.items()
        )

    def more_version(self, slug: str) -> str:
        """What story `slug`'s "More on this" shows: each story's address, title, date, publisher and reasons."""
        shown = ((kin, self.site.articles[kin.slug]) for kin in self.more_on_this[slug])
        return repr([(kin, story.title, story.date, story.publisher) for kin, story in shown])

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """Each entity's label by id: how "What happened next" names what an event shares with a story."""
        return {key: entity.label for key, entity in self.entities.items()}

    @functools.cached_property
    def names_version(self) -> str:
        """A digest of every name the linker matches, and of whose it is."""
        hasher = hashlib.blake2b(digest_size=16)
        for key, entity in sorted(self.entities.items()):
            hasher.update("\0".join((key, *entity.names, "\n")).encode())
        return hasher.hexdigest()

    @functools.cached_property
    def timeline_version(self) -> str:
        """A digest of everything a story's "What happened next" can show of the timeline's events."""
        hasher = hashlib.blake2b(digest_size=16)
        for event, anchor in self.dated_events:
            page = self.timeline.doc_of[anchor]  # a busy decade's pages move when an event's text grows
            fields = (anchor, page, event.date, event.title, *event.actors, "\1", *event.tags)
            fields += (str(event.source.url), event.source.title)
            hasher.update("\0".join((*fields, event.confidence, event.caveat or "", "\n")).encode())
        return hasher.hexdigest()

    @functools.cached_property
    def claim_uses(self) -> dict[str, list[ClaimUse]]:
        """By entity id, the claims that concern it, story by story in note order."""
        uses: dict[str, list[ClaimUse]] = {}
        for slug, article in sorted(self.site.articles.items(), key=lambda item: (item[1].date, item[0])):
            for number, claim in enumerate(reading_order(article), 1):
                for key in sorted(claim_concerns(self.linker, claim, self.entities)):
                    uses.setdefault(key, []).append(ClaimUse(slug, article.title, number, claim))
        return uses

    @functools.cached_property
    def outcome_events(self) -> dict[str, list[tuple[str, str]]]:
        """By event anchor, each story outcome that is that event: (story title, `doc#anchor` of the outcome)."""
        events = self.site.events
        keys, anchors = event_keys(events), event_anchors(events)
        found: dict[str, list[tuple[str, str]]] = {}
        for slug, article in self.site.articles.items():
            for outcome, anchor in zip(article.outcomes, outcome_anchors(article.outcomes), strict=True):
                index = keys.get((outcome.event.date, outcome.event.title)) if outcome.event else None
                if index is not None:
                    found.setdefault(anchors[index], []).append((article.title, f"{article_doc(slug)}#{anchor}"))
        return found
