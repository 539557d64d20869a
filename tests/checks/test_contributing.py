"""The contributor documentation: CONTRIBUTING.md (Thai) and docs/contributing-en.md (English)
each document every route, their links inside the document resolve (GitHub's heading anchors),
every relative link in README.md, CONTRIBUTING.md and docs/*.md points at a file that exists,
the README stays short and keeps its quick-start commands, and the newcomer path works on a fresh
copy of the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import REPO, ignore_in_copy

BIN = Path(sys.executable).parent
THAI = REPO / "CONTRIBUTING.md"
ENGLISH = REPO / "docs" / "contributing-en.md"
README = REPO / "README.md"
DOCUMENTS = [README, THAI, *sorted((REPO / "docs").glob("*.md"))]

# The routes a contributor or maintainer can take: each must be explained in both languages.
ROUTES = ("guidemap from-issue", "bash scripts/serve.sh", "guidemap validate orgs/", "Files changed",
          "SECURITY.md", "guidemap stale", "guidemap check-links", "guidemap new", "_template.yml",
          "content/stories/", "location.precision", "approve-issue.yml")

LINK = re.compile(r"\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _prose(text: str) -> str:
    """The text without fenced code blocks (a `# comment` in a shell block is no heading)."""
    return re.sub(r"^(```|~~~).*?^\1[ \t]*$", "", text, flags=re.MULTILINE | re.DOTALL)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = "".join(c for c in heading.strip().lower()
                   if c in "-_ " or unicodedata.category(c)[0] in "LMN")  # Thai vowel marks are M
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    """Every heading's anchor, with GitHub's -1, -2 suffixes for repeated headings."""
    seen: dict[str, int] = {}
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", _prose(_text(path)), flags=re.MULTILINE):
        slug = _slug(heading)
        anchors.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return anchors


def _links(path: Path) -> list[str]:
    return LINK.findall(_prose(_text(path)))


@pytest.mark.parametrize("path", [THAI, ENGLISH], ids=["thai", "english"])
def test_internal_links_resolve(path: Path) -> None:
    links = [unquote(link[1:]) for link in _links(path) if link.startswith("#")]
    assert len(links) >= 5
    missing = [link for link in links if link not in _anchors(path)]
    assert missing == []


def test_contributing_is_thai_and_points_to_english_near_the_top() -> None:
    text = _text(THAI)
    assert "# Contributing (English)" not in text
    first_heading = text.splitlines()[0]
    assert first_heading.startswith("# ") and re.search(r"[\u0e00-\u0e7f]", first_heading)
    top = text.split("\n## ", 1)[0]  # everything before the first section
    assert "(docs/contributing-en.md)" in top
    letters = [c for c in _prose(text) if unicodedata.category(c).startswith("L")]
    thai = sum("\u0e00" <= c <= "\u0e7f" for c in letters)
    assert thai > len(letters) / 2  # code, field names and examples aside, the text is Thai


@pytest.mark.parametrize("path", [THAI, ENGLISH], ids=["thai", "english"])
def test_every_route_documented(path: Path) -> None:
    text = _text(path)
    missing = [needle for needle in ROUTES if needle not in text]
    assert missing == []


@pytest.mark.parametrize(("path", "lang"), [(THAI, "th"), (ENGLISH, "en")], ids=["thai", "english"])
def test_field_table_between_markers(path: Path, lang: str) -> None:
    """The generator of field tables replaces what lies between the markers: one pair, in order,
    holding the table of profile fields."""
    text = _text(path)
    start, end = f"<!-- fields:{lang} -->", f"<!-- /fields:{lang} -->"
    assert text.count(start) == 1 and text.count(end) == 1
    table = text.split(start)[1].split(end)[0]
    rows = [line for line in table.strip().splitlines() if line.startswith("| `")]
    fields = {re.match(r"\| `([^`]+)`", row).group(1) for row in rows}  # type: ignore[union-attr]
    assert {"id", "name.th", "province", "location.lat", "location.precision", "focus", "updated",
            "contact.phone", "logo_alt"} <= fields


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_point_at_files_that_exist(path: Path) -> None:
    """Every relative link (to a file, a folder, or a heading of another Markdown file) resolves."""
    broken = []
    for link in _links(path):
        if SCHEME.match(link) or link.startswith("#"):
            continue
        target, _, anchor = unquote(link).partition("#")
        resolved = (path.parent / target).resolve()
        outside = not resolved.exists() or REPO.resolve() not in (resolved, *resolved.parents)
        if outside or (anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved)):
            broken.append(link)
    assert broken == []


def test_docs_are_linked_from_the_readme() -> None:
    linked = {link for link in _links(README)}
    for doc in sorted((REPO / "docs").glob("*.md")):
        assert f"docs/{doc.name}" in linked, doc.name


def test_readme_is_short_and_keeps_the_quick_start_commands() -> None:
    data = README.read_bytes()
    assert len(data) <= 8192
    text = data.decode("utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"^bash scripts/serve\.sh\b", quick_start, flags=re.MULTILINE)
    assert re.search(r"^bash scripts/test\.sh\b", quick_start, flags=re.MULTILINE)


def test_newcomer_path_on_a_fresh_copy(tmp_path: Path) -> None:
    """The Git route: copy the template to a new profile, and `guidemap validate` accepts it."""
    work = tmp_path / "clone"
    shutil.copytree(REPO, work, ignore=ignore_in_copy)
    assert (work / "scripts" / "serve.sh").is_file()
    shutil.copy(work / "orgs" / "_template.yml", work / "orgs" / "ban-rak-thale.yml")
    result = subprocess.run([str(BIN / "guidemap"), "validate", "orgs/ban-rak-thale.yml"], cwd=work,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 profile(s)" in result.stderr
