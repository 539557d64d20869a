#!/usr/bin/env bash
# Build the site from this repository's data and serve it with live reload on
# http://127.0.0.1:8000/ (pass other `mkdocs serve` options after the script name). Installs only
# what the site needs (scripts/bootstrap.sh site); it rebuilds when a profile, story, call, event,
# picture or guidemap.yml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh" site
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1
exec "${GUIDEMAP_VENV:-$ROOT/.venv}/bin/mkdocs" serve "$@"
