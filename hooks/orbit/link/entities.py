"""The linkable entities (terms, agencies, people): their names, addresses and tooltips."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..data.models import Role
from ..data.site import Site, entity_names
from ..pages.addresses import agency_doc, doc_url, person_doc, preview_json, term_doc

# A sentence ends at . ! or ? followed by a capital (or the end), but not after an initial,
# a title such as "Jr." or "Dr.", or an abbreviation such as "U.S.".
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"\u201c(]?[A-Z0-9]|\s*$)")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Jr|Sr|Dr|Mr|Mrs|Ms|St|Mt|No|vs|etc|e\.g|i\.e)|\b[A-Z]\.[A-Z])$")


@dataclass(frozen=True)
class Entity:
    """Something a page can link to by name or by `[[id]]`."""

    id: str
    kind: str  # "terms", "agencies" or "people"
    label: str
    names: tuple[str, ...]
    doc: str  # source path of its entry, e.g. "glossary/orbit.md" or "agencies/cnes.md"
    tooltip: str

    @property
    def url(self) -> str:
        """Site-relative URL of the entry, e.g. "glossary/orbit/"."""
        return doc_url(self.doc)


def build_entities(site: Site) -> dict[str, Entity]:
    """All entities by id (ids are unique across kinds: the loader checks it)."""
    names: dict[str, list[str]] = {}
    for key, _kind, name, _path in entity_names(site):
        names.setdefault(key, []).append(name)
    entities = [_term(site, key, names[key]) for key in site.terms]
    entities += [_agency(site, key, names[key]) for key in site.agencies]
    entities += [_person(site, key, names[key]) for key in site.people]
    return {entity.id: entity for entity in entities}


def preview_files(entities: Iterable[Entity]) -> dict[str, str]:
    """Each entry's preview text as the small JSON file beside its page that orbit.js fetches the
    first time a reader points at, focuses or taps a link to it (so no page carries the texts)."""
    return {
        preview_json(entity.doc): json.dumps({"text": entity.tooltip}, ensure_ascii=False, separators=(",", ":"))
        for entity in entities
    }


def _term(site: Site, key: str, names: list[str]) -> Entity:
    term = site.terms[key]
    tip = f"{term.term}: {first_sentence(term.definition)}"
    return Entity(key, "terms", term.term, tuple(names), term_doc(key), plain_text(tip))


def _agency(site: Site, key: str, names: list[str]) -> Entity:
    agency = site.agencies[key]
    tip = f"{agency.name} ({agency.acronym}), {agency.country}. {first_sentence(agency.summary)}"
    return Entity(key, "agencies", agency.acronym, tuple(names), agency_doc(key), plain_text(tip))


def _person(site: Site, key: str, names: list[str]) -> Entity:
    person = site.people[key]
    post = _post(person.roles)
    tip = f"{person.name}{f' ({post.title}, {post.organisation})' if post else ''}: {first_sentence(person.summary)}"
    return Entity(key, "people", person.name, tuple(names), person_doc(key), plain_text(tip))


def _post(roles: list[Role]) -> Role | None:
    """The role a preview names: the latest-starting agency post, else the latest-starting role."""
    posts = [role for role in roles if role.agency] or roles
    return max(reversed(posts), key=lambda role: role.from_ or "", default=None)


def first_sentence(text: str) -> str:
    """The first sentence of a short summary, for tooltips ("Charles F. Bolden Jr." is no end)."""
    text = " ".join(text.split())
    for end in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: end.start()]):
            return text[: end.start() + 1]
    return text


def plain_text(markdown: str) -> str:
    """Markdown emphasis and links reduced to their words, on one line."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(text.split())
