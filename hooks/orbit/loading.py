"""Load every data file once, validate it, and hand back one immutable `Site`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m
from .errors import DataError, Problem
from .references import check_references
from .validation import validate
from .yamlfile import YamlFile, read_yaml

_ID = re.compile(m.ID_PATTERN)


@dataclass(frozen=True)
class Origin:
    """Where a record came from: its file and the field path of the record inside it."""

    file: YamlFile
    prefix: tuple = ()

    def problem(self, subpath: tuple, message: str) -> Problem:
        path = self.prefix + subpath
        return Problem(self.file.name, self.file.line_of(path), ".".join(map(str, path)), message)


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

    def data_file(self, kind: str, key: str) -> str:
        """The data file (relative to the project) that holds record `key` of `kind`."""
        return self.origins[(kind, key)].file.name


_PER_FILE: dict[str, type[BaseModel]] = {
    "articles": m.Article,
    "agencies": m.Agency,
    "people": m.Person,
    "charts": m.Chart,
}


def load_site(data_dir: str | Path) -> Site:
    """Read and validate all of `data_dir`; raise one DataError listing every problem."""
    data_dir = Path(data_dir)
    site, problems = Site(), []
    for kind, model in _PER_FILE.items():
        problems += _load_folder(site, data_dir, kind, model)
    problems += _load_comments(site, data_dir)
    problems += _load_glossary(site, data_dir)
    problems += _load_events(site, data_dir)
    if not problems:
        problems = check_references(site)
    if problems:
        raise DataError(problems)
    return site


def _display_name(data_dir: Path, path: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def _files(data_dir: Path, kind: str) -> list[tuple[str, Path]]:
    return [(path.stem, path) for path in sorted((data_dir / kind).glob("*.yml"))]


def _read(data_dir: Path, path: Path) -> tuple[YamlFile | None, list[Problem]]:
    return read_yaml(path, _display_name(data_dir, path))


def _load_folder(site: Site, data_dir: Path, kind: str, model: type[BaseModel]) -> list[Problem]:
    """One record per file, its id taken from the file name."""
    problems: list[Problem] = []
    for key, path in _files(data_dir, kind):
        source, found = _read(data_dir, path)
        problems += found
        if source is None:
            continue
        if not _ID.match(key):
            problems.append(Problem(source.name, None, "", "file name must be a lowercase kebab-case id, e.g. 'long-march-3b.yml'"))
        record, found = validate(model, source)
        problems += found
        if record is not None and not found:
            getattr(site, kind)[key] = record
            site.origins[(kind, key)] = Origin(source)
    return problems


def _load_comments(site: Site, data_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    for slug, path in _files(data_dir, "comments"):
        source, found = _read(data_dir, path)
        problems += found
        thread, found = validate(m.CommentThread, source) if source else (None, [])
        problems += found
        if thread is not None and not found:
            site.comments[slug] = list(thread.comments)
            site.origins[("comments", slug)] = Origin(source)
    return problems


def _load_list(data_dir: Path, name: str, model: type[BaseModel]) -> tuple[Any, YamlFile | None, list[Problem]]:
    """A single optional file such as glossary.yml; a missing one counts as empty."""
    path = data_dir / name
    if not path.exists():
        return None, None, []
    source, problems = _read(data_dir, path)
    record, found = validate(model, source) if source else (None, [])
    return (record if not found else None), source, problems + found


def _load_glossary(site: Site, data_dir: Path) -> list[Problem]:
    glossary, source, problems = _load_list(data_dir, "glossary.yml", m.Glossary)
    for index, term in enumerate(glossary.terms if glossary else []):
        origin = Origin(source, ("terms", index))
        if term.id in site.terms:
            problems.append(origin.problem(("id",), f"duplicate term id '{term.id}' (first at {site.origins[('terms', term.id)].problem((), '').path})"))
            continue
        site.terms[term.id] = term
        site.origins[("terms", term.id)] = origin
    return problems


def _load_events(site: Site, data_dir: Path) -> list[Problem]:
    timeline, source, problems = _load_list(data_dir, "events.yml", m.Timeline)
    for index, event in enumerate(timeline.events if timeline else []):
        site.events.append(event)
        site.origins[("events", str(index))] = Origin(source, ("events", index))
    return problems
