"""A longer fuzzing campaign than the test command's: random (not repeatable) examples, many of them.

    python scripts/fuzz_campaign.py [--examples 2000]

Runs tests/test_fuzz.py's two strategies (files generated from the JSON Schemas, mutations of the
real files) with ORBIT_FUZZ_RANDOM set, and prints Hypothesis' statistics: how many examples
built, how many stopped with a DataError, and any failing example, shrunk, to add as a test case.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per strategy")
    args = parser.parse_args()
    env = {**os.environ, "ORBIT_FUZZ_EXAMPLES": str(args.examples), "ORBIT_FUZZ_RANDOM": "1"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "hooks"), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "pytest", "-q", "tests/test_fuzz.py", "-k", "generated or mutated_real"]
    result = subprocess.run([*command, "--hypothesis-show-statistics", "-p", "no:cacheprovider"], cwd=ROOT, env=env)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
