#!/usr/bin/env bash
# The test suite: validator and site tests, lint and type checks, and the browser tests in
# Debian's headless Chromium. Installs the site and then the test tools, the Debian programs
# and npm packages the tests use (scripts/bootstrap.sh test). Extra arguments go to pytest,
# e.g. `-m unit` for one kind of test (docs/benchmarks.md has the table).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" test
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
exec "${GUIDEMAP_VENV:-$ROOT/.venv}/bin/python" -m pytest "$@"
