#!/usr/bin/env bash
# The project's test command: install what the tests need, then run the whole suite.
#   bash scripts/test.sh [pytest arguments]
# Needs Python >= 3.10 with pip. Browser tests use Debian's Chromium (/usr/bin/chromium), the
# markup test Java (the W3C Nu HTML Checker); as root this script installs both with apt-get,
# otherwise it asks you to. ORBIT_CHROMIUM names another Chromium-based browser (GitHub's Ubuntu
# runners: /usr/bin/google-chrome).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# apt_install PACKAGE WHY: Debian's package, as root or with sudo, or a message saying how.
apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
  else
    echo "$2: apt-get install -y $1" >&2
    exit 1
  fi
}
[ -x "${ORBIT_CHROMIUM:-/usr/bin/chromium}" ] || apt_install chromium "Browser tests need Chromium at /usr/bin/chromium"
command -v java >/dev/null || apt_install default-jre-headless "The markup test needs Java 11 or later"

python3 -m pip install -q -e ".[test,zensical]"
bash scripts/install_actionlint.sh
# axe-core for the accessibility tests and vnu-jar for the markup test, at the versions pinned in
# tests/package-lock.json. No install scripts: vnu-jar's would download a Java runtime from GitHub.
npm ci --prefix tests --no-audit --no-fund --silent --ignore-scripts

# Lint and format first: a style slip fails in a second, before the slow tests.
python3 -m ruff check --quiet .
python3 -m ruff format --check --quiet .
exec python3 -m pytest "$@"
