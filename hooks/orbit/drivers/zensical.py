"""The Zensical driver: the same site, from the same data/, docs/ and overrides/, built by Zensical.

Zensical reads mkdocs.yml but runs no hooks, so this module does around it what the hook file
does inside MkDocs, with the same stage functions: load and check the data (a problem stops the
build before any output is touched), stage every page as plain Markdown in a staging folder with
the nav written out, run Zensical there (in this process: its Markdown conversion calls the
`[[...]]` extension below, which needs this build's data), finish every written page as the hooks
do (threads, first-mention links and previews, backlinks, sharing tags, the policy with the
hashes of Zensical's own inline scripts), and only then put the finished site in place.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import markdown
import yaml
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..data.errors import DataError
from ..link.markers import MarkerExtension, marker_report
from ..pages.addresses import doc_url, relative_url
from ..render.common import esc, page_title
from ..site import csp
from ..site.build import Build
from ..site.project import load_project

# Zensical's releases change its theme and config; the `zensical` extra pins the one tested.
ZENSICAL = "0.0.73"
# How the staged config names the marker extension (Python-Markdown's "module:Class").
EXTENSION = f"{__name__}:StagedMarkers"
# The first line of every staged page's Markdown: the page the extension converts.
_PAGE_LINE = "<!-- orbit:page {doc} -->"
_PAGE = re.compile(r"<!-- orbit:page (?P<doc>\S+) -->")
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?)\n(?:\.{3}|-{3})[ \t]*\n", re.S)
_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(?P<content>.*?)</article>', re.S)
_H1 = re.compile(r"\A\s*(?:<a [^>]*></a>\s*)?<h1\b[^>]*>(?P<title>.*?)</h1>", re.S)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_SITEMAP_URL = re.compile(r"<loc>(?P<loc>[^<]*)</loc>")
# A relative address in an attribute (not a source path, which both engines resolve alike).
_RELATIVE = re.compile(
    r'(?<![\w-])(?P<attr>href|src)="(?P<url>(?![a-z][a-z0-9+.-]*:|[/#?])(?![^"]*\.md(?:#[^"]*)?")[^"]*)"'
)
_SKIP = '<a id="__skip" tabindex="-1"></a>'
_BASE = "http://site.invalid/"  # resolves a page's relative addresses

_running: Build | None = None  # the build whose pages Zensical converts now


class Stopped(Exception):
    """The build stops with the data's or the markers' problems (`file:line` messages); nothing is written."""


@dataclass
class _Page:
    """A page Zensical wrote, cut where the hooks' stages work on it."""

    doc: str
    path: Path
    before: str
    content: str  # what MkDocs would hand `on_page_content`
    after: str
    title: str


class StagedMarkers(markdown.Extension):
    """The `[[...]]` extension of the running build for Zensical's converter: it learns its page
    from the line the driver writes first into each staged page (Zensical makes one converter per
    page)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        markers = MarkerExtension(_running.ctx.markers)
        markers.extendMarkdown(md)
        md.preprocessors.register(_PageLine(md, markers), "orbit-page", 40)
        md.postprocessors.register(_SourceRelative(md, markers), "orbit-source-relative", 5)  # after raw HTML is back


class _PageLine(Preprocessor):
    def __init__(self, md: markdown.Markdown, markers: MarkerExtension):
        super().__init__(md)
        self.markers = markers

    def run(self, lines: list[str]) -> list[str]:
        page = _PAGE.fullmatch(lines[0]) if lines else None
        if page:
            self.markers.doc = page.group("doc")
        return lines[1:] if page else lines


class _SourceRelative(Postprocessor):
    """Zensical reads a relative address in raw HTML as relative to the page's source file (MkDocs
    leaves raw HTML alone), so a generated page's final addresses are handed over in that form."""

    def __init__(self, md: markdown.Markdown, markers: MarkerExtension):
        super().__init__(md)
        self.markers = markers

    def run(self, text: str) -> str:
        doc = self.markers.doc
        if doc not in _running.pages or doc.rsplit("/", 1)[-1] == "index.md":  # an index's folder is its URL's
            return text
        page, folder = _BASE + doc_url(doc), doc.removesuffix(".md")  # `folder` names a file in the source's folder

        def source_relative(match: re.Match) -> str:
            target = urljoin(page, match["url"]).removeprefix(_BASE)
            return f'{match["attr"]}="{relative_url(target, folder)}"'

        return _RELATIVE.sub(source_relative, text)


