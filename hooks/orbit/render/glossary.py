"""The glossary: one page per term, and an A-Z index page that links them by letter."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from itertools import groupby

from ..data.models import Agency, Term
from ..pages.addresses import AGENCIES_DOC, GLOSSARY_DOC, agency_doc, relative_doc, term_doc
from ..pages.placeholders import MENTIONS
from .common import md_text, sources_line

_OTHER = "#"  # the group of terms that do not start with a letter A-Z
# The index shows a term's aliases only when they are this short: it lists every term on one page.
ALIASES_MAX = 40


def render_index(terms: dict[str, Term], agencies: dict[str, Agency]) -> str:
    """The Markdown of `glossary/index.md`: a letter bar, then each letter's terms as links."""
    ordered = sorted(terms.values(), key=sort_key)
    groups = [(letter, list(items)) for letter, items in groupby(ordered, key=letter_of)]
    parts = ["# Glossary", _intro(bool(agencies)), _letter_bar([letter for letter, _ in groups])]
    for letter, items in groups:
        parts.append(f"## {letter} {{ #{_letter_anchor(letter)} }}")
        parts.append("\n".join(index_item(term) for term in items))
    if agencies:
        parts += _agencies(agencies)
    return "\n\n".join(parts) + "\n"


def index_item(term: Term) -> str:
    """One list item of the index: the term's link, and its aliases (muted) when they are short."""
    link = f"- [{md_text(term.term)}]({relative_doc(term_doc(term.id), GLOSSARY_DOC)})"
    aliases = " · ".join(term.aliases)
    return f"{link} <small>{md_text(aliases)}</small>" if aliases and len(aliases) <= ALIASES_MAX else link


def render_term(term: Term, terms: dict[str, Term], claims: str = "") -> str:
    """The Markdown of `glossary/<id>.md`: the term, aliases, definition, see-also, the stories' claims
    that concern it (`claims`, a Markdown list), sources, backlinks."""
    doc = term_doc(term.id)
    parts = [f"# {md_text(term.term)}"]
    if term.aliases:
        parts.append(f"*Also:* {' · '.join(md_text(alias) for alias in term.aliases)}")
    parts.append(term.definition.strip())
    if term.see_also:
        links = (f"[{md_text(terms[other].term)}]({relative_doc(term_doc(other), doc)})" for other in term.see_also)
        parts.append("*See also:* " + " · ".join(links))
    if claims:
        parts += ["*Claims checked in the stories:*", claims]
    parts += [sources_line(term.sources), "*Where it appears:*", MENTIONS.format(id=term.id)]
    return "\n\n".join(parts) + "\n"


def sort_key(term: Term) -> str:
    """A-Z ignoring case, accents and leading punctuation ("'Oumuamua" files under O)."""
    return _plain(term.term).casefold()


def letter_of(term: Term) -> str:
    """The capital letter a term files under, or "#" when it starts with a digit or symbol."""
    first = sort_key(term)[:1].upper()
    return first if first in string.ascii_uppercase else _OTHER


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"^\W+", "", letters)


def _letter_anchor(letter: str) -> str:
    return "letter-other" if letter == _OTHER else f"letter-{letter.lower()}"


def _intro(has_agencies: bool) -> str:
    text = (
        "The terms used in the story and around it, from A to Z. Each term has its own page "
        "with a short definition, its sources and the pages where the term appears."
    )
    if has_agencies:
        text += " Space agencies have their own [profiles](#agencies)."
    return text


def _letter_bar(used: Iterable[str]) -> str:
    """Jump links for every letter; letters without terms are shown but disabled."""
    present = set(used)
    letters = list(string.ascii_uppercase) + ([_OTHER] if _OTHER in present else [])
    items = "".join(_letter_item(letter, letter in present) for letter in letters)
    return f'<nav class="orbit-letters-nav" aria-label="Jump to a letter"><ul class="orbit-letters">{items}</ul></nav>'


def _letter_item(letter: str, present: bool) -> str:
    if present:
        return f'<li><a href="#{_letter_anchor(letter)}">{letter}</a></li>'
    return f'<li><span aria-disabled="true" title="No terms under {letter}">{letter}</span></li>'


def _agencies(agencies: dict[str, Agency]) -> list[str]:
    """A pointer to the agency profiles: agencies are profiles, not glossary terms."""
    items = [
        f"- [{md_text(agency.acronym)}]({relative_doc(agency_doc(key), GLOSSARY_DOC)}): "
        f"{md_text(agency.name)}, {md_text(agency.country)}"
        for key, agency in sorted(agencies.items(), key=lambda item: item[1].acronym.casefold())
    ]
    intro = (
        f"Each agency has a [profile]({relative_doc(AGENCIES_DOC, GLOSSARY_DOC)}) with its heads, budget and mentions."
    )
    return ["## Space agencies { #agencies }", intro, "\n".join(items)]
