"""Time what an editor waits for: from saving a file to the served page showing the change.

    python scripts/bench_serve.py [--stories N] [--rounds 3] [--keep DIR] [--anchor]

Copies the project (with `make_corpus.py N` data when N > 0, else the real data), starts the
README's serve command in it, and prints the cold build (start to first page) and, for each kind
of edit, the latency of each round (save to the served HTML holding the new text) with its
median, and the server's peak memory. With `--anchor`, then the same for MkDocs alone: the
plain-Markdown twin of the same pages (`bench_build.py`'s, no hooks) served the same way, its
story page and an editors' page edited. Numbers are printed, not judged: no timing is asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_build import export_plain

ROOT = Path(__file__).resolve().parents[1]
STORY = "china-us-space-cooperation"


def serve_command() -> list[str]:
    """The README's serve command (the part after `&&` on its serve line), as a list."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if "mkdocs serve" in line and line.startswith("pip install"))
    return line.split("&&", 1)[1].split()


def copy_project(target: Path, stories: int) -> Path:
    def ignore(folder: str, names: list[str]) -> set[str]:
        top = {".git", "site", "tests"} if Path(folder) == ROOT else set()
        return top | {name for name in names if name == "__pycache__" or name.endswith("cache")}

    shutil.copytree(ROOT, target, ignore=ignore)
    if stories:
        shutil.rmtree(target / "data")
        make = [sys.executable, str(ROOT / "scripts" / "make_corpus.py"), str(stories), str(target / "data")]
        subprocess.run(make, check=True, stdout=subprocess.DEVNULL)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 600) -> float:
    """Seconds until `url` holds `text` (the server holds requests while it rebuilds)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in fetch(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise TimeoutError(f"{url} never showed {text!r}")


def replace_in(path: Path, pattern: str, new: Callable[[re.Match], str]) -> None:
    """Rewrite the first match of `pattern` in `path` (one save, as an editor's)."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1, flags=re.M)
    assert changed != text, f"{pattern!r} not found in {path}"
    path.write_text(changed, encoding="utf-8")


@dataclass
class Edit:
    """One kind of save: which file and how, and the page (and text) that shows it."""

    name: str
    apply: Callable[[Path, str], str]  # (project, unique word) -> the text that shows the change
    page: str


def _comment(project: Path, word: str) -> str:
    replace_in(project / "data" / "comments" / f"{STORY}.yml", r"^(    body: Didnt)", lambda m: f"{m.group(1)} {word}")
    return word


def _body(project: Path, word: str) -> str:
    replace_in(project / "data" / "articles" / f"{STORY}.yml", r"(experts say)", lambda m: f"{m.group(1)} {word}")
    return word


def _definition(project: Path, word: str) -> str:
    replace_in(project / "data" / "glossary.yml", r"(A modular)", lambda m: f"{m.group(1)} {word}")
    return word


def _budget(project: Path, word: str) -> str:
    amount = f"16.{len(word) * 7 + int(word[-1]) + 100}1"  # a new figure each round, as the page shows it
    replace_in(
        project / "data" / "agencies" / "nasa.yml", r"^(    amount: )16\.\d+$", lambda m: f"{m.group(1)}{amount}"
    )
    return amount


def _docs(project: Path, word: str) -> str:
    replace_in(
        project / "docs" / "editors.md", r"^(Every generated page has an edit button)", lambda m: f"{m.group(1)} {word}"
    )
    return word


def _chart(project: Path, word: str) -> str:
    replace_in(
        project / "data" / "charts" / "government-space-budgets-2013.yml",
        r"(Institutional space budgets)",
        lambda m: f"{m.group(1)} {word}",
    )
    return word


EDITS = [
    Edit("comment", _comment, f"articles/{STORY}/"),
    Edit("story body", _body, f"articles/{STORY}/"),
    Edit("glossary definition", _definition, "glossary/international-space-station/"),
    Edit("agency budget", _budget, "agencies/nasa/"),
    Edit("docs page", _docs, "editors/"),
    Edit("chart caption", _chart, "charts/government-space-budgets-2013/"),
]


def _plain_story(project: Path, word: str) -> str:
    replace_in(project / "docs" / "articles" / f"{STORY}.md", r"(experts say)", lambda m: f"{m.group(1)} {word}")
    return word


# The plain twin has no data: its story is a Markdown page, edited as the story body is above.
PLAIN_EDITS = [Edit("story page", _plain_story, f"articles/{STORY}/"), Edit("docs page", _docs, "editors/")]


def peak_memory_mb(pid: int) -> float:
    """The server's own peak resident memory (VmHWM)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=0, help="corpus size (0: the real data)")
    parser.add_argument("--rounds", type=int, default=3, help="saves per kind of edit")
    parser.add_argument("--keep", type=Path, help="project copy to keep (default: a temporary one)")
    parser.add_argument("--anchor", action="store_true", help="then MkDocs alone on the same pages")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-serve-"))
    try:
        project = copy_project(work / "project", args.stories)
        label = f"{args.stories or 'real'} stories"
        run(project, [], EDITS, args.rounds, label)
        if args.anchor:
            config = export_plain(ROOT, project / "data", work / "plain")
            run(config.parent, ["-f", str(config)], PLAIN_EDITS, args.rounds, f"{label}, MkDocs alone")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(project: Path, options: list[str], edits: list[Edit], rounds: int, label: str) -> None:
    """Serve `project` with the README's command, print its cold start, each edit's rounds and its peak memory."""
    port = free_port()
    command = [sys.executable, "-m", *serve_command(), *options, "-a", f"127.0.0.1:{port}"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.monotonic()
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + f"articles/{STORY}/", "experts say")
        print(f"{' '.join(command[2:-2])}, {label}: cold build {time.monotonic() - start:.1f} s")
        for edit in edits:
            times = []
            for round_ in range(rounds):
                word = f"orbitedit{edit.name.replace(' ', '')}{round_}"
                shown = edit.apply(project, word)
                times.append(wait_for(base + edit.page, shown))
            listed = ", ".join(f"{t:.2f}" for t in times)
            print(f"  {edit.name:20} median {statistics.median(times):6.2f} s   ({listed})", flush=True)
        print(f"  peak memory {peak_memory_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
