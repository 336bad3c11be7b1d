"""Editors' explicit syntax in Markdown: `[[id]]`, `[[id|label]]`, `[[chart:id]]`, `[[chart:id|label]]`.

Markers are found by the Markdown parser (a Python-Markdown inline processor, as mkdocs-autorefs
finds its references), so the parser decides what is code: a marker in a code span or block,
fenced or indented, inside an admonition, a list, `details` or tabs, stays as typed, and so does
an escaped one (`\\[[id]]`). An entity marker becomes a link to the glossary entry or profile; a
chart marker alone in its paragraph embeds the chart, and with a label (or in a sentence) links
to the chart's page.

`check_markers` finds every unknown id before anything is built, in docs/ and in the data
files' Markdown fields, and reports it at its file and line: `file:line: [[id]]: unknown entry id
'x'; did you mean 'y'?`. To know lines, it converts a copy of the text in which each marker
carries its number (private-use characters the parser treats as text).
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..data.errors import Problem
from ..data.site import Site
from ..data.yamlfile import FieldPath, YamlFile
from ..pages.addresses import chart_doc, doc_link, relative_doc
from .entities import Entity

# A marker as typed; in the text the check converts, `[[` is followed by the marker's number.
MARKER = re.compile(r"\[\[(?:(?P<kind>chart):)?(?P<id>[^\[\]|\s]+)(?:\|(?P<label>[^\[\]]+))?\]\]")
_TAG_OPEN, _TAG_CLOSE = "\ue000", "\ue001"
_PATTERN = (
    rf"\[\[(?:{_TAG_OPEN}(?P<at>\d+){_TAG_CLOSE})?(?:(?P<kind>chart):)?"
    rf"(?P<id>[^\[\]|\s{_TAG_OPEN}{_TAG_CLOSE}]+)(?:\|(?P<label>[^\[\]]+))?\]\]"
)
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs strips it
# The extensions of the site's mkdocs.yml, for a check run without MkDocs (MkDocs adds the first three).
SITE_EXTENSIONS = [
    "toc",
    "tables",
    "fenced_code",
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "pymdownx.details",
    "pymdownx.superfences",
]


@dataclass
class MarkerContext:
    """What markers can point at, and how to embed a chart on a given page."""

    entities: dict[str, Entity]
    charts: dict[str, str]  # chart id -> title
    embed_chart: Callable[[str, str], str]  # (chart id, page doc) -> HTML block


class MarkerExtension(markdown.Extension):
    """Turns markers into links and chart blocks on page `doc` (set it before each conversion).

    `html_links`: final URLs, for Markdown converted outside MkDocs (editors' notes); otherwise
    links to source paths, which MkDocs checks and rewrites. With no context (a check), markers
    are only recorded in `found`, as (number, kind, id).
    """

    def __init__(self, ctx: MarkerContext | None, html_links: bool = False):
        super().__init__()
        self.ctx, self.html_links, self.doc = ctx, html_links, ""
        self.found: list[tuple[int, str, str]] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.inlinePatterns.register(_MarkerPattern(_PATTERN, self), "orbit-marker", 175)  # after code and escapes
        md.treeprocessors.register(_ChartBlocks(md, self), "orbit-chart-blocks", 19)  # once inline markup is done

    def link(self, target: str) -> str:
        """A link from the current page to source path `target`."""
        return doc_link(target, self.doc) if self.html_links else relative_doc(target, self.doc)


def marked_ids(markdown: str) -> set[str]:
    """The ids of every entity marker (`[[id]]`, `[[id|label]]`, not charts) in `markdown`, code included."""
    return {match.group("id") for match in MARKER.finditer(markdown) if not match.group("kind")}


class _MarkerPattern(InlineProcessor):
    def __init__(self, pattern: str, ext: MarkerExtension):
        super().__init__(pattern)
        self.ext = ext

    def handleMatch(self, m: re.Match, data: str):
        ext, kind, key, label = self.ext, m.group("kind") or "", m.group("id"), m.group("label")
        if ext.ctx is None:
            ext.found.append((int(m.group("at") or -1), kind, key))
            return None, None, None
        element = _chart_link(ext, key, label) if kind else _entity_link(ext, key, label)
        return (element, m.start(0), m.end(0)) if element is not None else (None, None, None)


def _entity_link(ext: MarkerExtension, key: str, label: str | None) -> etree.Element | None:
    entity = ext.ctx.entities.get(key)
    if entity is None:  # unknown: stays as typed (the check has already stopped the build)
        return None
    # As the linker writes it: orbit.js fetches the preview text from beside the entry.
    element = etree.Element("a", {"class": "orbit-term", "href": ext.link(entity.doc)})
    element.text = label or entity.label
    return element


def _chart_link(ext: MarkerExtension, key: str, label: str | None) -> etree.Element | None:
    if key not in ext.ctx.charts:
        return None
    element = etree.Element("a", {"href": ext.link(chart_doc(key))})
    element.text = label or ext.ctx.charts[key]
    if label is None:  # alone in its paragraph, it becomes the chart itself
        element.set("data-orbit-embed", key)
    return element


class _ChartBlocks(Treeprocessor):
    """A paragraph holding nothing but an unlabelled chart marker becomes the chart's block."""

    def __init__(self, md: markdown.Markdown, ext: MarkerExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        for paragraph in [p for p in root.iter("p") if _only_embed(p)]:
            key = paragraph[0].attrib["data-orbit-embed"]
            paragraph.remove(paragraph[0])
            paragraph.text = self.md.htmlStash.store(self.ext.ctx.embed_chart(key, self.ext.doc))
        for link in root.iter("a"):
            link.attrib.pop("data-orbit-embed", None)


def _only_embed(paragraph: etree.Element) -> bool:
    return (
        len(paragraph) == 1
        and "data-orbit-embed" in paragraph[0].attrib
        and not (paragraph.text or "").strip()
        and not (paragraph[0].tail or "").strip()
    )


# --- the check: every unknown id, by file and line, before anything is built ----------------


@dataclass
class _Checker:
    ctx: MarkerContext
    extensions: list
    configs: dict
    seen: dict[str, list[tuple[int, str, str]]]  # by text: its markers, as the last check found them
    kept: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)  # this check's, for the next
    problems: list[Problem] = field(default_factory=list)
    _md: markdown.Markdown | None = None
    _ext: MarkerExtension | None = None

    def markers(self, text: str) -> list[tuple[int, str, str]]:
        """(offset in `text`, kind, id) of each marker the parser finds outside code."""
        found = self.seen.get(text)
        self.kept[text] = found = self._parse(text) if found is None else found
        return found

    def _parse(self, text: str) -> list[tuple[int, str, str]]:
        if self._md is None:
            self._ext = MarkerExtension(None)
            self._md = markdown.Markdown(extensions=[*self.extensions, self._ext], extension_configs=self.configs)
        offsets, tagged = _tagged(text)
        self._ext.found = []
        self._md.reset().convert(tagged)
        return [(offsets[at], kind, key) for at, kind, key in self._ext.found if 0 <= at < len(offsets)]

    def check(self, text: str, where: Callable[[int], tuple[str, int | None]]) -> None:
        """Report each unknown id in `text`; `where(offset)` names its file and line."""
        if "[[" not in text:
            return
        for offset, kind, key in self.markers(text):
            known = self.ctx.charts if kind else self.ctx.entities
            if key not in known:
                name, line = where(offset)
                self.problems.append(_unknown(name, line, kind, key, known))


def check_markers(
    docs_dir: Path, ctx: MarkerContext, site: Site, extensions: list | None = None, configs: dict | None = None
) -> list[Problem]:
    """Every marker with an unknown id in docs/*.md and in the data's Markdown fields, by file and line.

    `extensions` and `configs` are the site's Markdown extensions (default: SITE_EXTENSIONS), so
    code is told apart exactly as the build tells it.
    """
    extensions, configs = list(SITE_EXTENSIONS if extensions is None else extensions), configs or {}
    setting = repr((extensions, configs))
    seen = _SEEN[1] if _SEEN[0] == setting else {}  # parsing is most of a check: `mkdocs serve` reuses it
    checker = _Checker(ctx, extensions, configs, seen)
    for path in sorted(Path(docs_dir).rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if not any(part.startswith(".") for part in relative.parts):
            _check_page(checker, path, f"{Path(docs_dir).name}/{relative.as_posix()}")
    for source, path, text in markdown_fields(site):
        checker.check(
            text, lambda at, source=source, path=path, text=text: (source.name, source.text_line(path, at, text))
        )
    _SEEN[:] = [setting, checker.kept]  # texts no longer there are forgotten
    return checker.problems


# The Markdown settings of the last check, and the markers of each text it parsed.
_SEEN: list = ["", {}]


def _check_page(checker: _Checker, path: Path, name: str) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # MkDocs itself reports a page it cannot read
    front = _FRONT_MATTER.match(text)
    skipped = text[: front.end()].count("\n") if front else 0
    body = text[front.end() :] if front else text
    checker.check(body, lambda offset: (name, skipped + body.count("\n", 0, offset) + 1))


def markdown_fields(site: Site) -> Iterator[tuple[YamlFile, FieldPath, str]]:
    """Every data field written in Markdown (where markers work): (file, field path, text)."""
    for key, article in site.articles.items():
        origin = site.origins[("articles", key)]
        yield origin.file, ("body",), article.body
        yield from ((origin.file, ("notes", i, "text"), note.text) for i, note in enumerate(article.notes))
    for key, comments in site.comments.items():
        file = site.origins[("comments", key)].file
        for i, comment in enumerate(comments):
            yield from ((file, ("comments", i, "notes", j, "text"), n.text) for j, n in enumerate(comment.notes))
    for kind, attribute in (("terms", "definition"), ("agencies", "summary"), ("people", "summary")):
        for key, record in getattr(site, kind).items():
            origin = site.origins[(kind, key)]
            yield origin.file, (*origin.prefix, attribute), getattr(record, attribute)
    for index, event in enumerate(site.events):
        origin = site.origins[("events", str(index))]
        yield origin.file, (*origin.prefix, "summary"), event.summary


def _tagged(text: str) -> tuple[list[int], str]:
    """The text with each marker numbered after its `[[`, and the offset of each marker."""
    text = text.replace(_TAG_OPEN, "\ufffd").replace(_TAG_CLOSE, "\ufffd")  # no typed number; offsets kept
    offsets: list[int] = []

    def number(match: re.Match) -> str:
        offsets.append(match.start())
        return f"[[{_TAG_OPEN}{len(offsets) - 1}{_TAG_CLOSE}{match.group()[2:]}"

    return offsets, MARKER.sub(number, text)


def _unknown(file: str, line: int | None, kind: str, key: str, known) -> Problem:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    what = "chart" if kind else "entry"
    return Problem(file, line, f"[[{kind + ':' if kind else ''}{key}]]", f"unknown {what} id '{key}'{hint}")


def marker_report(problems: list[Problem]) -> str:
    """The message for unknown marker ids, as the build and `orbit check` word it: one line each."""
    count = len(problems)
    lines = [f"{count} unknown id{'s' if count != 1 else ''} in page markers:"]
    return "\n".join(lines + [f"  - {problem}" for problem in problems])
