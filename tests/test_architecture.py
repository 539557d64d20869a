"""The package's layers, checked by import-linter with the contracts in pyproject.toml: the
contract imports nothing above it, only the adapter imports MkDocs, and no module imports
itself through others. The broken copies show that each contract can fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "plugins" / "guidemap"
LINT = Path(sys.executable).parent / "lint-imports"


def lint(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with this repository's contracts, on the package found in ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=package_parent, env=env, capture_output=True, text=True, timeout=300)


def test_the_package_keeps_its_layers() -> None:
    result = lint(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_stages_read_off_the_tree() -> None:
    """A newcomer reads the pipeline off the folder names: nothing sits beside the stages."""
    stages = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert stages == ["adapter", "contract", "outputs", "tools"]
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize(("module", "line", "broken"), [
    # The contract reaching up into the outputs.
    ("contract/model.py", "from guidemap.outputs import urls", "Stages"),
    # MkDocs below the adapter.
    ("outputs/feeds.py", "import mkdocs.plugins", "Only the adapter imports MkDocs"),
    # A cycle between two output modules (each still below the adapter).
    ("outputs/head.py", "from guidemap.outputs import pages", "No import cycles"),
])
def test_an_import_against_the_rules_breaks_a_contract(tmp_path: Path, module: str, line: str,
                                                       broken: str) -> None:
    copy = tmp_path / "guidemap"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / module
    text = target.read_text(encoding="utf-8")
    # After the module's own imports, so the added one is a plain top-level import.
    target.write_text(text.replace("from __future__ import annotations\n",
                                   f"from __future__ import annotations\n\n{line}  # noqa\n", 1),
                      encoding="utf-8")
    result = lint(tmp_path)
    assert result.returncode != 0
    # An upward import also closes a cycle between the stages, so more than one may break.
    verdicts = [ln for ln in result.stdout.splitlines() if ln.endswith((" KEPT", " BROKEN"))]
    assert len(verdicts) == 3
    assert any(ln.startswith(broken) and ln.endswith(" BROKEN") for ln in verdicts), result.stdout


def test_english_beside_thai_is_written_by_one_helper() -> None:
    """``<span class="gm-en" lang="en">`` comes from guidemap.outputs.markup.en alone, so the
    outputs cannot drift apart in how they mark English for screen readers and the stylesheet."""
    helper = PACKAGE / "outputs" / "markup.py"
    by_hand = [p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "outputs").rglob("*.py")
               if p != helper and 'class="gm-en"' in p.read_text(encoding="utf-8").replace('\\"', '"')]
    assert by_hand == []
