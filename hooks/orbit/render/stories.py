"""Story index pages: all stories by year, and one page per year."""

from __future__ import annotations

from ..generated import GeneratedPage
from ..loading import Site
from ..markers import MarkerContext
from ..nav import story_years, year_doc
from ..paths import article_doc, relative_doc
from .common import long_date


def pages(site: Site, markers: MarkerContext) -> list[GeneratedPage]:
    """`articles/index.md` and `articles/<year>/index.md`."""
    years = story_years(site)
    if not years:
        return []
    overview = ["# Stories", "Every story on this site, newest first, by year of publication.", ""]
    overview += [f"- [{year}]({relative_doc(year_doc(year), 'articles/index.md')}): {_count(len(slugs))}" for year, slugs in years.items()]
    result = [GeneratedPage("articles/index.md", "\n".join(overview) + "\n")]
    result += [GeneratedPage(year_doc(year), _year_page(site, year, slugs)) for year, slugs in years.items()]
    return result


def _year_page(site: Site, year: int, slugs: list[str]) -> str:
    lines = [f"# Stories of {year}", ""]
    for slug in slugs:
        article = site.articles[slug]
        link = relative_doc(article_doc(slug), year_doc(year))
        lines.append(f"- **[{article.title}]({link})** · {long_date(article.date)}  \n  {article.dek}")
    return "\n".join(lines) + "\n"


def _count(number: int) -> str:
    return f"{number} stor{'y' if number == 1 else 'ies'}"
