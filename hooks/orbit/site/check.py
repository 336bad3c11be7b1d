"""Check the data and the editors' markers without building the site (for editors and pre-commit)."""

from __future__ import annotations

from pathlib import Path

from ..data.errors import DataError
from ..data.loading import load_site
from ..link.markers import check_markers, marker_report
from .context import Context


def check(data_dir: Path, docs_dir: Path) -> str | None:
    """The problems a build would stop on, worded as the build words them; None if there are none.

    Markers are found with the Markdown extensions of the site's mkdocs.yml (`SITE_EXTENSIONS`),
    in docs/ and in the data's Markdown fields, as the build finds them before it writes anything.
    """
    try:
        ctx = Context.of(load_site(data_dir))
    except DataError as error:
        return str(error)
    problems = check_markers(docs_dir, ctx.markers, ctx.site)
    return marker_report(problems) if problems else None
