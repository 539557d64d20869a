#!/usr/bin/env bash
# Build the site from this repository's profiles and stories and serve it with live reload
# on http://127.0.0.1:8000/ (pass other `mkdocs serve` options after the script name).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
exec "${GUIDEMAP_VENV:-$ROOT/.venv}/bin/mkdocs" serve "$@"
