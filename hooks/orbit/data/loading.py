"""Load every data file once, validate it, and hand back one `Site`, or every problem at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import models as m
from .claims import check_claims
from .errors import DataError, Problem
from .files import Listing, display_name, list_data
from .references import check_references
from .site import Origin, Site
from .validation import validate as _validate
from .yamlfile import YamlFile, read_yaml

_ID = re.compile(m.ID_PATTERN)

_PER_FILE: dict[str, type[BaseModel]] = {
    "articles": m.Article,
    "agencies": m.Agency,
    "people": m.Person,
    "charts": m.Chart,
}


def load_site(data_dir: str | Path) -> Site:
    """Read and validate all of `data_dir`; raise one DataError listing every problem.

    References across files are checked even when some files are broken, so an editor sees every
    problem in one pass; a reference to a broken record is not reported again as unknown.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(f"{data_dir.name}/", None, "", "the data folder does not exist; create it")])
    site, listing = Site(), list_data(data_dir)
    problems = list(listing.problems)
    for kind, model in _PER_FILE.items():
        problems += _load_folder(site, data_dir, listing, kind, model)
    problems += _load_comments(site, data_dir, listing)
    problems += _load_glossary(site, data_dir, listing)
    problems += _load_events(site, data_dir, listing)
    problems += check_references(site)
    problems += check_claims(site)
    if problems:
        raise DataError(problems)
    return site


# The last validation of each file, by its name: `mkdocs serve` keeps this module and `read_yaml`
# hands back the same parsed file for unchanged bytes, so a rebuild validates only what changed
# (and hands on the same records, which later stages may then recognise as unchanged).
_VALID: dict[tuple[type[BaseModel], str], tuple[YamlFile, Any, list[Problem]]] = {}


def validate(model: type[BaseModel], source: YamlFile) -> tuple[Any, list[Problem]]:
    """`validation.validate` of a whole file, reusing the result for a file parsed earlier."""
    cached = _VALID.get((model, source.name))
    if cached is None or cached[0] is not source:
        cached = _VALID[(model, source.name)] = (source, *_validate(model, source))
    return cached[1], cached[2]


def _read(data_dir: Path, path: Path) -> tuple[YamlFile | None, list[Problem]]:
    return read_yaml(path, display_name(data_dir, path))


def _load_folder(site: Site, data_dir: Path, listing: Listing, kind: str, model: type[BaseModel]) -> list[Problem]:
    """One record per file, its id taken from the file name."""
    problems: list[Problem] = []
    for key, path in listing.folders[kind]:
        source, found = _read(data_dir, path)
        problems += found
        if source is not None and not _ID.match(key):
            problems.append(
                Problem(source.name, None, "", "file name must be a lowercase kebab-case id, e.g. 'long-march-3b.yml'")
            )
        record, invalid = validate(model, source) if source else (None, [])
        problems += invalid
        _keep(site, kind, key, record, source, bool(found + invalid))
    return problems


def _keep(site: Site, kind: str, key: str, record: Any, source: YamlFile | None, broken: bool) -> None:
    """Store a record with its origin (an invalid one as far as it validated, for the later checks)
    and remember an invalid one as broken."""
    if broken:
        site.broken.add((kind, key))
    if record is not None:
        getattr(site, kind)[key] = record
        site.origins[(kind, key)] = Origin(source)


def _load_comments(site: Site, data_dir: Path, listing: Listing) -> list[Problem]:
    problems: list[Problem] = []
    for slug, path in listing.folders["comments"]:
        source, found = _read(data_dir, path)
        thread, invalid = validate(m.CommentThread, source) if source else (None, [])
        problems += found + invalid
        _keep(site, "comments", slug, (thread.comments or []) if thread else None, source, bool(found + invalid))
    return problems


def _load_list(
    site: Site, data_dir: Path, listing: Listing, name: str, kind: str, model: type[BaseModel]
) -> tuple[Any, YamlFile | None, list[Problem]]:
    """A single optional file such as glossary.yml; a missing one counts as empty."""
    path = listing.singles.get(name)
    if path is None:
        return None, None, []
    source, problems = _read(data_dir, path)
    record, found = validate(model, source) if source else (None, [])
    if problems or found:
        site.broken.add((kind, "*"))
    return record, source, problems + found


def _load_glossary(site: Site, data_dir: Path, listing: Listing) -> list[Problem]:
    glossary, source, problems = _load_list(site, data_dir, listing, "glossary.yml", "terms", m.Glossary)
    for index, term in enumerate(glossary.terms or [] if glossary else []):
        origin = Origin(source, ("terms", index))
        if term is None or term.id is None:
            continue  # its problem is reported; without an id, nothing can refer to it
        if term.id in site.terms:
            problems.append(
                origin.problem(
                    ("id",),
                    f"duplicate term id '{term.id}' (first at {site.origins[('terms', term.id)].problem((), '').path})",
                )
            )
            continue
        site.terms[term.id] = term
        site.origins[("terms", term.id)] = origin
    return problems


def _load_events(site: Site, data_dir: Path, listing: Listing) -> list[Problem]:
    timeline, source, problems = _load_list(site, data_dir, listing, "events.yml", "events", m.Timeline)
    for index, event in enumerate(timeline.events or [] if timeline else []):
        if event is not None:  # keyed by its place in site.events, located by its place in the file
            site.origins[("events", str(len(site.events)))] = Origin(source, ("events", index))
            site.events.append(event)
    return problems
