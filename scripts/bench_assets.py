"""What a first visit downloads, per kind of page: bytes of HTML, CSS and JavaScript, raw and gzip.

Builds the site (or takes a built one with --site), serves it on a loopback port and opens one
page of each kind in a fresh Chromium context (empty cache), waiting until every chart on it
shows its light preview. Plotly is requested only when a reader points at a chart, so a first
visit that only reads never downloads it: the "plotly" column says whether any request asked.
Gzip sizes are what a server compressing at level 6 would send. Figures are printed, not judged.

    python scripts/bench_assets.py [--site DIR]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ORBIT_CHROMIUM", "/usr/bin/chromium")
KINDS = {
    "home": "",
    "article": "articles/china-us-space-cooperation/",
    "glossary": "glossary/",
    "agency index": "agencies/",
    "agency, with chart": "agencies/nasa/",
    "agency, no chart": "agencies/aeb/",
    "person": "people/charles-bolden/",
    "timeline": "timeline/",
    "chart gallery": "charts/",
    "chart page": "charts/government-space-budgets-2013/",
    "editors' page": "editors/",
}
TYPES = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}


@dataclass
class Visit:
    """Bytes downloaded by one first visit, by kind of asset: [raw, gzip]."""

    sizes: dict[str, list[int]] = field(default_factory=lambda: {kind: [0, 0] for kind in [*TYPES.values(), "other"]})
    plotly: bool = False

    def add(self, resource_type: str, url: str, body: bytes) -> None:
        kind = TYPES.get(resource_type, "other")
        self.sizes[kind][0] += len(body)
        self.sizes[kind][1] += len(gzip.compress(body, compresslevel=6))
        self.plotly = self.plotly or "plotly" in url


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def build(site: Path) -> None:
    """A strict build into `site`, as CI does it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def visit(browser, url: str) -> Visit:
    """Open `url` with an empty cache and add up every response until the charts are drawn."""
    result, responses = Visit(), []
    context = browser.new_context()
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-orbit-figure]')]"
        ".every(el => el.dataset.orbitPreview || el.dataset.orbitRendered)"
    )
    page.wait_for_load_state("networkidle")
    for response in responses:
        if response.ok:
            result.add(response.request.resource_type, response.url, response.body())
    context.close()
    return result


def report(visits: dict[str, Visit]) -> None:
    kinds = [*TYPES.values(), "other"]
    header = (
        f"{'page kind':<20}" + "".join(f"{k + ' raw':>12}{k + ' gz':>11}" for k in kinds) + f"{'total gz':>11}  plotly"
    )
    print(header)
    print("-" * len(header))
    for name, result in visits.items():
        cells = "".join(f"{_kb(result.sizes[k][0]):>12}{_kb(result.sizes[k][1]):>11}" for k in kinds)
        total = sum(result.sizes[k][1] for k in kinds)
        print(f"{name:<20}{cells}{_kb(total):>11}  {'yes' if result.plotly else 'no'}")
    print("\nkB = 1,000 bytes. 'other' is data the theme fetches (search index, sitemap, images).")


def _kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        httpd, base = serve(site)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True)
            visits = {
                name: visit(browser, base + path)
                for name, path in KINDS.items()
                if (site / path / "index.html").exists()
            }
            browser.close()
        httpd.shutdown()
    report(visits)


if __name__ == "__main__":
    main()
