#!/usr/bin/env bash
# The project's test command: install what the tests need, then run the whole suite.
#   bash scripts/test.sh [pytest arguments]
# Needs Python >= 3.10 with pip. Browser tests use Debian's Chromium (/usr/bin/chromium); as
# root this script installs it with apt-get, otherwise it asks you to. ORBIT_CHROMIUM names
# another Chromium-based browser (GitHub's Ubuntu runners: /usr/bin/google-chrome).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

if [ ! -x "${ORBIT_CHROMIUM:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Browser tests need Chromium at /usr/bin/chromium: apt-get install -y chromium" >&2
    exit 1
  fi
fi

python3 -m pip install -q -e ".[test,zensical]"
bash scripts/install_actionlint.sh
# axe-core for the accessibility tests, at the version pinned in tests/package-lock.json.
npm ci --prefix tests --no-audit --no-fund --silent

# Lint and format first: a style slip fails in a second, before the slow tests.
python3 -m ruff check --quiet .
python3 -m ruff format --check --quiet .
exec python3 -m pytest "$@"
