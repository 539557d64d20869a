#!/usr/bin/env bash
# The whole test suite: validator and site tests, lint and type checks, and the browser tests
# in Debian's headless Chromium. Extra arguments go to pytest.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" --browser
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
exec "${GUIDEMAP_VENV:-$ROOT/.venv}/bin/python" -m pytest "$@"
