"""`python -m orbit check`: the build's checks without a build, for editors and pre-commit."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from test_data_errors import six_mistakes

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}


def run_check(*args: str, cwd: Path = ROOT, command: list[str] | None = None) -> subprocess.CompletedProcess:
    command = command or [sys.executable, "-m", "orbit", "check"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd, env=ENV, timeout=120)


def test_sound_data_passes() -> None:
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("orbit check: data and markers are sound")


def test_data_problems_are_reported_as_the_build_reports_them(data_copy: Path) -> None:
    path = data_copy / "comments" / "china-us-space-cooperation.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{average: 5, votes: 1}", "{average: 6, votes: 1}", 1),
        encoding="utf-8",
    )
    result = run_check("--data", str(data_copy))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "1 problem in the site data:",
        "  - data/comments/china-us-space-cooperation.yml:9: comments.0.rating.average: must be between 0 and 5, got 6",
    ]


def test_six_mistakes_in_one_story_are_reported_by_one_check(data_copy: Path) -> None:
    expected = six_mistakes(data_copy)
    result = run_check("--data", str(data_copy))
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["6 problems in the site data:", *(f"  - {line}" for line in expected)]


def test_unknown_markers_in_docs_are_reported_with_page_and_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "new.md").write_text("# New\n\nSee [[wolf-amendmnt]].\n", encoding="utf-8")
    result = run_check("--docs", str(docs))
    assert result.returncode == 1
    assert (
        "  - docs/new.md:3: [[wolf-amendmnt]]: unknown entry id 'wolf-amendmnt'; did you mean 'wolf-amendment'?"
        in result.stderr
    )


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run_check(cwd=tmp_path)
    assert result.returncode == 2 and "no data folder at data" in result.stderr


def test_pre_commit_hooks_run_the_check() -> None:
    """Both hook definitions (for this repository and for others) run the same check."""
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    for hook in [*published, *local]:
        assert hook["id"] == "orbit-check" and hook["pass_filenames"] is False and hook["files"] == "^(data|docs)/"
    assert run_check(command=shlex.split(local[0]["entry"].replace("python", sys.executable, 1))).returncode == 0
    script = shutil.which(published[0]["entry"].split()[0])
    assert script, "pip install -e . installs the `orbit` console script"
    assert run_check(command=[script, *published[0]["entry"].split()[1:]]).returncode == 0
