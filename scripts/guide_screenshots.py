"""Take the editors' guide screenshots from the real built site (rerun when the site changes).

    python scripts/guide_screenshots.py

Builds the site from data/ and one example story (tests/fixtures/guide-story.yml: its photo above
the text, its source cut off, no comments), serves it on a loopback port, and photographs with
Debian's Chromium what each step of docs/step-by-step.md produces: a story, the example story,
the front page, a glossary term, a chart, an editor's note, a checked claim with what happened
next, an agency, a person and a decade of the timeline. The images go to
docs/assets/images/guide/ (PNG, 900 px wide, light palette).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "assets" / "images" / "guide"
CHROMIUM = os.environ.get("ORBIT_CHROMIUM", "/usr/bin/chromium")
EXAMPLE = "example-story"  # the example story's file name and address
EXAMPLE_STORY = ROOT / "tests" / "fixtures" / "guide-story.yml"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"]

# (file name, page, the element to photograph, what to do first)
SHOTS = [
    ("story.png", "articles/china-us-space-cooperation/", "article.md-content__inner", None),
    ("term.png", "glossary/wolf-amendment/", "article.md-content__inner", None),
    ("chart.png", "charts/government-space-budgets-2013/", "figure.orbit-chart", None),
    ("note.png", "articles/china-us-space-cooperation/", "#comment-c1 article", None),
    (
        "claim.png",
        "articles/china-us-space-cooperation/",
        "#claim-panel-iss-extended-to-2024",
        'sup[data-orbit-claim="iss-extended-to-2024"] button',
    ),
    ("next.png", "articles/china-us-space-cooperation/", "ol.orbit-next", None),
    ("agency.png", "agencies/esa/", "article.md-content__inner", None),
    ("person.png", "people/charles-bolden/", "article.md-content__inner", None),
    ("event.png", "timeline/2010s/", "article.md-content__inner", None),
    ("example.png", f"articles/{EXAMPLE}/", "article.md-content__inner", None),
    ("front.png", "", "article.md-content__inner", None),
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def guide_data(target: Path) -> Path:
    """The site's data with the example story beside the real ones."""
    shutil.copytree(ROOT / "data", target)
    shutil.copy(EXAMPLE_STORY, target / "articles" / f"{EXAMPLE}.yml")
    return target


def build(site: Path, data: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ORBIT_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], check=True, cwd=ROOT, env=env
    )


def photograph(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 900, "height": 1200}, device_scale_factor=1, color_scheme="light")
        for name, path, selector, click in SHOTS:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            if click:
                page.locator(click).first.click()
            box = page.locator(selector).first.evaluate(
                "e => { const r = e.getBoundingClientRect();"
                " return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"
            )
            clip = {**box, "height": min(box["height"], 900)}  # a long page: its top, as a reader first sees it
            page.screenshot(path=OUT / name, clip=clip, full_page=True)
            print(f"{name}: {path}")
        browser.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        build(site, guide_data(Path(work) / "data"))
        handler = functools.partial(_Quiet, directory=str(site))
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            photograph(f"http://127.0.0.1:{httpd.server_address[1]}/")
        finally:
            httpd.shutdown()


if __name__ == "__main__":
    main()
