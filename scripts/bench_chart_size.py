"""What one long line chart adds to the build, by its number of points.

    python scripts/bench_chart_size.py [--sizes 5000 10000 20000 200000] [--out DIR] [--profile N]

Copies the real `data/` once per size with one extra line chart, `data/charts/bench-series.yml`, of
N points (a deterministic random walk, written as editors write points), builds each with
`mkdocs build` in its own subprocess (social cards off, `ORBIT_CARDS=off`), and prints the seconds
each chart adds against a build of the same data without it in the same run, with the per-point
cost, the data file's size, the pages built and the largest page. `--profile N` also runs the
N-point build under cProfile and prints its heaviest functions. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHART = "bench-series"
CARDS_OFF = {"ORBIT_CARDS": "off"}


def _bench_build():
    """scripts/bench_build.py, for its measured `build` (a script, not a package)."""
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "scripts" / "bench_build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_build"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def chart_yaml(points: int, seed: int = 21) -> str:
    """A line chart of `points` points: a daily reading as a random walk with three decimals."""
    rng, value = random.Random(seed), 100.0
    lines = [
        "title: A long daily series",
        "kind: line",
        f"caption: A synthetic daily reading over {points} days, to measure how the build grows with a chart.",
        "unit: readings",
        "x_title: Day",
        "sources:",
        '  - {title: "Synthetic benchmark data", url: "https://example.org/bench"}',
        "series:",
        "  - name: Reading",
        "    points:",
    ]
    for day in range(points):
        value = max(0.0, value + rng.gauss(0, 1.5))
        lines.append(f"      - {{x: {day}, y: {value:.3f}}}")
    return "\n".join(lines) + "\n"


def data_with_chart(work: Path, points: int) -> Path:
    """A copy of the real data with the benchmark chart of `points` points (0: none)."""
    data = work / f"data-{points}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(ROOT / "data", data)
    if points:
        (data / "charts" / f"{CHART}.yml").write_text(chart_yaml(points), encoding="utf-8")
    return data


def profile(data: Path, site: Path, dump: Path) -> None:
    """The build under cProfile; prints the 25 functions with the most time of their own and below."""
    command = [sys.executable, "-m", "cProfile", "-o", str(dump), "-m", "mkdocs", "build", "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ORBIT_DATA_DIR": str(data), **CARDS_OFF}
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
    stats = pstats.Stats(str(dump))
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 10_000, 20_000, 200_000])
    parser.add_argument("--out", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--profile", type=int, default=0, help="also profile the build with this many points")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="bench-chart-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = _bench_build()
    config = ROOT / "mkdocs.yml"
    runs = {}
    for points in [0, *args.sizes]:
        data = data_with_chart(work, points)
        runs[points] = bench.build(f"{points} points", config, work / f"site-{points}", data, extra=CARDS_OFF)
        print(f"built {points} points in {runs[points].seconds:.1f} s", file=sys.stderr)
    base = runs[0]
    print(f"baseline (real data, no extra chart): {base.seconds:.1f} s, {base.pages} pages\n")
    print("| points | data file | extra time | per 1,000 points | pages added | largest page | peak memory |")
    print("|---|---|---|---|---|---|---|")
    for points in args.sizes:
        run = runs[points]
        extra = run.seconds - base.seconds
        size = (work / f"data-{points}" / "charts" / f"{CHART}.yml").stat().st_size
        largest, page = run.largest()
        status = "" if run.ok else " (failed)"
        print(
            f"| {points:,} | {size / 1e6:.2f} MB | {extra:.1f} s{status} | {1000 * extra / points:.2f} s | "
            f"{run.pages - base.pages:,} | {largest / 1000:.1f} kB, {page} | {run.peak_mb:.0f} MB |"
        )
    if args.profile:
        data = data_with_chart(work, args.profile)
        profile(data, work / "site-profile", work / "profile.pstats")


if __name__ == "__main__":
    main()
