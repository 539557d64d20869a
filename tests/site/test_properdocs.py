"""The plugin runs on ProperDocs, the maintained fork of MkDocs 1.x (MkDocs 2.0 drops plugins)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import make_repo, org_yaml

BIN = Path(sys.executable).parent


def test_properdocs_builds_the_site_strictly(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a": org_yaml("a"), "b": org_yaml("b", province="Yala")})
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(repo / "site")], cwd=repo, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "guidemap" in result.stderr
    for page in ("orgs/a/index.html", "orgs/b/index.html", "orgs/index.html", "data/orgs.json"):
        assert (repo / "site" / page).is_file(), page


def test_properdocs_reports_invalid_profiles_like_mkdocs(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"bad": org_yaml("bad").replace("province:", "provnce:")})
    result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(repo / "site")], cwd=repo, capture_output=True, text=True,
                            timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0 and "orgs/bad.yml:5" in result.stderr
