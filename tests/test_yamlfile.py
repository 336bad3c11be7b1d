"""Reading data files: line numbers for every field, and re-parsing only what changed."""

from __future__ import annotations

from pathlib import Path

from orbit.yamlfile import read_yaml


def test_every_field_path_knows_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("# note\ncomments:\n  - id: c1\n    rating: {average: 5, votes: 1}\n", encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert problems == []
    assert source.line_of(("comments", 0, "rating", "votes")) == 4
    assert source.line_of(("comments", 0, "missing")) == 3  # a missing key points at its parent


def test_dates_stay_text_for_the_models_to_check(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("date: 2014-02-30\n", encoding="utf-8")
    source, _ = read_yaml(path, "data/x.yml")
    assert source.data == {"date": "2014-02-30"}


def test_unchanged_files_are_not_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("title: one\n", encoding="utf-8")
    first, _ = read_yaml(path, "data/x.yml")
    assert read_yaml(path, "data/x.yml")[0] is first
    path.write_text("title: two\n", encoding="utf-8")
    second, _ = read_yaml(path, "data/x.yml")
    assert second is not first and second.data == {"title": "two"}
