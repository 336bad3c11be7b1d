"""One build of the site: the validated data and everything derived from it, shared by all events."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import csp
from .entities import Entity, build_entities
from .figures import ChartData, build_charts, csv_files, figure_json
from .generated import MENTIONS_PLACEHOLDER, GeneratedPage
from .linking import Linker
from .loading import Site, load_site
from .markers import MarkerContext, expand_markers
from .nav import compact_nav, site_nav
from .pages import BUILDERS, build_pages
from .paths import doc_url
from .render.charts import embed_html
from .render.mentions import PageMention, mentions_html
from .schemas import schema_files
from .worker import ThreadLinker

_MENTIONS = re.compile(MENTIONS_PLACEHOLDER.format(id="(?P<id>[a-z0-9-]+)"))
_ASIDE_START, _ASIDE_END, _SLOT = "<!-- orbit:aside -->", "<!-- /orbit:aside -->", "<!-- orbit:slot -->"


@contextmanager
def _paused_gc():
    """Loading creates millions of objects that all live on; collecting during it finds no garbage (~4x slower)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # and they stay: no later collection of this build walks them again
        if enabled:
            gc.enable()


@dataclass
class Build:
    """State of one build; created in `on_config`, so every rebuild starts fresh."""

    site: Site
    entities: dict[str, Entity]
    charts: dict[str, ChartData]
    markers: MarkerContext
    linker: Linker
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # by source path
    mentions: dict[str, list[PageMention]] = field(default_factory=dict)
    aside: dict[str, list[str]] = field(default_factory=dict)  # by source path: HTML held back until written
    worker: ThreadLinker | None = None  # links set-apart threads on the second core

    @classmethod
    def load(cls, data_dir: Path) -> "Build":
        """Validate the data (raising DataError) and derive pages, figures and the linker."""
        with _paused_gc():
            build = cls._load(data_dir)
        # Forked once loading is over and its data frozen, so the worker shares the memory.
        apart = {doc: (next(iter(page.splices.values())), doc_url(doc)) for doc, page in build.pages.items() if page.apart}
        build.worker = ThreadLinker.start(build.linker, apart)
        return build

    def close(self) -> None:
        """Stop the worker, if any: the build is over, or failed."""
        if self.worker:
            self.worker.close()

    @classmethod
    def _load(cls, data_dir: Path) -> "Build":
        site = load_site(data_dir)
        entities = build_entities(site)
        charts = build_charts(site)  # each chart's traces once: pages, embeds and CSV share them
        figures = {key: figure_json(data) for key, data in charts.items()}
        titles = {key: data.title for key, data in charts.items()}
        markers = MarkerContext(entities, titles, lambda key, doc: embed_html(charts[key], figures[key], doc))
        build = cls(site, entities, charts, markers, Linker(entities))
        build.pages = {page.doc: page for page in build_pages(site, markers, BUILDERS)}
        return build

    @property
    def marker_problems(self) -> list[str]:
        return self.markers.problems

    def marker_report(self) -> str:
        count = len(self.markers.problems)
        lines = [f"{count} unknown id{'s' if count != 1 else ''} in page markers:"]
        return "\n".join(lines + [f"  - {problem}" for problem in self.markers.problems])

    def expand(self, markdown: str, doc: str) -> str:
        """Expand `[[...]]` markers in the Markdown of page `doc`."""
        generated = self.pages.get(doc)
        return expand_markers(markdown, doc, self.markers, where=generated.edit if generated else None)

    def finish_content(self, page_html: str, doc: str, url: str, title: str) -> str:
        """Splice late HTML, link first mentions, record them, and mark the content for CSP."""
        generated = self.pages.get(doc)
        apart = self.worker.take(doc) if self.worker else None  # its splice, already linked
        for placeholder, html in (generated.splices.items() if generated else ()):
            page_html = page_html.replace(placeholder, _SLOT if apart else f"{_ASIDE_START}{html}{_ASIDE_END}")
        page_html, found = self.linker.link(page_html, url, generated.exclude if generated else ())
        for mention in found + (apart.mentions if apart else []):
            record = PageMention(title, url, mention.anchor, mention.scope)
            self.mentions.setdefault(mention.entity, []).append(record)
        # Spliced HTML (the comment thread) waits for finish_page: the search plugin, which parses
        # every page's content and leaves comments out of its index anyway, never has to read it.
        page_html, held = _set_aside(page_html)
        self.aside[doc] = [apart.html] if apart else held
        return f"{csp.CONTENT_START}{page_html}{csp.CONTENT_END}"

    def finish_page(self, output: str, doc: str) -> str:
        """The written page: compact nav, its Content-Security-Policy, and the HTML held back."""
        output = csp.secure(compact_nav(output))
        for html in self.aside.pop(doc, ()):
            output = output.replace(_SLOT, html, 1)
        return output

    def fill_mentions(self, page_html: str, url: str) -> str:
        """Replace each mentions placeholder with the list of pages that link the entity."""
        return _MENTIONS.sub(lambda m: mentions_html(self.mentions.get(m.group("id"), []), url), page_html)

    def downloads(self) -> dict[str, str]:
        """Extra files to publish: chart CSV and JSON, and the data contract's JSON Schemas."""
        return {**csv_files(self.charts), **schema_files()}

    def nav(self, files) -> list:
        """A sectioned navigation over every page (used when mkdocs.yml sets no `nav`)."""
        docs = {file.src_uri for file in files.documentation_pages()}
        return site_nav(self.site, docs, sorted(docs - set(self.pages)))


def _set_aside(page_html: str) -> tuple[str, list[str]]:
    """The page with each aside replaced by a slot, and the asides (str.find: most pages have none)."""
    parts, held, end = [], [], 0
    while (start := page_html.find(_ASIDE_START, end)) >= 0:
        stop = page_html.find(_ASIDE_END, start)
        if stop < 0:  # a lone marker (typed by an editor, say) holds nothing back
            break
        parts += [page_html[end:start], _SLOT]
        held.append(page_html[start + len(_ASIDE_START):stop])
        end = stop + len(_ASIDE_END)
    return ("".join(parts) + page_html[end:] if held else page_html), held
