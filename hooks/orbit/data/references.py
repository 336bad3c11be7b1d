"""Cross-file checks: every id a record names must exist, and ids must not collide."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from .errors import Problem
from .models import AGENCY_PREFIX, Article, Comment
from .site import Origin, Site, entity_names, present
from .tags import tag_problems


def check_references(site: Site) -> list[Problem]:
    """All dangling or clashing references in `site`, each naming both ends."""
    return [
        *_articles(site),
        *_comments(site),
        *_agencies(site),
        *_people(site),
        *_terms(site),
        *_events(site),
        *_charts(site),
        *_reserved_charts(site),
        *_entity_clashes(site),
        *_reserved(site),
        *tag_problems(site),
    ]


_SINGULAR = {"people": "person", "agencies": "agency", "articles": "article", "terms": "term", "charts": "chart"}


def _missing(origin: Origin, path: tuple, kinds: tuple[str, ...], key: str, known: Iterable[str]) -> Problem:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"{_where_to_add(kinds, key)} or fix the id"
    what = " or ".join(_SINGULAR[kind] for kind in kinds)
    return origin.problem(path, f"unknown {what} id '{key}'; {hint}")


def _where_to_add(kinds: tuple[str, ...], key: str) -> str:
    """The file that would hold a new record: terms share one file, other kinds have one each."""
    if kinds == ("terms",):
        return f"add a term with id '{key}' to data/glossary.yml"
    return "add " + " or ".join(f"data/{kind}/{key}.yml" for kind in kinds) + ("," if len(kinds) > 1 else "")


def _ref(site: Site, origin: Origin, path: tuple, kind: str, key: str | None) -> list[Problem]:
    return [] if key is None or site.exists(kind, key) else [_missing(origin, path, (kind,), key, getattr(site, kind))]


def _articles(site: Site) -> Iterable[Problem]:
    for slug, article in site.articles.items():
        origin = site.origins[("articles", slug)]
        yield from _ref(site, origin, ("author",), "people", article.author)
        for i, quote in present(article.quotes):
            yield from _ref(site, origin, ("quotes", i, "person"), "people", quote.person)
        for i, related in present(article.related):
            yield from _ref(site, origin, ("related", i, "article"), "articles", related.article)
        if article.body is not None:  # else its problem is reported, and no paragraph can be checked
            yield from _paragraph_numbers(origin, article)


def _paragraph_numbers(origin: Origin, article: Article) -> Iterable[Problem]:
    count = len(article.paragraphs())
    numbered = [("images", i, "after_paragraph", x.after_paragraph) for i, x in present(article.images)]
    numbered += [("quotes", i, "paragraph", x.paragraph) for i, x in present(article.quotes)]
    numbered += [("notes", i, "paragraph", x.paragraph) for i, x in present(article.notes)]
    numbered += [("claims", i, "paragraph", x.paragraph) for i, x in present(article.claims)]
    for *path, number in numbered:
        if number is not None and number > count:
            yield origin.problem(tuple(path), f"paragraph {number} does not exist: the body has {count}")


def _comments(site: Site) -> Iterable[Problem]:
    for slug, comments in site.comments.items():
        origin = site.origins[("comments", slug)]
        if not site.exists("articles", slug):
            yield _missing(origin, (), ("articles",), slug, site.articles)
        yield from _thread(origin, comments)


def _thread(origin: Origin, comments: list[Comment | None]) -> Iterable[Problem]:
    """Duplicate ids, and replies to no earlier comment (unless an earlier id did not validate)."""
    seen: set[str] = set()
    complete = True  # every earlier comment has a valid id, so a reply to none of them is wrong
    for i, comment in enumerate(comments):
        if comment is None or comment.id is None:
            complete = False
            continue
        if comment.id in seen:
            yield origin.problem(("comments", i, "id"), f"duplicate comment id '{comment.id}'")
        if complete and comment.reply_to is not None and comment.reply_to not in seen:
            yield origin.problem(
                ("comments", i, "reply_to"), f"'{comment.reply_to}' is not an earlier comment in this file"
            )
        seen.add(comment.id)


def _agencies(site: Site) -> Iterable[Problem]:
    for key, agency in site.agencies.items():
        for i, head in present(agency.heads):
            yield from _ref(site, site.origins[("agencies", key)], ("heads", i, "person"), "people", head.person)


def _people(site: Site) -> Iterable[Problem]:
    for key, person in site.people.items():
        for i, role in present(person.roles):
            yield from _ref(site, site.origins[("people", key)], ("roles", i, "agency"), "agencies", role.agency)


def _terms(site: Site) -> Iterable[Problem]:
    for key, term in site.terms.items():
        origin = site.origins[("terms", key)]
        for i, other in present(term.see_also):
            yield from _ref(site, origin, ("see_also", i), "terms", other)


def _events(site: Site) -> Iterable[Problem]:
    actors = {**site.agencies, **site.people}
    for index, event in enumerate(site.events):
        origin = site.origins[("events", str(index))]
        for i, actor in present(event.actors):
            if actor not in actors and not (site.exists("agencies", actor) or site.exists("people", actor)):
                yield _missing(origin, ("actors", i), ("agencies", "people"), actor, actors)
        yield from _ref(site, origin, ("article",), "articles", event.article)


def _charts(site: Site) -> Iterable[Problem]:
    for key, chart in site.charts.items():
        origin = site.origins[("charts", key)]
        yield from _ref(site, origin, ("article",), "articles", chart.article)
        ratings = chart.derive == "comment-ratings" and chart.article in site.articles
        if ratings and not site.comments.get(chart.article) and ("comments", chart.article) not in site.broken:
            message = (
                f"story '{chart.article}' has no comments to chart; add data/comments/{chart.article}.yml or fix the id"
            )
            yield origin.problem(("article",), message)


def _reserved_charts(site: Site) -> Iterable[Problem]:
    """A chart file may not take the id of an agency's own budget chart (`agency-<agency id>`)."""
    for key in site.charts:
        agency = key.removeprefix(AGENCY_PREFIX)
        if key.startswith(AGENCY_PREFIX) and site.exists("agencies", agency):
            message = f"the id '{key}' is reserved for the budget chart of agency '{agency}'; rename the file"
            yield site.origins[("charts", key)].file_problem(message)


