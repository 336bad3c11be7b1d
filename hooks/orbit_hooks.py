"""MkDocs hooks: wire build events to the `orbit` generator. The work lives in `hooks/orbit/`."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.commands.build import _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from orbit.data.errors import DataError
from orbit.link.markers import marker_report
from orbit.log import log
from orbit.pages.meta import SiteInfo
from orbit.render.common import esc, page_title
from orbit.site import csp, serve
from orbit.site.build import Build
from orbit.site.incremental import Memory, Plan, Snapshot, digest, merge_search, plan
from orbit.site.profiling import profiled

_build: Build | None = None


class _Templates(BytecodeCache):
    """The theme's templates, compiled once per serve session (MkDocs makes a new environment, and
    would compile them again, for every build)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class _Session:
    """A `mkdocs serve` session: what the next build needs from the last one."""

    dirty: bool  # `--dirty`: MkDocs rebuilds only the pages our plan marks as modified
    memory: Memory | None = None  # the last good build
    templates: _Templates = field(default_factory=_Templates)
    error: str | None = None  # the problems that stop the build, shown in the browser
    plan: Plan | None = None  # this build's: what it rebuilds
    rebuild: set[str] = field(default_factory=set)  # this build's pages to convert and write again
    snapshot: Snapshot | None = None  # this build's, before any page is converted
    titles: dict[str, str] = field(default_factory=dict)  # this build's page titles
    dests: dict[str, str] = field(default_factory=dict)  # this build's pages: where each is written
    hashes: tuple[tuple, set[str]] | None = None  # the policy's script hashes, and what they were made from


_serving: _Session | None = None


def on_startup(command: str, dirty: bool) -> None:
    """Tell `mkdocs serve` from `mkdocs build` by MkDocs' own word, once per process."""
    global _serving
    _serving = _Session(dirty) if command == "serve" else None
    if dirty:  # our plan keeps every page current: MkDocs' warning about dirty builds would mislead
        logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Load live reload as a file (the policy blocks inline scripts), and answer with the build's
    problems while the data is broken."""

    def tag(epoch: int) -> bytes:
        return serve.livereload_tag(server.mount_path, epoch, time.monotonic_ns())

    pages = server.serve_request

    def answer(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if _serving.error and (path.endswith(("/", ".html"))) and not path.startswith("/livereload/"):
            start_response("500 Build error", [("Content-Type", "text/html; charset=utf-8")])
            return [serve.error_page(_serving.error, tag(server._visible_epoch))]
        return pages(environ, start_response)

    server._inject_js_into_html = lambda content, epoch: serve.inject(content, tag(epoch))
    server.set_app(answer)
    return server


@profiled
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data once per build (never at import: `mkdocs serve` keeps this module)."""
    global _build
    _release()  # in case the last build stopped before its end events (`mkdocs serve` goes on)
    project = Path(config.config_file_path).parent
    data_dir = Path(os.environ.get("ORBIT_DATA_DIR", project / "data"))
    info = SiteInfo(_root(config.site_url), config.site_name, config.site_description or "")
    # Social cards are cached by content between builds (CI keeps the folder); ORBIT_CARDS=off skips them.
    cards = Path(os.environ.get("ORBIT_CARD_CACHE", project / ".cache" / "cards"))
    try:
        _build = Build.load(
            data_dir, info, None if os.environ.get("ORBIT_CARDS") == "off" else cards, Path(config.docs_dir)
        )
    except DataError as error:
        _stop(str(error))
    if _build:
        _check_markers(config)
    if _build:  # still (under serve, a marker problem lets the build go and shows in the browser)
        config.markdown_extensions.append(_build.ctx.page_markers)  # expands `[[...]]` in every page's Markdown
    scope = csp.theme_scope(config.site_url)
    if scope:  # one set of theme scripts, hence one policy, on every page
        config.extra.setdefault("scope", scope)
    return config


