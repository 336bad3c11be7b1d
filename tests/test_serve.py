"""`mkdocs serve` as the README runs it: live reload under the strict policy, build errors in the
browser, and partial rebuilds that leave every page as a clean build would write it."""

from __future__ import annotations

import difflib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT, copy_project, run_build

STORY = "articles/china-us-space-cooperation/"
LIVERELOAD = re.compile(
    r'<script src="/assets/javascripts/livereload\.js" data-epoch="\d+" data-request="\d+"></script>'
)


def serve_command() -> list[str]:
    """The README's serve command (after `&&` on its `pip install` line)."""
    line = next(
        row
        for row in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if row.startswith("pip install") and "mkdocs serve" in row
    )
    return line.split("&&", 1)[1].split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(url: str, text: str, seconds: float = 90) -> str:
    """Poll `url` until its body holds `text`; return the body (bounded: a failing test ends)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = fetch(url)[1]
        if text in body:
            return body
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Served:
    """A copy of the project under the README's serve command."""

    def __init__(self, project: Path, base: str):
        self.project, self.base = project, base

    def data(self, name: str) -> Path:
        return self.project / "data" / name


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", *serve_command(), "-a", f"127.0.0.1:{port}"]
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for(base + STORY, "experts say")
        yield Served(project, base)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_the_readme_serves_with_live_reload_and_partial_rebuilds() -> None:
    assert serve_command()[:2] == ["mkdocs", "serve"] and {"--livereload", "--dirty"} <= set(serve_command())


def test_served_pages_keep_the_policy_of_a_build_and_load_live_reload_as_a_file(served: Served) -> None:
    body = wait_for(served.base + STORY, "experts say")
    assert len(LIVERELOAD.findall(body)) == 1
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', body).group(1)
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    inline = [
        code
        for attrs, code in re.findall(r"<script([^>]*)>(.*?)</script>", body, re.S)
        if "src=" not in attrs and code.strip()
    ]
    assert all("livereload" not in code for code in inline)
    script = fetch(served.base + "assets/javascripts/livereload.js")
    assert script[0] == 200 and "/livereload/" in script[1]


@pytest.mark.browser
def test_an_open_tab_reloads_itself_after_each_kind_of_edit(served: Served, page) -> None:
    page.goto(served.base + STORY)
    page.wait_for_function("() => document.readyState === 'complete'")
    edit(served.data("articles/china-us-space-cooperation.yml"), "experts say", "experts say (edited live)")
    page.wait_for_function("() => document.body.innerText.includes('experts say (edited live)')", timeout=60_000)
    # A glossary definition: the preview of the story's link to the term shows it once the tab has
    # reloaded (the text travels in the term's preview.json, which orbit.js fetches on hover).
    page.evaluate("window.__beforeEdit = true")
    edit(served.data("glossary.yml"), "A modular research outpost", "A modular (edited live) research outpost")
    page.wait_for_function("() => !window.__beforeEdit && document.readyState === 'complete'", timeout=60_000)
    page.locator("article a.orbit-term[href*='glossary/international-space-station/']").first.hover()
    expect(page.locator("#orbit-preview")).to_contain_text("(edited live)")
    # An editor's page.
    page.goto(served.base + "editors/")
    edit(served.project / "docs" / "editors.md", "# For editors", "# For editors (edited live)")
    page.wait_for_function("() => document.querySelector('h1').innerText.includes('(edited live)')", timeout=60_000)
    assert not [error for error in page.log.console_errors if "Content Security Policy" in error]


@pytest.mark.browser
def test_a_broken_data_file_shows_its_problems_in_the_tab_until_it_is_fixed(served: Served, page) -> None:
    page.goto(served.base + STORY)
    page.wait_for_function("() => document.readyState === 'complete'")
    path = served.data("comments/china-us-space-cooperation.yml")
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("{average: 5, votes: 1}", "{average: 6, votes: 1}", 1), encoding="utf-8")
    page.wait_for_function("() => document.title === 'Build error'", timeout=60_000)
    problem = (
        "data/comments/china-us-space-cooperation.yml:9: comments.0.rating.average: must be between 0 and 5, got 6"
    )
    assert problem in page.inner_text("main")
    status, body = fetch(served.base + "people/")  # every page answers at once, with the problems
    assert status == 500 and problem in body.replace("&#x27;", "'")
    path.write_text(good, encoding="utf-8")
    page.wait_for_function("() => document.body.innerText.includes('experts say')", timeout=60_000)
    assert page.title() != "Build error"


def test_after_edits_every_served_page_equals_a_clean_build(served: Served, tmp_path: Path) -> None:
    """Partial rebuilds against `mkdocs build` of the same data: every page and download.

    Only the live-reload tag differs: serve adds it to every page as it answers.
    """
    edits = [  # (data file, old text, new text, page that shows it, text it shows)
        (
            "comments/china-us-space-cooperation.yml",
            "body: Didnt",
            "body: Didnt orbitone the Wolf Amendment and JAXA,",
            STORY,
            "orbitone",
        ),
        ("articles/china-us-space-cooperation.yml", "experts say", "experts say orbittwo", STORY, "orbittwo"),
        (
            "glossary.yml",
            "A modular research",
            "A modular orbitthree research",
            "glossary/international-space-station/",
            "orbitthree",
        ),
        ("agencies/nasa.yml", "amount: 16.865", "amount: 16.8651", "agencies/nasa/", "16.8651"),
        # A term an editor's note marks with `[[wolf-amendment|...]]`: the story's note shows its new
        # preview, published beside the term.
        (
            "glossary.yml",
            "A provision in US spending law",
            "A provision orbitfour in US spending law",
            "glossary/wolf-amendment/preview.json",
            "orbitfour",
        ),
    ]
    for name, old, new, page, shown in edits:
        edit(served.data(name), old, new)
        wait_for(served.base + page, shown)
    time.sleep(1.5)  # let a rebuild that a slow file watcher started late end
    clean = tmp_path / "clean"
    result = run_build_with(served.project, clean, {"SITE_URL": served.base})
    assert result.returncode == 0, result.stderr
    different = []
    for path in sorted(clean.rglob("*.html")):
        rel = path.relative_to(clean).as_posix()
        status, body = fetch(served.base + rel.removesuffix("index.html"))
        body = LIVERELOAD.sub("", body)
        if body != path.read_text(encoding="utf-8"):
            different.append(
                rel
                + "\n"
                + "".join(list(difflib.unified_diff(path.read_text().splitlines(True), body.splitlines(True), n=0))[:8])
            )
    assert different == []
    # Downloads too (chart tables, figures, preview texts, feeds, the search index): a rebuild
    # rewrites only those that changed.
    texts = [path for path in clean.rglob("*") if path.suffix in {".csv", ".json", ".xml", ".txt"}]
    assert any(path.name.endswith(".csv") for path in texts)
    stale = [
        p.relative_to(clean).as_posix()
        for p in texts
        if fetch(served.base + p.relative_to(clean).as_posix())[1] != p.read_text(encoding="utf-8")
    ]
    assert stale == []


def run_build_with(project: Path, site: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    full = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        capture_output=True,
        text=True,
        env=full,
        cwd=project,
        timeout=600,
    )


def test_build_still_fails_and_publishes_nothing_on_broken_data(data_copy: Path, tmp_path: Path) -> None:
    edit(data_copy / "comments" / "china-us-space-cooperation.yml", "{average: 5, votes: 1}", "{average: 6, votes: 1}")
    result = run_build(ROOT, tmp_path / "site", data_copy)
    assert result.returncode != 0 and "must be between 0 and 5, got 6" in result.stderr
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))
