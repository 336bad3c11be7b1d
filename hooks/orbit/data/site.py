"""The loaded data of one build (`Site`) and where each record came from (`Origin`)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import models as m
from .errors import Problem
from .yamlfile import YamlFile


@dataclass(frozen=True)
class Origin:
    """Where a record came from: its file and the field path of the record inside it."""

    file: YamlFile
    prefix: tuple = ()

    def problem(self, subpath: tuple, message: str) -> Problem:
        path = self.prefix + subpath
        return Problem(self.file.name, self.file.line_of(path), ".".join(map(str, path)), message)

    def file_problem(self, message: str) -> Problem:
        """A problem with the file as a whole (its name), so no line or field."""
        return Problem(self.file.name, None, "", message)


@dataclass
class Site:
    """All validated data of one build, keyed by id."""

    articles: dict[str, m.Article] = field(default_factory=dict)
    comments: dict[str, list[m.Comment]] = field(default_factory=dict)
    agencies: dict[str, m.Agency] = field(default_factory=dict)
    people: dict[str, m.Person] = field(default_factory=dict)
    terms: dict[str, m.Term] = field(default_factory=dict)
    events: list[m.Event] = field(default_factory=list)
    charts: dict[str, m.Chart] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Records that exist but did not validate, as (kind, id), or (kind, "*") for a whole list file:
    # references to them are not reported as unknown, so each problem is named once, at its place.
    broken: set[tuple[str, str]] = field(default_factory=set)

    @functools.cached_property
    def quoted(self) -> dict[str, list[tuple[str, list[int]]]]:
        """Who is quoted where: person id -> (story slug, quoted paragraph numbers), in story order."""
        index: dict[str, dict[str, set[int]]] = {}
        for slug, article in self.articles.items():
            for quote in article.quotes:
                index.setdefault(quote.person, {}).setdefault(slug, set()).add(quote.paragraph)
        return {
            person: [(slug, sorted(numbers)) for slug, numbers in stories.items()] for person, stories in index.items()
        }

    def data_file(self, kind: str, key: str) -> str:
        """The data file (relative to the project) that holds record `key` of `kind`."""
        return self.origins[(kind, key)].file.name

    def exists(self, kind: str, key: str) -> bool:
        """Whether record `key` of `kind` is in the data, valid or not."""
        return key in getattr(self, kind) or (kind, key) in self.broken or (kind, "*") in self.broken


def entity_names(site: Site) -> Iterator[tuple[str, str, str, tuple]]:
    """Every name a reader may meet: (entity id, kind, name, field path of that name)."""
    for key, term in site.terms.items():
        yield key, "terms", term.term, ("term",)
        yield from ((key, "terms", alias, ("aliases", i)) for i, alias in enumerate(term.aliases))
    for key, agency in site.agencies.items():
        yield key, "agencies", agency.name, ("name",)
        yield key, "agencies", agency.acronym, ("acronym",)
        yield from ((key, "agencies", alias, ("aliases", i)) for i, alias in enumerate(agency.aliases))
    for key, person in site.people.items():
        yield key, "people", person.name, ("name",)
        yield from ((key, "people", alias, ("aliases", i)) for i, alias in enumerate(person.aliases))