@profiled
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and downloads; their edit link points at their data file."""
    if _serving:
        files.append(File.generated(config, serve.LIVERELOAD, content=serve.livereload_script()))
    if _build is None:  # serving broken data: write no page, the server answers with the problems
        return Files([file for file in files if not file.is_documentation_page()])
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    for file in files.documentation_pages():  # editors' pages: edit their Markdown in docs/
        file.edit_uri = f"{docs}/{file.src_uri}"
    for page in _build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.doc, content=page.markdown, inclusion=inclusion)
        file.edit_uri = page.edit
        files.append(file)
    for path, content in _build.downloads().items():
        files.append(File.generated(config, path, content=content))
    if config.nav is None:
        config.nav = _build.nav(files)
    if _serving and _serving.dirty:
        _plan_rebuild(files, config)
    return files


@profiled
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the marker extension which page it converts next (links are relative to it); the home
    page gets the newest stories below its text."""
    if _build:
        _build.ctx.page_markers.doc = page.file.src_uri
        markdown = _build.page_markdown(page.file.src_uri, markdown)
    return markdown


@profiled
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Splice untrusted comment HTML in after Markdown, then link first mentions; escape the title."""
    if _build is None:
        return html
    html = _build.finish_content(html, page.file.src_uri, page.url, page.title)
    page.meta["title"] = page_title(page.title or "")  # Material writes a meta title as it is, unescaped
    return html


@profiled
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Sharing tags for the theme override (`overrides/main.html`), and the page's own description."""
    if not _build:
        return context
    doc, description = page.file.src_uri, page.meta.get("description")
    meta = _build.meta(doc, str(description) if description else None)
    page.meta["orbit_head"] = _build.head(doc, page.url, page.title)
    # Material prints the description into an attribute without escaping it: hand it escaped.
    page.meta["description"] = esc(meta.description)
    return context


@profiled
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Compact the nav, add the Content-Security-Policy and put the comment thread back."""
    return _build.finish_page(output, page.file.src_uri) if _build else output


@profiled
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme-only pages such as 404.html get the same policy."""
    hashes = _build.script_hashes if _build else set()
    return csp.secure(output, hashes) if template_name.endswith(".html") else output


@profiled
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """All pages are converted: hash the theme's own inline scripts, fill in the backlink lists,
    date the pages."""
    if _serving:
        env.bytecode_cache = _serving.templates
    if _build is None:
        return env
    _build.script_hashes = _theme_hashes(env, config, files)
    memory = _serving.memory if _serving and _serving.plan and not _serving.plan.everything else None
    pages = [file.page for file in files.documentation_pages()]
    if memory:
        _catch_up(memory, pages, config, files)
    else:
        _build.gather_mentions({})
    for page in pages:
        if page.content is not None:
            page.content = _build.fill_mentions(page.content, page.url)
    _build.gather_titles({page.url: page.title for page in pages if page.title})  # for breadcrumbs
    for page in pages:  # the sitemap's lastmod: the data's date, or none (never the build's)
        page.update_date = _build.lastmod(page.file.src_uri)
    if _serving:
        _serving.titles = {page.file.src_uri: page.title for page in pages}
    return env


@profiled
def on_post_build(config: MkDocsConfig) -> None:
    """Publish the social cards; under serve, bring pages not rebuilt up to date and remember this
    build; then let go of it."""
    if _build:
        _build.publish_cards(Path(config.site_dir))
    if _serving and _build:
        _serving.error = None
        if _serving.dirty:
            _remember(config)
    _release()


def on_build_error(error: Exception) -> None:
    """A failed build lets go of its data and its worker too."""
    _release()


def _check_markers(config: MkDocsConfig) -> None:
    """Unknown ids in markers stop the build here, before MkDocs cleans the output folder: the last good site stays."""
    problems = _build.check_markers(Path(config.docs_dir), list(config.markdown_extensions), config.mdx_configs)
    if problems:
        _stop(marker_report(problems))


def _theme_hashes(env: Environment, config: MkDocsConfig, files: Files) -> set[str]:
    """The policy's script hashes: the theme's inline-script templates rendered with this build's settings."""
    bases = tuple(csp.base_urls([file.url for file in files.documentation_pages()]))
    snapshot = _serving.snapshot if _serving else None  # the same setup and page depths: the same scripts
    key = (snapshot.setup, bases) if snapshot else None
    if key and _serving.hashes and _serving.hashes[0] == key:
        return _serving.hashes[1]
    features = config.theme.get("features") or []
    contexts = [{"config": config, "features": features, "base_url": url} for url in bases]
    hashes = csp.theme_hashes(csp.theme_scripts(env, contexts))
    if key:
        _serving.hashes = (key, hashes)
    return hashes


