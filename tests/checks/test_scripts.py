"""The README's two commands: shellcheck finds nothing in the scripts, and the serve script's
install step installs the site alone, once (a stamp), again only when pyproject.toml changes."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from conftest import BIN, REPO

SCRIPTS = [*sorted((REPO / "scripts").glob("*.sh")), REPO / ".ci" / "run"]


def test_shellcheck_finds_nothing_in_the_scripts() -> None:
    result = subprocess.run([str(BIN / "shellcheck"), *map(str, SCRIPTS)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_serve_install_is_the_site_alone_and_runs_once(tmp_path: Path) -> None:
    root = tmp_path / "clone"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "bootstrap.sh", root / "scripts")
    shutil.copy(REPO / "pyproject.toml", root)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    calls = tmp_path / "calls.txt"
    # A stand-in for the virtualenv's Python: it records what it is asked to install.
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\necho "$*" >> {calls}\n', encoding="utf-8")
    python.chmod(0o755)
    (venv / "bin" / "mkdocs").write_text("#!/bin/sh\n", encoding="utf-8")
    (venv / "bin" / "mkdocs").chmod(0o755)

    def bootstrap() -> list[str]:
        calls.write_text("", encoding="utf-8")
        subprocess.run(["bash", str(root / "scripts" / "bootstrap.sh"), "site"], check=True, timeout=60,
                       env={**os.environ, "GUIDEMAP_VENV": str(venv)})
        return calls.read_text(encoding="utf-8").splitlines()

    assert bootstrap() == [f"-m pip install --quiet -e {root}"]  # no test extra
    assert bootstrap() == []
    time.sleep(1.1)
    (root / "pyproject.toml").touch()
    assert bootstrap() == [f"-m pip install --quiet -e {root}"]
    (venv / "bin" / "mkdocs").unlink()  # what it installs is gone: installed again
    assert bootstrap() == [f"-m pip install --quiet -e {root}"]
