"""Small text helpers shared by the renderers: escaping, dates, sources."""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Iterable

import markdown
import nh3

from ..data.dates import long_date
from ..data.models import INSERTION, Source

# What editors' Markdown (notes, claims) may contain once rendered: a bad paste can never inject script.
_NOTE_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "br", "blockquote", "abbr"}
_NOTE_ATTRS = {"a": {"href", "title", "class"}, "abbr": {"title"}}
# nh3 gives every link rel="noopener noreferrer" (written as class, href, rel); a link within the
# site, a relative address, needs neither: 30 of them were 0.8 kB of a long story's notes.
_SITE_LINK_REL = re.compile(
    r'(<a (?:class="[^"]*" )?href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)[^"]*") rel="noopener noreferrer"'
)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_REFERENCE_START = re.compile(r"&(?=[A-Za-z#])")  # an `&` that a browser could read as the start of an entity
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def esc(text: str) -> str:
    """Escape text for HTML content and attribute values."""
    return html.escape(text, quote=True)


def visible_controls(text: str) -> str:
    """The documented rule for control characters HTML cannot carry: show a visible symbol.

    Line ends are normalised to LF; tab and LF stay; other C0 controls and DEL become their
    Unicode Control Picture (U+2400-U+2421); C1 controls (U+0080-U+009F) become U+FFFD.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_control_picture, text)


def _control_picture(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


@functools.lru_cache(maxsize=4096)  # a site's many comments share few dates
def time_tag(value: dt.date | str) -> str:
    """A `<time>` element carrying the machine-readable date."""
    text = value.isoformat() if isinstance(value, dt.date) else value
    return f'<time datetime="{text}">{long_date(value)}</time>'


def md_link(source: Source) -> str:
    """A Markdown link to a source, its title escaped for Markdown."""
    title = source.title.replace("[", r"\[").replace("]", r"\]")
    return f"[{title}]({source.url})"


def sources_line(sources: Iterable[Source], label: str = "Source") -> str:
    """`Sources: [a](..) · [b](..)` for the end of a block."""
    items = list(sources)
    plural = "s" if len(items) > 1 else ""
    return f"*{label}{plural}:* " + " · ".join(md_link(s) for s in items)


def indent(text: str, prefix: str = "    ") -> str:
    """Indent a Markdown block (for admonition bodies)."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def admonition(kind: str, title: str, body: str, collapsible: bool = False) -> str:
    """A Material admonition (or a collapsible `???` block)."""
    marker = "???" if collapsible else "!!!"
    return f'{marker} {kind} "{title}"\n\n{indent(body)}\n'


def md_text(text: str) -> str:
    """Data text for Markdown: `&<>` escaped (quotes stay, page titles keep them), Markdown's specials backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def insertions(text: str) -> str:
    """Mark words restored by the editors: `{++space++}` -> a visible `[space]` insertion."""
    title = "Editorial insertion: restores words lost from the extracted text"
    return INSERTION.sub(lambda m: f'<ins class="orbit-insertion" title="{title}">[{m.group(1)}]</ins>', text)


def sanitized_note(note_html: str) -> str:
    """An editor's note, rendered from Markdown, through the nh3 allow-list: no script, style or handler."""
    return _SITE_LINK_REL.sub(r"\1", nh3.clean(note_html, tags=_NOTE_TAGS, attributes=_NOTE_ATTRS))


_PLAIN_NOTES = markdown.Markdown(extensions=["attr_list"])  # one converter, reset per note: building one is slow


def plain_note_html(text: str) -> str:
    """An editor's note as HTML without marker expansion (renderers used on their own, tests, tools)."""
    return _PLAIN_NOTES.reset().convert(text)


def page_title(title: str) -> str:
    """A page's title as the theme writes it unescaped (`<title>`, header): entities kept, `<` never raw.

    MkDocs takes the title from the rendered heading (entities such as `&lt;`), and Material's
    `striptags` would turn them back into tags inside `<title>`; given as the page's own title,
    escaped once, it is written as it is. Only what could start a tag or a character reference is
    escaped: Material also writes the title into attributes through its `e` filter (the footer's
    `aria-label`), where any other entity would be escaped a second time and read out as such.
    """
    return _REFERENCE_START.sub("&amp;", html.unescape(title)).replace("<", "&lt;")
