"""One build of the site: the validated data and everything derived from it, shared by all events."""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..charts.model import table_csv
from ..data.errors import Problem
from ..data.loading import load_site
from ..data.models import Comment
from ..data.schemas import schema_files
from ..data.site import Site
from ..link.entities import preview_files
from ..link.linker import Linker
from ..link.markers import check_markers
from ..link.worker import ThreadLinker
from ..pages.addresses import HOME_DOC, chart_csv, chart_json, doc_url
from ..pages.meta import PageMeta, SiteInfo
from ..pages.page import GeneratedPage
from ..pages.placeholders import ASIDE_END, ASIDE_START, MENTIONS, SLOT
from ..pages.threads import comment_map, comment_map_doc, thread_layout
from ..render.charts import figure_inline, figure_text
from ..render.mentions import PageMention, mentions_html
from . import csp
from .cards import CardPainter
from .context import Context
from .incremental import (
    Mentions,
    Snapshot,
    changed_lists,
    digest,
    entity_digest,
    marker_ids,
    mention_lists,
    page_digest,
    raw_title,
)
from .markup import compact_theme
from .nav import site_nav
from .plan import build_pages, front_section
from .profiling import profiled
from .sharing import editor_meta, first_paragraph, page_head, page_metas, plain_title, site_card, site_files

_MENTIONS = re.compile(MENTIONS.format(id="(?P<id>[a-z0-9-]+)"))


