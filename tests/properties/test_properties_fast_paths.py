"""The faster paths of functions every page calls thousands of times give what the plain
definitions give: escaping (htmlkit.h against html.escape), relative links (urls.rel against
posixpath.relpath), Thai dates (thai.thai_date against pythainlp's thai_strftime), the share
buttons' addresses (against urllib's quote) and the site's icons (icons.icon against the whole
drawing reduced)."""

from __future__ import annotations

import datetime as dt
import html
import posixpath
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import thai_strftime

from guidemap.contract import thai
from guidemap.outputs.html import icons, share
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.site import urls

# Segments with the characters that matter to each path: dots (".", "..", "a.b"), empty ones
# ("a//b"), and text with the five characters HTML escapes.
SEGMENTS = st.sampled_from(["", ".", "..", "orgs", "a", "ab", "a.b", "x.xml", "ยะลา", "p&q"])
PATHS = st.lists(SEGMENTS, max_size=5).map("/".join)


@given(st.one_of(st.text(), st.integers(), st.text(alphabet="&<>\"'ab ")))
def test_h_is_html_escape(value: object) -> None:
    assert h(value) == html.escape(str(value), quote=True)


def _reference(frm: str, to: str) -> str:
    to, hash_, fragment = to.partition("#")
    target = posixpath.relpath("/" + to.rstrip("/"), "/" + frm.rstrip("/") if frm else "/")
    if to == "" or to.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target + hash_ + fragment


@settings(max_examples=500)
@given(PATHS, st.booleans(), PATHS, st.sampled_from(["", "/", "#x", "/#top"]))
def test_rel_is_relpath(frm: str, folder: bool, to: str, end: str) -> None:
    frm = frm + "/" if folder and frm else frm
    assert urls.rel(frm, to + end) == _reference(frm, to + end)


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9000, 12, 31)))
def test_thai_date_is_thai_strftime(day: dt.date) -> None:
    assert thai.thai_date(day) == thai_strftime(dt.datetime(day.year, day.month, day.day), "%-d %B %Y")



@given(st.one_of(st.text(), st.text(alphabet="กขคงยะลาก้ำ &?/:#%é中")))
def test_share_quoting_is_urllib_quote(text: str) -> None:
    try:
        expected = quote(text, safe="")
    except UnicodeEncodeError:  # a lone surrogate: refused either way
        with pytest.raises(UnicodeEncodeError):
            share.facebook_url(text)
        return
    assert share.facebook_url(text) == f"{share.FACEBOOK_SHARE}?u={expected}"


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 700))
def test_icon_is_the_whole_drawing_reduced(size: int) -> None:
    assert icons.icon(size) == icons.icon_plain(size)


def test_site_icons_are_the_whole_drawing_reduced() -> None:
    for size in icons.ICONS.values():
        assert icons.icon(size) == icons.icon_plain(size)
