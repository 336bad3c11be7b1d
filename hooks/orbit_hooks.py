"""MkDocs hooks: wire build events to the `orbit` generator. The work lives in `hooks/orbit/`."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from orbit.data.errors import DataError
from orbit.render.common import page_title
from orbit.site import csp
from orbit.site.build import Build, marker_report
from orbit.site.profiling import profiled

_build: Build | None = None


@profiled
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and validate all data once per build (never at import: `mkdocs serve` keeps this module)."""
    global _build
    _release()  # in case the last build stopped before its end events (`mkdocs serve` goes on)
    data_dir = Path(os.environ.get("ORBIT_DATA_DIR", Path(config.config_file_path).parent / "data"))
    try:
        _build = Build.load(data_dir)
    except DataError as error:
        raise PluginError(str(error)) from None
    _check_markers(config)
    config.markdown_extensions.append(_build.ctx.page_markers)  # expands `[[...]]` in every page's Markdown
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
    """Tell the marker extension which page it converts next (links are relative to it)."""
    _build.ctx.page_markers.doc = page.file.src_uri
    return markdown


@profiled
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Splice untrusted comment HTML in after Markdown, then link first mentions; escape the title."""
    html = _build.finish_content(html, page.file.src_uri, page.url, page.title)
    page.meta["title"] = page_title(page.title or "")  # Material writes a meta title as it is, unescaped
    return html


@profiled
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Compact the nav, add the Content-Security-Policy and put the comment thread back."""
    return _build.finish_page(output, page.file.src_uri)


@profiled
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Theme-only pages such as 404.html get the same policy."""
    return csp.secure(output, _build.script_hashes) if template_name.endswith(".html") else output


@profiled
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """All pages are converted: fill in the backlink lists; hash the theme's own inline scripts."""
    urls = [file.url for file in files.documentation_pages()]
    base = [
        {"config": config, "features": config.theme.get("features") or [], "base_url": url}
        for url in csp.base_urls(urls)
    ]
    _build.script_hashes = csp.theme_hashes(csp.theme_scripts(env, base))
    for file in files.documentation_pages():
        file.page.content = _build.fill_mentions(file.page.content, file.page.url)
    return env


@profiled
def on_post_build(config: MkDocsConfig) -> None:
    """Let go of this build's data: `mkdocs serve` keeps this module between rebuilds."""
    _release()


def on_build_error(error: Exception) -> None:
    """A failed build lets go of its data and its worker too."""
    _release()


def _check_markers(config: MkDocsConfig) -> None:
    """Unknown ids in markers stop the build here, before MkDocs cleans the output folder: the last good site stays."""
    problems = _build.check_markers(Path(config.docs_dir), list(config.markdown_extensions), config.mdx_configs)
    if problems:
        raise PluginError(marker_report(problems))


def _release() -> None:
    global _build
    if _build:
        _build.close()
    _build = None
    gc.unfreeze()  # this build's data may go now (Build.load froze it)