@contextmanager
def _paused_gc():
    """Loading creates millions of objects that all live on; collecting during it finds no garbage."""
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

    ctx: Context
    linker: Linker
    pages: dict[str, GeneratedPage] = field(default_factory=dict)  # by source path
    found: dict[str, Mentions] = field(default_factory=dict)  # page -> the mentions linked on it
    lists: dict[str, list[PageMention]] = field(default_factory=dict)  # entity -> every mention of it
    converted: set[str] = field(default_factory=set)  # pages converted in this build
    aside: dict[str, list[str]] = field(default_factory=dict)  # by source path: HTML held back until written
    linked: dict[str, str] = field(default_factory=dict)  # by source path: content held while search reads it unlinked
    worker: ThreadLinker | None = None  # links set-apart threads on the second core
    script_hashes: set[str] = field(default_factory=set)  # the theme's inline scripts (set in on_env)
    metas: dict[str, PageMeta] = field(default_factory=dict)  # by source path: sharing metadata
    painter: CardPainter | None = None  # draws the social cards the cache lacks
    titles: dict[str, str] = field(default_factory=dict)  # by page URL, for breadcrumbs
    openings: dict[str, str] = field(default_factory=dict)  # by source path: an editor's page's first paragraph
    front: str = ""  # the newest stories, for the end of an editor's home page (docs/index.md)

    @classmethod
    def load(
        cls, data_dir: Path, info: SiteInfo | None = None, card_cache: Path | None = None, docs_dir: Path | None = None
    ) -> Build:
        """Validate the data (raising DataError) and derive pages, figures and the linker; start
        drawing the social cards missing from `card_cache` (none are drawn without one). An editor's
        home page in `docs_dir` keeps its text, with the front page's list of stories below it."""
        with _paused_gc():
            build = cls._load(data_dir, info or SiteInfo(), bool(docs_dir and (docs_dir / HOME_DOC).is_file()))
        if card_cache:  # before the thread worker: forking is safe only while this process has one thread
            build.painter = cards_planned(build, card_cache)
        # Forked once loading is over and its data frozen, so the worker shares the memory.
        apart = {
            doc: (next(iter(page.splices.values())), doc_url(doc)) for doc, page in build.pages.items() if page.apart
        }
        build.worker = ThreadLinker.start(build.linker, apart)
        return build

    def close(self) -> None:
        """Stop the workers, if any: the build is over, or failed."""
        if self.worker:
            self.worker.close()
        if self.painter:
            self.painter.close()

    @classmethod
    def _load(cls, data_dir: Path, info: SiteInfo, editor_home: bool) -> Build:
        ctx = Context.of(load_site(data_dir), info)  # each chart once: pages, embeds and CSV share it
        build = cls(ctx, ctx.linker)
        pages = build_pages(ctx)
        if editor_home:
            pages = [page for page in pages if page.doc != HOME_DOC]
            build.front = front_section(ctx)
        build.pages = {page.doc: page for page in pages}
        build.metas = page_metas(ctx, pages)
        return build

    def check_markers(
        self, docs_dir: Path, extensions: list | None = None, configs: dict | None = None
    ) -> list[Problem]:
        """Unknown ids in `[[...]]` markers of docs/ and of the data, by file and line (before any output)."""
        return check_markers(docs_dir, self.ctx.markers, self.ctx.site, extensions, configs)

    def page_markdown(self, doc: str, markdown: str) -> str:
        """A page's Markdown as it is converted: an editor's home page gets the newest stories below its text."""
        return f"{markdown}\n\n{self.front}" if doc == HOME_DOC and self.front else markdown

    def finish_content(self, page_html: str, doc: str, url: str, title: str, search: bool = False) -> str:
        """Splice late HTML, link first mentions, record them, and hold the thread back. With
        `search`, the HTML returned is for the search plugin, and `searched` gives the page's own."""
        generated = self.pages.get(doc)
        apart = self.worker.take(doc) if self.worker else None  # its splice, already linked
        for placeholder, html in generated.splices.items() if generated else ():
            page_html = page_html.replace(placeholder, SLOT if apart else f"{ASIDE_START}{html}{ASIDE_END}")
        unlinked = page_html
        page_html, found = self.linker.link(page_html, url, generated.exclude if generated else ())
        mentions = found + (apart.mentions if apart else [])
        self.found[doc] = [(m.entity, PageMention(title, url, m.anchor, m.scope)) for m in mentions]
        if doc not in self.pages:  # an editor's page without a description is described by its first paragraph
            self.openings[doc] = first_paragraph(page_html)
        # Spliced HTML (the comment thread) waits for finish_page: the search plugin, which parses
        # every page's content and leaves comments out of its index anyway, never has to read it.
        page_html, held = _set_aside(page_html)
        self.aside[doc] = [apart.html] if apart else held
        return self._hold_links(doc, unlinked, page_html) if search and found else page_html

    def _hold_links(self, doc: str, unlinked: str, linked: str) -> str:
        """The content without its first-mention links, for the search plugin to read, the linked one
        kept for `searched`: the same index (a link adds no text, search keeps no `<a>`), fewer tags."""
        unlinked = _set_aside(unlinked)[0]
        if _SEARCH_ATTRIBUTE in unlinked:  # the plugin edits those attributes out of what it read
            return linked
        self.linked[doc] = linked
        return unlinked

    def searched(self, doc: str, content: str) -> str:
        """Page `doc`'s content once the search plugin has read it: linked again."""
        return self.linked.pop(doc, content)

    def finish_page(self, output: str, doc: str) -> str:
        """The written page: the theme's markup compacted, its Content-Security-Policy, and the HTML held back."""
        output = csp.secure(compact_theme(output), self.script_hashes)
        for html in self.aside.pop(doc, ()):
            output = output.replace(SLOT, html, 1)
        return output

    def gather_mentions(self, earlier: dict[str, Mentions]) -> None:
        """Every page is converted: list each entity's mentions, taking pages not converted this
        time (a partial rebuild under serve) from `earlier`."""
        self.converted = set(self.found)
        self.found = {**earlier, **self.found}
        content = {doc: found for doc, found in self.found.items() if doc in self.pages and self.pages[doc].is_content}
        self.lists = mention_lists(content)

    def fill_mentions(self, page_html: str, url: str) -> str:
        """Replace each mentions placeholder with the list of pages that link the entity."""
        return _MENTIONS.sub(lambda m: mentions_html(self.lists.get(m.group("id"), []), url), page_html)

    def fill_page(self, doc: str, page_html: str, url: str) -> str:
        """`fill_mentions` for page `doc`, in its content and in the linked one held from search."""
        if doc in self.linked:
            self.linked[doc] = self.fill_mentions(self.linked[doc], url)
        return self.fill_mentions(page_html, url)

    def snapshot(self, setup: bytes, nav: list, sources: dict[str, str]) -> Snapshot:
        """What this build would write, in digests; `sources` is the Markdown of editors' pages."""
        markdown = {**{doc: page.markdown for doc, page in self.pages.items()}, **sources}
        titles = sorted((doc, raw_title(text)) for doc, text in markdown.items())
        names = sorted((name, key) for key, entity in self.ctx.entities.items() for name in entity.names)
        links = {key: entity_digest(entity) for key, entity in self.ctx.entities.items()}
        links |= {f"chart:{key}": digest(self.ctx.embed(key, "index.md")) for key in self.ctx.charts}
        # A page's sharing metadata is in its head: a change there rewrites it too.
        pages = {doc: digest(page_digest(page), repr(self.metas.get(doc))) for doc, page in self.pages.items()}
        if self.front:  # the editor's home page changes with its list of stories too
            pages[HOME_DOC] = digest(self.front)
        markers = {doc: ids for doc, text in markdown.items() if (ids := marker_ids(text))}
        return Snapshot(setup, digest(repr(nav), titles), digest(names), pages, links, markers)

    def stale_lists(self, earlier: dict[str, Mentions]) -> set[str]:
        """Entity pages whose "where it appears" list differs from the one in `earlier`'s build."""
        changed = changed_lists(earlier, self.found, self.converted)
        return {self.ctx.entities[key].doc for key in changed if key in self.ctx.entities}

    def downloads(self) -> dict[str, str]:
        """Extra files to publish: chart CSV, figures too big for a page, each entry's preview text,
        the map of each long thread's pages, the data contract's JSON Schemas, the feeds and robots.txt."""
        csv_files = {chart_csv(key): table_csv(data.table) for key, data in self.ctx.charts.items()}
        figures = {key: figure_text(figure) for key, figure in self.ctx.figures.items()}
        big = {chart_json(key): spec for key, spec in figures.items() if not figure_inline(spec)}
        maps = {comment_map_doc(slug): text for slug, text in _comment_maps(self.ctx.site).items() if text}
        previews = preview_files(self.ctx.entities.values())
        return {**csv_files, **big, **previews, **maps, **schema_files(), **site_files(self.ctx)}

    def meta(self, doc: str, description: str | None = None) -> PageMeta:
        """Page `doc`'s sharing metadata; an editor's page gives its front matter's `description`."""
        if doc not in self.metas:
            self.metas[doc] = editor_meta(self.ctx, doc, description, self.openings.pop(doc, ""))
        return self.metas[doc]

    def lastmod(self, doc: str) -> str:
        """The date the sitemap gives page `doc`: the latest its data records, or none (not the build's)."""
        lastmod = self.metas[doc].lastmod if doc in self.pages else None
        return lastmod.isoformat() if lastmod else ""

    def gather_titles(self, titles: dict[str, str]) -> None:
        """Every page's title by URL (pages a partial rebuild did not convert included), for breadcrumbs."""
        self.titles = {url: plain_title(title) for url, title in titles.items()}

    def head(self, doc: str, url: str, title: str) -> str:
        """The sharing tags of page `doc` for the theme's `<head>`, once every page is converted."""
        crumbs = [(self.titles[up], up) for up in _ancestors(url) if up in self.titles]
        # What the page's own text names (a story's `about`), not what its readers' comments do.
        linked = dict.fromkeys(entity for entity, mention in self.found.get(doc, []) if mention.scope == "page")
        return page_head(self.ctx, self.meta(doc), url, title, list(linked), crumbs)

    def publish_cards(self, site_dir: Path) -> None:
        """Put the social cards into the built site (drawing what the workers left)."""
        if self.painter:
            cards_published(self.painter, site_dir)

    def nav(self, files) -> list:
        """A sectioned navigation over every page (used when mkdocs.yml sets no `nav`)."""
        return self.nav_for({file.src_uri for file in files.documentation_pages()})

    def nav_for(self, docs: set[str]) -> list:
        """The navigation over the pages `docs` (source paths: generated pages and editors' own)."""
        timeline = [period.doc for period in self.ctx.timeline.periods]
        return site_nav(self.ctx.site, docs, sorted(docs - set(self.pages)), timeline)


