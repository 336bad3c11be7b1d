"""Live reload: `mkdocs serve --livereload` rebuilds when an editor saves a data file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 90) -> bool:
    """Poll `url` until its body contains `text` (bounded: a failing test must end)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_editing_a_data_file_rebuilds_the_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    copy_project(project)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/articles/china-us-space-cooperation/"
        assert wait_for(url, "experts say"), "the site was not served"
        data = project / "data" / "articles" / "china-us-space-cooperation.yml"
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("space, experts say", "space, experts say (edited live)"), encoding="utf-8")
        assert wait_for(url, "experts say (edited live)"), "the page did not rebuild after the data edit"
    finally:
        server.terminate()
        server.wait(timeout=30)
