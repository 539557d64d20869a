"""Thai words kept whole in headings, titles and buttons (outputs/html/thaiwrap.py): the text
is cut and each piece escaped again, so nothing contributed changes meaning."""

from __future__ import annotations

import html
import re

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
