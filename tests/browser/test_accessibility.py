"""What a visitor feels, on every page type of the repository's site: axe-core finds no serious
or critical problem, no request leaves the server but map tiles, language attributes are right,
pages work without JavaScript and offline after a visit, and first visits stay within their
byte budgets. Figures for every page type: scripts/audit.py (same functions)."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, local_context

sys.path.insert(0, str(REPO / "scripts"))
import audit

pytestmark = pytest.mark.browser

PAGE_TYPES = ["home", "directory", "group", "map", "stories", "story", "subscribe", "province",
              "volunteer", "events", "event", "guide", "404", "edition", "offline", "feed"]


@pytest.fixture(scope="module")
def axe_js() -> Path:
    if not audit.AXE_JS.exists():
        message = "axe-core is missing: scripts/test.sh runs `npm ci --prefix scripts/audit`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return audit.AXE_JS


@pytest.fixture(scope="module")
def paths(repo_site: Path) -> dict[str, str]:
    found = audit.page_types(repo_site)
    assert set(found) == set(PAGE_TYPES), found
    return found


@pytest.fixture(scope="module")
def base(serve: Any, repo_site: Path) -> str:
    return str(serve(repo_site))


def org_count(repo_site: Path) -> int:
    return len([p for p in (repo_site / "orgs").iterdir() if (p / "index.html").is_file()])


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_serious_axe_violation_and_nothing_leaves_the_server(
        kind: str, browser: Any, base: str, paths: dict[str, str], axe_js: Path) -> None:
    context, outside, _tiles = local_context(browser)
    missing: list[str] = []  # no page asks for a file the site does not have
    context.on("response", lambda r: missing.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    try:
        page, visit = audit.first_visit(context, base + paths[kind], settle_ms=300)
        violations = audit.axe_violations(page)
    finally:
        context.close()
    assert violations == [], f"{kind} ({paths[kind]}): {violations}"
    assert outside == [] and visit.outside == [], f"{kind}: requests left the server: {outside}"
    assert missing == [], f"{kind}: missing files: {missing}"


# Page states this repository's data lacks (a coming, cancelled, online, past or repeating event, a group
# with every contact, a logo and a campaign, calls, a story with a picture, hostile text), from
# the test repository with every content type (tests/every_type.py); and both sites' 404 page.
EVERY_TYPE_PAGES = {
    "home": "", "directory": "orgs/", "group-full": "orgs/nong-chik-healing/",
    "group-campaign": "orgs/funded/", "map": "map/", "volunteer": "volunteer/", "events": "events/",
    "event-coming": "events/meeting-2569/", "event-cancelled": "events/open-day/",
    "event-online": "events/online-talk/", "event-past": "events/past-training/",
    "event-hostile": "events/hostile-event/", "event-repeating": "events/circle/", "stories": "stories/",
    "story": "stories/2026-11-01-camp-lessons/", "help": "help/", "subscribe": "subscribe/",
    "province": "provinces/pattani/", "guide": "guide/", "data": "data/", "404": "404.html",
    "feed-alerts": "follow/alerts/province/yala/", "feed-newsletter": "follow/newsletter/",
}


def _axe(browser: Any, url: str) -> tuple[list[dict[str, Any]], list[str]]:
    context, outside, _tiles = local_context(browser)
    try:
        page, visit = audit.first_visit(context, url, settle_ms=300)
        violations = audit.axe_violations(page)
    finally:
        context.close()
    return violations, outside + visit.outside


def test_the_404_page_has_no_serious_axe_violation(browser: Any, base: str, axe_js: Path) -> None:
    violations, outside = _axe(browser, base + "404.html")
    assert violations == [] and outside == []


@pytest.mark.parametrize("kind", EVERY_TYPE_PAGES)
def test_every_page_state_has_no_serious_axe_violation(kind: str, browser: Any, serve: Any,
                                                       every_type_site: Path, axe_js: Path) -> None:
    assert (every_type_site / EVERY_TYPE_PAGES[kind]).exists() or \
        (every_type_site / EVERY_TYPE_PAGES[kind] / "index.html").is_file(), kind
    violations, outside = _axe(browser, str(serve(every_type_site)) + EVERY_TYPE_PAGES[kind])
    assert violations == [], f"{kind}: {violations}"
    assert outside == [], f"{kind}: requests left the server: {outside}"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_first_visit_stays_within_its_budget(kind: str, browser: Any, base: str,
                                             paths: dict[str, str]) -> None:
    """Bytes as a static host sends them (gzip for text), images and map tiles left out, on a
    first visit (a new context: empty cache). A size, not a timing: stable in any machine."""
    context, outside, _tiles = local_context(browser)
    try:
        _page, visit = audit.first_visit(context, base + paths[kind])
    finally:
        context.close()
    budget = audit.BUDGET.get(kind, audit.DEFAULT_BUDGET)
    heaviest = sorted(visit.requests, key=lambda r: -r[2])[:5]
    assert visit.bytes <= budget, f"{kind}: {visit.bytes} bytes > {budget}; heaviest: {heaviest}"
    assert outside == []


def test_language_attributes(browser: Any, base: str, paths: dict[str, str]) -> None:
    """html lang="th"; every English passage of ours carries lang="en"; no run of English words
    in the content is left without it (a screen reader would read it with a Thai voice)."""
    context, _outside, _tiles = local_context(browser)
    page = context.new_page()
    try:
        for kind, path in paths.items():
            page.goto(base + path)
            assert page.get_attribute("html", "lang") == "th", kind
            assert page.eval_on_selector_all(".gm-en:not([lang=en])", "els => els.length") == 0, kind
            unmarked = page.evaluate("""() => {
              const found = [];
              const walker = document.createTreeWalker(document.querySelector('.md-content'),
                                                       NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                const el = node.parentElement;
                if (!el || el.closest('script, style, code, pre, [lang^=en], [aria-hidden=true]')) continue;
                const text = node.textContent;
                if (/([A-Za-z]{2,}[ ,.'-]+){4,}[A-Za-z]{2,}/.test(text)) found.push(text.trim());
              }
              return found;
            }""")
            assert unmarked == [], f"{kind}: English without lang=en: {unmarked[:3]}"
    finally:
        context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_every_page_type_works_without_javascript(kind: str, browser: Any, base: str,
                                                  paths: dict[str, str], repo_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base + paths[kind])
        content = page.locator(".md-content")
        assert content.locator("h1").count() == 1 and content.locator("h1").is_visible(), kind
        assert len(content.inner_text()) > 200, kind
        links = content.locator("a[href]")
        assert links.count() > 0 and links.first.is_visible(), kind
        n = org_count(repo_site)
        if kind == "directory":
            assert page.locator(".gm-card:visible").count() == n
        if kind == "map":  # the text alternative of the map: every group, linked
            assert page.locator(".gm-map-list li:visible a").count() == n
            assert not page.locator(".gm-map").is_visible()
    finally:
        context.close()


def test_map_has_a_text_alternative_and_colours_carry_words(browser: Any, base: str,
                                                            repo_site: Path) -> None:
    context, outside, _tiles = local_context(browser)
    page = context.new_page()
    try:
        page.goto(base + "map/")
        page.wait_for_selector(".gm-map:not([hidden])")
        # Every group is listed as a link below the map, under a heading.
        assert page.locator("#list").is_visible()
        assert page.locator(".gm-map-list li a").count() == org_count(repo_site)
        # Pin colours are explained by words: each legend entry has its focus name.
        legend = page.locator(".gm-legend li").all_inner_texts()
        assert legend and all(text.strip() for text in legend)
        page.goto(base + "orgs/")
        badges = page.locator(".gm-badge").all_inner_texts()
        assert badges and all(text.strip() for text in badges)
    finally:
        context.close()
    assert outside == []


def test_focus_ring_and_badges_have_enough_contrast(browser: Any, base: str) -> None:
    """The focus ring is the accent colour (>= 3:1 on white, WCAG 1.4.11); badges are text
    (>= 4.5:1) and their meaning is in the word, not the colour."""
    context, _outside, _tiles = local_context(browser)
    page = context.new_page()
    try:
        page.goto(base + "orgs/")
        page.focus(".gm-badge")
        colours = page.eval_on_selector(".gm-badge", """el => {
            const s = getComputedStyle(el);
            return {outline: s.outlineColor, outlineStyle: s.outlineStyle, color: s.color};
        }""")
        assert colours["outlineStyle"] != "none"
        assert contrast(colours["outline"], "rgb(255, 255, 255)") >= 3
        assert contrast(colours["color"], "rgb(255, 255, 255)") >= 4.5
    finally:
        context.close()


def contrast(a: str, b: str) -> float:
    def lum(colour: str) -> float:
        r, g, b_ = (int(x) / 255 for x in re.findall(r"\d+(?:\.\d+)?", colour)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b_)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_pages_seen_once_open_offline(browser: Any, repo_site: Path, paths: dict[str, str]) -> None:
    """The site's service worker (or, where a browser has none, the browser cache with the
    headers a static host sends: max-age=600 on GitHub Pages) brings back a page seen before,
    with its styles and scripts, once the server cannot be reached (test_offline_browser.py
    tests the worker itself)."""
    seen = ("home", "directory", "map", "story")
    # Not local_context: Playwright turns the HTTP cache off in a context with routes. Tiles
    # are then not answered here; they are the one outside request allowed.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    outside: list[str] = []
    context.on("request", lambda r: None if audit.is_local(r.url) or audit.is_tile(r.url)
               else outside.append(r.url))
    page = context.new_page()
    try:
        with audit.serve_folder(repo_site) as url:
            for kind in seen:
                page.goto(url + paths[kind], wait_until="networkidle")
        # The server is gone: nothing answers on its port any more.
        for kind in seen:
            page.goto(url + paths[kind])
            assert page.locator(".md-content h1").is_visible(), kind
            # Styles came from the cache too (Material's header is laid out, not bare).
            assert page.eval_on_selector(".md-header", "e => getComputedStyle(e).position") == "sticky"
        page.goto(url + paths["map"])
        page.wait_for_selector(".gm-map:not([hidden])")  # the map's scripts ran from the cache
    finally:
        context.close()
    assert outside == []


@pytest.mark.skipif(not audit.lighthouse_available(), reason="Lighthouse is not installed "
                    "(npm ci --prefix scripts/audit)")
def test_lighthouse_accessibility_of_the_map_page(repo_site: Path) -> None:
    """One Lighthouse run (about 20 s) in the suite, on the page with the most parts; every
    page type's scores are in scripts/audit.py's report (README)."""
    with audit.serve_folder(repo_site) as url:
        result = audit.lighthouse(url + "map/")
    assert result["accessibility"] >= 95, result
