"""A story's front matter is read once, by the loader: MkDocs gets the story with an empty one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from conftest import build, make_repo, org_yaml
from guidemap.adapter.plugin import GuideMapPlugin
from guidemap.outputs.site.types import ContributedPage

STORY = "---\ntitle: เรื่องแรก\ndate: 2026-01-01\n---\nNote: kept as text\n\nเนื้อหา\n"


def _page(path: Path, src_uri: str) -> SimpleNamespace:
    text = path.read_text(encoding="utf-8")
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=text))


def test_mkdocs_reads_a_story_without_its_front_matter(tmp_path: Path) -> None:
    story = tmp_path / "first.md"
    story.write_text(STORY, encoding="utf-8")
    plugin = GuideMapPlugin()
    plugin.contributed = {"stories/first.md": ContributedPage(finish=str, title="เรื่องแรก"),
                          "index.md": ContributedPage(finish=str)}
    source = plugin.on_page_read_source(page=_page(story, "stories/first.md"), config=None)
    assert source == "---\n{}\n---\nNote: kept as text\n\nเนื้อหา\n"
    # A page that keeps its own front matter (no title from the model) is read by MkDocs.
    assert plugin.on_page_read_source(page=_page(story, "index.md"), config=None) is None
    assert plugin.on_page_read_source(page=_page(story, "about.md"), config=None) is None


def test_a_first_line_that_looks_like_metadata_stays_in_the_story(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, {"a": org_yaml("a")}, {"first.md": STORY})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    page = (repo / "site" / "stories" / "first" / "index.html").read_text(encoding="utf-8")
    assert "Note: kept as text" in page and "เนื้อหา" in page
