"""Fuzzing (issue 16, item 11): random data files, from the data contract's own JSON Schemas and from
random mutations of the real files, always end in a clean outcome: pages built, or a DataError
naming data files, line by line. Never another exception.

The test command runs a bounded, repeatable number of examples (ORBIT_FUZZ_EXAMPLES, default 20
per strategy); `python scripts/fuzz_campaign.py` runs a longer, random campaign.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from hypothesis_jsonschema import from_schema

from conftest import ROOT, run_build
from orbit.data.errors import DataError
from orbit.link.markers import SITE_EXTENSIONS
from orbit.site.build import Build

EXAMPLES = int(os.environ.get("ORBIT_FUZZ_EXAMPLES", "20"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("ORBIT_FUZZ_RANDOM"),  # the test command: the same examples every run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
SLUG = "china-us-space-cooperation"
# Where a generated file of each kind goes (the comments replace the story's thread).
TARGETS = {
    "article": "articles/fuzz-story.yml",
    "comments": f"comments/{SLUG}.yml",
    "agency": "agencies/fuzz-agency.yml",
    "person": "people/fuzz-person.yml",
    "glossary": "glossary.yml",
    "events": "events.yml",
    "chart": "charts/fuzz-chart.yml",
}
REAL_FILES = sorted(path.relative_to(ROOT / "data").as_posix() for path in (ROOT / "data").rglob("*.yml"))
# Pieces of YAML and text that have broken parsers and renderers before.
TOKENS = [
    "&a ", "*a", "<<: ", "!!python/object:os.system ", "!!binary ", "[", "]", "{", "}", "- ", ": ", "? ", "---\n",
    "\x00", "\x07", "\t", "\u202e", "\ufeff", "é", "e\u0301", "\"", "'", "|\n", ">\n", "#", "%", "@", "`",
    "[[nasa]]", "[[chart:nope]]", "[[", "]]", "<script>alert(1)</script>", "</title>", "<!-- /orbit:content -->",
    "{++x++}", ".nan", ".inf", "0", "true", "null", "~", "1e999", "2014-02-30", "9999-12-31", "[" * 40,
]  # fmt: skip


def _schema(kind: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def outcome(data: Path, changed: str) -> None:
    """Load and check the data, render every page built from the changed file, link it; a
    DataError must name data files with sane lines, and one of them the changed file."""
    try:
        build = Build.load(data)
    except DataError as error:
        problems = error.problems
        assert problems and all(p.file.startswith("data/") and (p.line is None or p.line >= 1) for p in problems)
        stem = Path(changed).stem
        assert any(p.file == f"data/{changed}" or stem in str(p) for p in problems), problems
        _count("stopped with a DataError")
        return
    _count("built")
    try:
        assert all(p.file.startswith(("data/", "docs/")) for p in build.check_markers(ROOT / "docs"))
        md = markdown.Markdown(extensions=[*SITE_EXTENSIONS, build.ctx.page_markers])
        for page in build.pages.values():
            if page.edit == f"data/{changed}":
                build.ctx.page_markers.doc = page.doc
                html = md.reset().convert(page.markdown)
                build.finish_content(html, page.doc, page.doc.removesuffix(".md") + "/", "title")
        build.downloads()
    finally:
        build.close()


def _count(outcome: str) -> None:
    """Tally outcomes in Hypothesis' statistics (scripts/fuzz_campaign.py prints them)."""
    if currently_in_test_context():
        event(outcome)


def _with(changed: str, text: str | bytes) -> None:
    """Run `outcome` on a copy of the real data in which file `changed` holds `text`."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(ROOT / "data", data)
        target = data / changed
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        outcome(data, changed)


@st.composite
def generated(draw) -> tuple[str, str]:
    kind = draw(st.sampled_from(sorted(TARGETS)))
    value = draw(from_schema(_schema(kind)))
    return TARGETS[kind], yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A real data file with a few random edits: tokens or random text put in, spans cut or repeated."""
    name = draw(st.sampled_from(REAL_FILES))
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["token", "text", "cut", "repeat"]))
        if edit == "token":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif edit == "text":
            text = text[:at] + draw(st.text(max_size=12)) + text[at:]
        else:
            span = draw(st.integers(1, 200))
            text = text[:at] + (text[at : at + span] * 2 if edit == "repeat" else "") + text[at + span :]
    return name, text.encode("utf-8", "surrogatepass")


@FUZZ
@given(generated())
def test_files_generated_from_the_schemas_end_cleanly(case: tuple[str, str]) -> None:
    _with(*case)


@FUZZ
@given(mutated())
def test_mutated_real_files_end_cleanly(case: tuple[str, bytes]) -> None:
    _with(*case)


@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_mutated_data_builds_or_stops_with_a_message(case: tuple[str, bytes]) -> None:
    """Through the real `mkdocs build --strict`: a site, or the problems and no traceback."""
    name, text = case
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(ROOT / "data", data)
        (data / name).write_bytes(text)
        result = run_build(ROOT, Path(folder) / "site", data)
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        if result.returncode:
            assert "problem" in output and "data/" in output, output[-2000:]
        else:
            assert (Path(folder) / "site" / "index.html").is_file()


def test_the_outcome_check_catches_what_it_must(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean DataError passes; a crash, or problems that name another file, do not."""
    _with("people/xu-dazhe.yml", "name: [")  # a syntax error, named at its file and line
    monkeypatch.setattr(Build, "load", classmethod(lambda cls, data: {}["crash"]))
    with pytest.raises(KeyError):
        _with("people/xu-dazhe.yml", "")
    from orbit.data.errors import Problem

    elsewhere = DataError([Problem("data/people/other.yml", 1, "", "x")])
    monkeypatch.setattr(Build, "load", classmethod(lambda cls, data: (_ for _ in ()).throw(elsewhere)))
    with pytest.raises(AssertionError):
        _with("people/xu-dazhe.yml", "")