def _stop(message: str) -> None:
    """Stop the build with the data's problems; under serve, show them in the browser instead."""
    global _build
    if not _serving:
        raise PluginError(message)
    log.error(message)
    _serving.error = message
    _release()


def _plan_rebuild(files: Files, config: MkDocsConfig) -> None:
    """Mark which pages MkDocs converts and writes again in this partial build."""
    sources = {
        f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8")
        for f in files.documentation_pages()
        if not f.generated_by
    }
    changed = [f.src_uri for f in files.documentation_pages() if not f.generated_by and File.is_modified(f)]
    _serving.snapshot = _build.snapshot(_setup(config), config.nav, sources)
    _serving.dests = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
    _serving.plan = plan(_serving.memory, _serving.snapshot, changed)
    if _serving.plan.everything:  # a new shape of the site: start from an empty folder, as a clean build
        shutil.rmtree(config.site_dir, ignore_errors=True)
        return
    rebuild = _serving.rebuild = set(_serving.plan.rebuild)
    for file in files.documentation_pages():
        file.is_modified = lambda doc=file.src_uri: doc in rebuild


def _catch_up(memory: Memory, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
    """A partial rebuild: pages not converted keep their titles and mentions from the last build,
    and entity pages whose "where it appears" list changed are converted now."""
    unconverted = {page.file.src_uri: page for page in pages if page.content is None}
    for doc, page in unconverted.items():  # the nav shows their titles
        page.title = memory.titles.get(doc)
    _build.gather_mentions({doc: memory.found.get(doc, []) for doc in unconverted})
    for doc in _build.stale_lists(memory.found) & unconverted.keys():
        _populate_page(unconverted[doc], config, files, dirty=False)
        _serving.rebuild.add(doc)


def _setup(config: MkDocsConfig) -> bytes:
    """What every page depends on: the configuration file and the theme's overrides."""
    theme = [Path(d) for d in config.theme.dirs if Path(config.config_file_path).parent in Path(d).parents]
    overrides = sorted((str(p), p.stat().st_mtime_ns) for d in theme for p in d.rglob("*") if p.is_file())
    return digest(Path(config.config_file_path).read_bytes(), overrides)


def _remember(config: MkDocsConfig) -> None:
    """Patch pages not rebuilt (tooltips, "where it appears" lists), merge the search index, keep
    what the next build compares with."""
    site, memory, this = Path(config.site_dir), _serving.memory, _serving.plan
    if memory and not this.everything:
        for doc, edit in _build.patches(this, _serving.rebuild).items():
            path = site / _serving.dests[doc]
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    urls = {doc: _url(dest) for doc, dest in _serving.dests.items()}
    rebuilt = set(urls.values()) if this.everything else {urls[doc] for doc in _serving.rebuild if doc in urls}
    search = _merge_search_index(site, memory.search if memory and not this.everything else {}, rebuilt, urls)
    _serving.memory = Memory(_serving.snapshot, dict(_serving.titles), dict(_build.found), dict(_serving.dests), search)


def _url(dest: str) -> str:
    """The page URL of a written file: `articles/x/index.html` -> `articles/x/`."""
    return dest.removesuffix("index.html")


def _merge_search_index(site: Path, previous: dict[str, list[dict]], rebuilt: set[str], urls: dict[str, str]) -> dict:
    """Rewrite the search index of a partial build: the search plugin keeps stale entries of the
    pages it saw before, and may drop entries of pages it did not see again."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = merge_search(previous, index["docs"], rebuilt)
    index["docs"] = [entry for url in dict.fromkeys(urls.values()) for entry in pages.get(url, [])]
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return pages


def _root(site_url: str | None) -> str:
    """The site's public address, ending in "/" (absolute URLs in feeds and shared links need one)."""
    url = site_url or "http://127.0.0.1:8000/"
    return url if url.endswith("/") else url + "/"


def _release() -> None:
    global _build
    if _build:
        _build.close()
    _build = None
    gc.unfreeze()  # this build's data may go now (Build.load froze it)
