"""Check the data and the editors' markers without building the site (for editors and pre-commit)."""

from __future__ import annotations

from pathlib import Path

from ..data.errors import DataError
from ..data.loading import load_site
from ..link.markers import expand_markers
from .context import Context
from .plan import build_pages


def check(data_dir: Path, docs_dir: Path) -> str | None:
    """The problems a build would stop on, worded as the build words them; None if there are none."""
    try:
        ctx = Context.of(load_site(data_dir))
    except DataError as error:
        return str(error)
    build_pages(ctx)  # expands the markers in data text (editors' notes) as the build does
    for path in sorted(docs_dir.rglob("*.md")):
        doc = path.relative_to(docs_dir).as_posix()
        expand_markers(path.read_text(encoding="utf-8"), doc, ctx.markers)
    problems = ctx.markers.problems
    if not problems:
        return None
    count = len(problems)
    return "\n".join(
        [f"{count} unknown id{'s' if count != 1 else ''} in page markers:", *(f"  - {p}" for p in problems)]
    )
