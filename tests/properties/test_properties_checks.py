"""The property tests' own checks (tests/inert.py) fail on what they are meant to find: a
check that cannot fail would let every property pass."""

from __future__ import annotations

import pytest

from inert import bad_url, feed_problems, html_problems, ics_problems, on_grid, precise_numbers


@pytest.mark.parametrize("page", [
    "<p><gmxtag>x</gmxtag></p>",
    '<p gmxattr="1">x</p>',
    '<img src="x" onerror="gmx()">',
    '<a href="JaVa&#x09;Script:gmx()">x</a>',
    '<a href=" &#106;avascript:gmx()">x</a>',
    "<script>gmx()</script>",
    '<script type="application/ld+json">{"a": "</p>"}</script>',
    '<base href="//evil.example/">',
    "<p>117649</p>",
    "<p>\x00</p>",
])
def test_html_check_finds_active_text(page: str) -> None:
    assert html_problems(page, "page")


@pytest.mark.parametrize("page", [
    "<p>&lt;script&gt;gmx()&lt;/script&gt;</p>",
    '<a href="java    script:gmx()">x</a>',  # a relative link, not a script: spaces stay in URLs
    '<script type="application/ld+json">{"name": "\\u003cscript\\u003egmx()"}</script>',
    '<meta name="description" content="<script>gmx()</script>">',
])
def test_html_check_passes_escaped_text(page: str) -> None:
    assert not html_problems(page, "page")


def test_url_check() -> None:
    assert bad_url("\x01 javascript:x") and bad_url("java\nscript:x") and bad_url("DATA:text/html,x")
    assert not bad_url("https://example.org/javascript:x") and not bad_url("mailto:a@example.org")


_RSS = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>
<link>https://example.org/</link><description>d</description><item><title>x</title>
<description>{summary}</description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;ok&lt;/p&gt;</content:encoded></item></channel></rss>"""


def test_feed_check_finds_markup_in_a_summary() -> None:
    assert feed_problems(_RSS.format(summary="&lt;b&gt;gmx&lt;/b&gt;").encode(), "feed.xml")
    assert not feed_problems(_RSS.format(summary="&amp;lt;b&amp;gt;gmx").encode(), "feed.xml")


def test_calendar_check_finds_forged_lines() -> None:
    good = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:<gmxtag>\\nGMX:1\\, x\r\n"
            "DESCRIPTION:long\r\n text\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert not ics_problems(good, "c.ics")
    assert ics_problems(good.replace("SUMMARY:", "SUMMARY:x\r\nGMXPROP:1\r\nX:"), "c.ics")
    assert ics_problems(good.replace("SUMMARY:", "SUMMARY;GMXPARAM=1:"), "c.ics")
    assert ics_problems(good.replace("\r\nDESCRIPTION", "\nDESCRIPTION"), "c.ics")
    assert ics_problems(good.replace("END:VEVENT\r\n", ""), "c.ics")


def test_precision_checks() -> None:
    assert on_grid(6.85, "district") and not on_grid(6.86, "district") and on_grid(101.2, "province")
    assert precise_numbers("at 6.8697, 101.25", (6.85, 101.25), "district") == ["6.8697"]
    assert not precise_numbers("at 6.85, 101.25", (6.85, 101.25), "district")
