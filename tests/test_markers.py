"""Editors' explicit syntax: `[[id]]`, `[[id|label]]`, `[[chart:id]]`; unknown ids stop the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from orbit.link.entities import Entity
from orbit.link.markers import MarkerContext, expand_markers


@pytest.fixture
def ctx() -> MarkerContext:
    cnes = Entity("cnes", "agencies", "CNES", ("CNES",), "agencies/cnes.md", 'France\'s "space" agency')
    orbit = Entity("orbit", "terms", "Orbit", ("orbit",), "glossary/orbit.md", "A path")
    return MarkerContext(
        {"cnes": cnes, "orbit": orbit}, {"budgets": "Budgets"}, lambda key, doc: f"<figure {key} on {doc}>"
    )


def test_entity_marker_links_with_label_and_tooltip(ctx) -> None:
    out = expand_markers("See [[cnes]] and [[orbit|orbits]].", "notes/page.md", ctx)
    assert out == (
        "See [CNES](../agencies/cnes.md \"France's 'space' agency\"){ .orbit-term } and "
        '[orbits](../glossary/orbit.md "A path"){ .orbit-term }.'
    )
    assert ctx.problems == []


def test_chart_marker_alone_embeds_inline_links(ctx) -> None:
    out = expand_markers(
        "Intro\n\n[[chart:budgets]]\n\nAs the [[chart:budgets|chart]] shows, [[chart:budgets]] too.", "x.md", ctx
    )
    assert "\n<figure budgets on x.md>\n" in out
    assert "[chart](charts/budgets.md)" in out
    assert out.endswith("[Budgets](charts/budgets.md) too.")


def test_markers_in_code_are_left_alone(ctx) -> None:
    text = "Write `[[cnes]]`.\n\n```text\n[[nope]]\n```\n"
    assert expand_markers(text, "x.md", ctx) == text
    assert ctx.problems == []


def test_html_links_for_markdown_we_convert_ourselves(ctx) -> None:
    out = expand_markers("[[chart:budgets|see]]", "articles/story.md", ctx, html_links=True)
    assert out == "[see](../../charts/budgets/)"


def test_unknown_ids_name_page_line_and_suggestion(ctx) -> None:
    expand_markers("one\n[[cness]]\n\n[[chart:budget]]", "guide.md", ctx)
    assert ctx.problems == [
        "guide.md:2: [[cness]]: unknown entry id 'cness'; did you mean 'cnes'?",
        "guide.md:4: [[chart:budget]]: unknown chart id 'budget'; did you mean 'budgets'?",
    ]


def test_unknown_id_in_an_editor_page_stops_the_build(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    for folder in ("docs", "hooks", "data", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "docs" / "briefing.md").write_text("# Briefing\n\nThe [[wolf-amendmnt]] applies.\n", encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (
        "briefing.md:3: [[wolf-amendmnt]]: unknown entry id 'wolf-amendmnt'; did you mean 'wolf-amendment'?" in output
    )
    assert not any((tmp_path / "site").rglob("*.html"))
