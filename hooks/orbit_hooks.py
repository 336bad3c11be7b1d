"""MkDocs hooks: wire build events to the `orbit` generator. The work lives in `hooks/orbit/`."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from orbit.data.errors import DataError
from orbit.pages.meta import SiteInfo
from orbit.site import csp
from orbit.site.build import Build
from orbit.site.profiling import profiled

_build: Build | None = None


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
        _build = Build.load(data_dir, info, None if os.environ.get("ORBIT_CARDS") == "off" else cards)
    except DataError as error:
        raise PluginError(str(error)) from None
    scope = csp.theme_scope(config.site_url)
    if scope:  # one set of theme scripts, hence one policy, on every page
        config.extra.setdefault("scope", scope)
    return config


@profiled
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and downloads; their edit link points at their data file."""
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
    return files


@profiled
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand editors' `[[id]]` and `[[chart:id]]` markers."""
    return _build.expand(markdown, page.file.src_uri)


@profiled
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Splice untrusted comment HTML in after Markdown, then link first mentions; date the page."""
    html = _build.finish_content(html, page.file.src_uri, page.url, page.title)
    page.update_date = _build.lastmod(page.file.src_uri)  # the sitemap's lastmod
    return html


@profiled
def on_page_context(context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
    """Sharing tags for the theme override (`overrides/main.html`), and the page's own description."""
    doc, description = page.file.src_uri, page.meta.get("description")
    meta = _build.meta(doc, str(description) if description else None)
    page.meta["orbit_head"] = _build.head(doc, page.url, page.title)
    # Material prints the description into an attribute without escaping it: hand it escaped.
    page.meta["description"] = escape(meta.description)
    return context


@profiled
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Compact the nav, add the Content-Security-Policy and put the comment thread back."""
    return _build.finish_page(output, page.file.src_uri)


@profiled
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme-only pages such as 404.html get the same policy."""
    return csp.secure(output) if template_name.endswith(".html") else output


@profiled
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """All pages are converted: stop on marker errors, then fill in the backlink lists."""
    if _build.marker_problems:
        raise PluginError(_build.marker_report())
    for file in files.documentation_pages():
        file.page.content = _build.fill_mentions(file.page.content, file.page.url)
    return env


@profiled
def on_post_build(config: MkDocsConfig) -> None:
    """Publish the social cards, then let go of this build's data (`mkdocs serve` keeps this module)."""
    _build.publish_cards(Path(config.site_dir))
    _release()


def on_build_error(error: Exception) -> None:
    """A failed build lets go of its data and its worker too."""
    _release()


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
