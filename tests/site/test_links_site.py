"""Every internal link and ``#fragment`` of a built site resolves (tests/site_links.py), on
this repository and on a story whose headings are Thai (Markdown's toc gave them "_1", "_2",
which the HTML cleaner dropped while the contents and heading links kept pointing at them)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build, make_repo, org_yaml
from site_links import broken_links

STORY = """\
---
title: บทเรียนจากการประชุม
date: 2026-01-10
orgs: [peace-a]
---

## ประชุมเครือข่ายครั้งแรก

เนื้อหา

## ประชุมเครือข่ายครั้งแรก

ซ้ำชื่อ

## 🙂

## Café & ข้าว ๑

[กลับไปหัวข้อแรก](#ประชุมเครือข่ายครั้งแรก)
"""


def test_the_repository_has_no_broken_link_or_fragment(repo_site: Path) -> None:
    assert broken_links(repo_site) == []


def test_thai_headings_keep_ids_the_contents_and_links_reach(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"peace-a": org_yaml("peace-a")}, {"2026-01-10-lesson.md": STORY})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    page = (site / "stories" / "2026-01-10-lesson" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h2 id="([^"]+)"', page)
    assert ids == ["ประชุมเครือข่ายครั้งแรก", "ประชุมเครือข่ายครั้งแรก_1", "h", "cafe-ข้าว-๑"]
    assert broken_links(site, "https://example.org/guide/") == []


def test_a_repository_with_every_content_type_has_no_broken_link(every_type_site: Path) -> None:
    assert broken_links(every_type_site, "https://example.org/guide/") == []
