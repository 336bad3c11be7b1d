"""Shared fixtures: real builds through the MkDocs CLI, a local web server, and Chromium."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
CHROMIUM = os.environ.get("ORBIT_CHROMIUM", "/usr/bin/chromium")
CARD_CACHE = ROOT / ".cache" / "cards"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def run_build(
    project: Path, site_dir: Path, data_dir: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as an editor runs it; optionally with another data folder.

    Copies of the project share the project's social-card cache (cards are cached by content),
    unless `env` names another ORBIT_CARD_CACHE.
    """
    env = {"ORBIT_CARD_CACHE": str(CARD_CACHE), **os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if data_dir is not None:
        env["ORBIT_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=project,
        timeout=600,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The real site, built once per test session with `--strict`."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="session")
def build_log(site_dir) -> str:
    """Output of a second real build, for assertions on warnings."""
    result = run_build(ROOT, site_dir.parent / "again")
    return result.stdout + result.stderr


def copy_project(target: Path) -> Path:
    """A copy of the project to build or serve: no git, tests, caches or built site (only the top `site/`)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {".git", "site", "tests"} if Path(folder) == ROOT else set()
        return top | {name for name in names if name == "__pycache__" or name.endswith("cache")}

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of `data/` for bad-data cases."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


class _PlainDumper(yaml.SafeDumper):
    """Data files never hold anchors and aliases (the loader refuses them), even for shared values."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump_yaml(data) -> str:
    """YAML for a data file, written out in full: shared lists and mappings are repeated, not aliased."""
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


def script_module(name: str):
    """A module of scripts/ (not a package), such as make_corpus."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def soup(site_dir: Path, page: str) -> BeautifulSoup:
    """Parse a built page by its site path, e.g. `articles/x/` or `glossary/`."""
    path = site_dir / page / "index.html" if not page.endswith(".html") else site_dir / page
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


class _Server(ThreadingHTTPServer):
    # Chromium opens many connections at once; the default backlog of 5 made it see resets.
    request_queue_size = 128
    daemon_threads = True


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on a free loopback port; yields its base URL."""
    httpd = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site_dir) -> Iterator[str]:
    """The real site, served for the whole session."""
    with serve(site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def sitemap_here(page, server: str) -> None:
    """Point the sitemap at the test server: Material only navigates instantly to URLs listed there."""

    def fulfil(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=re.sub(r"<loc>https?://[^/<]+/", f"<loc>{server}", response.text()))

    page.route("**/sitemap.xml", fulfil)


def link_in_content(page, path: str):
    """A link to `path` in the content of the open page (where editors would put one; Material
    navigates instantly from it), and a marker that a full page load would erase."""
    page.evaluate(
        """path => {
      window.__sameDocument = true;
      const link = Object.assign(document.createElement("a"), {href: path, id: "go", textContent: "go"});
      document.querySelector(".md-content").prepend(link);
    }""",
        path,
    )
    return page.locator("#go")


@dataclass
class PageLog:
    """What a page did while a test used it."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        local = {"127.0.0.1", "localhost", "[::1]"}
        return [
            url
            for url in self.requests
            if urlparse(url).scheme in ("http", "https") and urlparse(url).hostname not in local
        ]


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors, script errors, requests and dialogs."""
    context = browser.new_context()
    tab = context.new_page()
    log = PageLog()
    tab.on("console", lambda msg: log.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: log.page_errors.append(str(exc)))
    tab.on("request", lambda req: log.requests.append(req.url))
    tab.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))
    tab.log = log
    yield tab
    context.close()


def budgeted_size(path: Path) -> int:
    """A built page's bytes against the 80 kB page budget: less its story's claim notes and "What
    happened next" lists, which are the story's own content, like its body (PERFORMANCE.md)."""
    html = path.read_text(encoding="utf-8")
    if 'class="orbit-notes"' not in html and 'class="orbit-next"' not in html:
        return len(html.encode())
    page = BeautifulSoup(html, "html.parser")
    written = sum(len(str(block).encode()) for block in page.select("ol.orbit-notes, ol.orbit-next"))
    return len(html.encode()) - written


@dataclass
class Case:
    """A broken data set and the exact problem line it must produce."""

    name: str
    breaks: Callable[[Path], str]  # mutates the data copy, returns the expected message


def data_problems(data: Path) -> list[str]:
    """The problems loading `data` reports, as an editor reads them (it must fail)."""
    from orbit.data.errors import DataError  # here: hooks/ goes on the path above, after the imports
    from orbit.data.loading import load_site

    with pytest.raises(DataError) as caught:
        load_site(data)
    return [str(problem) for problem in caught.value.problems]