# By story, its comments and length as last seen and the map of its long thread's pages (None for
# a thread under its story): `mkdocs serve` keeps this module, and an unchanged file gives back the
# same comments.
_MAPS: dict[str, tuple[list[Comment], int, str | None]] = {}


def _comment_maps(site: Site) -> dict[str, str | None]:
    """The map from comment to page of each story's thread, laid out again only when it changed."""
    for slug, comments in site.comments.items():
        known, length = _MAPS.get(slug), len(site.articles[slug].body)
        if known is None or known[0] is not comments or known[1] != length:
            layout = thread_layout(slug, comments, length)
            _MAPS[slug] = (comments, length, comment_map(layout) if layout.apart else None)
    return {slug: _MAPS[slug][2] for slug in site.comments}


@profiled  # what cards cost a build, apart from drawing: scripts/bench_build.py reports it
def cards_planned(build: Build, cache: Path) -> CardPainter:
    """Every card of the build, which the cache lacks, and the processes that draw those."""
    cards = {meta.card for meta in build.metas.values()} | {site_card(build.ctx)}
    painter = CardPainter(sorted(cards, key=lambda card: card.path), build.ctx.info.name, cache)
    painter.start()
    return painter


@profiled
def cards_published(painter: CardPainter, site_dir: Path) -> None:
    """Wait for the drawing, draw what is left, and put every card into the site."""
    painter.publish(site_dir)


def _ancestors(url: str) -> list[str]:
    """The URLs above a page's: `charts/x/rows-1-100/` -> ``, `charts/`, `charts/x/`."""
    if not url:
        return []
    parts = url.strip("/").split("/")[:-1]
    return ["", *("/".join(parts[: n + 1]) + "/" for n in range(len(parts)))]


_SEARCH_ATTRIBUTE = "data-search-"  # Material's search plugin removes `data-search-*="..."` from what it read


def _set_aside(page_html: str) -> tuple[str, list[str]]:
    """The page with each aside replaced by a slot, and the asides (str.find: most pages have none)."""
    parts, held, end = [], [], 0
    while (start := page_html.find(ASIDE_START, end)) >= 0:
        stop = page_html.find(ASIDE_END, start)
        if stop < 0:  # a lone marker (typed by an editor, say) holds nothing back
            break
        parts += [page_html[end:start], SLOT]
        held.append(page_html[start + len(ASIDE_START) : stop])
        end = stop + len(ASIDE_END)
    return ("".join(parts) + page_html[end:] if held else page_html), held
