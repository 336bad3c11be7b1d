"""What a story and its claims name: the terms, agencies and people a reader meets in them.

A text names an entry when the first-mention linker would link one of its names there, or when
an editor's `[[id]]` marker points at it. These rules decide which timeline events a story's
"What happened next" section shows, and which claims an entry's page lists.
"""

from __future__ import annotations

import html
from collections.abc import Container

from ..data.models import INSERTION, Article, Claim
from .linker import Linker
from .markers import marked_ids


def names_in(linker: Linker, text: str) -> set[str]:
    """The ids of the entries whose names occur in plain `text`, matched as the linker matches them."""
    _, found = linker.link(html.escape(text, quote=False), "")
    return {mention.entity for mention in found}


def story_names(linker: Linker, article: Article) -> frozenset[str]:
    """Who and what a story names: its author, the people it quotes, and every name in its body."""
    people = {article.author} if article.author else set()
    return frozenset(people | {quote.person for quote in article.quotes} | names_in(linker, _restored(article.body)))


def claim_concerns(linker: Linker, claim: Claim, known: Container[str]) -> set[str]:
    """The entries a claim concerns: those its quote names, and those its explanation marks with `[[id]]`
    (of the `known` entries: an unknown marker is reported where it is expanded)."""
    marked = {key for key in marked_ids(claim.explanation) if key in known}
    return names_in(linker, _restored(claim.quote)) | marked


def _restored(text: str) -> str:
    """Text with the editors' restored words in place (`{++space++}` -> space): they count as the story's."""
    return INSERTION.sub(lambda match: match.group(1), text)
