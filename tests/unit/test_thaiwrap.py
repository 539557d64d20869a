"""Thai words kept whole in headings, titles and buttons (outputs/html/thaiwrap.py): the text
is cut and each piece escaped again, so nothing contributed changes meaning."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.outputs.html import thaiwrap
from guidemap.outputs.html.thaiwrap import keep_words, wrap_text

W = '<span class="gm-w">'


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_heading_words_are_kept_whole_with_a_break_between() -> None:
    out = keep_words('<h1 id="_1">สู่เครือข่าย</h1>')
    assert out == f'<h1 id="_1">{W}สู่</span><wbr>{W}เครือข่าย</span></h1>'


def test_repeat_mark_stays_with_its_word_behind_a_no_break_space() -> None:
    assert wrap_text("เด็ก ๆ ทำงาน") == f"{W}เด็ก&nbsp;ๆ</span> {W}ทำงาน</span>"
    assert wrap_text("เด็กๆ") == f"{W}เด็กๆ</span>"


def test_escaping_survives_the_cut() -> None:
    hostile = "&lt;script&gt;alert(1)&lt;/script&gt; กลุ่ม&amp;เยาวชน &quot;x&quot;"
    out = keep_words(f'<h3 class="gm-card__title"><a href="/x/" title="กลุ่มเยาวชน">{hostile}</a></h3>')
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert 'title="กลุ่มเยาวชน"' in out  # attributes are never cut
    assert _text(out) == html.unescape(hostile)


def test_only_headings_titles_and_buttons_change() -> None:
    page = ("<head><title>สู่เครือข่าย</title></head><p>สู่เครือข่าย</p>"
            '<script>const s = "<h2>สู่เครือข่าย</h2>";</script><a class="md-button" href="#">สนใจช่วย</a>'
            '<a class="gm-story__title" href="#">ถอดบทเรียน</a>')
    out = keep_words(page)
    assert out.startswith("<head><title>สู่เครือข่าย</title></head><p>สู่เครือข่าย</p>"
                          '<script>const s = "<h2>สู่เครือข่าย</h2>";</script>')
    assert f"{W}สนใจ</span><wbr>{W}ช่วย</span>" in out
    assert f"{W}ถอด" in out


def test_latin_text_and_long_unknown_runs_are_left_to_the_browser() -> None:
    assert keep_words("<h2>Group Network</h2>") == "<h2>Group Network</h2>"
    out = wrap_text("ก" * 60)
    assert _text(out) == "ก" * 60 and "<wbr>" in out  # cut, never one 60-letter unbreakable box


def test_a_long_word_may_break_only_where_it_could_never_fit() -> None:
    assert wrap_text("มหาวิทยาลัยสงขลานครินทร์") == '<span class="gm-w gm-wl">มหาวิทยาลัยสงขลานครินทร์</span>'


# The rule as it was first written, three regular expressions over the whole page; keep_words
# finds the same places faster (scripts set aside with str.find, classed tags tried only where
# a marker class occurs) and must give the same bytes.
_REF_SKIP = re.compile(r"<(script|style|textarea|svg)\b.*?</\1\s*>", re.S | re.I)
_REF_HEADING = re.compile(r"<(h[1-6])\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_REF_CLASSED = re.compile(
    r"""<(a|button|span|p|div)\b([^>]*\bclass="[^"]*(?:\bmd-button\b|\bgm-share__button\b|__title\b)[^"]*"[^>]*)>"""
    r"""(.*?)</\1\s*>""", re.S | re.I)


def _reference(page: str) -> str:
    kept: list[str] = []

    def hide(m: re.Match[str]) -> str:
        kept.append(m.group())
        return f"\x00{len(kept) - 1}\x00"

    def wrap(group: int) -> Callable[[re.Match[str]], str]:
        return lambda m: (m.group()[: m.start(group) - m.start()] + thaiwrap._wrap_inner(m.group(group))
                          + m.group()[m.end(group) - m.start():])

    body = _REF_SKIP.sub(hide, page)
    body = _REF_HEADING.sub(wrap(2), body)
    body = _REF_CLASSED.sub(wrap(3), body)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], body) if kept else body


@pytest.mark.parametrize("page", [
    '<h1 class="x">เครือข่ายอาสาสมัคร</h1><script>var a = "<h2>ไม่ใช่หัวข้อ</h2>";</script><h2>ผู้ด้อยโอกาส</h2>',
    '<p>ก<script>x = 1',  # never closed: left as it is
    '<SVG viewBox="0 0 1 1"><text>ข้อความ</text></svg><h2>สวัสดีครับ</h2>',
    '<a class="md-button">ช่วยเหลือ</a> md-button ในข้อความ <span class="x__title">สวัสดี</span>',
    '<div class="md-button md-button--primary">ติดต่อ<span class="a__title">ชื่อกลุ่ม</span></div>',
    '<style>.a__title{}</style><p class="b__title">ต่าง ๆ ทดสอบ</p><script>md-button</script>',
    '<textarea class="c__title">ไม่แตะ</textarea><button class="gm-share__button">แชร์ต่อ</button>',
    '<span class="gm-w">ทำแล้ว</span><li class="gm-card__title"><a href="/x/">&lt;ชื่อ&gt; &amp; กลุ่ม</a></li>',
    # Opening tags the quick match of a classed tag leaves to the regex, or answers without it.
    '<a class="x" href="#" class="md-button">สนใจช่วย</a>',  # the second class attribute counts
    '<a class="md-button" class="x">สนใจช่วย</a>',
    '<a class="md-button>ทดสอบ<b" href="#">สนใจ</a>',  # a ">" inside the value
    '<p title="<" class="md-button"><p>หลัง</p>',  # a "<" inside a value: the tag starts before it
    '<a class="q>w<i md-button">ช่วยเหลือ</a>',  # both inside the class value
    '<a class="xmd-buttons">ช่วยเหลือ</a><span class="gm-card__titles">ชื่อ</span>',  # not the markers
    '<button title="x" CLASS="gm-share__button">แชร์ต่อ</BUTTON >',
    '<span data-class="a__title">ชื่อกลุ่ม</span><span xclass="a__title">ชื่อกลุ่ม</span>',
    '<p class="b__title">ไม่ปิด', '<div class="md-button"', '<a href="md-button">ลิงก์</a>',
])
def test_keep_words_gives_the_bytes_of_the_rule_as_written(page: str) -> None:
    assert thaiwrap.keep_words(page) == _reference(page)


# Pieces of pages as the site makes them (and as contributors might), in any order: the fast
# search for places must give the bytes of the rule as written on every one.
_PIECES = [
    "<h2>ผู้ด้อยโอกาส</h2>", '<h3 class="x"><a href="/a/">กลุ่มเยาวชน &amp; สตรี</a></h3>', "<p>ต่าง ๆ</p>",
    '<a class="md-button md-button--primary" href="#">สนใจช่วย</a>',
    '<span class="gm-card__title">ชื่อ</span>',
    "<script>var s = '<h2>ไม่ใช่</h2> md-button';</script>", "<style>.a__title{}</style>",
    "<SVG><text>ข</text></svg>", '<button class="gm-share__button">แชร์</button>',
    "<textarea>__title สวัสดี</textarea>", "<TextArea><h2>ก่อน</h2></textarea>", "<script>x = 1",
    '<div class="md-button">ติดต่อ<svg viewBox="0 0 1 1"><title>ไอคอน</title></svg></div>', "</h2>", "<h1>",
    '<label class="md-nav__title">เครือข่าย</label>', "__title", "<", "สวัสดีครับ", "<stylex>ก</stylex>",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_keep_words_matches_the_rule_on_any_mix(pieces: list[str]) -> None:
    page = "".join(pieces)
    assert thaiwrap.keep_words(page) == _reference(page)


def test_the_search_index_reads_the_same_entries_from_a_cut_page() -> None:
    """The build cuts a page's words after indexing it, and the in-process fallback indexes the
    cut page: both must give the same entries (guidemap.adapter.search_sections)."""
    from guidemap.adapter.search_sections import entries

    body = ('<h1 id="t">สู่เครือข่าย</h1><p>ต่าง ๆ กัน</p><h2 id="a">ผู้ด้อยโอกาส</h2>'
            '<p><a class="md-button" href="#">สนใจช่วย</a> ข้อความ</p>')
    cut = keep_words(body)
    assert cut != body
    assert entries("stories/x/", "สู่เครือข่าย", cut, None) == entries("stories/x/", "สู่เครือข่าย", body, None)


def test_the_title_the_theme_adds_is_cut_once() -> None:
    page = '<header><div class="md-header__title">เครือข่าย</div></header><h1>สู่เครือข่าย</h1><h2>ผู้ด้อยโอกาส</h2>'
    out = thaiwrap.keep_words_in_title(page)
    assert out.startswith('<header><div class="md-header__title">เครือข่าย</div></header>')  # nowrap there
    assert f"<h1>{W}สู่</span><wbr>{W}เครือข่าย</span></h1><h2>ผู้ด้อยโอกาส</h2>" in out
    assert thaiwrap.keep_words_in_title(out) == out  # a body's own h1, cut already, stays as it is
    assert thaiwrap.keep_words_in_title("<p>ไม่มีหัวเรื่อง</p>") == "<p>ไม่มีหัวเรื่อง</p>"


# Opening tags as contributors might write them: the quick match of a classed tag (one class
# attribute, closed inside the tag) must give the regex's bytes, and every other tag (two class
# attributes, a ">" in one, any case, a long address before or after) must be left to the regex.
_ATTRIBUTES = [
    'class="md-button"', 'class="gm-share__button gm-share__line"', 'class="gm-card__title x"', 'class="x"',
    'CLASS="md-button"', 'claſs="a__title"', 'data-class="md-button"', 'xclass="md-button"',
    'class="a>b md-button"', 'class="md-button>"', 'class="q>w<i md-button"', 'class=""',
    'class="xmd-button"', 'class="gm-card__titles"', 'title="ก > ข"', 'title="<"',
    'href="https://example.org/?q=' + "%E0%B8%81" * 40 + '"', 'data-title="กลุ่ม &amp; เยาวชน"',
    "hidden", 'id="x"', '="', "md-button",
]


@settings(max_examples=400)
@given(st.sampled_from(["a", "A", "button", "span", "p", "div", "dİv", "h3", "abbr"]),
       st.lists(st.sampled_from(_ATTRIBUTES), max_size=4),
       st.lists(st.sampled_from(["ช่วยเหลือ", "<span>ติดต่อ</span>", "</a >", "</A>", "</span>", "</p>",
                                 "</div>", "</button>", "</h3>", "&lt;กลุ่ม&gt;", "<h2>หัวข้อ</h2>", ">"]),
                max_size=4))
def test_a_classed_tag_is_matched_as_the_rule_matches_it(name: str, attributes: list[str],
                                                         after: list[str]) -> None:
    page = f"<p>ก่อน</p><{name} {' '.join(attributes)}>" + "".join(after) + "<p>หลัง md-button</p>"
    assert thaiwrap.keep_words(page) == _reference(page)
