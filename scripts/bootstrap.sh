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

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium (never a browser downloaded by a test tool), and Thai fonts so that
  # screenshots and layout measurements see real Thai glyphs.
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null
fi

if [ "${1:-}" = "--browser" ] && { ! command -v pdftotext >/dev/null || ! command -v zbarimg >/dev/null; }; then
  # The printed guide's test (tests/test_guide.py): pdftotext, pdfinfo and pdftoppm read the PDF
  # Chromium prints, zbarimg decodes its QR codes.
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils zbar-tools >/dev/null
fi

if [ "${1:-}" = "--browser" ]; then
  # axe-core and Lighthouse (tests/test_accessibility.py, scripts/audit.py), pinned by the
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
