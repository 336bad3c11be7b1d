"""The generator's glue to MkDocs' own objects; with `orbit_hooks.py`, the only file that imports `mkdocs`.

The hook file wires MkDocs' events; this module does what needs MkDocs' objects: it loads a
build from MkDocs' configuration, adds the generated pages as MkDocs files, hands a serve
session's plan (`orbit.site.session`) to MkDocs' dirty build and its search plugin, and reaches
into MkDocs where it has no public way, by the names in `PRIVATE_NAMES` only.
"""

from __future__ import annotations

import gc
import json
import logging
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer

from orbit.data.errors import DataError
from orbit.link.markers import marker_report
from orbit.log import log
from orbit.site import csp, serve
from orbit.site.build import Build
from orbit.site.incremental import digest, merge_search
from orbit.site.project import load_project
from orbit.site.session import Session

# MkDocs' private names this project uses, and what breaks if MkDocs renames or changes one (MkDocs
# 1.6.1, the last 1.x, is pinned below 2). They are used in this section and nowhere else;
# tests/test_mkdocs_adapter.py fails, naming the entry, when the installed MkDocs lacks one.
PRIVATE_NAMES = {
    "mkdocs.commands.build._populate_page": (
        "converts one page's Markdown on demand; if it is gone or called otherwise, a `serve --dirty` "
        "rebuild that changes an entity's 'where it appears' list fails, or leaves the old list on its page"
    ),
    "mkdocs.livereload.LiveReloadServer._inject_js_into_html": (
        "puts live reload into every served page; if renamed, replacing it silently does nothing and MkDocs' "
        "inline script comes back, blocked by the Content-Security-Policy: served pages no longer reload"
    ),
    "mkdocs.livereload.LiveReloadServer._watched_paths": (
        "the paths the server watches, with how often each was asked for; if it is gone, serving fails at "
        "start (moving the watches to the kernel's notifications needs them)"
    ),
    "mkdocs.livereload.LiveReloadServer._visible_epoch": (
        "the build the server shows now; if it is gone, while the data is broken every page request fails "
        "with the server's own error instead of listing the problems and reloading once they are fixed"
    ),
}
# The start of MkDocs' warning on every `--dirty` build (mkdocs/commands/build.py), filtered out
# because our plan keeps every page current; if MkDocs rewords it, the misleading warning shows again.
DIRTY_WARNING = "'dirty' build"


def _convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Convert one page's Markdown now, as MkDocs does for every page it rebuilds."""
    mkdocs_build._populate_page(page, config, files, dirty=False)


def _shown_epoch(server: LiveReloadServer) -> int:
    """The build the server shows now (the live-reload script compares it with its page's)."""
    return server._visible_epoch


def _inject_with(server: LiveReloadServer, tag: Callable[[int], bytes]) -> None:
    """Have the server put `tag(epoch)` into every page it serves instead of its inline script."""
    server._inject_js_into_html = lambda content, epoch: serve.inject(content, tag(epoch))


def quiet_dirty_warning() -> None:
    """Drop MkDocs' warning about dirty builds: our plan keeps every page current, so it would mislead."""
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: DIRTY_WARNING not in record.getMessage())


def load(config: MkDocsConfig, session: Session | None) -> Build | None:
    """This build's data, validated; None while serving broken data."""
    project = Path(config.config_file_path).parent
    description = config.site_description or ""
    try:
        return load_project(project, Path(config.docs_dir), config.site_url, config.site_name, description)
    except DataError as error:
        return _stop(str(error), session, None)


def check_markers(build: Build, config: MkDocsConfig, session: Session | None) -> Build | None:
    """Unknown ids in markers stop the build here, before MkDocs cleans the output folder: the last good site stays."""
    problems = build.check_markers(Path(config.docs_dir), list(config.markdown_extensions), config.mdx_configs)
    return _stop(marker_report(problems), session, build) if problems else build


