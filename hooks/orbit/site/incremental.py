"""Rebuild only what an edit touched, while `mkdocs serve --dirty` runs.

A serve session remembers its last good build (`Memory`): a digest of each generated page, of
what a link to each entity shows, of each chart; the raw titles and shape of the navigation;
and, once the pages are written, their titles, the mentions linked on each, where each was
written and its search entries. The next build compares (`plan`) and rebuilds every page when
the navigation, the linkable names or the site's configuration changed; otherwise only pages
whose Markdown or late HTML changed, and pages whose `[[...]]` markers name a changed entity or
chart. One thing in a page depends on other pages: its "where it appears" list, rebuilt once
every page is converted if it changed. (A link's preview text is not in the page: an edited
definition rewrites only its entry's `preview.json`, published with every build.)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..link.entities import Entity
from ..pages.page import GeneratedPage
from ..render.mentions import PageMention

MARKER_IDS = re.compile(r"\[\[(?:(chart):)?([^\]|\s]+)")
_TITLE = re.compile(r"^# (.+)$", re.M)
_FRONT_TITLE = re.compile(r"\A---\n(?:.*\n)*?title:\s*(.+)\n(?:.*\n)*?---\n")

Mentions = list[tuple[str, PageMention]]  # (entity id, where) for each link on one page


def digest(*parts: object) -> bytes:
    """A short stable digest of some text parts."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(str(part).encode("utf-8", "surrogatepass") + b"\0")
    return hasher.digest()


# The digest of each page last seen, with the page: a page object reused from the last build (see
# `plan._STORIES`) is not hashed again.
_DIGESTS: dict[str, tuple[GeneratedPage, bytes]] = {}


def page_digest(page: GeneratedPage) -> bytes:
    """Everything of a generated page that its built HTML depends on, apart from other pages."""
    cached = _DIGESTS.get(page.doc)
    if cached is None or cached[0] is not page:
        value = digest(page.markdown, sorted(page.splices.items()), page.edit, page.exclude, page.listed)
        cached = _DIGESTS[page.doc] = (page, value)
    return cached[1]


def entity_digest(entity: Entity) -> bytes:
    """What a link to the entity shows in a page: its label (markers) and address (the preview text
    is fetched from beside the entry)."""
    return digest(entity.label, entity.doc)


def raw_title(markdown: str) -> str:
    """The title a page's source gives (front-matter `title`, else its first `# ` heading)."""
    front = _FRONT_TITLE.match(markdown)
    heading = _TITLE.search(markdown)
    return front.group(1) if front else heading.group(1) if heading else ""


def marker_ids(markdown: str) -> frozenset[str]:
    """The ids a page's `[[...]]` markers name (`chart:` kept), wherever they stand."""
    if "[[" not in markdown:
        return frozenset()
    return frozenset(f"chart:{key}" if chart else key for chart, key in MARKER_IDS.findall(markdown))


@dataclass
class Snapshot:
    """What a build knows before converting any page: enough to decide what to rebuild."""

    setup: bytes  # mkdocs.yml and the theme's overrides
    nav: bytes  # the navigation's shape and every page's raw title
    names: bytes  # every linkable name and the entity it links to
    pages: dict[str, bytes]  # generated page -> page_digest
    links: dict[str, bytes]  # entity id -> entity_digest, chart key -> digest of its block
    markers: dict[str, frozenset[str]]  # page -> the ids its markers name


@dataclass
class Memory:
    """The last good build of a serve session, as the next one needs it."""

    snapshot: Snapshot
    titles: dict[str, str] = field(default_factory=dict)  # page -> its rendered title
    found: dict[str, Mentions] = field(default_factory=dict)  # page -> mentions linked on it
    dests: dict[str, str] = field(default_factory=dict)  # page -> its file, relative to the site folder
    search: dict[str, list[dict]] = field(default_factory=dict)  # page URL -> its search entries


@dataclass(frozen=True)
class Plan:
    """Which pages to convert and write again."""

    everything: bool
    rebuild: frozenset[str] = frozenset()


def plan(memory: Memory | None, now: Snapshot, modified: Iterable[str] = ()) -> Plan:
    """What to rebuild after `memory`'s build; `modified` are editors' pages changed on disk."""
    if memory is None or (memory.snapshot.setup, memory.snapshot.nav, memory.snapshot.names) != (
        now.setup,
        now.nav,
        now.names,
    ):
        return Plan(everything=True)
    old = memory.snapshot
    changed_links = {key for key, value in now.links.items() if old.links.get(key) != value}
    rebuild = {doc for doc, value in now.pages.items() if old.pages.get(doc) != value}
    rebuild |= {doc for doc, ids in now.markers.items() if ids & changed_links}
    rebuild |= set(modified)
    return Plan(False, frozenset(rebuild))


def mention_lists(found: dict[str, Mentions]) -> dict[str, list[PageMention]]:
    """Every page's mentions, by the entity they link (for the "where it appears" lists)."""
    lists: dict[str, list[PageMention]] = {}
    for mentions in found.values():
        for entity, mention in mentions:
            lists.setdefault(entity, []).append(mention)
    return lists


def changed_lists(before: dict[str, Mentions], after: dict[str, Mentions], pages: Iterable[str]) -> set[str]:
    """Entities whose "where it appears" list differs between two builds' mentions, which differ
    only on `pages` (those converted again)."""
    changed: set[str] = set()
    for doc in pages:
        changed |= {entity for entity, _ in set(before.get(doc, [])) ^ set(after.get(doc, []))}
    return changed


def page_of(location: str) -> str:
    """The page URL of a search entry's location (`articles/x/#section` -> `articles/x/`)."""
    return location.partition("#")[0]


def merge_search(previous: dict[str, list[dict]], written: list[dict], rebuilt: set[str]) -> dict[str, list[dict]]:
    """Every page's search entries after a partial build.

    The search plugin appends the entries of the pages it saw this time after what it kept from
    the last build, and may keep stale entries too: so a rebuilt page takes its last run of
    entries in `written`, and every other page keeps its entries from `previous`.
    """
    runs: dict[str, list[dict]] = {}
    last = None
    for entry in written:
        page = page_of(entry["location"])
        if page != last:
            runs[page] = []  # a later run of the same page replaces an earlier one
            last = page
        runs[page].append(entry)
    pages = {page: entries for page, entries in previous.items() if page not in rebuilt}
    pages.update({page: runs[page] for page in rebuilt if page in runs})
    return pages
