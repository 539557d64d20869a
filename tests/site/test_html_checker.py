"""The Nu Html Checker (vnu.jar from npm ``vnu-jar``, run with Debian's Java) on every page of
this repository's site and of the test repository with every content type: no error but
Material's own findings listed in :data:`MATERIAL` (docs/quality.md, "Pages")."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

VNU = REPO / "scripts" / "audit" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Material for MkDocs' own markup, the same on every page, that the checker refuses; each is
# (message, a piece of the markup it names). Nothing of ours belongs here.
MATERIAL = [
    # The drawer and search toggles are hidden checkboxes with autocomplete="off" (Firefox would
    # otherwise restore a ticked toggle on reload); autocomplete is not allowed on checkboxes.
    (r"Attribute “autocomplete” is only allowed when the input type is",
     'class="md-toggle" data-md-toggle="'),
    # The table of contents' title is the label of Material's hidden __toc checkbox.
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
     'class="md-nav__title" for="__toc"'),
]


def allowed(message: dict[str, Any]) -> bool:
    return any(re.search(text, message.get("message", "")) and part in (message.get("extract") or "")
               for text, part in MATERIAL)


def check(site: Path) -> list[dict[str, Any]]:
    if not VNU.is_file() or shutil.which("java") is None:
        pytest.fail("the Nu Html Checker is missing: `bash scripts/bootstrap.sh test` installs it "
                    "(npm ci --prefix scripts/audit, Debian's default-jre-headless)")
    result = subprocess.run(["java", "-Xss2m", "-jar", str(VNU), "--format", "json", "--skip-non-html",
                             str(site)], capture_output=True, text=True, timeout=600)
    return list(json.loads(result.stderr)["messages"])


def errors(messages: list[dict[str, Any]]) -> list[str]:
    return [f"{m.get('url', '').rsplit('/site/', 1)[-1]}: {m['message']} [{(m.get('extract') or '').strip()}]"
            for m in messages if m["type"] in ("error", "non-document-error") and not allowed(m)]


@pytest.mark.parametrize("which", ["repository", "every type"])
def test_no_error_but_materials_own(which: str, repo_site: Path, every_type_site: Path) -> None:
    messages = check(repo_site if which == "repository" else every_type_site)
    found = errors(messages)
    assert found == [], "\n".join(found[:20])
    assert all(m["type"] != "non-document-error" for m in messages)


def test_the_checker_reports_what_it_should(tmp_path: Path) -> None:
    """An aria-label on a plain div and an address with "<" are errors; Material's toggles are
    allowed only as Material writes them."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>x</title></head><body>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="checkbox" id="mine" autocomplete="off">'
        '<div aria-label="บันทึก">x</div><a href="https://e.org/?b=&lt;x&gt;">y</a></body></html>',
        encoding="utf-8")
    found = errors(check(tmp_path))
    assert len(found) == 3, found
    assert any("aria-label" in f for f in found) and any("href" in f for f in found)
    assert any('id="mine"' in f for f in found)
