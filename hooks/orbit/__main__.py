"""`python -m orbit check` (or `orbit check`): the build's checks of data/ and docs/, without a build.
`python -m orbit build [--engine mkdocs|zensical] [-d DIR]`: build the site with either engine."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from .site.check import check


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when the data and markers are sound (or the site is built), 1 with the problems
    listed, 2 on bad usage."""
    parser = argparse.ArgumentParser(prog="orbit", description="Check or build the explainer site.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("check", help="validate data/ and the [[...]] markers in docs/, as a build would")
    run.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    run.add_argument("--docs", type=Path, default=Path("docs"), help="the editors' pages (default: docs)")
    make = commands.add_parser("build", help="build the site from mkdocs.yml, data/, docs/ and overrides/")
    make.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="default: mkdocs")
    make.add_argument("-d", "--site-dir", type=Path, default=Path("site"), help="the output folder (default: site)")
    make.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    args = parser.parse_args(argv)
    if args.command == "build":
        if not args.config_file.is_file():
            parser.error(f"no {args.config_file}: run it from the project's root or pass -f")
        return _build(args.engine, args.config_file, args.site_dir)
    if not args.data.is_dir():
        parser.error(f"no data folder at {args.data}: run it from the project's root or pass --data")
    start = time.monotonic()
    problems = check(args.data, args.docs)
    if problems:
        print(problems, file=sys.stderr)
        return 1
    print(f"orbit check: data and markers are sound ({time.monotonic() - start:.1f} s)")
    return 0


def _build(engine: str, config_file: Path, site_dir: Path) -> int:
    """`mkdocs build --strict`, as ever; or the Zensical driver, with the same checks and messages."""
    if engine == "mkdocs":
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config_file.resolve()),
            "-d",
            str(site_dir),
        ]
        return subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}).returncode
    from .drivers import zensical  # only this engine's runs load it

    start = time.monotonic()
    try:
        zensical.build(config_file.resolve(), site_dir.resolve())
    except zensical.Stopped as stopped:
        print(stopped, file=sys.stderr)
        return 1
    print(f"orbit build: the site is in {site_dir} (Zensical, {time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
