"""Search results on a phone, in Debian's headless Chromium: each shows its title, what it is
(group, story, call, event), its province and two lines of text around the match, never a
page's whole text with its headings' ¶ marks; the count has one wording."""

from __future__ import annotations

import re
import sys
from typing import Any

import pytest

from conftest import REPO, build, local_context, make_repo, org_yaml

sys.path.insert(0, str(REPO / "scripts"))
import search_recall as sr

pytestmark = pytest.mark.browser

LONG = " ".join(["กลุ่มเราทำงานกับเยาวชนในชุมชนริมทะเลมาหลายปี เราจัดกิจกรรมทุกเดือน"] * 6)
DESCRIPTION = f"""description:
  th: |
    ## เรื่องของเรา

    {LONG} วันเสาร์เราเก็บขยะบนชายหาดสะกอมกับอาสาสมัคร {LONG}
"""

STORY = """---
title: เก็บขยะที่ชายหาด
date: 2026-10-01
orgs: [beach]
---

เราเก็บขยะที่ชายหาดกันทั้งวัน
"""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> str:
    orgs = {"beach": org_yaml("beach", province="สงขลา", lat="7.2", lon="100.6", focus="marine")
            + DESCRIPTION,
            "other": org_yaml("other")}
    repo = make_repo(tmp_path_factory.mktemp("search-results"), orgs, {"2026-10-01-beach.md": STORY})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return str(serve(repo / "site"))


def test_a_result_says_what_and_where_with_two_lines_around_the_match(browser: Any, base: str) -> None:
    context, outside, _ = local_context(browser, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base)
        page.locator("label.md-header__button[for=__search]").click()  # a phone's search button
        page.wait_for_selector(sr.INPUT, state="visible")
        sr.search(page, "ชายหาดสะกอม")
        page.wait_for_selector(".md-search-result__list > li")
        first = page.locator(".md-search-result__list > li").first
        assert "orgs/beach/" in first.locator("a").first.get_attribute("href")
        about = first.locator(".gm-result__about")
        assert about.inner_text().split() == ["กลุ่ม", "·", "สงขลา"]  # a Thai browser: Thai alone
        assert about.text_content().split() == ["กลุ่ม", "Group", "·", "สงขลา"]  # English on request
        text = first.locator(".gm-result__text").first
        shown = text.inner_text()
        assert "ชายหาดสะกอม" in shown.replace("\n", "") and "¶" not in first.inner_text()
        assert len(shown) <= 160 and shown.startswith("…")
        lines = text.evaluate("e => Math.round(e.getBoundingClientRect().height"
                              " / parseFloat(getComputedStyle(e).lineHeight))")
        assert lines <= 2
        assert first.bounding_box()["height"] < 260
        assert re.fullmatch(r"พบ \d+ หน้า", page.inner_text(".md-search-result__meta").strip())
        # A story says it is one.
        sr.search(page, "เก็บขยะ")
        page.wait_for_selector(".md-search-result__list > li")
        abouts = page.eval_on_selector_all(".gm-result__about", "els => els.map(e => e.textContent)")
        assert any(a.startswith("เรื่องเล่า") for a in abouts), abouts
    finally:
        context.close()
    assert outside == []
