"""The feed writer's shortcuts give the bytes feedgen's plain calls give: the Dublin Core
extension registered from classes imported once (writer._load_dc) against feedgen's own
``load_extension("dc")``, on feeds of generated items (any text, authors or none, pictures)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.outputs.feeds import writer
from guidemap.outputs.site.types import SiteInfo

SITE = SiteInfo(name="เครือข่าย <ทดสอบ>", url="https://example.org/", repo_url=None)
TEXT = st.one_of(st.text(max_size=40), st.text(alphabet="กขคยะลา <>&\"'\x01\x85]]>", max_size=40))
SAID = TEXT.filter(lambda t: writer.xml_text(t) != "")  # feedgen refuses an empty title
ENTRIES = st.builds(
    writer.Entry,
    title=SAID,
    url=st.sampled_from(["https://example.org/a/", "https://example.org/b/"]),
    when=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)).map(writer.day_start),
    summary=SAID,
    html=st.one_of(TEXT, st.just('<p><a href="https://example.org/x">ก &amp; ข</a></p>')),
    categories=st.lists(TEXT, max_size=3).map(tuple),
    author=st.one_of(st.none(), TEXT),
    enclosure=st.one_of(st.none(), st.just(("https://example.org/p.jpg", 120, "image/jpeg"))),
)


def _plain_dc(fg: FeedGenerator) -> None:
    fg.load_extension("dc")


@settings(max_examples=60, deadline=None)
@given(st.lists(ENTRIES, max_size=4), st.booleans(), SAID)
def test_dc_registered_once_is_load_extension(entries: list[writer.Entry], creators: bool,
                                              title: str) -> None:
    channel = writer.Channel("feed.xml", "feed.atom", "news/", title, "ข่าว", creators=creators)
    updated = writer.day_start(dt.date(2026, 1, 2))
    fast = writer.feed_files(channel, entries, SITE, updated)
    with mock.patch.object(writer, "_load_dc", _plain_dc):
        plain = writer.feed_files(channel, entries, SITE, updated)
    assert fast == plain
    if creators and any(e.author for e in entries):
        assert b"dc:creator" in fast["feed.xml"]
