"""Reading data files: line numbers for every field, and re-parsing only what changed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from orbit.data import yamlfile
from orbit.data.yamlfile import MAX_DEPTH, read_yaml


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


def test_a_settled_file_is_not_read_again_until_it_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yml"
    path.write_text("title: one\n", encoding="utf-8")
    os.utime(path, ns=(time.time_ns() - 10**10,) * 2)  # written ten seconds ago
    first, _ = read_yaml(path, "data/x.yml")
    reads = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real(self))
    assert read_yaml(path, "data/x.yml")[0] is first and reads == []  # a rebuild of a thousand such files reads none
    path.write_text("title: two\n", encoding="utf-8")  # the same size, saved now
    assert read_yaml(path, "data/x.yml")[0].data == {"title": "two"} and reads == [path]


ALIASES = "anchors (&name) and aliases (*name) are not allowed in data files; write the value out in full"


@pytest.mark.parametrize(
    ("text", "line", "path"),
    [
        ("base: &b\n  x: 1\nother: *b\n", 1, "base"),
        ("a: 1\nlist:\n  - &x [1, 2]\n", 3, "list.0"),
        ("a: &a\n  self: *a\n", 1, "a"),
        ("a: [1]\nb: *a\n", 2, "b"),
    ],
)
def test_anchors_and_aliases_are_refused_by_line(tmp_path: Path, text: str, line: int, path: str) -> None:
    file = tmp_path / "x.yml"
    file.write_text(text, encoding="utf-8")
    source, problems = read_yaml(file, "data/x.yml")
    assert source is None
    assert [str(p) for p in problems] == [f"data/x.yml:{line}: {path}: {ALIASES}"]


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """The 'billion laughs' shape: nine levels of nine aliases each would be 387 million values."""
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        rows.append(f"{level}: &{level} [{', '.join(['*' + previous] * 9)}]")
    file = tmp_path / "bomb.yml"
    file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    source, problems = read_yaml(file, "data/bomb.yml")
    assert source is None and [str(p) for p in problems] == [f"data/bomb.yml:1: a: {ALIASES}"]


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: 1\nb:\n  <<: {x: 1}\n") == [
        "data/x.yml:3: b: merge keys (<<) are not allowed in data files; write the fields out"
    ]


@pytest.mark.parametrize("opener", ["[", "- ", "{a: "])
def test_deep_nesting_is_refused_without_a_crash(tmp_path: Path, opener: str) -> None:
    """100,000 levels crash libyaml's own composer (a segmentation fault): the reader stops at 32."""
    closer = {"[": "]", "- ": "", "{a: ": "}"}[opener]
    file = tmp_path / "deep.yml"
    file.write_text("top: " * (opener != "- ") + opener * 100_000 + "x" + closer * 100_000 + "\n", encoding="utf-8")
    source, problems = read_yaml(file, "data/deep.yml")
    assert source is None and len(problems) == 1
    assert str(problems[0]).startswith("data/deep.yml:1: ")
    assert str(problems[0]).endswith(f": nests more than {MAX_DEPTH} levels deep; flatten the data")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name: a\x00b\n",
            "data/x.yml:1: column 8: control character U+0000 (NUL) is not allowed in a data file; delete it",
        ),
        (
            "a: 1\nname: 'bell\x07'\n",
            "data/x.yml:2: column 12: control character U+0007 (BEL) is not allowed in a data file; delete it",
        ),
        (
            "a: \x85ok\nb: \x9b\n",
            "data/x.yml:2: column 4: control character U+009B is not allowed in a data file; delete it",
        ),
    ],
)
def test_control_characters_are_named_by_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    file = tmp_path / "x.yml"
    file.write_text(text, encoding="utf-8")
    source, problems = read_yaml(file, "data/x.yml")
    assert source is None and [str(p) for p in problems] == [expected]


def _problems(tmp_path: Path, text: str) -> list[str]:
    file = tmp_path / "x.yml"
    file.write_text(text, encoding="utf-8")
    return [str(p) for p in read_yaml(file, "data/x.yml")[1]]


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: 1\n---\nb: 2\n") == [
        "data/x.yml:2: a second YAML document (---) starts here; keep one per file"
    ]


def test_unknown_tags_are_refused(tmp_path: Path) -> None:
    assert _problems(tmp_path, "a: !!python/object:os.system x\nb: !!set {x}\n") == [
        "data/x.yml:1: a: the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; remove it"
    ]


def test_a_file_too_big_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    file = tmp_path / "x.yml"
    file.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the limit"))
    _, problems = read_yaml(file, "data/x.yml")
    assert [str(p) for p in problems] == ["data/x.yml: is 0.0 MB; a data file may be at most 0 MB: split it"]


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


def test_a_syntax_error_in_a_big_file_is_named_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the size where the slow parser words errors, libyaml's own wording is used."""
    monkeypatch.setattr(yamlfile, "_REWORD_BYTES", 10)
    problems = _problems(tmp_path, "a: 1\nb: [\n")
    assert len(problems) == 1 and problems[0].startswith("data/x.yml:3: YAML syntax error: ")