# The page the site itself writes at <folder>/index.md: a record called "index" would replace it.
_OVERVIEWS = {
    "articles": "the stories overview",
    "agencies": "the agencies overview",
    "people": "the people overview",
    "terms": "the glossary's A-Z page",
    "charts": "the charts gallery",
}
_YEAR = re.compile(r"\d{4}")


def _reserved(site: Site) -> Iterable[Problem]:
    """Ids whose page would take the address of a page the site makes itself."""
    for kind, page in _OVERVIEWS.items():
        if "index" not in getattr(site, kind):
            continue
        origin = site.origins[(kind, "index")]
        if kind == "terms":
            yield origin.problem(("id",), f"id 'index' is reserved for {page}; choose another id")
        else:
            yield origin.file_problem(f"file name 'index' is reserved for {page} ({kind}/index.md); rename the file")
    for slug in filter(_YEAR.fullmatch, site.articles):  # articles/2014/ lists the stories of 2014
        message = f"file name '{slug}' is reserved for the page of the stories of {slug}; rename the file, e.g. '{slug}-story.yml'"
        yield site.origins[("articles", slug)].file_problem(message)


def _entity_clashes(site: Site) -> Iterable[Problem]:
    """Terms, agencies and people share one id space and one name space (for [[id]] and linking)."""
    owners: dict[str, str] = {}
    for kind in ("terms", "agencies", "people"):
        for key in getattr(site, kind):
            if key in owners:
                yield site.origins[(kind, key)].problem(
                    ("id",) if kind == "terms" else (),
                    f"id '{key}' is also used by {owners[key]}; ids must be unique across terms, agencies and people",
                )
            owners[key] = f"{kind}/{key}"
    yield from _name_clashes(site)


def _name_clashes(site: Site) -> Iterable[Problem]:
    """Names are one name whatever their case or Unicode form (composed "é" or "e" + accent, full-width letters)."""
    owners: dict[str, tuple[str, str]] = {}  # folded name -> (entity id, name as written)
    for entity_id, kind, name, path in entity_names(site):
        folded = same_name(name)
        owner = owners.setdefault(folded, (entity_id, name))
        if owner[0] != entity_id:
            spelled = (
                "" if owner[1] == name else f" as '{owner[1]}', the same name once case and Unicode form are set aside"
            )
            yield site.origins[(kind, entity_id)].problem(
                path, f"name '{name}' also names '{owner[0]}'{spelled}; a name may link to one entry only"
            )


def same_name(name: str) -> str:
    """The key two names share when a reader cannot tell them apart: NFKC, case folded, spaces single."""
    return " ".join(unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).split())