def build(config_file: Path, site_dir: Path) -> None:
    """Build the site of `config_file` (a project's mkdocs.yml, beside its data/, docs/ and overrides/)
    into `site_dir` with Zensical; raises Stopped, before `site_dir` is touched, when the data or
    markers are broken."""
    project, config = config_file.parent, read_config(config_file)
    run = _load(project, config)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        # Beside the target, so the finished site moves into place in one rename.
        stage = Path(tempfile.mkdtemp(prefix=".orbit-zensical-", dir=site_dir.parent))
        try:
            edits = _stage(run, project, config, stage)
            run.script_hashes = _theme_hashes(stage, config, edits)
            _zensical(stage / "mkdocs.yml", run)
            _finish(run, stage / "site", edits, config)
            run.publish_cards(stage / "site")
            _publish(stage / "site", site_dir)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    finally:
        run.close()


def read_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, `!ENV [NAME, default]` included."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", _env)
    with path.open(encoding="utf-8") as file:
        return yaml.load(file, Loader=loader)  # a SafeLoader with one more tag


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


def _load(project: Path, config: dict) -> Build:
    """The data loaded and checked as `on_config` does it: the same problems, before any output."""
    docs = project / config.get("docs_dir", "docs")
    try:
        run = load_project(
            project, docs, config.get("site_url"), config["site_name"], config.get("site_description", "")
        )
    except DataError as error:
        raise Stopped(str(error)) from None
    problems = run.check_markers(docs)
    if problems:
        run.close()
        raise Stopped(marker_report(problems))
    return run


