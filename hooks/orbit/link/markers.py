"""Editors' explicit syntax in Markdown: `[[id]]`, `[[id|label]]`, `[[chart:id]]`, `[[chart:id|label]]`.

An entity marker becomes a link to the glossary entry or profile; a chart marker alone on its
line embeds the chart, and with a label (or inside a sentence) links to the chart's page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..pages.addresses import chart_doc, doc_link, relative_doc
from .entities import Entity

MARKER = re.compile(r"\[\[(?:(?P<kind>chart):)?(?P<id>[^\]|\s]+)(?:\|(?P<label>[^\]]+))?\]\]")
# Fenced blocks and inline code are left alone, so the syntax can be documented.
_CODE = re.compile(r"(^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=fence)[ \t]*$|`+[^`\n]*`+)", re.M | re.S)


@dataclass
class MarkerContext:
    """What markers can point at, and how to embed a chart on a given page."""

    entities: dict[str, Entity]
    charts: dict[str, str]  # chart id -> title
    embed_chart: Callable[[str, str], str]  # (chart id, page doc) -> HTML block
    problems: list[str] = field(default_factory=list)


def expand_markers(
    markdown: str, doc: str, ctx: MarkerContext, html_links: bool = False, where: str | None = None
) -> str:
    """Replace every marker outside code in the Markdown of page `doc`; unknown ids go to ctx.problems.

    With `html_links`, links are final URLs (for Markdown we convert ourselves, not MkDocs).
    `where` names the data file for problems in generated text (default: the page, with a line).
    """
    pieces, last = [], 0
    for code in _CODE.finditer(markdown):
        pieces.append(_expand(markdown[last : code.start()], markdown, last, doc, ctx, html_links, where))
        pieces.append(code.group())
        last = code.end()
    pieces.append(_expand(markdown[last:], markdown, last, doc, ctx, html_links, where))
    return "".join(pieces)


def marked_ids(markdown: str) -> set[str]:
    """The ids of every entity marker (`[[id]]`, `[[id|label]]`, not charts) in `markdown`, code included."""
    return {match.group("id") for match in MARKER.finditer(markdown) if not match.group("kind")}


def _expand(
    text: str, whole: str, offset: int, doc: str, ctx: MarkerContext, html_links: bool, where: str | None
) -> str:
    def link(target: str) -> str:
        return doc_link(target, doc) if html_links else relative_doc(target, doc)

    def replace(match: re.Match) -> str:
        line = where or f"{doc}:{whole.count(chr(10), 0, offset + match.start()) + 1}"
        if match.group("kind"):
            return _chart(match, text, doc, line, ctx, link)
        return _entity(match, doc, line, ctx, link)

    return MARKER.sub(replace, text)


def _entity(match: re.Match, doc: str, line: str, ctx: MarkerContext, link: Callable[[str], str]) -> str:
    key, label = match.group("id"), match.group("label")
    entity = ctx.entities.get(key)
    if entity is None:
        ctx.problems.append(_unknown(line, "entry", key, ctx.entities))
        return match.group()
    title = entity.tooltip.replace('"', "'")
    return f'[{label or entity.label}]({link(entity.doc)} "{title}"){{ .orbit-term }}'


def _chart(match: re.Match, text: str, doc: str, line: str, ctx: MarkerContext, link: Callable[[str], str]) -> str:
    key, label = match.group("id"), match.group("label")
    if key not in ctx.charts:
        ctx.problems.append(_unknown(line, "chart", key, ctx.charts))
        return match.group()
    alone = _alone_on_line(text, match)
    if label is None and alone:
        return ctx.embed_chart(key, doc)
    return f"[{label or ctx.charts[key]}]({link(chart_doc(key))})"


def _alone_on_line(text: str, match: re.Match) -> bool:
    start = text.rfind("\n", 0, match.start()) + 1
    end = text.find("\n", match.end())
    return text[start : match.start()].strip() == "" and text[match.end() : end if end >= 0 else None].strip() == ""


def _unknown(line: str, what: str, key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.5)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"{line}: [[{'chart:' if what == 'chart' else ''}{key}]]: unknown {what} id '{key}'{hint}"
