"""Small pieces of markup: a contributed address in an href is valid HTML (the HTML checker
refused ``?b=<x>``), escaped, and otherwise unchanged."""

from __future__ import annotations

from guidemap.outputs.html.htmlkit import heading_id, href
from guidemap.outputs.html.markup import external


def test_characters_no_url_may_hold_are_percent_encoded() -> None:
    assert href("https://example.org/join?a=1&b=<x>") == "https://example.org/join?a=1&amp;b=%3Cx%3E"
    assert href('https://e.org/a b"c{d}|\\\\^`') == "https://e.org/a%20b%22c%7Bd%7D%7C%5C%5C%5E%60"
    assert href("https://e.org/ไทย?q=%E0%B8%81#x") == "https://e.org/ไทย?q=%E0%B8%81#x"
    assert 'href="https://example.org/?b=%3Cx%3E"' in external("https://example.org/?b=<x>", "x")


def test_heading_ids_keep_thai_and_are_never_empty() -> None:
    assert heading_id("ประชุมเครือข่าย ครั้งที่ ๒") == "ประชุมเครือข่าย-ครั้งที่-๒"
    assert heading_id("Café: What's next?") == "cafe-what-s-next"
    assert heading_id("🙂 !!") == "h"
    assert len(heading_id("ก" * 200)) == 60


def test_the_plugin_sets_thai_heading_ids_unless_the_site_chose_a_slugify() -> None:
    from types import SimpleNamespace

    from guidemap.adapter.plugin import _thai_heading_ids

    def own(value: str, separator: str) -> str:
        return "x"

    bare = SimpleNamespace(mdx_configs={})
    _thai_heading_ids(bare)
    assert bare.mdx_configs == {"toc": {"slugify": heading_id}}
    chosen = SimpleNamespace(mdx_configs={"toc": {"permalink": True, "slugify": own}})
    _thai_heading_ids(chosen)
    assert chosen.mdx_configs["toc"] == {"permalink": True, "slugify": own}
    longhand = SimpleNamespace(mdx_configs={"markdown.extensions.toc": {"permalink": True}})
    _thai_heading_ids(longhand)
    assert longhand.mdx_configs == {"markdown.extensions.toc": {"permalink": True, "slugify": heading_id}}
