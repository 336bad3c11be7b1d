"""MkDocs hooks: wire build events to the `orbit` generator, nothing else. The work lives in `hooks/orbit/`.

What needs MkDocs' own objects, its private names among them, is in `orbit_mkdocs.py` beside this file
(importable however the project is installed: MkDocs puts a hook file's folder on `sys.path` to load it).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

import orbit_mkdocs as adapter
from orbit.render.common import esc, page_title
from orbit.site import csp
from orbit.site.build import Build
from orbit.site.profiling import profiled
from orbit.site.session import Session

_build: Build | None = None
_serving: Session | None = None


def on_startup(command: str, dirty: bool) -> None:
    """Tell `mkdocs serve` from `mkdocs build` by MkDocs' own word, once per process."""
    global _serving
    _serving = Session(dirty) if command == "serve" else None
    if dirty:
        adapter.quiet_dirty_warning()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Load live reload as a file, and answer with the build's problems while the data is broken."""
    return adapter.serve_site(server, _serving)


@profiled
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data once per build (never at import: `mkdocs serve` keeps this module)."""
    global _build
    _release()  # in case the last build stopped before its end events (`mkdocs serve` goes on)
    _build = adapter.load(config, _serving)
    if _build:
        _build = adapter.check_markers(_build, config, _serving)
    if _build:  # still (under serve, a marker problem lets the build go and shows in the browser)
        config.markdown_extensions.append(_build.ctx.page_markers)  # expands `[[...]]` in every page's Markdown
    adapter.set_scope(config)
    return config


@profiled
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and downloads; under `serve --dirty`, plan what to rebuild."""
    if _serving:
        adapter.add_livereload(files, config)
    if _build is None:  # serving broken data: write no page, the server answers with the problems
        return adapter.without_pages(files)
    adapter.add_pages(_build, files, config)
    if config.nav is None:
        config.nav = _build.nav(files)
    if _serving and _serving.dirty:
        adapter.plan_rebuild(_serving, _build, files, config)
    return files


@profiled
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Tell the marker extension which page comes next; the home page gets the newest stories."""
    if _build:
        _build.ctx.page_markers.doc = page.file.src_uri
        markdown = _build.page_markdown(page.file.src_uri, markdown)
    return markdown


@profiled
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Splice untrusted comment HTML in after Markdown, link first mentions (not for search); escape the title."""
    if _build is None:
        return html
    html = _build.finish_content(html, page.file.src_uri, page.url, page.title, search=True)
    page.meta["title"] = page_title(page.title or "")  # Material writes a meta title as it is, unescaped
    return html


@profiled
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Linked content back after search; sharing tags for `overrides/main.html`; the page's description."""
    if not _build:
        return context
    page.content = _build.searched(page.file.src_uri, page.content)
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
    """All pages are converted: hash the theme's inline scripts, fill in backlinks, date the pages."""
    if _serving:
        env.bytecode_cache = adapter.Templates(_serving.compiled)
    if _build:
        _build.script_hashes = adapter.theme_hashes(env, config, files, _serving)
        adapter.finish_pages(_build, _serving, config, files)
    return env


@profiled
def on_post_build(config: MkDocsConfig) -> None:
    """Publish the social cards; under serve, patch and remember this build; then let go of it."""
    if _build:
        _build.publish_cards(Path(config.site_dir))
    if _serving and _build:
        _serving.error = None
        if _serving.dirty:
            adapter.remember(_serving, _build, config)
    _release()


def on_build_error(error: Exception) -> None:
    """A failed build lets go of its data and its worker too."""
    _release()


def _release() -> None:
    """Let go of this build (`mkdocs serve` keeps this module between builds)."""
    global _build
    adapter.release(_build)
    _build = None
