"""Reading offline in headless Debian Chromium: the site's service worker keeps the first pages
after one visit, a page opened is kept, a page never opened shows the offline page, a saved
province's groups open without a connection, and a rebuild replaces the old build's cache.
Each test runs with the site at a server's root and under a sub-path (a project site).

Service workers need a secure origin: http://127.0.0.1 is one. The context is set offline
after the online visit (``context.set_offline``), as a phone on a bus would be.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SHIFTS_JS, layout_shift, local_context
from dated_fixture import CALLS, EPOCH, EVENTS, LATER, build_at, dated_repo

sys.path.insert(0, str(REPO / "scripts"))
import search_recall as sr  # the search as a person types it

pytestmark = pytest.mark.browser

THAI = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2026, 11, 18, 12, 0, tzinfo=THAI)  # the first build's day
LATER_NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=THAI)  # "expires-soon" ended the day before
FIRST_PAGES = ("", "orgs/", "volunteer/", "events/", "subscribe/", "guide/")
PATHS = {"root": "", "sub-path": "guidemap/"}

# Caches, controller and the worker's state, as the page sees them.
CACHES_JS = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map(r => r.url);
  }
  return out;
}"""
CACHED_TEXT_JS = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const r of await cache.keys()) out[r.url] = await (await cache.match(r)).text();
  }
  return out;
}"""


def _repo(root: Path) -> Path:
    calls = {k: CALLS[k] for k in ("beach-clean", "translate", "expires-soon", "camp")}
    return dated_repo(root, calls=calls, events={"meeting-2569": EVENTS["meeting-2569"]})


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _repo(tmp_path_factory.mktemp("offline-browser"))


def _build(repo: Path, epoch: int, name: str) -> tuple[Path, str]:
    """The site built into www-<name>/ (at its root) or www-<name>/guidemap/ (a sub-path)."""
    sub = PATHS[name]
    return build_at(repo, epoch, f"www-{name}/{sub}".rstrip("/")), sub


@pytest.fixture(scope="module", params=sorted(PATHS))
def site(request: pytest.FixtureRequest, repo: Path, serve: Any) -> str:
    """The first build, served at the root or under /guidemap/: its base URL."""
    _, sub = _build(repo, EPOCH, request.param)
    return str(serve(repo / f"www-{request.param}")) + sub


def _open(browser: Any, when: dt.datetime = NOW, **kw: Any) -> tuple[Any, Any, list[str], list[str]]:
    context, outside, _ = local_context(browser, service_workers="allow", **kw)
    context.clock.set_fixed_time(when)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    return context, page, outside, errors


def _poll(page: Any, done: Any, seconds: float = 30) -> None:
    """Wait until ``done`` holds of the caches (name → URLs) the page sees."""
    end = time.monotonic() + seconds
    while True:
        names = page.evaluate(CACHES_JS)
        if done(names):
            return
        assert time.monotonic() < end, f"caches: {names}"
        page.wait_for_timeout(200)


def _wait_for_worker(page: Any) -> None:
    """The worker active, controlling the page, its first pages kept."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    _poll(page, lambda names: len(names) == 1
          and any(u.endswith("/offline/") for u in next(iter(names.values()))))


def _complete(page: Any, url: str) -> None:
    """A page as complete as online: its styles applied, its Thai text, its scripts run."""
    for sheet in page.eval_on_selector_all('link[rel="stylesheet"]', "els => els.map(e => !!e.sheet)"):
        assert sheet, f"{url}: a stylesheet did not load"
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent", ""), url
    assert page.evaluate("typeof document$ !== 'undefined'"), f"{url}: Material's bundle did not run"
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in page.inner_text("article")), url


def shown_calls(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        ".gm-call", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(5))")
    return ids


