"""The subscribe page on a phone (390 x 844, Debian's headless Chromium), for a network with a LINE
account and an e-mail service: every tap target at least 44 px, the add-friend link, the QR code
and the form shown, nothing requested from anywhere else until the visitor sends the form, the
copy button copies the feed's address, and a feed's button opens a page, not XML."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, local_context
from dated_fixture import EPOCH, build_at
from every_type import every_type_repo

sys.path.insert(0, str(REPO / "scripts"))
import audit

pytestmark = pytest.mark.browser

SIGNUP = "https://buttondown.com/api/emails/embed-subscribe/southvol"
ADD_FRIEND = "https://line.me/R/ti/p/%40southvol"

# Every visible thing a visitor taps in the page's content, with its size.
TARGETS_JS = """() => [...document.querySelectorAll(
    '.md-content a[href], .md-content button, .md-content input, .md-content select, .md-content summary')]
  .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
    return {what: e.tagName + ' ' + (e.textContent || e.value || '').trim().slice(0, 40),
            width: r.width, height: r.height}; })"""


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = every_type_repo(tmp_path_factory.mktemp("subscribe-browser"))
    (repo / "guidemap.yml").write_text(
        f'newsletter:\n  line: "@southvol"\n  email_signup: {SIGNUP}\n', encoding="utf-8")
    return build_at(repo, EPOCH)


def test_tap_targets_line_qr_and_form_and_nothing_leaves_before_a_tap(browser: Any, serve: Any,
                                                                      news_site: Path) -> None:
    base = serve(news_site)
    context, outside, _tiles = local_context(browser)
    sent: list[tuple[str, str]] = []

    def service(route: Any) -> None:  # the e-mail service, answered here: no network in tests
        sent.append((route.request.method, route.request.url))
        route.fulfill(status=200, content_type="text/html", body="<p>ok</p>")

    context.route("https://buttondown.com/**", service)
    try:
        page = context.new_page()
        page.goto(base + "subscribe/")
        page.wait_for_load_state("networkidle")
        page.mouse.wheel(0, 20000)  # everything lazy has its chance to load
        page.wait_for_timeout(300)
        assert outside == [] and sent == []
        small = [t for t in page.evaluate(TARGETS_JS) if t["width"] < 44 or t["height"] < 44]
        assert small == [], small[:10]
        add = page.locator(f'a[href="{ADD_FRIEND}"]')
        assert add.is_visible()
        qr = page.locator(".gm-line-qr svg")
        assert qr.is_visible() and qr.bounding_box()["width"] >= 120  # type: ignore[index]
        field = page.locator('form.gm-signup input[type="email"]')
        assert field.is_visible()
        # Sent: the one request that leaves, to the service, with the address.
        field.fill("someone@example.org")
        page.locator("form.gm-signup button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        assert sent == [("POST", SIGNUP)]
    finally:
        context.close()


def test_copy_button_copies_the_address_and_a_feed_button_opens_a_page(browser: Any, serve: Any,
                                                                        news_site: Path) -> None:
    base = serve(news_site)
    context, outside, _tiles = local_context(browser, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base + "subscribe/")
        button = page.locator(".gm-copy__button").first
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('.gm-copy__status').textContent !== ''")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "https://example.org/guide/feed.xml"
        with page.expect_navigation() as made:
            page.locator(".gm-row .gm-row__button").first.click()
        response = made.value
        assert response is not None and response.headers["content-type"].startswith("text/html")
        assert page.url.endswith("/follow/newsletter/")
        assert outside == []
    finally:
        context.close()


def test_the_page_with_line_and_email_has_no_serious_axe_violation(browser: Any, serve: Any,
                                                                    news_site: Path) -> None:
    if not audit.AXE_JS.exists():
        pytest.skip("axe-core is missing: scripts/test.sh runs `npm ci --prefix scripts/audit`")
    context, outside, _tiles = local_context(browser)
    try:
        page, visit = audit.first_visit(context, serve(news_site) + "subscribe/", settle_ms=300)
        violations = audit.axe_violations(page)
    finally:
        context.close()
    assert violations == [] and outside == [] and visit.outside == [], violations
