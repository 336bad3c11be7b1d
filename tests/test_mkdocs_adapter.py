"""The MkDocs adapter: the private MkDocs names it relies on are all listed and all still there, and a
build it stops lets go of its data."""

from __future__ import annotations

import ast
import gc
import importlib
import inspect
import time
from pathlib import Path

import mkdocs.commands.build
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer

from conftest import ROOT
from orbit.site.session import Session

ADAPTER = ROOT / "hooks" / "orbit_mkdocs.py"


def constant(name: str) -> object:
    """A constant of the adapter, read from its source: importing it fails if a name is gone."""
    tree = ast.parse(ADAPTER.read_text(encoding="utf-8"))
    return next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == name)


PRIVATE_NAMES, DIRTY_WARNING = constant("PRIVATE_NAMES"), constant("DIRTY_WARNING")

# How the adapter calls the private functions it uses: their parameters, in order.
CALLED_WITH = {
    "mkdocs.commands.build._populate_page": ["page", "config", "files", "dirty"],
    "mkdocs.livereload.LiveReloadServer._inject_js_into_html": ["content", "epoch"],
}


def resolve(name: str, tmp_path: Path) -> object:
    """What MkDocs has under the dotted `name`; a server's attributes are looked up on a server (its
    `__init__` sets some)."""
    owner, _, attribute = name.rpartition(".")
    if owner == "mkdocs.livereload.LiveReloadServer":
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        server.server_close()  # never bound: nothing listens
        return getattr(server, attribute)
    return getattr(importlib.import_module(owner), attribute)


@pytest.mark.parametrize("name", sorted(PRIVATE_NAMES))
def test_each_private_name_is_in_the_installed_mkdocs(name: str, tmp_path: Path) -> None:
    try:
        found = resolve(name, tmp_path)
    except AttributeError:
        pytest.fail(f"MkDocs no longer has {name}: {PRIVATE_NAMES[name]} (see PRIVATE_NAMES in hooks/orbit_mkdocs.py)")
    if name in CALLED_WITH:
        parameters = [p for p in inspect.signature(found).parameters if p != "self"]
        assert parameters == CALLED_WITH[name], f"MkDocs changed how {name} is called: {PRIVATE_NAMES[name]}"


def test_the_dirty_warning_is_still_mkdocs_own() -> None:
    assert DIRTY_WARNING in inspect.getsource(mkdocs.commands.build), (
        "MkDocs reworded its warning on `--dirty` builds: update DIRTY_WARNING in hooks/orbit_mkdocs.py"
    )


def private_names_used(path: Path) -> set[str]:
    """Names starting with one underscore that `path` takes from another object or module."""
    used = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            used.add(node.attr)
        elif isinstance(node, ast.ImportFrom):
            used |= {alias.name for alias in node.names}
    return {name for name in used if name.startswith("_") and not name.startswith("__")}


def test_every_private_name_used_is_listed() -> None:
    listed = {name.rpartition(".")[2] for name in PRIVATE_NAMES}
    assert private_names_used(ADAPTER) == listed
    assert private_names_used(ROOT / "hooks" / "orbit_hooks.py") == set()


def test_the_check_finds_a_private_name(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text("from mkdocs.commands.build import _build_page\nserver._epoch_cond.wait()\nx.__dict__\n")
    assert private_names_used(module) == {"_build_page", "_epoch_cond"}
    with pytest.raises(AttributeError):
        resolve("mkdocs.livereload.LiveReloadServer._no_such_name", tmp_path)


PROBLEM = "1 unknown id in page markers:\n  - docs/index.md:3: [[no-such-term]]: unknown entry id 'no-such-term'"


@pytest.fixture
def bad_marker_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The site's configuration, with an editor's page that names an unknown id."""
    monkeypatch.setenv("ORBIT_CARDS", "off")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [[no-such-term]].\n", encoding="utf-8")
    return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs))


def test_under_serve_a_marker_problem_shows_and_the_build_is_let_go(bad_marker_config) -> None:
    from orbit_mkdocs import check_markers, load  # here: the tests above run even if it no longer imports

    session = Session(dirty=True)
    build = load(bad_marker_config, session)
    assert gc.get_freeze_count() > 0  # loading froze the data
    assert check_markers(build, bad_marker_config, session) is None
    assert session.error == PROBLEM
    assert gc.get_freeze_count() == 0  # let go: the next build starts afresh


def test_a_build_stops_on_a_marker_problem(bad_marker_config) -> None:
    from orbit_mkdocs import check_markers, load, release

    build = load(bad_marker_config, None)
    with pytest.raises(PluginError) as stopped:
        check_markers(build, bad_marker_config, None)
    assert str(stopped.value) == PROBLEM
    release(build)  # what `on_build_error` does


def test_under_serve_a_save_is_noticed_at_once_and_a_read_is_not(tmp_path: Path) -> None:
    from orbit_mkdocs import serve_site

    data = tmp_path / "data"
    data.mkdir()
    (data / "story.yml").write_text("title: A\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    server.watch(str(data))
    serve_site(server, Session(dirty=True))
    server.observer.start()
    try:
        time.sleep(0.2)
        (data / "story.yml").read_text(encoding="utf-8")  # every build reads every data file
        time.sleep(0.3)
        assert not server._want_rebuild
        (data / "story.yml").write_text("title: B\n", encoding="utf-8")
        start = time.monotonic()  # the only watcher is the one serve_site set up: the server's own never started
        while not server._want_rebuild and time.monotonic() - start < 5:
            time.sleep(0.01)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.server_close()
