"""The Content-Security-Policy in Chromium, on every page type of the repository's site: none of
our own scripts is refused (the page used as a visitor would: the map drawn, a group's small map,
the search), and a script, picture, frame or object slipped into a built page (by this test, in a
copy of the site) is blocked, with no request leaving the server."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, local_context

sys.path.insert(0, str(REPO / "scripts"))
import audit

pytestmark = pytest.mark.browser

# Every violation the page reports, and the browser console's own CSP messages.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e => {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""
PROBE = """
<div id="csp-probe">
<script>window.__ran = "inline";</script>
<script src="https://evil.example/x.js"></script>
<img src="https://tracker.example/p.gif" alt="">
<iframe src="https://evil.example/frame" title="x"></iframe>
<object data="https://evil.example/x.swf"></object>
<a id="csp-js-link" href="javascript:window.__ran='link'">x</a>
<button id="csp-onclick" onclick="window.__ran='onclick'">y</button>
<img src="/nothing.png" onerror="window.__ran='onerror'" alt="">
</div>
"""


@pytest.fixture(scope="module")
def paths(repo_site: Path) -> dict[str, str]:
    return audit.page_types(repo_site)


def _violations(page: Any, console: list[str]) -> list[str]:
    found: list[str] = page.evaluate("window.__csp || []")
    return found + [m for m in console if "Content Security Policy" in m]


def _use(page: Any, kind: str) -> None:
    """What a visitor does on the page, so that every script of ours runs."""
    page.wait_for_load_state("load")
    if kind == "map":
        page.wait_for_selector(".gm-mapview .gm-map[data-ready]")
    if kind == "group":
        page.locator(".gm-org-map").scroll_into_view_if_needed()
        page.wait_for_selector(".gm-map--mini[data-ready]")
    box = page.locator("[data-md-component=search-query]")
    if box.count():
        page.locator("label[for=__search]").first.click()
        box.press_sequentially("อาสา", delay=0)
        box.press("End")
        # the real worker has started and read the index
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__list > li').length > 0")
    page.wait_for_timeout(200)


@pytest.mark.parametrize("kind", ["home", "directory", "group", "map", "stories", "story", "subscribe",
                                  "province", "volunteer", "events", "event", "guide", "404"])
def test_our_scripts_run_under_the_policy(kind: str, browser: Any, serve: Any, repo_site: Path,
                                         paths: dict[str, str]) -> None:
    if kind not in paths:
        pytest.skip(f"no {kind} page in this site")
    context, outside, _tiles = local_context(browser)
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    try:
        page.goto(serve(repo_site) + paths[kind])
        assert page.locator("meta[http-equiv=Content-Security-Policy]").count() == 1
        _use(page, kind)
        assert _violations(page, console) == [], f"{kind}: {_violations(page, console)}"
    finally:
        context.close()
    assert outside == []


@pytest.fixture(scope="module")
def probed_site(repo_site: Path, paths: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site where every page type has a twin, probe.html, with PROBE in its body."""
    site = tmp_path_factory.mktemp("csp") / "site"
    shutil.copytree(repo_site, site)
    for path in paths.values():
        if path.endswith(".html"):  # the 404 page: a file, not a folder, and not probed
            continue
        page = site / path / "index.html"
        text = page.read_text(encoding="utf-8")
        (page.parent / "probe.html").write_text(text.replace("</article>", PROBE + "</article>", 1),
                                                encoding="utf-8")
    return site


@pytest.mark.parametrize("kind", ["home", "group", "map", "story"])
def test_a_slipped_in_script_does_not_run(kind: str, browser: Any, serve: Any, probed_site: Path,
                                         paths: dict[str, str]) -> None:
    context, outside, _tiles = local_context(browser)
    context.add_init_script(LISTEN)
    # Chromium reports a request the policy blocks as a request that failed with the reason
    # "csp": it never leaves the browser.
    blocked: list[str] = []
    context.on("requestfailed", lambda r: blocked.append(r.url) if r.failure == "csp" else None)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    try:
        page.goto(serve(probed_site) + paths[kind] + "probe.html")
        assert page.locator("#csp-probe").count() == 1
        page.click("#csp-onclick")
        page.click("#csp-js-link")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__ran") is None
        violations = _violations(page, console)
        directives = {v.split(" ")[0] for v in page.evaluate("window.__csp")}
    finally:
        context.close()
    assert [u for u in outside if u not in blocked] == [], f"requested from elsewhere: {outside}"
    assert {"https://evil.example/x.js", "https://tracker.example/p.gif"} <= set(blocked)
    wanted = {"script-src-elem", "script-src-attr", "img-src", "frame-src", "object-src"}
    assert wanted <= directives, violations
