"""The generator's shape: stages that import only downwards, no cycles, and MkDocs behind one file."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "orbit"
# Bottom to top; modules directly in the package (its docstring, the logger) are stage 0.
STAGES = ["data", "pages", "charts", "link", "render", "site"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports: at the top, in functions and under TYPE_CHECKING alike."""
    name, found = module_name(path), set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # `from . import csp` names a module
    return {module for module in found if module.split(".")[0] == "orbit"}


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = ".".join(parts[: len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (names that are not modules are dropped)."""
    files = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    return {module: imports_of(path) & files.keys() - {module} for module, path in files.items()}


DRIVERS = {"orbit.__main__"}  # command-line entry points: above every stage, like the hook file
ENGINE_DRIVERS = "orbit.drivers"  # each engine's driver (hooks/orbit/drivers/): above every stage too


def stage(module: str) -> int:
    parts = module.split(".")
    if module in DRIVERS or parts[:2] == ENGINE_DRIVERS.split("."):
        return len(STAGES) + 1
    return STAGES.index(parts[1]) + 1 if len(parts) > 1 and parts[1] in STAGES else 0


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    """Imports that point at a later stage than the importer's."""
    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets if stage(b) > stage(a))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles, each as the path that closes it (depth-first, iterative)."""
    found, done = [], set()
    for start in sorted(graph):
        stack, path, on_path = [(start, iter(sorted(graph[start])))], [start], {start}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop(), path.pop(), on_path.discard(node), done.add(node)
            elif child in on_path:
                found.append([*path[path.index(child) :], child])
            elif child not in done:
                stack.append((child, iter(sorted(graph[child])))), path.append(child), on_path.add(child)
    return found


def test_every_module_belongs_to_a_stage_package() -> None:
    loose = [module for module in import_graph() if stage(module) == 0 and module not in ("orbit", "orbit.log")]
    loose += [module for module in DRIVERS if module not in import_graph()]
    assert loose == []


def test_no_import_points_up_a_stage() -> None:
    assert upward_imports(import_graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_checks_catch_what_they_look_for() -> None:
    graph = {
        "orbit.data.a": {"orbit.render.b"},
        "orbit.render.b": {"orbit.render.c"},
        "orbit.render.c": {"orbit.render.b"},
    }
    assert upward_imports(graph) == ["orbit.data.a -> orbit.render.b"]
    assert cycles(graph) == [["orbit.render.b", "orbit.render.c", "orbit.render.b"]]


def test_relative_imports_resolve_to_their_modules() -> None:
    assert imports_of(PACKAGE / "site" / "build.py") >= {"orbit.site.csp", "orbit.data.loading", "orbit.site.context"}


def engine_importers(engine: str) -> set[str]:
    """The files of hooks/ that import `engine`, at the top or in a function."""
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "hooks").glob("*.py")]
    importers = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name.split(".")[0] == engine for name in names):
                importers.add(path.relative_to(ROOT).as_posix())
    return importers


def test_only_the_hook_file_and_its_adapter_import_mkdocs() -> None:
    assert engine_importers("mkdocs") == {"hooks/orbit_hooks.py", "hooks/orbit_mkdocs.py"}


def test_only_the_zensical_driver_imports_zensical() -> None:
    assert engine_importers("zensical") == {"hooks/orbit/drivers/zensical.py"}


def test_the_hook_file_only_wires_events() -> None:
    """Every function is an MkDocs event (or `_release`) with a one-line docstring and at most 10 lines of code."""
    from mkdocs.plugins import EVENTS

    source = (ROOT / "hooks" / "orbit_hooks.py").read_text(encoding="utf-8")
    functions = [node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]
    assert len(source.splitlines()) <= 150
    assert {f.name for f in functions} - {f"on_{event}" for event in EVENTS} == {"_release"}  # the one helper
    assert [f.name for f in functions if "\n" in (ast.get_docstring(f) or "\n")] == []
    body = {f.name: f.end_lineno - f.body[1].lineno + 1 for f in functions}  # the lines after the docstring
    assert {name: lines for name, lines in body.items() if lines > 10} == {}


@pytest.mark.parametrize("stage_name", STAGES)
def test_each_stage_is_a_documented_package(stage_name: str) -> None:
    init = PACKAGE / stage_name / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))).startswith(
        f"Stage {STAGES.index(stage_name) + 1}:"
    )


def test_each_chart_is_built_once_per_build(monkeypatch: pytest.MonkeyPatch) -> None:
    from orbit.charts import build as chart_build
    from orbit.site import context
    from orbit.site.build import Build

    built, drawn = [], []
    chart_data, figure_json = chart_build.chart_data, context.figure_json
    monkeypatch.setattr(chart_build, "chart_data", lambda site, key: built.append(key) or chart_data(site, key))
    monkeypatch.setattr(context, "figure_json", lambda data: drawn.append(data.key) or figure_json(data))
    build = Build.load(ROOT / "data")
    build.close()
    keys = list(build.ctx.charts)
    assert len(keys) > len(build.ctx.site.charts)  # the agencies' own charts count too
    assert built == keys and drawn == keys


def test_a_driver_without_mkdocs_can_build_every_page() -> None:
    """The generator runs from plain Python: what another static-site driver would call."""
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['mkdocs'] = None\n"  # any import of mkdocs now fails
        "from orbit.site.build import Build\n"
        f"build = Build.load({str(ROOT / 'data')!r}); build.close()\n"
        "files = build.downloads()\n"
        "print(len(build.pages), sum(f.endswith('.csv') for f in files), sum(f.endswith('/preview.json') for f in files))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT / "hooks", timeout=120
    )
    assert result.returncode == 0, result.stderr
    pages, tables, previews = map(int, result.stdout.split())
    assert pages > 80 and tables > 0 and previews > 50
