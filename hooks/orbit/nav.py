"""The site navigation, in sections: Material renders the nav into every page, so a flat list of
hundreds of pages would make every page heavy and the build quadratic."""

from __future__ import annotations

from typing import Any

from .loading import Site
from .paths import agency_doc, article_doc, chart_doc, person_doc

NavItem = Any  # str | dict[str, list | str], the shape of mkdocs.yml's `nav`


def site_nav(site: Site, docs: set[str], editor_docs: list[str]) -> list[NavItem]:
    """The `nav` for this build; `docs` is every page that exists, `editor_docs` those in docs/."""
    nav: list[NavItem] = ["index.md"] if "index.md" in docs else []
    sections = [
        ("Stories", _stories(site)),
        ("Glossary", ["glossary/index.md"]),
        ("Agencies", ["agencies/index.md", *(agency_doc(k) for k in sorted(site.agencies, key=lambda k: site.agencies[k].acronym.lower()))]),
        ("People", ["people/index.md", *(person_doc(k) for k in sorted(site.people, key=lambda k: _surname(site.people[k].name)))]),
        ("Timeline", ["timeline.md"]),
        ("Charts", ["charts/index.md", *(chart_doc(k) for k in sorted(site.charts))]),
    ]
    for title, items in sections:
        items = _existing(items, docs)
        if items:
            nav.append({title: items[0] if len(items) == 1 and isinstance(items[0], str) else items})
    nav += [doc for doc in sorted(editor_docs) if doc != "index.md"]
    return nav


def story_years(site: Site) -> dict[int, list[str]]:
    """Article slugs by year, newest year and newest story first."""
    years: dict[int, list[str]] = {}
    for slug in sorted(site.articles, key=lambda s: (site.articles[s].date, s), reverse=True):
        years.setdefault(site.articles[slug].date.year, []).append(slug)
    return dict(sorted(years.items(), reverse=True))


def year_doc(year: int) -> str:
    return f"articles/{year}/index.md"


def _stories(site: Site) -> list[NavItem]:
    years = story_years(site)
    return ["articles/index.md", *({str(y): [year_doc(y), *map(article_doc, slugs)]} for y, slugs in years.items())]


def _existing(items: list[NavItem], docs: set[str]) -> list[NavItem]:
    return [item for item in items if not isinstance(item, str) or item in docs]


def _surname(name: str) -> str:
    return name.split()[-1].lower()