def set_scope(config: MkDocsConfig) -> None:
    """Material's `extra.scope`: the site's root path, so one set of theme scripts, hence one policy, is on every page."""
    scope = csp.theme_scope(config.site_url)
    if scope:
        config.extra.setdefault("scope", scope)


def _stop(message: str, session: Session | None, build: Build | None) -> None:
    """Stop the build with the data's problems; under serve, show them in the browser instead."""
    if not session:
        raise PluginError(message)  # and `on_build_error` lets go of the build
    log.error(message)
    session.error = message
    release(build)


def release(build: Build | None) -> None:
    """Let go of a build: its workers stop, and its data may go (`Build.load` froze it)."""
    if build:
        build.close()
    gc.unfreeze()


def add_livereload(files: Files, config: MkDocsConfig) -> None:
    """Publish the live-reload script (under serve only)."""
    files.append(File.generated(config, serve.LIVERELOAD, content=serve.livereload_script()))


def without_pages(files: Files) -> Files:
    """The files but the pages: serving broken data writes no page."""
    return Files([file for file in files if not file.is_documentation_page()])


def add_pages(build: Build, files: Files, config: MkDocsConfig) -> None:
    """Add the generated pages and downloads; their edit link points at their data file."""
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    for file in files.documentation_pages():  # editors' pages: edit their Markdown in docs/
        file.edit_uri = f"{docs}/{file.src_uri}"
    for page in build.pages.values():
        inclusion = InclusionLevel.UNDEFINED if page.listed else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.doc, content=page.markdown, inclusion=inclusion)
        file.edit_uri = page.edit
        files.append(file)
    for path, content in build.downloads().items():
        files.append(File.generated(config, path, content=content))


def serve_site(server: LiveReloadServer, session: Session) -> LiveReloadServer:
    """Load live reload as a file (the policy blocks inline scripts), and answer every page request
    with the build's problems while the data is broken."""

    def tag(epoch: int) -> bytes:
        return serve.livereload_tag(server.mount_path, epoch, time.monotonic_ns())

    pages = server.serve_request

    def answer(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if session.error and (path.endswith(("/", ".html"))) and not path.startswith("/livereload/"):
            start_response("500 Build error", [("Content-Type", "text/html; charset=utf-8")])
            return [serve.error_page(session.error, tag(_shown_epoch(server)))]
        return pages(environ, start_response)

    _inject_with(server, tag)
    server.set_app(answer)
    _watch_saves(server)
    return server


class SavesObserver(Observer):
    """The platform's file notifications (inotify on Linux), told only of changes: a read is an
    event to inotify, and every build reads every data file."""

    def schedule(self, handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(handler, path, recursive=recursive, event_filter=event_filter or CHANGES)


CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, DirMovedEvent, DirDeletedEvent]


def _watch_saves(server: LiveReloadServer) -> None:
    """Move the server's watches from polling every 0.5 s to the kernel's notifications, so a save
    starts a rebuild at once (polling cost an editor 0.25 s a save on average)."""
    watched = dict(server._watched_paths)
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = SavesObserver()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


class Templates(BytecodeCache):
    """The theme's templates, compiled once per serve session (MkDocs makes a new environment, and
    would compile them again, for every build)."""

    def __init__(self, compiled: dict[str, bytes]) -> None:
        self.compiled = compiled  # the session's: it outlives this build's environment

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])  # Jinja drops it if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def theme_hashes(env: Environment, config: MkDocsConfig, files: Files, session: Session | None) -> set[str]:
    """The policy's script hashes: the theme's inline-script templates rendered with this build's settings."""
    bases = tuple(csp.base_urls([file.url for file in files.documentation_pages()]))
    features = config.theme.get("features") or []
    contexts = [{"config": config, "features": features, "base_url": url} for url in bases]
    render = lambda: csp.theme_hashes(csp.theme_scripts(env, contexts))
    return session.script_hashes(bases, render) if session else render()


