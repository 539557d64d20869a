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

REPO = Path(__file__).resolve().parents[2]
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
    assert "6 kept, 0 broken" in result.stdout


def test_stages_read_off_the_tree() -> None:
    """A newcomer reads the pipeline off the folder names: nothing sits beside the stages."""
    stages = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert stages == ["adapter", "contract", "outputs", "tools"]
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py"]


def test_outputs_are_grouped_by_concern() -> None:
    """Each kind of output has its folder (pages, feeds, open data, search, map, HTML kit,
    pictures, the shared site rules); only the registry, the one list of outputs, sits beside them."""
    outputs = PACKAGE / "outputs"
    assert sorted(p.name for p in outputs.glob("*.py")) == ["__init__.py", "registry.py"]
    folders = sorted(p.name for p in outputs.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == ["assets", "editions", "feeds", "html", "map", "offline", "opendata", "pages",
                       "pictures", "search", "site"]


@pytest.mark.parametrize(("module", "line", "broken"), [
    # The contract reaching up into the outputs.
    ("contract/model/types.py", "from guidemap.outputs.site import urls", "Stages"),
    # The model reaching up into the loaders.
    ("contract/model/fields.py", "from guidemap.contract.load import profiles", "Contract: the loaders"),
    # The profiles' loader reaching up into the stories'.
    ("contract/load/profiles.py", "from guidemap.contract.load import stories", "Loaders in layers"),
    # MkDocs below the adapter.
    ("outputs/feeds/stories.py", "import mkdocs.plugins", "Only the adapter imports MkDocs"),
    # A cycle between two output modules (each still below the adapter).
    ("outputs/html/share.py", "from guidemap.outputs.html import head", "No import cycles"),
    # The shared site rules reaching up into the HTML kit.
    ("outputs/site/urls.py", "from guidemap.outputs.html import htmlkit", "Output concerns in layers"),
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
    assert len(verdicts) == 6
    assert any(ln.startswith(broken) and ln.endswith(" BROKEN") for ln in verdicts), result.stdout


def test_english_beside_thai_is_written_by_one_helper() -> None:
    """``<span class="gm-en" lang="en">`` comes from guidemap.outputs.html.markup.en alone, so the
    outputs cannot drift apart in how they mark English for screen readers and the stylesheet."""
    helper = PACKAGE / "outputs" / "html" / "markup.py"
    by_hand = [p.relative_to(PACKAGE).as_posix() for p in (PACKAGE / "outputs").rglob("*.py")
               if p != helper and 'class="gm-en"' in p.read_text(encoding="utf-8").replace('\\"', '"')]
    assert by_hand == []


def _modules(stage: Path) -> list[Path]:
    return sorted(p for p in stage.rglob("*.py") if p.name != "__init__.py" and "templates" not in p.parts
                  and "__pycache__" not in p.parts)


@pytest.mark.parametrize("stage", ["contract", "outputs", "tools", "adapter"])
def test_the_readme_and_the_architecture_page_show_the_tree(stage: str) -> None:
    """The README's diagram names every folder of a stage and docs/architecture.md every
    module, so both stay true when code moves."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    diagram = readme[readme.index("## How it is built"):readme.index("## More documentation")]
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    root = PACKAGE / stage
    folders = sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists())
    assert [f for f in folders if f"{f}/" not in diagram] == []
    assert [f for f in folders if f"`{f}/`" not in page] == []
    missing = [m.relative_to(root).as_posix() for m in _modules(root) if f"`{m.stem}`" not in page
               and f"`{m.stem}.py`" not in page]
    assert missing == []
