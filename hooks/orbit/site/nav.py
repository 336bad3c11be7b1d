"""The site navigation, in sections: Material renders the nav into every page, so a flat list of
hundreds of pages would make every page heavy and the build quadratic."""

from __future__ import annotations

import calendar
import itertools
import unicodedata
from collections.abc import Sequence
from typing import Any

from ..data.site import Site
from ..pages.addresses import (
    AGENCIES_DOC,
    CHARTS_DOC,
    GLOSSARY_DOC,
    PEOPLE_DOC,
    STORIES_DOC,
    TAGS_DOC,
    TIMELINE_DOC,
    agency_doc,
    article_doc,
    chart_doc,
    person_doc,
    term_doc,
    year_doc,
)
from ..render.glossary import letter_of, sort_key
from ..render.stories import story_years

NavItem = Any  # str | dict[str, list | str], the shape of mkdocs.yml's `nav`
# Material lists a top section's children on every page; longer lists go into sub-sections that
# navigation.prune folds to one link.
SECTION_MAX = 20


def site_nav(site: Site, docs: set[str], editor_docs: list[str], timeline: Sequence[str] = ()) -> list[NavItem]:
    """The `nav` for this build; `docs` is every page that exists, `editor_docs` those in docs/,
    `timeline` the timeline's pages in date order."""
    nav: list[NavItem] = ["index.md"] if "index.md" in docs else []
    agencies = sorted(site.agencies, key=lambda k: site.agencies[k].acronym.lower())
    # By name as written: "surname last" does not hold for every name (Xu Dazhe, Wang Zhaoyao).
    people = sorted(site.people, key=lambda k: site.people[k].name.casefold())
    # Grouped by the A-Z index's own letters, so "...Xenon" and "2001 Mars Odyssey" file as there.
    terms = sorted(site.terms.values(), key=sort_key)
    sections = [
        ("Stories", _stories(site)),
        ("Glossary", [GLOSSARY_DOC, *_grouped([(letter_of(term), term_doc(term.id)) for term in terms], docs)]),
        ("Agencies", [AGENCIES_DOC, *_grouped([(site.agencies[k].acronym, agency_doc(k)) for k in agencies], docs)]),
        ("People", [PEOPLE_DOC, *_grouped([(site.people[k].name, person_doc(k)) for k in people], docs)]),
        ("Timeline", [TIMELINE_DOC, *timeline]),
        ("Charts", [CHARTS_DOC, *_grouped([(site.charts[k].title, chart_doc(k)) for k in sorted(site.charts)], docs)]),
        ("Tags", [TAGS_DOC]),  # each tag's pages are reached from the index and from the stories
    ]
    for title, items in sections:
        items = _existing(items, docs)
        if items:
            nav.append({title: items[0] if len(items) == 1 and isinstance(items[0], str) else items})
    nav += [doc for doc in sorted(editor_docs) if doc != "index.md"]
    return nav


def _stories(site: Site) -> list[NavItem]:
    years = story_years(site)
    return [STORIES_DOC, *({str(y): [year_doc(y), *_months(site, slugs)]} for y, slugs in years.items())]


def _months(site: Site, slugs: list[str]) -> list[NavItem]:
    """A year's stories, in one sub-section per month when the year has more than SECTION_MAX."""
    if len(slugs) <= SECTION_MAX:
        return [article_doc(slug) for slug in slugs]
    by_month = itertools.groupby(slugs, key=lambda slug: site.articles[slug].date.month)
    return [{calendar.month_name[month]: [article_doc(slug) for slug in group]} for month, group in by_month]


def _grouped(named: list[tuple[str, str]], docs: set[str]) -> list[NavItem]:
    """(sort name, doc) pairs, in sorted order; beyond SECTION_MAX, in alphabetical groups ("A–F")."""
    named = [(name, doc) for name, doc in named if doc in docs]
    if len(named) <= SECTION_MAX:
        return [doc for _, doc in named]
    groups: list[tuple[list[str], list[str]]] = []  # (first letters, docs)
    for letter, pairs in itertools.groupby(named, key=lambda pair: _initial(pair[0])):
        items = [doc for _, doc in pairs]
        if groups and len(groups[-1][1]) + len(items) <= SECTION_MAX:
            groups[-1][0].append(letter)
            groups[-1][1].extend(items)
        else:
            groups.append(([letter], items))
    return [{letters[0] if len(letters) == 1 else f"{letters[0]}–{letters[-1]}": items} for letters, items in groups]


def _initial(name: str) -> str:
    """The capital a name files under, accents dropped ("Ørsted" and "Orsted" both under O)."""
    letter = unicodedata.normalize("NFKD", name.lstrip("'\"(").upper())[:1]
    return letter if letter.isalnum() else "#"


def _existing(items: list[NavItem], docs: set[str]) -> list[NavItem]:
    return [item for item in items if not isinstance(item, str) or item in docs]
