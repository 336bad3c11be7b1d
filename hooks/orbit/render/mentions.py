"""The "mentioned in" lists on glossary entries and profiles."""

from __future__ import annotations

from dataclasses import dataclass

from ..paths import relative_url
from .common import esc


@dataclass(frozen=True)
class PageMention:
    """A linked mention of an entity on some page of the site."""

    title: str
    url: str
    anchor: str
    scope: str


def mentions_html(mentions: list[PageMention], page_url: str) -> str:
    """A list of links to each place an entity is mentioned, or a short note when there are none."""
    if not mentions:
        return '<p class="orbit-mentions orbit-mentions--none">Not mentioned elsewhere on this site yet.</p>'
    items = "".join(
        f'<li><a href="{esc(relative_url(m.url + "#" + m.anchor, page_url))}">{esc(m.title)}</a>'
        f"{' (reader comments)' if m.scope == 'comments' else ''}</li>"
        for m in mentions
    )
    return f'<ul class="orbit-mentions">{items}</ul>'
