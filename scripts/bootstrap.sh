#!/usr/bin/env bash
# Prepare a fresh machine: a virtualenv in .venv with the project and its test tools, and
# (with --browser) Debian's Chromium for the browser tests. Safe to run again: it only adds
# what is missing. Sourced by serve.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GUIDEMAP_VENV:-$ROOT/.venv}"

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
stamp="$VENV/.guidemap-installed"
if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[test]"
  touch "$stamp"
fi

if [ "${1:-}" = "--browser" ]; then
  # Debian programs the tests use, installed in one go when any is missing:
  # - chromium: the browser tests (never a browser downloaded by a test tool), with Thai fonts
  #   so that screenshots, layout measurements and printed PDFs see real Thai glyphs;
  # - khal: a calendar program that imports the site's .ics files (tests/site/test_dated_site.py);
  # - poppler-utils and zbar-tools: read the printed guide's PDF and decode its QR codes
  #   (tests/site/test_guide.py).
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing+=(fonts-thai-tlwg)
  command -v khal >/dev/null || missing+=(khal)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

if [ "${1:-}" = "--browser" ]; then
  # axe-core and Lighthouse (tests/browser/test_accessibility.py, scripts/audit.py), pinned by the
  # lockfile; --ignore-scripts: no package runs code or downloads anything at install time.
  audit="$ROOT/scripts/audit"
  if command -v npm >/dev/null 2>&1; then
    if [ ! -f "$audit/node_modules/.package-lock.json" ] || \
       [ "$audit/package-lock.json" -nt "$audit/node_modules/.package-lock.json" ]; then
      npm ci --prefix "$audit" --ignore-scripts --no-audit --no-fund --loglevel=error
    fi
  else
    echo "bootstrap: node/npm not found; the accessibility tests need axe-core (npm ci --prefix scripts/audit)" >&2
  fi
fi
