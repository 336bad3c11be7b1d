"""Story tags: one tag per name whatever its case, spacing or punctuation, and the stories under it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Problem
from .site import Site, present

_NOT_WORD = re.compile(r"[\W_]+")
# A tag's address part is a folder name (`tags/<slug>/`): file systems take 255 bytes (NAME_MAX),
# so 100 UTF-8 bytes leave a wide margin (ids, the other names in addresses, are 80 ASCII characters).
MAX_SLUG_BYTES = 100
_SHOWN = 40  # characters of a long tag quoted in its message


@dataclass(frozen=True)
class Tag:
    """A tag as editors write it, its address part, and its stories (newest first)."""

    name: str
    slug: str
    stories: tuple[str, ...]


def tag_slug(name: str) -> str:
    """The tag's identity and address part: `International Space Station` -> `international-space-station`;
    case, accents, spacing and punctuation do not count."""
    text = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return _NOT_WORD.sub("-", text).strip("-")


def site_tags(site: Site) -> list[Tag]:
    """Every tag of the stories, A-Z by name, each as first written (the checks make spellings agree)."""
    names: dict[str, str] = {}
    stories: dict[str, list[str]] = {}
    for slug in sorted(site.articles, key=lambda s: (site.articles[s].date, s), reverse=True):
        for name in site.articles[slug].tags:
            key = tag_slug(name)
            names.setdefault(key, name)
            if slug not in stories.setdefault(key, []):
                stories[key].append(slug)
    tags = [Tag(names[key], key, tuple(stories[key])) for key in names if key]
    return sorted(tags, key=lambda tag: (tag.slug, tag.name))


def tag_problems(site: Site) -> Iterable[Problem]:
    """Tags that name no word, or that write one tag two ways (across stories and events, or in one)."""
    first: dict[str, tuple[str, str]] = {}  # slug -> (name, where it was first written)
    tagged = [(site.origins[("articles", slug)], article.tags, "story") for slug, article in site.articles.items()]
    tagged += [(site.origins[("events", str(i))], event.tags, "event") for i, event in enumerate(site.events)]
    for origin, tags, what in tagged:
        here = set()
        for i, name in present(tags):
            key, path = tag_slug(name), ("tags", i)
            if not key:
                yield origin.problem(path, f"tag {name!r} has no letter or digit; write a word")
            elif len(key.encode()) > MAX_SLUG_BYTES:
                yield origin.problem(path, _too_long(name, key))
            elif key in here:
                yield origin.problem(path, f"tag {name!r} is already in this {what}'s tags; remove it")
            elif key in first and first[key][0] != name:
                seen, where = first[key]
                yield origin.problem(path, f"tag {name!r} is written {seen!r} in {where}: {_ONE_TAG}")
            here.add(key)
            if key:
                first.setdefault(key, (name, _where(origin, path)))


def _too_long(name: str, key: str) -> str:
    shown = repr(name if len(name) <= _SHOWN else name[:_SHOWN] + "…")
    return (
        f"tag {shown} would be a folder name of {len(key.encode())} bytes (tags/<tag>/, counted in UTF-8); "
        f"at most {MAX_SLUG_BYTES} are allowed: shorten it"
    )


_ONE_TAG = "tags that differ only in case, spacing or punctuation are one tag; write it the same way"


def _where(origin, path: tuple) -> str:
    line = origin.file.line_of(origin.prefix + path)
    return f"{origin.file.name}:{line}" if line else origin.file.name
