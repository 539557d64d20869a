"""Calls and events in headless Debian Chromium on a phone-sized screen: the "Volunteer now"
filters live in the URL and combine, the full list without JavaScript, an expired call gone
after a later rebuild, the home page's next event, a group's calls, hostile text inert, the
map's "open calls" filter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import local_context
from dated_fixture import EPOCH, LATER, build_at, dated_repo

pytestmark = pytest.mark.browser

# The browser's clock on the build day, midday in Thailand: "this week" is counted from it.
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    repo = dated_repo(tmp_path_factory.mktemp("dated-browser"))
    return build_at(repo, EPOCH), build_at(repo, LATER, "site-later")


def _open(browser: Any, serve: Any, site: Path, **kw: Any) -> tuple[Any, Any, list[str]]:
    context, outside, _ = local_context(browser, **kw)
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.base = serve(site)  # type: ignore[attr-defined]
    page.pwned = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.pwned.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    return context, page, outside


@pytest.fixture()
def page(browser: Any, serve: Any, sites: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    context, p, outside = _open(browser, serve, sites[0])
    yield p
    assert p.evaluate("window.__pwned === undefined") and p.pwned == []
    context.close()
    assert outside == [], f"requests left the local server: {outside}"


def shown_calls(p: Any) -> list[str]:
    ids: list[str] = p.eval_on_selector_all(
        ".gm-call", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(5))")
    return ids


def test_volunteer_filters_combine_and_live_in_the_url(page: Any) -> None:
    page.goto(page.base + "volunteer/")
    assert page.is_visible(".gm-dated-filters")
    every = shown_calls(page)
    assert every == ["translate", "beach-clean", "expires-soon", "camp", "hostile"]
    page.select_option("select[name=when]", "week")
    # This week (18 to 24 November): the ongoing call and the clean-up on the 21st.
    assert shown_calls(page) == ["translate", "beach-clean"]
    assert "when=week" in page.url
    page.select_option("select[name=remote]", "yes")
    assert shown_calls(page) == ["translate"]
    assert "แสดง 1 จาก 5 ประกาศ" in page.inner_text(".gm-count")
    # A shared link restores the same view.
    page.goto(page.base + "volunteer/?province=95&focus=orphans")
    assert shown_calls(page) == ["camp", "hostile"]
    page.goto(page.base + "volunteer/?when=month&remote=no&province=90")
    assert shown_calls(page) == ["beach-clean"]
    page.select_option("select[name=province]", "94")
    assert shown_calls(page) == ["expires-soon"]
    page.select_option("select[name=focus]", "orphans")
    assert shown_calls(page) == [] and page.is_visible(".gm-empty-filter")
    page.click(".gm-dated-filters button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('.gm-call:not([hidden])').length === 5")
    assert "province=" not in page.url
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_full_list_works_without_javascript(browser: Any, serve: Any, sites: tuple[Path, Path]) -> None:
    context, p, outside = _open(browser, serve, sites[0], java_script_enabled=False)
    p.goto(p.base + "volunteer/?province=95&when=week")
    assert not p.is_visible(".gm-dated-filters")  # a form that would do nothing stays hidden
    assert shown_calls(p) == ["translate", "beach-clean", "expires-soon", "camp", "hostile"]
    assert "สมัครได้ถึง" in p.inner_text("#call-camp")
    context.close()
    assert outside == []


def test_an_expired_call_is_gone_after_a_later_rebuild(browser: Any, serve: Any,
                                                       sites: tuple[Path, Path]) -> None:
    context, p, outside = _open(browser, serve, sites[1])
    p.goto(p.base + "volunteer/")
    assert shown_calls(p) == ["translate", "camp", "hostile"]
    p.goto(p.base + "orgs/peace-a/")
    assert "อาสาจัดของบริจาค" not in p.inner_text("article.gm-org")
    context.close()
    assert outside == []


def test_home_shows_the_next_event_and_volunteer_now(page: Any) -> None:
    page.goto(page.base)
    block = page.locator(".gm-next-event")
    assert "ประชุมเครือข่ายครั้งที่สอง" in block.inner_text()
    assert "5 ธันวาคม 2569" in block.inner_text()
    page.click("text=ร่วมเป็นอาสา")
    page.wait_for_url("**/volunteer/")
    assert len(shown_calls(page)) == 5


def test_a_group_page_lists_its_calls_and_events(page: Any) -> None:
    page.goto(page.base + "orgs/peace-a/")
    section = page.locator(".gm-org-dated")
    text = section.inner_text()
    assert "แปลเอกสารภาษามลายู" in text and "พี่เลี้ยงค่ายเด็กกำพร้า" in text
    assert "ประชุมเครือข่ายครั้งที่สอง" in text
    section.locator("a", has_text="พี่เลี้ยงค่ายเด็กกำพร้า").click()
    page.wait_for_url("**/volunteer/#call-camp")
    assert page.is_visible("#call-camp")


def test_hostile_text_runs_nothing(page: Any) -> None:
    for url in ("volunteer/", "events/", "events/hostile-event/", "orgs/kids/"):
        page.goto(page.base + url)
        assert "<script>window.__pwned=1</script>" in page.inner_text("article")  # shown as text
        if not url.startswith("orgs/"):  # the new pages fit a phone, hostile words and all
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, url


def test_map_shows_only_groups_with_open_calls(page: Any) -> None:
    page.goto(page.base + "map/?calls=open")
    page.wait_for_function("() => document.querySelector('.gm-count').textContent.includes('จาก')")
    assert "แสดง 3 จาก 4 กลุ่ม" in page.inner_text(".gm-count")
    listed = page.eval_on_selector_all(".gm-map-list > li",
                                       "els => els.filter(e => !e.hidden).map(e => e.id)")
    assert sorted(listed) == ["beach", "kids", "peace-a"]  # not "quiet", which has no open call
    page.select_option("select[name=calls]", "")
    page.wait_for_function("() => document.querySelector('.gm-count').textContent.includes('ทั้งหมด 4')")


def test_a_visitor_after_the_dates_does_not_see_an_expired_call(browser: Any, serve: Any,
                                                                sites: tuple[Path, Path]) -> None:
    """Should the daily rebuild fail, the script still hides what has expired on the visitor's day."""
    context, p, outside = _open(browser, serve, sites[0])
    p.clock.set_fixed_time(dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    p.goto(p.base + "volunteer/")
    assert shown_calls(p) == ["translate", "camp", "hostile"]  # apply by 20 and 22 November: gone
    assert "ทั้งหมด 3 ประกาศ" in p.inner_text(".gm-count")
    context.close()
    assert outside == []