def test_first_pages_and_opened_pages_load_offline(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser)
    page.goto(site)
    _wait_for_worker(page)
    page.goto(site + "orgs/peace-a/")  # opened once: kept
    page.wait_for_load_state("load")
    context.set_offline(True)
    for url in (*FIRST_PAGES, "orgs/peace-a/"):
        response = page.goto(site + url)
        assert response is not None and response.ok, url
        assert page.get_attribute("html", "data-gm-saved"), f"{url}: not served from the saved copy"
        assert "หน้านี้บันทึกไว้เมื่อ" in page.inner_text(".gm-offline-note"), url
        _complete(page, url)
    page.goto(site + "volunteer/")
    assert shown_calls(page) == ["translate", "beach-clean", "expires-soon", "camp"]
    page.goto(site + "offline/")  # lists the pages opened, by their titles
    page.wait_for_selector(".gm-offline-pages li")
    assert page.inner_text(".gm-offline-pages li a") == "กลุ่ม peace-a"  # without the site's name
    context.close()
    assert errors == [] and outside == []


def test_a_page_never_opened_shows_the_offline_page(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser)
    page.goto(site)
    _wait_for_worker(page)
    context.set_offline(True)
    page.goto(site + "orgs/kids/")
    assert page.url == site + "orgs/kids/"  # the address stays: a reload online opens the page
    assert page.is_visible(".gm-offline-missing")
    assert "อ่านได้แม้ไม่มีสัญญาณ" in page.inner_text("h1")
    _complete(page, "offline page")
    page.click(".gm-offline a:has-text('ทำเนียบกลุ่ม')")  # its links lead to the saved pages
    page.wait_for_url(site + "orgs/")
    assert page.get_attribute("html", "data-gm-saved")
    context.close()
    assert errors == [] and outside == []


def test_an_ended_call_is_hidden_on_a_kept_page(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser)
    page.goto(site)
    _wait_for_worker(page)
    page.goto(site + "orgs/peace-a/")
    assert "อาสาจัดของบริจาค" in page.inner_text(".gm-org-calls")
    context.set_offline(True)
    context.clock.set_fixed_time(LATER_NOW)
    page.goto(site + "orgs/peace-a/")
    assert page.get_attribute("html", "data-gm-saved")
    assert "อาสาจัดของบริจาค" not in page.inner_text(".gm-org-calls")  # applications closed on the 22nd
    page.goto(site + "volunteer/")
    assert "expires-soon" not in shown_calls(page)
    context.close()
    assert errors == [] and outside == []


def test_a_saved_province_opens_offline_and_can_be_removed(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser)
    page.goto(site + "provinces/pattani/")
    _wait_for_worker(page)
    button = page.locator(".gm-offline-save button")
    page.wait_for_function("() => !document.querySelector('.gm-offline-save button').disabled")
    assert "KB" in page.inner_text(".gm-offline-state")  # the size, before saving
    button.click()
    page.wait_for_function("() => document.querySelector('.gm-offline-save').dataset.saved === '1'")
    assert "บันทึกแล้ว" in page.inner_text(".gm-offline-state")
    context.set_offline(True)
    page.goto(site + "orgs/peace-a/")  # never opened: saved with its province
    assert page.get_attribute("html", "data-gm-saved")
    assert "กลุ่ม peace-a" in page.inner_text("h1")
    _complete(page, "orgs/peace-a/")
    page.goto(site + "offline/")
    page.wait_for_selector(".gm-offline-provinces li")
    assert "ปัตตานี" in page.inner_text(".gm-offline-provinces")
    page.click(".gm-offline-remove")
    page.wait_for_function("() => document.querySelectorAll('.gm-offline-provinces li').length === 0")
    page.goto(site + "orgs/peace-a/")
    assert page.is_visible(".gm-offline-missing")  # removed with its province
    context.close()
    assert errors == [] and outside == []


def test_the_map_says_the_background_needs_a_connection(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser)
    page.goto(site + "map/")
    _wait_for_worker(page)
    page.goto(site + "map/")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")
    context.set_offline(True)
    page.goto(site + "map/")
    page.wait_for_selector(".leaflet-marker-icon, .marker-cluster")  # markers from the saved data
    assert "ต้องใช้สัญญาณ" in page.inner_text(".gm-offline-map")
    assert page.locator(".gm-map-list > li").count() == 4
    context.close()
    assert outside == []
    assert [e for e in errors if "tile" not in e] == []


