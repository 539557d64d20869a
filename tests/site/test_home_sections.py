"""No empty section on the home page: a block with nothing to show (no coming event, no story)
is left out with the heading right before its marker, and with its line in the page's contents;
a block with something keeps both. On this repository's data (no event) and on a rich one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import unwrap_words
from dated_fixture import EPOCH, build_at, dated_repo

HOME = ("# หน้าแรก\n\n<!-- guidemap:volunteer-now -->\n\n<!-- guidemap:summary -->\n\n"
        "## กิจกรรมครั้งต่อไป\n\n<!-- guidemap:next-event -->\n\n"
        "## เรื่องเล่าล่าสุด\n\n<!-- guidemap:latest-stories -->\n\n## ติดต่อเรา\n\nเขียนถึงเรา\n")


def _article(page: str) -> str:
    return unwrap_words(page[page.index("<article"):page.index("</article>")])


def _contents(page: str) -> list[str]:
    toc = page[page.index('data-md-component="toc"'):]
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', toc[:toc.index("</ul>")])


def _sections(article: str) -> dict[str, str]:
    """Each h2's text → what follows it up to the next heading."""
    parts = re.split(r"<h2 id=\"([^\"]+)\">(.*?)<a class=\"headerlink\".*?</h2>", article)
    return {parts[i + 1].strip(): parts[i + 2] for i in range(1, len(parts) - 2, 3)}


def _assert_no_empty_section(page: str) -> None:
    article = _article(page)
    for title, body in _sections(article).items():
        assert re.sub(r"<[^>]+>|\s", "", body), f"empty section {title!r}"
    ids = set(re.findall(r'<h2 id="([^"]+)"', article))
    assert set(_contents(page)) == ids  # no contents line points at a heading that is gone


def test_this_repository_home_has_no_empty_section(repo_site: Path) -> None:
    page = (repo_site / "index.html").read_text(encoding="utf-8")
    _assert_no_empty_section(page)
    article = _article(page)
    assert "กิจกรรมครั้งต่อไป" not in article and "ยังไม่มีกิจกรรม" not in article  # no event coming
    assert "เรื่องเล่าล่าสุด" in article and 'class="gm-story__title"' in article


@pytest.fixture(scope="module")
def rich_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    repo = dated_repo(tmp_path_factory.mktemp("rich-home"))
    (repo / "content" / "index.md").write_text(HOME, encoding="utf-8")
    return (build_at(repo, EPOCH) / "index.html").read_text(encoding="utf-8")


def test_a_rich_home_keeps_the_sections_that_have_something(rich_home: str) -> None:
    _assert_no_empty_section(rich_home)
    sections = _sections(_article(rich_home))
    assert 'class="gm-next-event"' in sections["กิจกรรมครั้งต่อไป"]  # an event is coming
    assert "เรื่องเล่าล่าสุด" not in sections  # this repository has no story
    assert "ติดต่อเรา" in sections  # the network's own sections stay
