#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine, in two steps run by the README's two commands:
#   bootstrap.sh site   what building and previewing the site needs: a virtualenv in .venv with
#                       the project and its dependencies, nothing else (scripts/serve.sh);
#   bootstrap.sh test   the site, then the test tools (the project's `test` extra), the Debian
#                       programs the tests drive and the accessibility checkers from npm
#                       (scripts/test.sh).
# Safe to run again: each step keeps a stamp in the virtualenv and installs again only when
# pyproject.toml (or the npm lockfile) is newer than its stamp, or what it installs is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${GUIDEMAP_VENV:-$ROOT/.venv}"
what="${1:-site}"
case "$what" in
  site|test) ;;
  *) echo "usage: bootstrap.sh site|test" >&2; exit 2 ;;
esac

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
fi

# install STEP SPEC PROGRAM: pip install SPEC unless the step's stamp is newer than pyproject.toml
# and PROGRAM (one thing the step installs) is in the virtualenv.
install() {
  local stamp="$VENV/.guidemap-$1-installed"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ] || [ ! -x "$VENV/bin/$3" ]; then
    "$VENV/bin/python" -m pip install --quiet -e "$2"
    touch "$stamp"
  fi
}

install site "$ROOT" mkdocs
[ "$what" = site ] && exit 0

install test "${ROOT}[test]" pytest

# Debian programs the tests use, installed in one go when any is missing:
# - chromium: the browser tests (never a browser downloaded by a test tool), with Thai fonts
#   so that screenshots, layout measurements and printed PDFs see real Thai glyphs;
# - khal: a calendar program that imports the site's .ics files (tests/site/test_dated_site.py);
# - gir1.2-ical-3.0 and python3-gi: libical, the calendar library of Evolution and GNOME Calendar,
#   driven through Debian's python3 (tests/site/test_calendar_feed_validators.py);
# - poppler-utils and zbar-tools: read the printed guide's PDF and decode its QR codes
#   (tests/site/test_guide.py);
# - default-jre-headless: Java for the Nu Html Checker (vnu.jar, from npm; tests/site/test_html_checker.py).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-thai-tlwg >/dev/null 2>&1 || missing+=(fonts-thai-tlwg)
command -v khal >/dev/null || missing+=(khal)
dpkg -s gir1.2-ical-3.0 >/dev/null 2>&1 || missing+=(gir1.2-ical-3.0)
dpkg -s python3-gi >/dev/null 2>&1 || missing+=(python3-gi)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# axe-core and Lighthouse (tests/browser/test_accessibility.py, scripts/audit.py) and the Nu Html
# Checker (vnu-jar: the jar itself is in the package), pinned by the lockfile; --ignore-scripts:
# no package runs code or downloads anything at install time.
audit="$ROOT/scripts/audit"
if command -v npm >/dev/null 2>&1; then
  if [ ! -f "$audit/node_modules/.package-lock.json" ] || \
     [ "$audit/package-lock.json" -nt "$audit/node_modules/.package-lock.json" ]; then
    npm ci --prefix "$audit" --ignore-scripts --no-audit --no-fund --loglevel=error
  fi
else
  echo "bootstrap: node/npm not found; the accessibility tests need axe-core (npm ci --prefix scripts/audit)" >&2
fi
