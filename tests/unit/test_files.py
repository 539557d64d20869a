"""The one rule for contributed files (guidemap.contract.files) and the bound on Markdown's work
(guidemap.contract.mdwork), below the case folders: links never followed, the plugin's second
check, the maintainers' pages of mkdocs.yml, pictures in Markdown, and timings."""

from __future__ import annotations

import os
import time
from pathlib import Path

import markdown
import pytest

from conftest import REPO
from guidemap.contract import files, mdwork
from guidemap.contract.problems import Problems
from guidemap.outputs.html.htmlkit import sanitize

CASES = Path(__file__).parents[1] / "cases" / "orgs"


def test_links_are_listed_never_followed(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.md").write_text("x", encoding="utf-8")
    os.symlink(".", tmp_path / "real" / "loop")
    os.symlink("../real", tmp_path / "real" / "up")
    os.symlink("b", tmp_path / "real" / "c")
    os.symlink("c", tmp_path / "real" / "b")
    os.symlink("/proc/self/environ", tmp_path / "real" / "env.md")
    start = time.perf_counter()
    found = [(p.relative_to(tmp_path).as_posix(), link) for p, link in files.walk(tmp_path / "real")]
    assert time.perf_counter() - start < 1
    assert found == [("real/a.md", False), ("real/b", True), ("real/c", True), ("real/env.md", True),
                     ("real/loop", True), ("real/up", True)]
    assert files.regular_files(tmp_path / "real") == [tmp_path / "real" / "a.md"]
    os.symlink(tmp_path / "real", tmp_path / "linked")
    assert list(files.walk(tmp_path / "linked")) == [(tmp_path / "linked", True)]


def test_the_plugin_checks_every_file_it_would_publish(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    (docs / "stories").mkdir(parents=True)
    os.symlink("/etc", docs / "stories" / "etc")
    pages = frozenset({"about.md"})
    problem = files.published_file_problem
    assert problem("stories/etc/passwd.md", docs / "stories" / "etc" / "passwd.md", pages) == (
        "stories/etc/passwd.md: a symbolic link is never published")
    assert problem("stories/a.md", docs / "stories" / "a.md", pages) is None
    assert problem("about.md", docs / "about.md", pages) is None
    assert problem("index.md", docs / "index.md", pages) is None
    for refused in ("notes.md", "stories/x/index.md", "stories/a.html", "a.js", "stories/a.svg",
                    "stories/IMG_0042.HEIC", "stories/a.gif", "README"):
        assert problem(refused, docs / refused, pages), refused


def test_the_maintainers_pages_are_read_from_mkdocs_yml(tmp_path: Path) -> None:
    # The repository's own file: its !ENV tags do not stop the reading.
    assert files.maintained_pages(REPO / "mkdocs.yml") >= {"index.md", "about.md", "map.md"}
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_url: !ENV [X, 'y']\nnav:\n  - Home: index.md\n  - Out: https://e.org/a.md\n"
                   "  - Section:\n      - sub/page.md\nplugins:\n  - search\n  - guidemap:\n"
                   "      maintained_pages: [hidden.md]\n", encoding="utf-8")
    assert files.maintained_pages(yml) == {"index.md", "sub/page.md", "hidden.md"}
    assert files.maintained_pages(tmp_path / "missing.yml") == frozenset()


def test_pictures_in_markdown_are_found_in_every_form() -> None:
    body = ("a ![x](one.jpg) b ![y](<two words.png> \"title\")\n"
            "<IMG alt=z SRC='three.webp'>\n![ref][r] ![r]\n\n[r]: https://t.example/p.gif\n")
    assert files.inline_images(body) == [(1, "one.jpg"), (1, "two words.png"), (2, "three.webp"),
                                         (5, "https://t.example/p.gif")]
    for outside in ("https://t.example/p.gif", "//t.example/p.gif", "data:image/png;base64,x",
                    "HTTP://T", "\\\\host\\share\\p.jpg", "/\\t.example/p.gif"):
        assert files.is_outside_address(outside), outside
    assert files.picture_path("sub/my%20photo.jpg?x#y") == "sub/my photo.jpg"
    assert files.picture_path("../a.jpg") is None and files.picture_path("/a.jpg") is None
    assert files.story_pictures("stories/2024/a.md", body, "cover.jpg") == {
        "stories/2024/cover.jpg", "stories/2024/one.jpg", "stories/2024/two words.png",
        "stories/2024/three.webp"}


def test_the_cleaner_drops_pictures_from_other_sites() -> None:
    """A build without validation: the cleaner keeps local pictures only."""
    cleaned = sanitize('<img src="https://t.example/p.gif" alt="a"><img src=" //t.example/q">'
                       '<img src="beach.jpg" alt="b">')
    assert "t.example" not in cleaned and 'src="beach.jpg"' in cleaned


def test_too_many_pixels_together_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    (tmp_path / "content" / "stories").mkdir(parents=True)
    (tmp_path / "orgs").mkdir()
    for name in ("a.png", "b.png"):
        Image.new("RGB", (100, 100)).save(tmp_path / "content" / "stories" / name)
    monkeypatch.setattr(files, "MAX_TOTAL_PIXELS", 15_000)
    problems = Problems()
    files.check_files(tmp_path, "content", "orgs", frozenset(), problems)
    (problem,) = problems.items
    assert problem.path == "content" and "megapixels together" in problem.en
    assert "content/stories/a.png" in problem.en  # the largest are named


@pytest.mark.parametrize("slow", ["text\n=\n", "text\n-\n", "***\n", "- - -\n", "# a\n", "#tag\n",
                                  "> ***\n", "> > text\n> > ===\n", "a\n***\n"])
def test_slow_markdown_is_found_in_linear_time(slow: str) -> None:
    text = slow * (59_000 // len(slow))
    start = time.perf_counter()
    assert mdwork.too_slow(text) == 1
    assert time.perf_counter() - start < 0.5
    # The same lines with blank lines between them render quickly and pass.
    spaced = slow.replace("\n", "\n\n") * (59_000 // len(slow) // 2)
    assert mdwork.too_slow(spaced) is None


def test_what_the_bound_lets_through_renders_quickly() -> None:
    """The largest block the bound accepts, of the slowest lines, renders in well under a second."""
    lines = int((mdwork.MAX_WORK / 7) ** 0.5)  # 7 characters and one underline a pair of lines
    text = "text\n=\n" * lines
    assert mdwork.too_slow(text) is None and mdwork.too_slow(text * 2) == 1
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "admonition", "toc"])
    start = time.process_time()
    converter.convert(text)
    assert time.process_time() - start < 0.5


def test_ordinary_stories_are_far_below_the_bound() -> None:
    for story in sorted((REPO / "content" / "stories").glob("*.md")):
        assert mdwork.markdown_work(story.read_text(encoding="utf-8"))[0] < mdwork.MAX_WORK // 100


def test_the_slow_markdown_case_is_refused_in_under_5_seconds(capsys: pytest.CaptureFixture[str]) -> None:
    from guidemap.tools.cli import main

    case = CASES / "slow-markdown"
    start = time.perf_counter()
    assert main(["--root", str(case), "validate"]) == 1
    took = time.perf_counter() - start
    stories = list((case / "content" / "stories").glob("*.md"))
    assert len(stories) == 3 and all(s.stat().st_size > 55_000 for s in stories)
    assert took < 5, took  # for the three files together
    assert capsys.readouterr().out.count("too long to render") == 3