def plan_rebuild(session: Session, build: Build, files: Files, config: MkDocsConfig) -> None:
    """Mark which pages MkDocs converts and writes again in this partial build."""
    pages = files.documentation_pages()
    sources = {f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8") for f in pages if not f.generated_by}
    changed = [f.src_uri for f in pages if not f.generated_by and File.is_modified(f)]
    dests = {f.src_uri: f.dest_uri for f in pages}
    everything = session.plan_build(build, _setup(config), config.nav, sources, changed, dests).everything
    if everything:
        shutil.rmtree(config.site_dir, ignore_errors=True)  # a new shape of the site: start empty, as a clean build
    else:
        rebuild = session.rebuild
        for file in pages:
            file.is_modified = lambda doc=file.src_uri: doc in rebuild
    _write_changed_only(session, files, config)


def _write_changed_only(session: Session, files: Files, config: MkDocsConfig) -> None:
    """Point each generated file whose bytes the last build wrote already at that copy: MkDocs writes
    every file given as content on every build (a thousand chart tables and feeds at 1,000 stories)."""
    for file in [f for f in files if f.generated_by and f.abs_src_path is None and not f.is_documentation_page()]:
        if session.still_written(Path(file.abs_dest_path), file.content_bytes):
            files.remove(file)
            files.append(File.generated(config, file.src_uri, abs_src_path=file.abs_dest_path))


def _setup(config: MkDocsConfig) -> bytes:
    """What every page depends on: the configuration file and the theme's overrides."""
    theme = [Path(d) for d in config.theme.dirs if Path(config.config_file_path).parent in Path(d).parents]
    overrides = sorted((str(p), p.stat().st_mtime_ns) for d in theme for p in d.rglob("*") if p.is_file())
    return digest(Path(config.config_file_path).read_bytes(), overrides)


def finish_pages(build: Build, session: Session | None, config: MkDocsConfig, files: Files) -> None:
    """Every page is converted: fill in the backlink lists, take the titles, date the pages."""
    memory = session.partial() if session else None
    pages = [file.page for file in files.documentation_pages()]
    if memory:
        _catch_up(build, session, pages, config, files)
    else:
        build.gather_mentions({})
    for page in pages:
        if page.content is not None:
            page.content = build.fill_page(page.file.src_uri, page.content, page.url)
    build.gather_titles({page.url: page.title for page in pages if page.title})  # for breadcrumbs
    for page in pages:  # the sitemap's lastmod: the data's date, or none (never the build's)
        page.update_date = build.lastmod(page.file.src_uri)
    if session:
        session.titles = {page.file.src_uri: page.title for page in pages}


def _catch_up(build: Build, session: Session, pages: list[Page], config: MkDocsConfig, files: Files) -> None:
    """A partial rebuild: pages not converted keep their titles and mentions from the last build,
    and entity pages whose "where it appears" list changed are converted now."""
    memory = session.memory
    unconverted = {page.file.src_uri: page for page in pages if page.content is None}
    for doc, page in unconverted.items():  # the nav shows their titles
        page.title = memory.titles.get(doc)
    build.gather_mentions({doc: memory.found.get(doc, []) for doc in unconverted})
    for doc in build.stale_lists(memory.found) & unconverted.keys():
        _convert(unconverted[doc], config, files)
        session.rebuild.add(doc)


def remember(session: Session, build: Build, config: MkDocsConfig) -> None:
    """Rewrite the search index, keep what the next build compares with."""
    session.remember(build, _merge_search_index(Path(config.site_dir), session))


def _merge_search_index(site: Path, session: Session) -> dict[str, list[dict]]:
    """Rewrite the search plugin's index of a partial build: the plugin keeps stale entries of the
    pages it saw before, and may drop entries of pages it did not see again."""
    path = site / "search" / "search_index.json"
    if not path.is_file():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = merge_search(session.earlier_search(), index["docs"], session.rebuilt_urls())
    index["docs"] = [entry for url in dict.fromkeys(session.urls().values()) for entry in pages.get(url, [])]
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return pages
