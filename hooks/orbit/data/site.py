"""The loaded data of one build (`Site`) and where each record came from (`Origin`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from . import models as m
from .errors import Problem
from .yamlfile import YamlFile

T = TypeVar("T")


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
    # Such a record is kept as far as it validated (`validation.salvage`: a bad field or item is None)
    # so that the later checks still look at the rest; a site with problems is never rendered.
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


def present(items: Iterable[T | None] | None) -> Iterator[tuple[int, T]]:
    """(index, item) of a list field, skipping what did not validate (None: its problem is reported)."""
    return ((index, item) for index, item in enumerate(items or ()) if item is not None)


def entity_names(site: Site) -> Iterator[tuple[str, str, str, tuple]]:
    """Every name a reader may meet: (entity id, kind, name, field path of that name)."""
    for key, kind, record, fields in _named(site):
        yield from ((key, kind, getattr(record, name), (name,)) for name in fields if getattr(record, name))
        yield from ((key, kind, alias, ("aliases", i)) for i, alias in present(record.aliases))


def _named(site: Site) -> Iterator[tuple[str, str, m.Term | m.Agency | m.Person, tuple[str, ...]]]:
    yield from ((key, "terms", term, ("term",)) for key, term in site.terms.items())
    yield from ((key, "agencies", agency, ("name", "acronym")) for key, agency in site.agencies.items())
    yield from ((key, "people", person, ("name",)) for key, person in site.people.items())
