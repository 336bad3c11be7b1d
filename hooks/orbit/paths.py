"""Where each kind of page lives: source paths of generated pages and links between pages."""

from __future__ import annotations

import posixpath


def doc_url(doc: str) -> str:
    """The site URL of a source path with directory URLs: `agencies/cnes.md` -> `agencies/cnes/`."""
    path, _, anchor = doc.partition("#")
    stem = path.removesuffix(".md")
    url = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return f"{url}#{anchor}" if anchor else url


def relative_doc(target: str, from_doc: str) -> str:
    """A Markdown link from page `from_doc` to `target` (both source paths), as MkDocs validates it."""
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(from_doc) or ".")
    return f"{rel}#{anchor}" if anchor else rel


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


def article_doc(slug: str) -> str:
    return f"articles/{slug}.md"


# A thread longer than this gets a page of its own: 57 comments made a 99 kB story page.
INLINE_COMMENTS = 20


def thread_doc(slug: str, count: int) -> str:
    """Where the `count` comments of story `slug` live: under the story, or when many on their own page."""
    return article_doc(slug) if count <= INLINE_COMMENTS else f"articles/{slug}/comments.md"


def person_doc(key: str) -> str:
    return f"people/{key}.md"


def agency_doc(key: str) -> str:
    return f"agencies/{key}.md"


def term_doc(key: str) -> str:
    return f"glossary/{key}.md"


def chart_doc(key: str) -> str:
    return f"charts/{key}.md"


ENTITY_DOCS = {"terms": term_doc, "agencies": agency_doc, "people": person_doc}


def timeline_doc(date: str = "") -> str:
    """The timeline overview, or the decade page of a date: `2013-12-14` -> `timeline/2010s.md`."""
    return f"timeline/{date[:3]}0s.md" if date else "timeline/index.md"
