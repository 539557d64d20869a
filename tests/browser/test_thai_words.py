"""No Thai word is broken across two lines in a heading, a title, a card's name or a button, on
any page type, on 360- and 390-pixel phones, in Debian's headless Chromium. The words are the
project's own segmenter's (the search's newmm); where each character sits is read back from the
page (one Range per character, its line box's middle)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from conftest import local_context
from dated_fixture import EPOCH, build_at, dated_repo
from guidemap.outputs.html.thaiwrap import run_words

pytestmark = pytest.mark.browser

WIDTHS = (360, 390)
TARGETS = ("h1, h2, h3, h4, h5, h6, .md-button, .gm-share__button, [class*='__title']")

# For each target element: its text, one code point at a time, with the vertical middle and
# height of the character's box (null where the character draws no box of its own).
LINES_JS = """(selector) => {
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.closest(".gm-sr-only, [hidden]") || el.getClientRects().length === 0) continue;
    if (el.parentElement && el.parentElement.closest(selector)) continue;  // read with its parent
    const chars = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".headerlink")) continue;
      const text = node.data;
      let i = 0;
      for (const ch of text) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + ch.length);
        const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 || r.height > 0);
        chars.push(rects.length ? [ch, rects[0].top + rects[0].height / 2, rects[0].height,
                                   rects.reduce((w, r) => w + r.width, 0)] : [ch, null, 0, 0]);
        i += ch.length;
      }
    }
    const style = getComputedStyle(el);
    const line = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    out.push({chars, line});
  }
  return out;
}"""

_THAI = re.compile(r"[\u0E00-\u0E7F]+(?:\u00a0ๆ[\u0E00-\u0E7F]*)*")


def broken_words(element: dict[str, Any]) -> list[str]:
    """The Thai words of one element whose characters do not all sit on one line, though the
    word alone would fit on one (a longer word must break or stick out of the screen)."""
    chars, width = element["chars"], element["line"]
    text = "".join(c[0] for c in chars)
    found = []
    for m in _THAI.finditer(text):
        at = m.start()
        for word in run_words(m.group()):
            boxes = [c for c in chars[at:at + len(word)] if c[1] is not None]
            at += len(word)
            if len(boxes) < 2:
                continue
            line = min(b[2] for b in boxes) / 2
            fits = sum(b[3] for b in boxes) < width
            if fits and max(b[1] for b in boxes) - min(b[1] for b in boxes) > line:
                found.append(f"{word!r} in {text.strip()[:60]!r}")
    return found


def page_paths(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


def check_site(browser: Any, base: str, paths: list[str]) -> list[str]:
    problems = []
    for width in WIDTHS:
        context, outside, _ = local_context(browser, viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            for path in paths:
                page.goto(base + path)
                for element in page.evaluate(LINES_JS, TARGETS):
                    problems += [f"/{path} at {width}px: {w}" for w in broken_words(element)]
        finally:
            context.close()
        assert outside == [], f"requests left the server: {outside}"
    return problems


def test_no_thai_word_breaks_on_the_repository_site(browser: Any, serve: Any, repo_site: Path) -> None:
    paths = page_paths(repo_site)
    assert {"", "orgs", "map", "stories", "provinces", "focus", "help", "subscribe",
            "about"} <= {p.split("/")[0] for p in paths}
    problems = check_site(browser, serve(repo_site), paths)
    assert problems == [], "\n".join(problems[:40])


def test_no_thai_word_breaks_on_calls_and_events(browser: Any, serve: Any,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    site = build_at(dated_repo(tmp_path_factory.mktemp("thai-words")), EPOCH)
    paths = page_paths(site)
    assert {"events", "volunteer"} <= {p.split("/")[0] for p in paths}, paths
    problems = check_site(browser, serve(site), paths)
    assert problems == [], "\n".join(problems[:40])
