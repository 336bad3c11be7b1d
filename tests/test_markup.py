"""Valid markup of our own: the W3C Nu HTML Checker on every page of two real builds.

The checker is `vnu-jar` (pinned in tests/package-lock.json; scripts/test.sh installs it with
`npm ci` and Java with apt-get). One JVM checks every page of both builds: the real site, and a
publication of three stories whose seed has a thread long enough for pages of its own (replies,
a removed comment, a pager). Every error counts, and the one warning our markup once drew (a
comment's `<article>` without a heading); only Material for MkDocs' own two errors are allowed,
each matched by its exact message and the theme markup it is about. (The other warnings are of
checking files: a `file:` page is no origin, so the policy's `'self'` blocks every asset.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, dump_yaml, run_build
from test_front_page import SEED, publication_data

VNU = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = (
    # Material's drawer and search toggles are checkboxes with autocomplete="off" (against
    # Firefox restoring their state), on every page.
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, "
        "“tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
    ),
    # Material's table of contents title is a label for its `__toc` toggle, which a page without
    # headings to list does not have.
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        'for="__toc"',
    ),
)


@pytest.fixture(scope="module")
def publication_with_long_thread(tmp_path_factory) -> Path:
    """Three stories from three publishers; the seed's thread on two pages of its own."""
    base = tmp_path_factory.mktemp("markup")
    data = publication_data(base / "data")
    text = "A reader's long comment, with <b>markup</b> & *stars* kept as text. " * 14
    rating = {"average": 3, "votes": 2}
    comments = [
        {"id": f"c{i}", "author": f"Reader {i}", "date": "2014-01-13", "body": text, "rating": rating}
        for i in range(1, 51)
    ]
    for comment in comments[1::3]:  # replies, two levels deep in places
        comment["reply_to"] = f"c{int(comment['id'][1:]) - 1}"
    comments[4] = {"id": "c5", "date": "2014-01-13", "status": "removed", "reply_to": "c4"}
    (data / "comments" / f"{SEED}.yml").write_text(dump_yaml({"comments": comments}), encoding="utf-8")
    result = run_build(ROOT, base / "site", data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (base / "site" / "articles" / SEED / "comments" / "2" / "index.html").is_file()  # a pager
    return base / "site"


def test_every_page_is_valid_html_but_for_materials_own_two_errors(site_dir, publication_with_long_thread) -> None:
    pages = sorted(site_dir.rglob("*.html")) + sorted(publication_with_long_thread.rglob("*.html"))
    assert len(pages) > 200
    errors = [
        f"{message['url'].removeprefix('file:')}:{message.get('lastLine', '?')}: {message['message']}"
        for message in _vnu(pages)
        if _counts(message) and not _materials(message)
    ]
    assert errors == []


def _vnu(pages: list[Path]) -> list[dict]:
    """The checker's messages on `pages` (one JVM for all): a missing Java or jar fails, never skips."""
    java = shutil.which("java")
    assert java, "The markup test needs Java 11 or later: apt-get install default-jre-headless (scripts/test.sh does)"
    assert VNU.is_file(), f"{VNU} is missing: npm ci --prefix tests (scripts/test.sh does)"
    command = [java, "-jar", str(VNU), "--format", "json", *map(str, pages)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr  # 1: errors found, reported on stderr
    return json.loads(result.stderr)["messages"]


def _counts(message: dict) -> bool:
    """An error (of the page or of reading it), or a sectioning element without a heading."""
    return message["type"] != "info" or "lacks heading" in message["message"]


def _materials(message: dict) -> bool:
    """One of Material's own two errors, told apart by its message and the markup it is about."""
    return any(message["message"] == text and marker in message.get("extract", "") for text, marker in MATERIAL)


def test_unit_only_materials_own_errors_are_allowed() -> None:
    """The allow-list is narrow: the same message about our own markup still counts."""
    toggle, toc = (text for text, _ in MATERIAL)
    assert _materials({"message": toggle, "extract": '<input class="md-toggle" autocomplete="off">'})
    assert _materials({"message": toc, "extract": '<label class="md-nav__title" for="__toc">'})
    assert not _materials({"message": toggle, "extract": '<input type="checkbox" autocomplete="off">'})
    assert not _materials({"message": toc, "extract": '<label for="orbit-x">'})
    assert not _materials({"message": "The “label” element may contain at most one …", "extract": "md-toggle"})