def test_a_rebuild_replaces_the_cache(browser: Any, tmp_path: Path, serve: Any) -> None:
    for name in PATHS:
        repo = _repo(tmp_path / name)
        built, sub = _build(repo, EPOCH, name)
        base = serve(repo / f"www-{name}") + sub
        context, page, outside, errors = _open(browser)
        page.goto(base)
        _wait_for_worker(page)
        page.goto(base + "volunteer/")
        assert "expires-soon" in shown_calls(page)
        page.goto(base + "orgs/peace-a/")  # opened under the first build
        first = page.evaluate(CACHES_JS)

        _build(repo, LATER, name)  # the next day's build, in place
        context.clock.set_fixed_time(LATER_NOW)
        page.goto(base)  # one visit online: the new worker installs and replaces the cache
        _poll(page, lambda names, old=set(first): len(names) == 1 and set(names) != old)
        context.set_offline(True)
        page.goto(base + "volunteer/")
        assert page.get_attribute("html", "data-gm-saved")
        assert page.locator("#call-expires-soon").count() == 0  # gone from the new build's page
        page.goto(base + "orgs/peace-a/")  # the page opened before: fetched again from the new build
        assert page.get_attribute("html", "data-gm-saved")
        assert not page.get_attribute("html", "data-gm-missing")
        assert "อาสาจัดของบริจาค" not in page.inner_text("article")
        kept = page.evaluate(CACHED_TEXT_JS)
        for url, text in kept.items():
            path = url.removeprefix(base)
            if path.startswith("offline/saved"):
                continue
            file = built / (path + "index.html" if path == "" or path.endswith("/") else path)
            assert file.is_file(), url
            if file.suffix in (".html", ".css", ".js"):
                assert text == file.read_bytes().decode("utf-8"), f"{url}: not the new build's file"
        context.close()
        assert errors == [] and outside == []


def test_search_pieces_fetched_once_keep_working_offline(browser: Any, site: str) -> None:
    context, page, outside, errors = _open(browser, viewport={"width": 1280, "height": 800})
    page.goto(site)
    _wait_for_worker(page)
    page.goto(site)
    sr.open_search(page)
    online = sr.search(page, "ชุมชน")
    assert any(h.endswith("orgs/peace-a/") for h in online)
    context.set_offline(True)
    page.goto(site)
    assert page.get_attribute("html", "data-gm-saved")
    sr.open_search(page)
    offline = sr.search(page, "ชุมชน")  # the index's pieces come from the saved copies
    assert any(h.endswith("orgs/peace-a/") for h in offline), offline
    context.close()
    assert errors == [] and outside == []


@pytest.mark.parametrize("width", [320, 412])
def test_save_for_offline_moves_nothing_when_it_says_the_size(browser: Any, site: str, width: int) -> None:
    context, page, outside, errors = _open(browser, viewport={"width": width, "height": 800})
    page.add_init_script(SHIFTS_JS)
    page.goto(site + "provinces/pattani/")
    page.wait_for_function("() => !document.querySelector('.gm-offline-save button').disabled", timeout=20000)
    assert "KB" in page.inner_text(".gm-offline-state")
    page.wait_for_timeout(300)
    cls = layout_shift(page)
    context.close()
    assert errors == [] and outside == []
    assert cls <= 0.02, f"cumulative layout shift {cls:.3f} at {width}px"


def test_the_saved_notice_shows_when_the_browser_cache_also_has_the_page(browser: Any, site: str,
                                                                         repo: Path) -> None:
    """Not local_context: its routes turn the HTTP cache off. With it on (as for a visitor), a
    page the browser cached (a static host's max-age, or a heuristic) must still come through
    the worker offline and say when it was saved."""
    day_ago = time.time() - 86400  # the browser takes a page changed a day ago as fresh for a while
    for file in repo.glob("www-*/**/orgs/peace-a/index.html"):
        os.utime(file, (day_ago, day_ago))
    context = browser.new_context(service_workers="allow", viewport={"width": 390, "height": 844})
    context.clock.set_fixed_time(NOW)
    page = context.new_page()
    page.goto(site)
    _wait_for_worker(page)
    page.goto(site + "orgs/peace-a/")
    context.set_offline(True)
    page.goto(site + "orgs/peace-a/")
    saved = page.get_attribute("html", "data-gm-saved")
    context.close()
    assert saved, "served from the browser's cache: no saved-on notice"
