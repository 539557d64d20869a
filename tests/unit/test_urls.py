"""Relative links between site URLs (every generated link goes through urls.rel)."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from guidemap.outputs.site import urls


def reference(frm: str, to: str) -> str:
    """The definition: posixpath.relpath from the page's folder, folders keeping their slash."""
    to, hash_, fragment = to.partition("#")
    target = posixpath.relpath("/" + to.rstrip("/"), "/" + frm.rstrip("/") if frm else "/")
    if to == "" or to.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target + hash_ + fragment


PAGES = ["", "orgs/", "orgs/a/", "orgs/ab/", "provinces/yala/", "focus/peace/", "map/",
         "stories/2026-01-05-beach/", "stories/", "a/b/c/"]
TARGETS = [*PAGES, "feed.xml", "feeds/orgs/a.xml", "orgs/a/#contact", "#top", "map/#a",
           "assets/map/leaflet/leaflet.js", "stories/pic.png", "orgs/a.png", "orgs/abc/",
           "stories/../about/", "./map/"]


@pytest.mark.parametrize(("frm", "to"), list(itertools.product(PAGES, TARGETS)))
def test_rel_matches_posixpath(frm: str, to: str) -> None:
    assert urls.rel(frm, to) == reference(frm, to)


@pytest.mark.parametrize(("frm", "to", "expected"), [
    ("orgs/a/", "provinces/yala/", "../../provinces/yala/"),
    ("orgs/a/", "orgs/a/", "./"),
    ("orgs/a/", "orgs/", "../"),
    ("orgs/", "orgs/a/", "a/"),
    ("", "map/#x", "map/#x"),
    ("orgs/ab/", "orgs/a/", "../a/"),  # a shared prefix of letters is not a shared folder
    ("focus/peace/", "feeds/focus/peace.xml", "../../feeds/focus/peace.xml"),
])
def test_rel_examples(frm: str, to: str, expected: str) -> None:
    assert urls.rel(frm, to) == expected
