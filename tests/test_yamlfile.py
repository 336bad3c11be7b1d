"""Reading data files: line numbers for every field, and re-parsing only what changed."""

from __future__ import annotations

from pathlib import Path

from orbit.data.yamlfile import read_yaml


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


def test_aliases_share_the_value_and_each_path_gets_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("base: &b\n  x: 1\n  y: [a, 2]\nother: *b\nlist:\n  - *b\n", encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert problems == []
    assert source.data == {
        "base": {"x": 1, "y": ["a", 2]},
        "other": {"x": 1, "y": ["a", 2]},
        "list": [{"x": 1, "y": ["a", 2]}],
    }
    assert source.data["other"] is source.data["base"] is source.data["list"][0]  # one object, as PyYAML builds it
    assert source.lines == {
        (): 1,
        ("base",): 1,
        ("base", "x"): 2,
        ("base", "y"): 3,
        ("base", "y", 0): 3,
        ("base", "y", 1): 3,
        ("other",): 4,
        ("other", "x"): 2,
        ("other", "y"): 3,
        ("other", "y", 0): 3,
        ("other", "y", 1): 3,
        ("list",): 5,
        ("list", 0): 1,
        ("list", 0, "x"): 2,
        ("list", 0, "y"): 3,
        ("list", 0, "y", 0): 3,
        ("list", 0, "y", 1): 3,
    }


def test_a_recursive_alias_is_read_without_looping(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: &a\n  self: *a\n  n: 1\n", encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert problems == []
    assert source.data["a"]["self"] is source.data["a"] and source.data["a"]["n"] == 1
    assert source.lines == {(): 1, ("a",): 1, ("a", "self"): 2, ("a", "n"): 3}


def test_merge_keys_merge_and_keep_the_lines_as_written(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    text = "base: &b\n  x: 1\n  y: 2\nmid: &m\n  <<: *b\n  z: 3\nderived:\n  <<: *m\n  y: 9\nagain: *m\n"
    path.write_text(text, encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert problems == []
    assert source.data == {
        "base": {"x": 1, "y": 2},
        "mid": {"x": 1, "y": 2, "z": 3},
        "derived": {"x": 1, "y": 9, "z": 3},
        "again": {"x": 1, "y": 2, "z": 3},
    }
    assert source.lines[("derived", "<<")] == 8
    assert source.lines[("derived", "<<", "<<", "x")] == 2
    assert source.lines[("derived", "y")] == 9
    # merging `mid` into `derived` must not rewrite `mid` for its later alias
    assert source.lines[("again", "<<")] == 5 and source.lines[("again", "z")] == 6


def test_a_repeated_key_is_reported_at_its_second_line_and_the_last_value_wins(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: {x: 1}\nb: 2\na:\n  y: 3\n", encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert [(p.line, p.path, p.message) for p in problems] == [(3, "a", "appears twice; keep one")]
    assert source.data == {"a": {"y": 3}, "b": 2}
    assert source.lines == {(): 1, ("a",): 3, ("a", "x"): 1, ("b",): 2, ("a", "y"): 4}


def test_scalars_keep_pyyaml_types_and_non_text_keys(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("i: 1\nf: 1.5\nb: true\nn:\ns: '1'\n1: one\n", encoding="utf-8")
    source, problems = read_yaml(path, "data/x.yml")
    assert problems == []
    assert source.data == {"i": 1, "f": 1.5, "b": True, "n": None, "s": "1", 1: "one"}
    assert source.lines[("1",)] == 6
