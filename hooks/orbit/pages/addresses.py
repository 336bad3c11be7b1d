"""Where every page and file of the site lives: source paths (`doc`), URLs and links between them.

Every address the site uses is made here, so a page can never be linked at one address and
written at another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..data.models import Event, Outcome

HOME_DOC = "index.md"
STORIES_DOC = "articles/index.md"
GLOSSARY_DOC = "glossary/index.md"
AGENCIES_DOC = "agencies/index.md"
PEOPLE_DOC = "people/index.md"
CHARTS_DOC = "charts/index.md"
TIMELINE_DOC = "timeline/index.md"
TAGS_DOC = "tags/index.md"

# A thread longer than this gets pages of its own (pages.threads), so that no story page grows past 80 kB.
INLINE_COMMENTS = 20
# The front page lists this many stories, newest first; older ones go on `page/2/` and on.
FRONT_PAGE_STORIES = 20
# A tag's page lists this many stories, newest first; older ones go on its next pages.
TAG_PAGE_STORIES = 50
# A chart's own page lists table pages of this many rows instead of one longer table.
TABLE_PAGE_ROWS = 100
# At most this many table pages per chart: the rows after them are in the chart's CSV and figure
# JSON (a 200,000-point series was 2,000 pages, most of its build, and no reader pages through them).
TABLE_PAGES_MAX = 100

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def doc_url(doc: str) -> str:
    """The site URL of a source path with directory URLs: `agencies/cnes.md` -> `agencies/cnes/`;
    other files keep their path (`charts/x.csv`)."""
    path, _, anchor = doc.partition("#")
    stem = path.removesuffix(".md")
    if stem == path:
        url = path
    else:
        url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{url}#{anchor}" if anchor else url


def relative_doc(target: str, from_doc: str) -> str:
    """A Markdown link from page `from_doc` to `target` (both source paths), as MkDocs validates it."""
    return relative_url(target, from_doc)  # the same walk: from the folder of one path to another


def relative_url(target_url: str, page_url: str) -> str:
    """An HTML link from the page at `page_url` to `target_url` (both site-relative URLs)."""
    path, _, anchor = target_url.partition("#")
    # Plain string work: posixpath.relpath asks the OS for the working directory on every call.
    base = page_url.split("/")[:-1]
    parts = path.split("/")
    common = 0
    while common < min(len(base), len(parts) - 1) and base[common] == parts[common]:
        common += 1
    rel = "../" * (len(base) - common) + "/".join(parts[common:])
    rel = rel or "./"
    return f"{rel}#{anchor}" if anchor else rel


def doc_link(target: str, from_doc: str) -> str:
    """An HTML link (final URL) from page `from_doc` to `target`, both source paths."""
    return relative_url(doc_url(target), doc_url(from_doc))


def article_doc(slug: str) -> str:
    return f"articles/{slug}.md"


def year_doc(year: int) -> str:
    """The page of the stories of one year."""
    return f"articles/{year}/index.md"


def person_doc(key: str) -> str:
    return f"people/{key}.md"


def agency_doc(key: str) -> str:
    return f"agencies/{key}.md"


def term_doc(key: str) -> str:
    return f"glossary/{key}.md"


def chart_doc(key: str) -> str:
    return f"charts/{key}.md"


def chart_json(key: str) -> str:
    """The published Plotly figure of a chart too big to travel inside its page."""
    return f"charts/{key}.json"


def preview_json(doc: str) -> str:
    """The published preview text of an entry, beside its page: `glossary/orbit.md` -> `glossary/orbit/preview.json`."""
    return doc_url(doc) + "preview.json"


def front_doc(number: int = 1) -> str:
    """Page `number` of the front page: the home page, then `page/2.md`, `page/3.md`."""
    return HOME_DOC if number == 1 else f"page/{number}.md"


def tag_doc(slug: str, number: int = 1) -> str:
    """Page `number` of the stories under a tag: `tags/china/index.md`, then `tags/china/2.md`."""
    return f"tags/{slug}/index.md" if number == 1 else f"tags/{slug}/{number}.md"


def card_path(doc: str) -> str:
    """The published social card of page `doc` (or of a section): `articles/x.md` -> `assets/cards/articles/x.png`."""
    return f"assets/cards/{doc.removesuffix('.md')}.png"


def chart_csv(key: str) -> str:
    """The published CSV file of a chart's numbers."""
    return f"charts/{key}.csv"


def table_spans(rows: int) -> list[tuple[int, int]]:
    """The rows (first, last; from 1) of each table page: 277 -> (1, 100), (101, 200), (201, 277);
    the first TABLE_PAGES_MAX pages only."""
    shown = min(rows, TABLE_PAGES_MAX * TABLE_PAGE_ROWS)
    return [(first, min(first + TABLE_PAGE_ROWS - 1, shown)) for first in range(1, shown + 1, TABLE_PAGE_ROWS)]


def table_doc(key: str, span: tuple[int, int]) -> str:
    """The source path of a table page: `charts/timeline/rows-1-100.md`."""
    return f"charts/{key}/rows-{span[0]}-{span[1]}.md"


def timeline_doc(date: str = "", part: int = 1) -> str:
    """The timeline overview, or page `part` of a date's decade (pages.timeline says which):
    `2013-12-14` -> `timeline/2010s.md`, and its part 2 -> `timeline/2010s/2.md`."""
    if not date:
        return TIMELINE_DOC
    return f"timeline/{date[:3]}0s.md" if part == 1 else f"timeline/{date[:3]}0s/{part}.md"


def event_anchors(events: Iterable[Event]) -> list[str]:
    """A stable, unique anchor per event: `event-2013-12-14-chang-e-3-soft-lands`."""
    return _dated_anchors("event", ((event.date, event.title) for event in events))


def outcome_anchors(outcomes: Iterable[Outcome]) -> list[str]:
    """A stable, unique anchor per outcome of a story, in its "What happened next" section: `next-2021-04-29-china-launches-tianhe`."""
    return _dated_anchors("next", ((outcome.date, outcome.text) for outcome in outcomes), 3)


def _dated_anchors(prefix: str, items: Iterable[tuple[str, str]], words_kept: int = 6) -> list[str]:
    """`<prefix>-<date>-<first words>`, numbered from 2 when two are the same."""
    ids: list[str] = []
    taken: set[str] = set()  # a set beside the list: a timeline of thousands of events stays linear
    for date, words in items:
        first = _NOT_WORD.sub("-", words.lower().replace("'", "")).strip("-").split("-")
        base = f"{prefix}-{date}-{'-'.join(first[:words_kept])}"
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        ids.append(anchor)
        taken.add(anchor)
    return ids


def claim_anchor(key: str) -> str:
    """Where a claim's quote sits in its story."""
    return f"claim-{key}"


def note_anchor(key: str) -> str:
    """Where a claim's numbered note sits at the end of its story."""
    return f"note-{key}"
