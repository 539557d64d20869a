"""The guide map in Debian's headless Chromium: every group shown, popups, deep links, filters
in the URL, no request leaving the local server but map tiles (answered here with a tiny PNG,
so no test needs the network), hostile names shown as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_site import HOSTILE

from conftest import REPO, SHIFTS_JS, build, layout_shift, local_context, make_repo, org_yaml, slow_script
from guidemap.contract.load.repository import load_repository

pytestmark = pytest.mark.browser

# Groups the map shows: single markers plus the counts on cluster icons.
SHOWN = """() => {
  let n = 0;
  document.querySelectorAll('.leaflet-marker-pane .marker-cluster').forEach(e => { n += +e.textContent; });
  return n + document.querySelectorAll('.leaflet-marker-pane .gm-pin').length;
}"""


@pytest.fixture()
def page(browser: Any, serve: Any, repo_site: Path):  # type: ignore[no-untyped-def]
    context, outside, tiles = local_context(browser)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.base = serve(repo_site)  # type: ignore[attr-defined]
    p.tiles = tiles  # type: ignore[attr-defined]
    yield p
    context.close()
    assert outside == [], f"requests left the local server: {outside}"
    assert errors == []


@pytest.fixture(scope="module")
def orgs() -> list[Any]:
    return load_repository(REPO).dataset.orgs


def ready(p: Any, url: str) -> None:
    p.goto(url)
    p.wait_for_selector(".gm-mapview .gm-map[data-ready]")


def wait_shown(p: Any, expected: int) -> int:
    """The count once the map has settled (clusters are redrawn when a move or zoom ends, so
    the old and the new cluster icons together)."""
    counts: list[int] = []
    for _ in range(40):
        p.wait_for_timeout(250)
        counts.append(p.evaluate(SHOWN))
        if counts[-3:] == [expected] * 3:
            break
    return counts[-1]


def test_every_group_is_on_the_map(page: Any, orgs: list[Any]) -> None:
    ready(page, page.base + "map/")
    assert wait_shown(page, len(orgs)) == len(orgs)
    assert page.tiles, "the map shows OpenStreetMap tiles"
    assert page.locator(".leaflet-control-attribution", has_text="OpenStreetMap").count() == 1
    assert page.locator(".gm-map-list > li:visible").count() == len(orgs)
    assert "map=" in page.url  # the position is in the URL
    # The map sits inside the theme: the header and the page do not overflow a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.is_visible(".md-header")


def test_popup_names_the_group_and_links_to_its_page(page: Any, orgs: list[Any]) -> None:
    ready(page, page.base + "map/")
    wait_shown(page, len(orgs))
    pin = page.locator(".leaflet-marker-pane .gm-pin").first
    title = pin.get_attribute("title")
    pin.click()
    popup = page.locator(".leaflet-popup .gm-popup")
    popup.wait_for()
    assert popup.locator(".gm-popup__name").inner_text() == title
    org = next(o for o in orgs if o.name.best == title)
    assert popup.locator(".gm-popup__summary").inner_text()
    assert page.url.endswith("#" + org.id)
    popup.locator("a.gm-popup__link").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/orgs/{org.id}/")
    assert page.inner_text("article.gm-org h1") == title


def test_pins_and_clusters_are_targets_of_32_pixels(page: Any, orgs: list[Any]) -> None:
    ready(page, page.base + "map/")
    wait_shown(page, len(orgs))
    sizes = page.eval_on_selector_all(
        ".leaflet-marker-pane .gm-pin, .leaflet-marker-pane .marker-cluster",
        "els => els.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert sizes and min(min(w, h) for w, h in sizes) >= 32, sizes


def test_deep_link_opens_the_right_popup(page: Any, orgs: list[Any]) -> None:
    for org in orgs[:: max(1, len(orgs) // 4)]:
        ready(page, page.base + f"map/#{org.id}")
        popup = page.locator(".leaflet-popup .gm-popup")
        popup.wait_for()
        assert popup.locator(".gm-popup__name").inner_text() == org.name.best, org.id
        href = popup.locator("a.gm-popup__link").get_attribute("href")
        assert href == f"../orgs/{org.id}/"


def test_group_page_links_to_the_map_and_shows_a_small_map(page: Any, orgs: list[Any]) -> None:
    org = orgs[0]
    page.goto(page.base + f"orgs/{org.id}/")
    page.locator(".gm-org-map").scroll_into_view_if_needed()  # its scripts load when near the screen
    page.wait_for_selector(".gm-map--mini[data-ready]")
    assert page.locator(".gm-map--mini path.gm-area").count() == 1
    page.click("a.gm-map-link")
    page.wait_for_selector(".leaflet-popup .gm-popup")
    assert page.inner_text(".gm-popup__name") == org.name.best


def test_filters_change_what_is_shown_and_live_in_the_url(page: Any, orgs: list[Any]) -> None:
    ready(page, page.base + "map/")
    wait_shown(page, len(orgs))
    focus = page.eval_on_selector("select[name=focus]", "s => s.options[1].value")
    with_focus = [o for o in orgs if focus in o.focus]
    assert 0 < len(with_focus) < len(orgs)
    page.select_option("select[name=focus]", focus)
    assert wait_shown(page, len(with_focus)) == len(with_focus)
    assert f"focus={focus}" in page.url
    assert page.locator(".gm-map-list > li:visible").count() == len(with_focus)
    assert f"แสดง {len(with_focus)} จาก {len(orgs)} กลุ่ม" in page.inner_text(".gm-map-filters .gm-count")
    province = page.eval_on_selector("select[name=province]", "s => s.options[1].value")
    both = [o for o in with_focus if o.province.code == province]
    page.select_option("select[name=province]", province)
    wait_shown(page, len(both))
    assert f"province={province}" in page.url
    # A shared link restores the same view, position included.
    shared = page.url
    at = shared.split("map=")[1].split("&")[0].split("#")[0]
    ready(page, shared)
    assert wait_shown(page, len(both)) == len(both)
    assert page.eval_on_selector("select[name=focus]", "s => s.value") == focus
    assert f"map={at}" in page.url
    page.click(".gm-map-filters button[type=reset]")
    assert wait_shown(page, len(orgs)) == len(orgs)
    assert "focus=" not in page.url


def test_position_in_the_url_is_restored(page: Any) -> None:
    ready(page, page.base + "map/?map=12/6.8500/101.2500")
    assert page.evaluate("map_guidemap.getZoom()") == 12
    assert "map=12/6.8500/101.2500" in page.url


def test_phone_controls_locate_and_full_screen(page: Any) -> None:
    ready(page, page.base + "map/")
    assert page.locator(".gm-map__tools button").count() == 2
    page.locator(".gm-map__tools button").nth(1).click()
    assert page.evaluate("document.querySelector('.gm-mapview .gm-map').getBoundingClientRect().height") \
        == pytest.approx(844, abs=2)
    page.keyboard.press("Escape")
    assert page.evaluate("document.querySelector('.gm-mapview .gm-map').getBoundingClientRect().height") < 844
    # The map does not trap scrolling: a plain wheel scrolls the page and shows a hint (one
    # finger likewise, two fingers pan); ctrl + wheel zooms.
    assert page.evaluate("map_guidemap.gmGestures")
    zoom = page.evaluate("map_guidemap.getZoom()")
    page.hover(".gm-mapview .gm-map__canvas", position={"x": 5, "y": 300})
    scrolled = page.evaluate("window.scrollY")
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(600)
    assert page.evaluate("map_guidemap.getZoom()") == zoom
    assert page.evaluate("window.scrollY") > scrolled
    assert page.locator(".gm-mapview .gm-hint--on .gm-hint").inner_text()
    page.hover(".gm-mapview .gm-map__canvas", position={"x": 5, "y": 300})  # the page has moved
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function(f"() => map_guidemap.getZoom() > {zoom}")


def test_clicking_a_cluster_zooms_in(page: Any, orgs: list[Any]) -> None:
    ready(page, page.base + "map/")
    wait_shown(page, len(orgs))
    clusters = page.locator(".leaflet-marker-pane .marker-cluster")
    if not clusters.count():
        pytest.skip("this repository's groups form no cluster at the first view")
    zoom = page.evaluate("map_guidemap.getZoom()")
    clusters.first.click()
    page.wait_for_function(f"() => map_guidemap.getZoom() > {zoom}")
    assert wait_shown(page, len(orgs)) <= len(orgs)


def test_without_javascript_the_list_stands_alone(browser: Any, serve: Any, repo_site: Path,
                                                   orgs: list[Any]) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(serve(repo_site) + f"map/#{orgs[0].id}")
    assert not p.is_visible(".gm-map") and not p.is_visible(".gm-map-filters")
    assert p.locator(".gm-map-list > li:visible").count() == len(orgs)
    href = p.locator(f".gm-map-list > li[id='{orgs[0].id}'] a").get_attribute("href")
    assert href == f"../orgs/{orgs[0].id}/"
    context.close()


def test_hostile_names_render_as_text(browser: Any, serve: Any, tmp_path: Path) -> None:
    hostile = "'" + HOSTILE.replace("'", "''") + "'"
    repo = make_repo(tmp_path, {"evil": org_yaml("evil", name_th=hostile, summary=hostile),
                                "calm": org_yaml("calm", province="ยะลา", lat="6.54", lon="101.28")})
    assert build(repo).returncode == 0
    # Without the Content-Security-Policy (it would block an injected script anyway): the
    # escaping on its own.
    context, outside, _ = local_context(browser, bypass_csp=True)
    p = context.new_page()
    dialogs: list[str] = []
    p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    base = serve(repo / "site")
    ready(p, base + "map/#evil")
    p.wait_for_selector(".leaflet-popup .gm-popup")
    assert p.inner_text(".gm-popup__name") == HOSTILE
    assert p.inner_text(".gm-popup__summary").startswith(HOSTILE[:60])  # one line, cut at a word
    p.goto(base + "orgs/evil/")
    p.locator(".gm-org-map").scroll_into_view_if_needed()
    p.wait_for_selector(".gm-map--mini[data-ready]")
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == [] and outside == []
    context.close()


def test_the_map_page_does_not_move_while_its_scripts_load(browser: Any, serve: Any, repo_site: Path) -> None:
    """The map and its filters are in the page from the first paint (hidden only without
    JavaScript), and Leaflet and the map's script are deferred."""
    context, outside, _ = local_context(browser)
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS_JS)
        page.route("**/assets/map/guidemap-map.js*", slow_script)
        page.goto(serve(repo_site) + "map/")
        page.wait_for_selector(".leaflet-marker-pane .gm-pin, .leaflet-marker-pane .marker-cluster")
        page.wait_for_timeout(500)
        cls = layout_shift(page)
        deferred = page.eval_on_selector_all("script[src*='assets/map/']", "els => els.map(e => e.defer)")
    finally:
        context.close()
    assert outside == []
    assert deferred and all(deferred)
    assert cls <= 0.02, f"cumulative layout shift {cls:.3f}"
