"""Build this repository's site and every valid case folder into one directory, with a fixed
build date, so that two versions of the code can be compared file by file.

A refactoring that must not change behaviour is checked with:

    git stash  # or check out the old commit
    python scripts/snapshot.py /tmp/before
    git stash pop
    python scripts/snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after && echo identical

Each site is built twice (with and without the helper process), so the comparison also covers
the in-process fallback. Nothing here reaches the network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = REPO / "tests" / "cases" / "orgs"
EPOCH = "1795000000"  # the tests' build date (2026-11-18), so future-dated fixtures behave alike

CASE_MKDOCS = """\
site_name: Test guide
site_url: https://example.org/guide/
repo_url: https://github.com/example/guidemap
docs_dir: content
theme:
  name: material
  language: th
  font: false
plugins:
  - search:
      lang: en
      separator: '[\\s\\u200b\\-]+'
  - guidemap:
      helper: {helper}
markdown_extensions:
  - attr_list
  - md_in_html
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: ignore
"""
HOME = "# หน้าแรก\n\n<!-- guidemap:summary -->\n\n<!-- guidemap:latest-stories -->\n"


def _build(work: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH,
           "SITE_URL": "https://example.org/guide/"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(out)], cwd=work,
                            env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"build of {work} failed:\n{result.stderr}")


def _valid_cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir()
                  if (p / "expected.txt").is_file() and not (p / "expected.txt").read_text().strip())


def snapshot(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(REPO, work, ignore=shutil.ignore_patterns(
            ".venv", "site", ".git", "__pycache__", ".pytest_cache", ".mypy_cache", "node_modules"))
        _build(work, dest / "repository")
        for case in _valid_cases():
            for helper in ("true", "false"):
                site = Path(tmp) / f"{case.name}-{helper}"
                shutil.copytree(case, site)
                # A case's stories/index.md stands for the repository's own; the plugin makes it.
                (site / "content" / "stories" / "index.md").unlink(missing_ok=True)
                (site / "mkdocs.yml").write_text(CASE_MKDOCS.format(helper=helper), encoding="utf-8")
                (site / "content").mkdir(exist_ok=True)
                if not (site / "content" / "index.md").exists():
                    (site / "content" / "index.md").write_text(HOME, encoding="utf-8")
                _build(site, dest / f"case-{case.name}" / f"helper-{helper}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to write the built sites into")
    snapshot(parser.parse_args().dest)


if __name__ == "__main__":
    main()
