"""The directory on a phone, in Debian's headless Chromium: nothing moves while the page loads
(layout shifts read with a PerformanceObserver), each filter's counts follow the other filters
and a choice that would find nothing is disabled, the whole card is one link, and on a narrow
screen the filters fold behind one button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import (
    SHIFTS_JS,
    build,
    layout_shift,
    local_context,
    make_repo,
    open_filters,
    org_yaml,
    slow_script,
)

pytestmark = pytest.mark.browser

# Layout shifts not caused by the visitor, summed as Lighthouse's CLS does for a short page.
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    orgs = {
        "yala-youth": org_yaml("yala-youth", province="ยะลา", lat="6.54", lon="101.28",
                               focus="children-youth", needs="volunteers"),
        "yala-peace": org_yaml("yala-peace", province="ยะลา", lat="6.55", lon="101.29",
                               focus="peace", needs="funding"),
        **{f"pattani-youth-{i}": org_yaml(f"pattani-youth-{i}", focus="children-youth, health",
                                          needs="volunteers") for i in range(4)},
        "songkhla-marine": org_yaml("songkhla-marine", province="สงขลา", lat="7.2", lon="100.6",
                                    focus="marine", needs="equipment"),
    }
    repo = make_repo(tmp_path_factory.mktemp("directory-phone"), orgs)
    result = build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


@pytest.fixture()
def phone(browser: Any, serve: Any, site: Path):  # type: ignore[no-untyped-def]
    context, outside, _ = local_context(browser, has_touch=True, is_mobile=True)
    p = context.new_page()
    p.base = serve(site)  # type: ignore[attr-defined]
    yield p
    context.close()
    assert outside == [], f"requests left the local server: {outside}"


@pytest.mark.parametrize("width", [360, 390])
def test_the_directory_does_not_move_while_it_loads(browser: Any, serve: Any, site: Path, width: int) -> None:
    context, outside, _ = local_context(browser, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS_JS)
        page.route("**/assets/guidemap/guidemap.js*", slow_script)
        page.goto(serve(site) + "orgs/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(800)
        assert page.is_visible(".gm-filters")
        cls = layout_shift(page)
    finally:
        context.close()
    assert outside == []
    assert cls <= 0.02, f"cumulative layout shift {cls:.3f} at {width}px"


def _options(p: Any, name: str) -> dict[str, tuple[str, bool]]:
    found: list[list[Any]] = p.eval_on_selector(
        f"select[name={name}]", "s => Array.from(s.options).filter(o => o.value)"
        ".map(o => [o.value, o.textContent, o.disabled])")
    return {v: (text, disabled) for v, text, disabled in found}


def test_counts_follow_the_other_filters(phone: Any) -> None:
    phone.goto(phone.base + "orgs/")
    open_filters(phone)
    assert _options(phone, "focus")["children-youth"][0].endswith("(5)")  # the whole directory
    phone.select_option("select[name=province]", "95")  # Yala
    phone.wait_for_selector(".gm-directory:not([aria-busy])")
    focus = _options(phone, "focus")
    assert focus["children-youth"] == ("เด็กและเยาวชน (1)", False), focus
    assert focus["marine"][1] and focus["marine"][0].endswith("(0)")  # nothing in Yala: disabled
    assert focus["health"][1]
    assert not _options(phone, "province")["94"][1]  # the other provinces stay choosable
    phone.select_option("select[name=focus]", "children-youth")
    phone.wait_for_selector(".gm-directory:not([aria-busy])")
    assert _options(phone, "province")["94"][0].endswith("(4)")  # youth groups in Pattani
    assert _options(phone, "province")["95"][0].endswith("(1)")
    assert phone.inner_text(".gm-filters__active") == "(2)"
    phone.click(".gm-filters button[type=reset]")
    phone.wait_for_function(
        "() => !document.querySelector('select[name=focus] option[value=marine]').disabled")
    assert _options(phone, "focus")["children-youth"][0].endswith("(5)")


def test_the_whole_card_is_one_link(phone: Any) -> None:
    phone.goto(phone.base + "orgs/")
    card = phone.locator("#org-songkhla-marine")
    card.scroll_into_view_if_needed()
    summary = card.locator(".gm-card__summary").bounding_box()
    phone.mouse.click(summary["x"] + summary["width"] / 2, summary["y"] + summary["height"] / 2)
    phone.wait_for_url("**/orgs/songkhla-marine/")
    phone.go_back()
    phone.wait_for_url("**/orgs/")
    # The province inside the card keeps its own link.
    phone.locator("#org-songkhla-marine .gm-card__place a").click()
    phone.wait_for_url("**/provinces/**")


def test_filters_fold_behind_one_button_on_a_narrow_screen(phone: Any) -> None:
    phone.set_viewport_size({"width": 360, "height": 800})
    phone.goto(phone.base + "orgs/")
    toggle = phone.locator(".gm-filters__toggle")
    assert toggle.is_visible() and not phone.is_visible("select[name=province]")
    box = toggle.bounding_box()
    assert box["height"] >= 44
    # Folded, the filters take no more than a line under the introduction.
    assert phone.locator(".gm-filters").bounding_box()["height"] < 120
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and phone.is_visible("select[name=province]")
    toggle.click()
    assert not phone.is_visible("select[name=province]")
    phone.set_viewport_size({"width": 1024, "height": 800})
    assert not toggle.is_visible() and phone.is_visible("select[name=province]")
