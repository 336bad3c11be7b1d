"""Story index pages: all stories by year, and one page per year."""

from __future__ import annotations

from ..data.site import Site
from ..pages.addresses import STORIES_DOC, article_doc, relative_doc, year_doc
from .common import long_date


def story_years(site: Site) -> dict[int, list[str]]:
    """Article slugs by year, newest year and newest story first."""
    years: dict[int, list[str]] = {}
    for slug in sorted(site.articles, key=lambda s: (site.articles[s].date, s), reverse=True):
        years.setdefault(site.articles[slug].date.year, []).append(slug)
    return dict(sorted(years.items(), reverse=True))


def render_story_index(years: dict[int, list[str]]) -> str:
    """`articles/index.md`: a link to each year's page with its number of stories."""
    overview = ["# Stories", "Every story on this site, newest first, by year of publication.", ""]
    overview += [
        f"- [{year}]({relative_doc(year_doc(year), STORIES_DOC)}): {story_count(len(slugs))}"
        for year, slugs in years.items()
    ]
    return "\n".join(overview) + "\n"


def render_year(site: Site, year: int, slugs: list[str]) -> str:
    """`articles/<year>/index.md`: the year's stories with their date and standfirst."""
    lines = [f"# Stories of {year}", ""]
    for slug in slugs:
        article = site.articles[slug]
        link = relative_doc(article_doc(slug), year_doc(year))
        lines.append(f"- **[{article.title}]({link})** · {long_date(article.date)}  \n  {article.dek}")
    return "\n".join(lines) + "\n"


def story_count(number: int) -> str:
    return f"{number} stor{'y' if number == 1 else 'ies'}"
