"""Browser behaviour in Debian's headless Chromium: directory filters, links, no-JS, and proof
that hostile contributed text runs no script on any page."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from test_site import hostile_repo

from conftest import build, local_context, open_filters

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser: Any, serve: Any, repo_site: Path):  # type: ignore[no-untyped-def]
    context, outside, _tiles = local_context(browser)
    p = context.new_page()
    p.base = serve(repo_site)  # type: ignore[attr-defined]
    yield p
    context.close()
    assert outside == [], f"requests left the local server: {outside}"


def visible_cards(p: Any) -> list[dict[str, str]]:
    """The groups the directory shows: the filters' results once they are drawn (they carry
    what they were filtered on), else the page's own cards."""
    p.wait_for_selector(".gm-directory:not([aria-busy])")
    result: list[dict[str, str]] = p.eval_on_selector_all(
        ".gm-card", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => "
        "({id: e.dataset.id || e.id.replace(/^org-/, ''), province: e.dataset.province, "
        "focus: e.dataset.focus, needs: e.dataset.needs}))")
    return result


def test_directory_filters_combine_and_live_in_the_url(page: Any) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base + "orgs/")
    total = len(visible_cards(page))
    assert total >= 15
    assert page.is_visible(".gm-filters")
    assert not [u for u in requested if "directory.json" in u]  # nothing loaded on a page view
    open_filters(page)
    province = page.eval_on_selector("select[name=province]", "s => s.options[1].value")
    page.select_option("select[name=province]", province)
    shown = visible_cards(page)
    assert 0 < len(shown) < total and all(c["province"] == province for c in shown)
    assert len([u for u in requested if "directory.json" in u]) == 1
    assert f"province={province}" in page.url
    assert f"แสดง {len(shown)} จาก {total} กลุ่ม" in page.inner_text(".gm-count")
    # Add a need: the two filters combine.
    need = page.eval_on_selector("select[name=need]", "s => s.options[1].value")
    page.select_option("select[name=need]", need)
    both = visible_cards(page)
    assert all(c["province"] == province and need in c["needs"].split() for c in both)
    assert len(both) <= len(shown)
    assert len([u for u in requested if "directory.json" in u]) == 1  # loaded once
    # A shared link restores the same view.
    page.goto(page.url)
    assert [c["id"] for c in visible_cards(page)] == [c["id"] for c in both]
    open_filters(page)
    assert page.eval_on_selector("select[name=need]", "s => s.value") == need
    page.click(".gm-filters button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('.gm-card:not([hidden])').length === {total}")
    assert len(visible_cards(page)) == total
    assert "province=" not in page.url


def test_focus_filter_and_no_match_message(page: Any) -> None:
    page.goto(page.base + "orgs/?focus=marine")
    shown = visible_cards(page)
    assert shown and all("marine" in c["focus"].split() for c in shown)


def test_directory_fits_a_phone_screen(page: Any) -> None:
    page.goto(page.base + "orgs/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_follow_links_from_directory_to_group_and_province(page: Any) -> None:
    page.goto(page.base + "orgs/")
    first = page.locator(".gm-card__title a").first
    name = first.inner_text()
    first.click()
    page.wait_for_load_state()
    assert page.inner_text("article.gm-org h1") == name
    assert "/orgs/" in page.url
    page.locator(".gm-org__place a").first.click()
    page.wait_for_load_state()
    assert "/provinces/" in page.url
    assert page.locator(".gm-card__title a", has_text=name).count() == 1


def test_without_javascript_the_directory_is_complete(browser: Any, serve: Any, repo_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(serve(repo_site) + "orgs/")
    n_cards = p.locator(".gm-card").count()
    assert n_cards >= 15
    assert p.locator(".gm-card:visible").count() == n_cards
    assert not p.is_visible(".gm-filters")
    context.close()


def test_no_injected_script_runs_on_any_page(browser: Any, serve: Any, tmp_path: Path) -> None:
    repo = hostile_repo(tmp_path)
    assert build(repo).returncode == 0
    base = serve(repo / "site")
    # Without the Content-Security-Policy, which would block an injected script anyway: this
    # proves the escaping and cleaning on their own (tests/browser/test_csp_browser.py the policy).
    context = browser.new_context(bypass_csp=True)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = sorted((repo / "site").rglob("index.html"))
    assert len(pages) >= 8
    for html_file in pages:
        url = base + html_file.parent.relative_to(repo / "site").as_posix() + "/"
        p.goto(url.replace("/./", "/"))
        # Hover what a visitor might touch (an injected onmouseover would fire).
        p.mouse.move(200, 300)
        for link in p.locator("article a, .md-content p").all()[:20]:
            with contextlib.suppress(Exception):  # hidden or detached elements are fine to skip
                link.hover(timeout=500)
        assert p.evaluate("typeof window.__pwned") == "undefined", url
    assert dialogs == []
    context.close()
