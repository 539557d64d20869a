"""Golden files: the feeds, calendar files and open data of one small fixed site, compared byte
for byte with the files under tests/golden/out/.

The site (tests/golden/repo/: two groups, one running a campaign, a story, a call, an event and a
repeating one) is built at a fixed date, so any difference is a change in what subscribers,
calendar programs and data users receive. When the change is intended, refresh the files with
``pytest tests/site/test_golden.py --update-golden`` and review ``git diff tests/golden/``
(docs/benchmarks.md).
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from dated_fixture import EPOCH, build_at

GOLDEN = REPO / "tests" / "golden"
# What leaves the site as data rather than pages: newsletter, call and per-topic feeds, calendar
# files, open data.
KEPT = ("feed.xml", "feed.atom", "feeds/**/*", "calendars/**/*", "data/**/*")


def published(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()  # (data/index.html is the data page)
            for pattern in KEPT for p in site.glob(pattern) if p.is_file() and p.suffix != ".html"}


def differences(made: dict[str, bytes], kept: dict[str, bytes]) -> list[str]:
    lines: list[str] = []
    for path in sorted(made.keys() | kept.keys()):
        if path not in kept:
            lines.append(f"new file {path} (not in tests/golden/out/)")
        elif path not in made:
            lines.append(f"{path} is no longer made")
        elif made[path] != kept[path]:
            lines += difflib.unified_diff(kept[path].decode("utf-8", "replace").splitlines(),
                                          made[path].decode("utf-8", "replace").splitlines(),
                                          f"golden/{path}", f"built/{path}", lineterm="", n=1)
    return lines


def test_feeds_calendars_and_open_data_match_the_golden_files(tmp_path: Path,
                                                               request: pytest.FixtureRequest) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN / "repo", repo)
    made = published(build_at(repo, EPOCH))
    assert any(p.endswith(".ics") for p in made) and "data/orgs.json" in made and "feeds/calls.xml" in made
    out = GOLDEN / "out"
    kept = published(out) if out.is_dir() else {}
    if request.config.getoption("--update-golden"):
        changed = sorted(p for p in made.keys() | kept.keys() if made.get(p) != kept.get(p))
        if changed:
            shutil.rmtree(out, ignore_errors=True)
            for path, content in made.items():
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                (out / path).write_bytes(content)
            pytest.skip(f"tests/golden/out/ rewritten ({len(changed)} file(s): {', '.join(changed[:5])}"
                        f"{' ...' if len(changed) > 5 else ''}): review `git diff tests/golden/`")
        return
    found = differences(made, kept)
    assert not found, ("the feeds, calendars or open data changed (if intended: --update-golden, then "
                       "review the diff):\n" + "\n".join(found[:200]))
