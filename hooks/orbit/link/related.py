"""A story's "More on this": the other stories that share the most tags and named entries with it.

Each story's features are its tags and the entries it names (link.named.story_names); two stories
are kin by the number of features they share. The order is stable: more shared features first,
then the newer story, then the slug. Stories an editor already lists as `related` are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..data.site import Site
from ..data.tags import tag_slug
from .entities import Entity

MORE_MAX = 5  # stories a "More on this" list shows at most
_KINDS = ("tags", "agencies", "people", "terms")  # the order the reasons are given in


@dataclass(frozen=True)
class Kin:
    """Another story worth reading next, and what it shares with this one (names as readers see them)."""

    slug: str
    shared: tuple[str, ...]


def more_on_this(
    site: Site, named: Callable[[str], frozenset[str]], entities: Mapping[str, Entity]
) -> dict[str, list[Kin]]:
    """By story, at most MORE_MAX kin; `named(slug)` gives the entries a story names."""
    # Newest first, and of one day A-Z: among stories sharing as much, this order decides.
    slugs = sorted(site.articles, key=lambda s: (-site.articles[s].date.toordinal(), s))
    position = {slug: at for at, slug in enumerate(slugs)}
    features = {slug: _features(site, slug, named(slug), entities) for slug in slugs}
    bits: dict[tuple[int, str, str], int] = {}
    masks = [_mask(features[slug], bits) for slug in slugs]
    names = {bit: feature for feature, bit in bits.items()}
    found: dict[str, list[Kin]] = {}
    for at, slug in enumerate(slugs):
        counts = list(map(int.bit_count, map(masks[at].__and__, masks)))  # C loops: a million pairs at 1,000 stories
        for skip in [at, *(position[r.article] for r in site.articles[slug].related if r.article in position)]:
            counts[skip] = 0
        # A stable sort (reverse keeps ties in order) in C: faster here than heapq.nlargest.
        best = sorted(range(len(slugs)), key=counts.__getitem__, reverse=True)[:MORE_MAX]
        found[slug] = [Kin(slugs[b], _reasons(masks[at] & masks[b], names)) for b in best if counts[b]]
    return found


def _features(
    site: Site, slug: str, named: frozenset[str], entities: Mapping[str, Entity]
) -> set[tuple[int, str, str]]:
    """A story's features as (kind rank, sort name, name shown): its tags, then the entries it names."""
    tags = {(0, tag_slug(name), name) for name in site.articles[slug].tags}
    shown = (entities[key] for key in named if key in entities)
    return tags | {(_KINDS.index(entity.kind), entity.label.casefold(), entity.label) for entity in shown}


def _mask(features: set[tuple[int, str, str]], bits: dict[tuple[int, str, str], int]) -> int:
    """The story's features as one integer's bits, numbering new features as they come."""
    mask = 0
    for feature in sorted(features):
        mask |= 1 << bits.setdefault(feature, len(bits))
    return mask


def _reasons(mask: int, names: dict[int, tuple[int, str, str]]) -> tuple[str, ...]:
    """The shared features' names: tags, then agencies, people and terms, each A-Z, once each."""
    shared = []
    while mask:
        low = mask & -mask  # the lowest bit still set
        shared.append(names[low.bit_length() - 1])
        mask ^= low
    shared.sort()
    return tuple(dict.fromkeys(name for _, _, name in shared))