def _stage(run: Build, project: Path, config: dict, stage: Path) -> dict[str, str]:
    """Write docs/, every generated page and download, and the config into `stage`; returns every
    page's edit path (what MkDocs' `File.edit_uri` would be)."""
    docs_name = config.get("docs_dir", "docs")
    docs = stage / "docs"
    shutil.copytree(project / docs_name, docs)
    edits = {
        path.relative_to(docs).as_posix(): f"{docs_name}/{path.relative_to(docs).as_posix()}"
        for path in sorted(docs.rglob("*.md"))
        if not any(part.startswith(".") for part in path.relative_to(docs).parts)
    }
    for doc in edits:  # an editor's home page gets the newest stories below its text, as under MkDocs
        markdown = run.page_markdown(doc, (docs / doc).read_text(encoding="utf-8-sig"))
        _write(docs / doc, _with_page_line(markdown, doc))
    for doc, page in run.pages.items():
        _write(docs / doc, _with_page_line(page.markdown, doc))
        edits[doc] = page.edit or ""
    for path, content in run.downloads().items():
        _write(docs / path, content)
    staged = _staged_config(config, project, run.nav_for(set(edits)))
    (stage / "mkdocs.yml").write_text(yaml.safe_dump(staged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return edits


def _staged_config(config: dict, project: Path, nav: list) -> dict:
    """The project's config for Zensical: no hooks, the nav written out, the marker extension, the
    theme's scope set (one set of inline scripts, one policy) and its classic look (Material's)."""
    staged = {key: value for key, value in config.items() if key not in ("hooks", "watch", "nav")}
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    theme["variant"] = "classic"
    extra = dict(config.get("extra") or {})
    scope = csp.theme_scope(config.get("site_url"))
    if scope:
        extra.setdefault("scope", scope)
    extensions = [*(config.get("markdown_extensions") or []), EXTENSION]
    return {**staged, "docs_dir": "docs", "site_dir": "site", "theme": theme, "extra": extra, "nav": nav,
            "markdown_extensions": extensions}  # fmt: skip


def _with_page_line(text: str, doc: str) -> str:
    """The page's Markdown with the line naming it first after its front matter (Zensical strips that)."""
    front = _FRONT_MATTER.match(text)
    cut = front.end() if front else 0
    return f"{text[:cut]}{_PAGE_LINE.format(doc=doc)}\n{text[cut:]}"


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


def _zensical(config_file: Path, run: Build) -> None:
    """Run Zensical on the staged project, in this process, with `run` converting the markers."""
    global _running
    _running = run
    try:
        _engine().build(str(config_file), {"strict": False, "clean": True})
    finally:
        _running = None


def _engine():
    """The zensical package (the optional extra)."""
    try:
        import zensical
    except ImportError:
        raise Stopped(f'Zensical is not installed: pip install -e ".[zensical]" (zensical=={ZENSICAL})') from None
    return zensical


def _edit_button(config: dict) -> str:
    """The theme's edit button, with `{url}` to fill: Zensical writes none without `repo_url`,
    which the site leaves unset (the theme would then call the GitHub API from every page)."""
    theme = config.get("theme") or {}
    if "content.action.edit" not in (theme.get("features") or []):
        return ""
    templates = Path(_engine().__file__).parent / "templates"
    icon = ((theme.get("icon") or {}).get("edit")) or "material/file-edit-outline"
    svg = (templates / ".icons" / f"{icon}.svg").read_text(encoding="utf-8").strip()
    words = (templates / "partials" / "languages" / f"{theme.get('language', 'en')}.html").read_text(encoding="utf-8")
    title = re.search(r'"action\.edit": "(?P<title>[^"]*)"', words)["title"]
    return f'<a href="{{url}}" title="{esc(title)}" class="md-content__button md-icon" rel="edit">{svg}</a>'


def _theme_hashes(stage: Path, config: dict, edits: dict[str, str]) -> set[str]:
    """The policy's script hashes: the inline scripts Zensical's theme writes into empty pages, one
    at each page depth of the site, built apart with the same config (never a page of the data)."""
    probe = stage / "probe"
    bases = csp.base_urls([doc_url(doc) for doc in edits])
    for depth in range(len(bases)):
        _write(probe / "docs" / "/".join(["d"] * depth + ["index.md"]), "")
    staged = yaml.safe_load((stage / "mkdocs.yml").read_text(encoding="utf-8"))
    staged["nav"] = []
    staged["markdown_extensions"] = [e for e in staged["markdown_extensions"] if e != EXTENSION]
    (probe / "mkdocs.yml").write_text(yaml.safe_dump(staged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _zensical(probe / "mkdocs.yml", None)
    pages = [path.read_text(encoding="utf-8") for path in sorted((probe / "site").rglob("*.html"))]
    shutil.rmtree(probe)
    return csp.theme_hashes(pages)


def _finish(run: Build, site: Path, edits: dict[str, str], config: dict) -> None:
    """Every written page finished as the hooks finish it, in their order: each page's content
    (`on_page_content`), then the backlinks (`on_env`), then each page's head and policy
    (`on_page_context`, `on_post_page`); theme-only pages get the policy (`on_post_template`)."""
    pages = [_converted(run, site, doc) for doc in edits]
    button, edit_uri, site_description = _edit_button(config), config.get("edit_uri"), config.get("site_description")
    run.gather_mentions({})
    run.gather_titles({doc_url(page.doc): page.title for page in pages if page.title})
    for page in pages:
        url = doc_url(page.doc)
        content = run.fill_mentions(page.content, url)
        own = _description(site, page.doc)
        description = esc(run.meta(page.doc, own).description)  # before head(), which reads it
        head = run.head(page.doc, url, page.title)
        before = _escaped_title(page.before, page.title, config["site_name"])
        written = _with_head(before, head, description, [own, site_description]) + content + page.after
        if button and edits[page.doc]:
            written = written.replace(
                _SKIP, _SKIP + button.replace("{url}", esc(_edit_url(edit_uri, edits[page.doc]))), 1
            )
        page.path.write_text(run.finish_page(written, page.doc), encoding="utf-8")
    for path in site.glob("*.html"):  # theme-only pages: 404.html
        if path.relative_to(site).as_posix() not in {_dest(doc) for doc in edits}:
            path.write_text(csp.secure(path.read_text(encoding="utf-8"), run.script_hashes), encoding="utf-8")
    _date_sitemap(run, site, edits)


def _converted(run: Build, site: Path, doc: str) -> _Page:
    """Page `doc` as written, its content spliced and linked (`Build.finish_content`)."""
    path = site / _dest(doc)
    written = path.read_text(encoding="utf-8")
    match = _CONTENT.search(written)
    content = match.group("content")
    title = _title(site, doc, content)
    linked = run.finish_content(content, doc, doc_url(doc), title)
    return _Page(doc, path, written[: match.start("content")], linked, written[match.end("content") :], title)


def _title(site: Path, doc: str, content: str) -> str:
    """The page title as MkDocs makes it: the front matter's, else the content's first heading if it is an h1."""
    title = _front_matter(site, doc).get("title")
    if title:
        return str(title)
    heading = _H1.match(content.replace(_SKIP, "", 1))
    return html.unescape(_TAG.sub("", _HEADERLINK.sub("", heading.group("title")))).strip() if heading else ""


def _description(site: Path, doc: str) -> str | None:
    """A page's front-matter description (editors' pages; generated pages take theirs from the data)."""
    description = _front_matter(site, doc).get("description")
    return str(description) if description else None


def _front_matter(site: Path, doc: str) -> dict:
    """The front matter of page `doc` as staged beside the written `site`."""
    front = _FRONT_MATTER.match((site.parent / "docs" / doc).read_text(encoding="utf-8"))
    meta = yaml.safe_load(front.group("yaml")) if front else None
    return meta if isinstance(meta, dict) else {}


def _with_head(before: str, head: str, description: str, printed: list[str]) -> str:
    """The page's head with its sharing tags last (where `overrides/main.html` prints them) and the
    theme's description replaced by the page's own, escaped. The theme prints its description as
    it is (one of `printed`: the front matter's or the site's), quotes and all, so it is found whole."""
    tag = '<meta name="description" content="{}">'
    theirs = next((tag.format(text) for text in printed if text and tag.format(text) in before), None)
    before = before.replace(theirs, tag.format(description), 1) if theirs else before
    end = before.find("</head>")
    return f"{before[:end]}  {head}\n  {before[end:]}" if end >= 0 else before


def _escaped_title(before: str, title: str, site_name: str) -> str:
    """The page's `<title>` escaped: Zensical prints a heading's text there unescaped (a story
    titled `</title><b>` would end the element), where the hooks hand Material an escaped title."""
    theirs = f"<title>{title} - {site_name}</title>"
    return before.replace(theirs, f"<title>{page_title(title)} - {esc(site_name)}</title>", 1)


def _edit_url(edit_uri: str | None, edit: str) -> str:
    return f"{(edit_uri or '').rstrip('/')}/{edit}" if edit else ""


def _date_sitemap(run: Build, site: Path, edits: dict[str, str]) -> None:
    """The sitemap's `lastmod`: the date the data gives a page, or none (as the hooks date MkDocs')."""
    path = site / "sitemap.xml"
    if not path.is_file():
        return
    dates = {doc_url(doc): run.lastmod(doc) for doc in edits}
    root = run.ctx.info.url

    def dated(match: re.Match) -> str:
        lastmod = dates.get(html.unescape(match.group("loc")).removeprefix(root))
        return f"{match.group()}<lastmod>{lastmod}</lastmod>" if lastmod else match.group()

    path.write_text(_SITEMAP_URL.sub(dated, path.read_text(encoding="utf-8")), encoding="utf-8")


def _dest(doc: str) -> str:
    """Where a page is written with directory URLs: `agencies/cnes.md` -> `agencies/cnes/index.html`."""
    url = doc_url(doc)
    return f"{url}index.html"


def _publish(built: Path, site_dir: Path) -> None:
    """Put the finished site at `site_dir`, replacing the last one only now that this one is whole."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    built.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
