"""`python -m orbit check` (or `orbit check`): the build's checks of data/ and docs/, without a build."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .site.check import check


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when the data and markers are sound, 1 with the problems listed, 2 on bad usage."""
    parser = argparse.ArgumentParser(prog="orbit", description="Check the explainer's data and markers.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("check", help="validate data/ and the [[...]] markers in docs/, as a build would")
    run.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    run.add_argument("--docs", type=Path, default=Path("docs"), help="the editors' pages (default: docs)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"no data folder at {args.data}: run it from the project's root or pass --data")
    start = time.monotonic()
    problems = check(args.data, args.docs)
    if problems:
        print(problems, file=sys.stderr)
        return 1
    print(f"orbit check: data and markers are sound ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
