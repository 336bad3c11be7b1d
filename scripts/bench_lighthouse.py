"""Lighthouse scores per kind of page: builds the site, serves it with gzip, runs Lighthouse.

Lighthouse 12.2.3 (the last release that runs on Node 20) is installed with npm, pinned, into a
cache folder on first use; it drives Debian's Chromium. Its default run is a phone (Moto G
Power, simulated slow 4G and 4x slower CPU). Each page is measured `--runs` times (5 by default),
in rounds: every page once, then every page again, so that a page and the plain Material page
beside it meet the same load on a shared machine. Lighthouse times the CPU before each run (its
benchmark index); other work on the machine lowers it and lengthens every task, which the
simulation then multiplies by four. So the table gives medians: performance, total blocking time,
largest contentful paint and cumulative layout shift, each page's median beside the plain
Material page's of the same run, and every run's score.
The server compresses text with gzip, as GitHub Pages does.

Two "floor" rows measure what the site builds on, before any of its own work: a bare page
holding only the site's Plotly bundle and the chart page's figure, and a plain Material page (the
editors' guide built alone, with the same theme features but no hooks, no site script or
stylesheet), measured whatever `--only` says. Figures are printed, not judged.

    python scripts/bench_lighthouse.py [--site DIR] [--runs N] [--only KIND ...]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("ORBIT_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = "12.2.3"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "orbit-explainer" / f"lighthouse-{LIGHTHOUSE}"
CHART = "charts/government-space-budgets-2013/"
FLOOR = "lighthouse-floor/"
MATERIAL_FLOOR = "material-floor/"
KINDS = {
    "home": "",
    "story": "articles/china-us-space-cooperation/",
    "glossary A-Z": "glossary/",
    "glossary term": "glossary/docking/",
    "agency index": "agencies/",
    "agency, with chart": "agencies/nasa/",
    "person": "people/charles-bolden/",
    "timeline": "timeline/",
    "chart gallery": "charts/",
    "chart page": CHART,
    "editors' page": "editors/",
    "floor: bare Plotly page": FLOOR,
    "floor: plain Material page": MATERIAL_FLOOR,
}
PLAIN = "floor: plain Material page"
CATEGORIES = ("performance", "accessibility", "best-practices")
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI": "speed-index",
}
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class _Gzip(SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the client accepts it (as GitHub Pages)."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects /dir to /dir/
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
            or path.suffix not in COMPRESSIBLE
        ):
            return super().send_head()
        body = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like object over bytes already in memory (SimpleHTTPRequestHandler copies it out)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@functools.cache
def _compressed(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


def build(site: Path) -> None:
    """A strict build into `site`, as CI does it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)


