"""No page scrolls sideways on a phone: every page of the repository's site (every page type:
home, directory, groups, map, stories and their archive, provinces, focus areas, help,
subscribe, about) and the pages of a group with long unbreakable texts, at 320 and 390 pixels
wide, in Debian's headless Chromium."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conftest import build, local_context, make_repo, org_yaml

pytestmark = pytest.mark.browser

WIDTHS = (320, 390)

# The elements that stick out past the right edge of the screen, and are not inside a box that
# scrolls or clips them (a wide table in a scrolling wrapper is fine): the outermost ones first,
# named by tag, id and class, so a failure says what to fix.
CULPRITS_JS = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== "visible") { clipped = true; break; }
    }
    if (clipped) continue;
    const parent = el.parentElement;
    if (parent && found.some(f => f.el === parent)) continue;  // its parent is named already
    const cls = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    found.push({el, name: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + cls
      + ` (right edge ${Math.round(box.right)}px): ` + (el.textContent || "").trim().slice(0, 40)});
  }
  return {scroll: document.documentElement.scrollWidth, inner: width,
          culprits: found.slice(0, 5).map(f => f.name)};
}"""


def page_paths(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def overflowing(browser: Any, base: str, paths: list[str], width: int) -> list[str]:
    """Each page wider than the screen, with what sticks out."""
    context, outside, _tiles = local_context(browser, viewport={"width": width, "height": 800})
    problems = []
    try:
        page = context.new_page()
        for path in paths:
            page.goto(base + path)
            found = page.evaluate(CULPRITS_JS)
            if found["scroll"] > found["inner"]:
                problems.append(f"/{path} at {width}px: document {found['scroll']}px wide; "
                                f"sticking out: {found['culprits']}")
    finally:
        context.close()
    assert outside == [], f"requests left the server: {outside}"
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_of_the_site_scrolls_sideways(width: int, browser: Any, serve: Any,
                                              repo_site: Path) -> None:
    paths = page_paths(repo_site)
    kinds = {p.split("/")[0] for p in paths}
    # Every page type is among them (the stories archive is stories/).
    assert {"", "orgs", "map", "stories", "provinces", "focus", "help", "subscribe",
            "about"} <= kinds, kinds
    assert any(p.startswith("orgs/") and p != "orgs/" for p in paths)
    assert any(p.startswith("stories/") and p != "stories/" for p in paths)
    problems = overflowing(browser, serve(repo_site), paths, width)
    assert problems == [], "\n".join(problems)


LONG = "ก" * 80  # one Thai "word" no line-breaker can cut
LONG_URL = "https://example.org/" + "a" * 120


def test_long_unbreakable_texts_stay_on_a_phone_screen(browser: Any, serve: Any,
                                                       tmp_path: Path) -> None:
    org = org_yaml("long", name_th=LONG, name_en="W" * 60, summary=LONG) + (
        f"contact:\n  website: {LONG_URL}\n  email: {'x' * 70}@example.org\n"
        f"donate: {LONG_URL}\nactivities:\n  - th: {LONG}\noffers: [media]\n"
        f"campaigns:\n  - title: {LONG}\n    url: {LONG_URL}\n    end: {dt.date.today().year + 5}-12-31\n"
        f"    goal: 100000000\n")
    story = (f"---\ntitle: {LONG}\ndate: 2026-01-02\nsummary: {LONG}\norgs: [long]\n---\n"
             f"{LONG}\n\n<{LONG_URL}>\n")
    repo = make_repo(tmp_path, {"long": org}, {"2026-01-02-long.md": story})
    result = build(repo)
    assert result.returncode == 0, result.stderr
    site = repo / "site"
    paths = [p for p in page_paths(site) if p.startswith(("orgs/", "stories/", "help/", "guide/",
                                                          "provinces/", "focus/")) or p == ""]
    assert "orgs/long/" in paths and "stories/2026-01-02-long/" in paths
    base = serve(site)
    problems = [p for width in WIDTHS for p in overflowing(browser, base, paths, width)]
    assert problems == [], "\n".join(problems)
