"""The header's TH/EN switch in Debian's headless Chromium on a phone: Thai alone for a Thai
browser, English beside it for a browser that prefers English; a tap is remembered in the
browser (a reload keeps it) and sends nothing; nothing moves when the page opens; without
JavaScript the page reads as before (both languages, no switch)."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import SHIFTS_JS, TILE_HOST, build, layout_shift, local_context, make_repo, org_yaml

pytestmark = pytest.mark.browser

PHONE = {"has_touch": True, "is_mobile": True}
DESCRIBED = org_yaml("described") + "description:\n  th: เล่าเรื่องกลุ่มเป็นภาษาไทย\n  en: The group in English\n"
ENGLISH_ONLY = org_yaml("english-only") + "description:\n  en: Told in English only\n"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, serve: Any) -> str:
    repo = make_repo(tmp_path_factory.mktemp("language-switch"),
                     {"described": DESCRIBED, "english-only": ENGLISH_ONLY})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return str(serve(repo / "site"))


def _visible(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).first.is_visible())


def test_thai_alone_then_english_remembered_without_a_request(browser: Any, base: str) -> None:
    context, outside, _ = local_context(browser, locale="th-TH", **PHONE)
    context.add_init_script(SHIFTS_JS)
    try:
        page = context.new_page()
        page.goto(base + "orgs/described/")
        page.wait_for_load_state("load")
        assert page.evaluate("navigator.languages[0]") == "th-TH"
        switch = page.locator(".gm-lang")
        assert switch.is_visible() and switch.get_attribute("aria-pressed") == "false"
        assert not _visible(page, ".gm-org__en") and not _visible(page, "h2 .gm-en")
        assert not _visible(page, ".gm-en-alt")  # the English description beside the Thai one
        assert "เล่าเรื่องกลุ่มเป็นภาษาไทย" in page.inner_text("article")
        assert layout_shift(page) <= 0.02
        page.wait_for_load_state("networkidle")
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        switch.tap()
        assert switch.get_attribute("aria-pressed") == "true"
        assert _visible(page, ".gm-org__en") and _visible(page, "h2 .gm-en") and _visible(page, ".gm-en-alt")
        page.wait_for_timeout(200)
        # Remembered in the browser, not sent anywhere (the page's map may fetch a tile more, as
        # the English moves it on the screen).
        assert [u for u in requests if TILE_HOST not in u] == []
        assert page.evaluate("localStorage.getItem('gm-lang')") == "en"
        page.reload()
        page.wait_for_load_state("load")
        assert _visible(page, "h2 .gm-en")
        assert page.locator(".gm-lang").get_attribute("aria-pressed") == "true"
        assert layout_shift(page) <= 0.02
        page.goto(base)  # another page of the site
        assert _visible(page, ".gm-en")
        page.locator(".gm-lang").tap()
        page.reload()
        assert not _visible(page, ".gm-en")
        assert page.evaluate("localStorage.getItem('gm-lang')") == "th"
    finally:
        context.close()
    assert outside == []


def test_english_alone_is_never_hidden(browser: Any, base: str) -> None:
    context, _outside, _ = local_context(browser, locale="th-TH", **PHONE)
    try:
        page = context.new_page()
        page.goto(base + "orgs/english-only/")
        assert "Told in English only" in page.inner_text("article")
    finally:
        context.close()


@pytest.mark.parametrize("languages", ["en-US", "ms-MY,en-GB,th"])
def test_a_browser_that_prefers_english_gets_it_beside_the_thai(browser: Any, base: str,
                                                                 languages: str) -> None:
    context, _outside, _ = local_context(browser, locale=languages.split(",")[0],
                                         extra_http_headers={"Accept-Language": languages}, **PHONE)
    # navigator.languages follows the context's locale only: set the list the test means.
    context.add_init_script(
        f"Object.defineProperty(navigator, 'languages', {{get: () => {languages.split(',')!r}}});")
    context.add_init_script(SHIFTS_JS)
    try:
        page = context.new_page()
        page.goto(base)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.classList.contains('gm-lang-en')")
        assert _visible(page, ".gm-en") and page.locator(".gm-lang").get_attribute("aria-pressed") == "true"
        assert layout_shift(page) <= 0.02
    finally:
        context.close()


def test_without_javascript_both_languages_and_no_switch(browser: Any, base: str) -> None:
    context, _outside, _ = local_context(browser, locale="th-TH", java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(base + "orgs/described/")
        assert _visible(page, ".gm-org__en") and _visible(page, ".gm-en-alt")
        assert not page.locator(".gm-lang").is_visible()
    finally:
        context.close()
