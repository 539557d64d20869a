"""The home page's first action on a phone, in Debian's headless Chromium: a province and a
focus open the directory filtered; "near me" lists the nearest groups from their public
positions, with the browser's position (granted to the test) sent nowhere; tap targets of at
least 44 pixels."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import build, local_context, make_repo, open_filters, org_yaml

pytestmark = pytest.mark.browser

# Yala town; Pattani about 80 km north-east; Songkhla about 100 km north-west.
YALA = {"latitude": 6.5411, "longitude": 101.2804}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> str:
    orgs = {
        "yala-youth": org_yaml("yala-youth", name_th="เยาวชนยะลา", province="ยะลา", lat="6.54",
                               lon="101.28", focus="children-youth"),
        "pattani-peace": org_yaml("pattani-peace", name_th="สันติปัตตานี", lat="6.8697", lon="101.2501"),
        "songkhla-sea": org_yaml("songkhla-sea", name_th="ทะเลสงขลา", province="สงขลา", lat="7.2",
                                 lon="100.6", focus="marine"),
    }
    repo = make_repo(tmp_path_factory.mktemp("home-phone"), orgs)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return str(serve(repo / "site"))


def test_near_me_lists_the_nearest_groups_without_sending_the_position(browser: Any, base: str) -> None:
    context, outside, _ = local_context(browser, has_touch=True, is_mobile=True, geolocation=YALA,
                                        permissions=["geolocation"])
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.goto(base)
        assert not [u for u in requests if "directory.json" in u]  # nothing before the tap
        page.tap(".gm-near")
        page.wait_for_selector(".gm-near__list li")
        names = page.eval_on_selector_all(".gm-near__list li a", "els => els.map(e => e.textContent)")
        assert names == ["เยาวชนยะลา", "สันติปัตตานี", "ทะเลสงขลา"]
        hrefs = page.eval_on_selector_all(".gm-near__list li a", "els => els.map(e => e.href)")
        assert hrefs[0] == base + "orgs/yala-youth/"
        # The position is in no request (only the site's own data file was fetched).
        assert not [u for u in requests if "6.54" in u or "101.28" in u]
    finally:
        context.close()
    assert outside == []


def test_a_province_and_a_focus_open_the_directory_filtered(browser: Any, base: str) -> None:
    context, outside, _ = local_context(browser, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base)
        page.select_option(".gm-find select[name=province]", "95")
        page.select_option(".gm-find select[name=focus]", "children-youth")
        page.tap(".gm-find button[type=submit]")
        page.wait_for_url("**/orgs/?province=95&focus=children-youth")
        page.wait_for_selector(".gm-directory__results .gm-card")
        ids = page.eval_on_selector_all(".gm-directory__results .gm-card",
                                        "els => els.map(e => e.dataset.id)")
        assert ids == ["yala-youth"]
        open_filters(page)
        assert page.eval_on_selector("select[name=province]", "s => s.value") == "95"
    finally:
        context.close()
    assert outside == []


def test_first_actions_are_big_enough_to_tap(browser: Any, base: str) -> None:
    context, outside, _ = local_context(browser, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(base)
        heights = page.eval_on_selector_all(
            ".gm-find button, .gm-find select, .gm-chip",
            "els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and min(heights) >= 44, heights
        # The first action is on the first screen.
        assert page.locator(".gm-near").bounding_box()["y"] < 844
    finally:
        context.close()
    assert outside == []


def test_an_event_page_fetches_no_missing_file(browser: Any, serve: Any,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    """Material takes the event's calendar link (rel="alternate", text/calendar) for a language
    version and asks for a sitemap.xml beside it: a 404 and a console error on every event page."""
    from dated_fixture import EPOCH, build_at, dated_repo

    site = build_at(dated_repo(tmp_path_factory.mktemp("event-sitemap")), EPOCH)
    context, outside, _ = local_context(browser)
    failed: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        page = context.new_page()
        page.goto(serve(site) + "events/open-day/", wait_until="networkidle")
        assert page.locator('link[rel=alternate][type="text/calendar"]').count() == 1
    finally:
        context.close()
    assert outside == [] and failed == []
