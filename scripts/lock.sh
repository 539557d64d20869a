#!/usr/bin/env bash
# Writes requirements/site.lock, the hash-locked list the Pages deploy installs
# (pip install --require-hashes): the runtime dependencies of pyproject.toml and
# requirements/site.in, for the deploy's Python 3.11 on Linux. Run it after changing a
# dependency, and commit the lock (tests/checks/test_lock.py checks that it covers them).
# Needs uv (pip install -e ".[lock]") and the package index.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
UV="${UV:-uv}"
command -v "$UV" >/dev/null || UV="${GUIDEMAP_VENV:-$ROOT/.venv}/bin/uv"
# --no-config: this machine's own index settings never reach the lock.
exec "$UV" pip compile --no-config --quiet pyproject.toml requirements/site.in \
  --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
  --custom-compile-command "scripts/lock.sh" --output-file requirements/site.lock "$@"
