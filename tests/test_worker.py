"""The worker that links long threads on a second core: same pages as linking them in place."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT, script_module
from orbit.link.worker import MIN_THREADS, ThreadLinker

# Run in a fresh interpreter: the worker forks, which is only safe in a process without threads
# (the test session has server threads), and the worker refuses to start in one.
SCRIPT = """
import json, sys, time
from pathlib import Path
import markdown
sys.path.insert(0, sys.argv[1])
from orbit.link import worker
from orbit.site.build import Build

def pages(build):
    out = {}
    for doc, page in build.pages.items():
        if page.apart:
            html = build.finish_content(markdown.markdown(page.markdown), doc, doc[:-3] + "/", page.doc)
            out[doc] = [html, build.aside[doc], sorted(map(repr, build.found.items()))]
    return out

worker.MIN_THREADS = 1
parallel = Build.load(Path(sys.argv[2]))
started = parallel.worker is not None
with_worker = pages(parallel)
parallel.close()

def stuck(docs):  # a worker that never answers (killed, or out of memory)
    time.sleep(600)

worker._link_all, worker._PATIENCE = stuck, 1
hung = Build.load(Path(sys.argv[2]))
stuck_started = hung.worker is not None
with_stuck_worker = pages(hung)
hung.close()
worker.MIN_THREADS = 10**9
alone = Build.load(Path(sys.argv[2]))
without = pages(alone)
print(json.dumps({"started": started, "stuck_started": stuck_started, "alone_started": alone.worker is not None, "count": len(with_worker),
                  "same": with_worker == without, "same_when_stuck": with_stuck_worker == without}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return script_module("make_corpus").make_corpus(12, tmp_path_factory.mktemp("worker") / "data")


def test_worker_links_threads_exactly_as_the_page_would(corpus):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT / "hooks"), str(corpus)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["started"] and not report["alone_started"]
    assert report["count"] >= 5 and report["same"]
    # A worker that stops answering is given up on: pages link their threads themselves.
    assert report["stuck_started"] and report["same_when_stuck"]


def test_worker_stays_off_for_few_threads_or_beside_other_threads():
    assert ThreadLinker.start(None, {f"t{i}.md": ("", "") for i in range(MIN_THREADS - 1)}) is None
    # `mkdocs serve` runs a server thread: forking beside it is unsafe, so no worker there.
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert ThreadLinker.start(None, {f"t{i}.md": ("", "") for i in range(MIN_THREADS)}) is None
    finally:
        stop.set()
        server.join()
