"""CONTRIBUTING.md: its links inside the document resolve (GitHub's heading anchors), the Thai
part comes first, and the newcomer path it describes works on a fresh copy of the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

from conftest import REPO

BIN = Path(sys.executable).parent
TEXT = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = "".join(c for c in heading.strip().lower()
                   if c in "-_ " or unicodedata.category(c)[0] in "LMN")  # Thai vowel marks are M
    return text.replace(" ", "-")


def test_internal_links_resolve() -> None:
    anchors = {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", TEXT, flags=re.MULTILINE)}
    links = re.findall(r"\]\(#([^)]+)\)", TEXT)
    assert len(links) > 20
    missing = [link for link in links if link not in anchors]
    assert missing == []


def test_thai_first_and_every_new_route_documented_in_both_languages() -> None:
    thai, english = TEXT.split("# Contributing (English)")
    for needle in ("guidemap from-issue", "bash scripts/serve.sh", "guidemap validate orgs/",
                   "Files changed", "SECURITY.md", "guidemap stale", "guidemap check-links"):
        assert needle in thai and needle in english, needle


def test_newcomer_path_on_a_fresh_copy(tmp_path: Path) -> None:
    """Section 13: copy the template to a new profile, and `guidemap validate` accepts it."""
    work = tmp_path / "clone"
    shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__",
                                                               ".pytest_cache", ".mypy_cache"))
    assert (work / "scripts" / "serve.sh").is_file()
    shutil.copy(work / "orgs" / "_template.yml", work / "orgs" / "ban-rak-thale.yml")
    result = subprocess.run([str(BIN / "guidemap"), "validate", "orgs/ban-rak-thale.yml"], cwd=work,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 profile(s)" in result.stderr