def write_floor(site: Path) -> None:
    """A bare page with only the Plotly bundle and the chart page's figure, drawn on load."""
    page = (site / CHART / "index.html").read_text(encoding="utf-8")
    figure = html.unescape(
        re.search(r"data-orbit-figure='([^']*)'|data-orbit-figure=\"([^\"]*)\"", page).group(1) or ""
    )
    bundle = next((site / "assets" / "javascripts").glob("plotly-*.min.js")).name
    (site / FLOOR).mkdir(parents=True, exist_ok=True)
    (site / FLOOR / "index.html").write_text(
        f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Floor: Plotly alone</title></head>
<body><main><h1>Plotly alone</h1><div id="plot" style="min-height:400px"></div></main>
<script src="../assets/javascripts/{bundle}"></script>
<script>var f = {figure}; Plotly.newPlot("plot", f.data, f.layout, {{responsive: true, displaylogo: false}});</script>
</body></html>
""",
        encoding="utf-8",
    )


def write_material_floor(site: Path, work: Path) -> None:
    """The editors' guide built alone: the site's theme and features, without hooks or extras."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    theme = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    (work / "docs").mkdir(parents=True, exist_ok=True)
    (work / "docs" / "index.md").write_text(
        (ROOT / "docs" / "editors.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    # The same site_url as the site's pages get in a local build (and so the same instant navigation).
    floor = {
        "site_name": config["site_name"],
        "site_url": config["site_url"][1] + MATERIAL_FLOOR,
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config["markdown_extensions"],
        "validation": {"links": {"not_found": "info"}},
    }
    (work / "mkdocs.yml").write_text(yaml.safe_dump(floor), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(work / "mkdocs.yml"),
        "-d",
        str(site / MATERIAL_FLOOR),
    ]
    subprocess.run(cmd, check=True, env=env, cwd=work)


def lighthouse_cli() -> Path:
    """The pinned Lighthouse, installed with npm into a cache folder the first time."""
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "-E",
                f"lighthouse@{LIGHTHOUSE}",
                "--prefix",
                str(CACHE),
            ],
            check=True,
        )
    return cli


@dataclass
class Result:
    """One Lighthouse run: category scores (0-100) and metrics (ms; CLS unitless)."""

    scores: dict[str, int]
    metrics: dict[str, float]
    failed: list[str]
    benchmark: float


def run_lighthouse(cli: Path, url: str, out: Path) -> Result:
    cmd = [
        "node",
        str(cli),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}
    metrics = {name: report["audits"][audit]["numericValue"] for name, audit in METRICS.items()}
    failed = [
        ref["id"]
        for key in CATEGORIES[1:]
        for ref in report["categories"][key]["auditRefs"]
        if ref["weight"]
        and (report["audits"][ref["id"]]["score"] or 0) < 1
        and report["audits"][ref["id"]]["scoreDisplayMode"] == "binary"
    ]
    return Result(scores, metrics, failed, report["environment"]["benchmarkIndex"])


def report(rows: dict[str, list[Result]]) -> None:
    plain = statistics.median([r.scores["performance"] for r in rows[PLAIN]]) if PLAIN in rows else None
    head = (
        f"{'page kind':<27}{'perf':>5}{'vs plain':>9}{'TBT':>7}{'LCP':>6}{'CLS':>7}{'FCP':>6}{'SI':>6}"
        f"{'index':>6}{'a11y':>5}{'BP':>5}{'all runs':>17}  failing a11y/BP audits (any run)"
    )
    print(head)
    print("-" * len(head))
    for name, runs in rows.items():
        perf = statistics.median([r.scores["performance"] for r in runs])
        m = {key: statistics.median([r.metrics[key] for r in runs]) for key in METRICS}
        versus = "" if plain is None or name == PLAIN else f"{perf - plain:+.0f}"
        perfs = sorted(r.scores["performance"] for r in runs)
        failed = sorted({audit for r in runs for audit in r.failed})
        print(
            f"{name:<27}{perf:>5.0f}{versus:>9}{m['TBT']:>5.0f}ms{m['LCP'] / 1000:>5.1f}s{m['CLS']:>7.3f}"
            f"{m['FCP'] / 1000:>5.1f}s{m['SI'] / 1000:>5.1f}s{statistics.median([r.benchmark for r in runs]):>6.0f}"
            f"{min(r.scores['accessibility'] for r in runs):>5}{min(r.scores['best-practices'] for r in runs):>5}"
            f"{'/'.join(map(str, perfs)):>17}  {' '.join(failed) or '-'}"
        )
    print(
        f"\nLighthouse {LIGHTHOUSE}, mobile defaults (simulated throttling), {len(next(iter(rows.values())))} runs a page"
        f"\nin rounds. perf, metrics and benchmark index: medians; vs plain: median perf minus the plain"
        f"\nMaterial page's; a11y and BP: the lowest of all runs. Load average at the end"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default 5)")
    parser.add_argument("--only", nargs="*", help="page kinds to measure (default: all)")
    args = parser.parse_args()
    cli = lighthouse_cli()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build(site)
        write_floor(site)
        write_material_floor(site, Path(tmp) / "material")
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Gzip, directory=str(site)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{httpd.server_address[1]}/"
        kinds = {
            name: path
            for name, path in KINDS.items()
            if not args.only or name in args.only or path in args.only or name == PLAIN
        }
        rows: dict[str, list[Result]] = {name: [] for name in kinds}
        for round_ in range(args.runs):
            for name, path in kinds.items():
                result = run_lighthouse(cli, base + path, Path(tmp) / "report.json")
                rows[name].append(result)
                print(
                    f"  round {round_ + 1}, {name}: {result.scores['performance']}"
                    f" (TBT {result.metrics['TBT']:.0f} ms, index {result.benchmark:.0f})",
                    file=sys.stderr,
                    flush=True,
                )
        httpd.shutdown()
    report(rows)


if __name__ == "__main__":
    main()
