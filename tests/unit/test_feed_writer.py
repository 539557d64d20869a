"""The one feed writer (guidemap.outputs.feeds.writer) that every feed goes through (stories,
campaign announcements, calls): an Entry is written the same way whatever it was made from."""

from __future__ import annotations

import datetime as dt

import feedparser
from lxml import etree

from guidemap.outputs.feeds.writer import Channel, Entry, day_start, feed_files
from guidemap.outputs.site.types import SiteInfo

SITE = SiteInfo(name="แผนที่อาสา & <co>", url="https://example.org/guide/", repo_url=None,
                today=dt.date(2026, 6, 1), description="")
CHANNEL = Channel("feed.xml", "feed.atom.xml", "news/", "ข่าว <b>", "คำอธิบาย", creators=True)
ENTRY = Entry("A & <script>x</script>\x1b", "https://example.org/a/", day_start(dt.date(2026, 1, 2)),
              "สรุป <i>\x00", "<p>เนื้อหา</p>\x07", ("แท็ก\x01", "ปัตตานี"), "ผู้เล่า",
              ("https://example.org/a.jpg", 1234, "image/jpeg"))


def test_one_entry_in_both_formats() -> None:
    files = feed_files(CHANNEL, [ENTRY, ENTRY], SITE, day_start(dt.date(2026, 1, 2)))
    assert set(files) == {"feed.xml", "feed.atom.xml"}
    for path, data in files.items():
        etree.fromstring(data)  # well-formed: the control characters are gone
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0 and len(parsed.entries) == 2
        (first, _) = parsed.entries
        assert [t.term for t in first.tags] == ["แท็ก", "ปัตตานี"]
        assert first.link == "https://example.org/a/" and first.published.startswith(
            "2026-01-02" if path.endswith("atom.xml") else "Fri, 02 Jan 2026 00:00:00 +0700")
        assert any(e.get("href") == "https://example.org/a.jpg" for e in first.get("enclosures", []))
    rss, atom = files["feed.xml"].decode(), files["feed.atom.xml"].decode()
    # RSS readers take the title and description as HTML: escaped twice; Atom's are plain text.
    assert "A &amp;amp; &amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;" in rss
    assert "A &amp; &lt;script&gt;x&lt;/script&gt;" in atom and "&amp;amp;" not in atom
    assert "<dc:creator>ผู้เล่า</dc:creator>" in rss
    assert 'rel="enclosure" type="image/jpeg" length="1234"' in atom


def test_a_channel_without_creators_has_no_dc_namespace() -> None:
    plain = Channel("c.xml", "c.atom.xml", "calls/", "ประกาศ", "ประกาศรับอาสา")
    rss = feed_files(plain, [ENTRY], SITE, ENTRY.when)["c.xml"].decode()
    assert "xmlns:dc" not in rss and "dc:creator" not in rss


def test_the_same_entries_give_the_same_bytes() -> None:
    one = feed_files(CHANNEL, [ENTRY], SITE, ENTRY.when)
    assert one == feed_files(CHANNEL, [ENTRY], SITE, ENTRY.when)
    assert b"<lastBuildDate>Fri, 02 Jan 2026 00:00:00 +0700</lastBuildDate>" in one["feed.xml"]


def _updated(atom: bytes) -> dict[str, str]:
    root = etree.fromstring(atom)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    return {e.findtext("a:id", namespaces=ns) or "": e.findtext("a:updated", namespaces=ns) or ""
            for e in root.iterfind("a:entry", ns)}


def test_entries_of_one_day_never_share_an_atom_updated_time() -> None:
    """The W3C Feed Validator warns when two entries share atom:updated: a reader cannot tell
    which changed. Each time comes from what the entry says: same input, same time."""
    import dataclasses

    same_day = [dataclasses.replace(ENTRY, url=f"https://example.org/{i}/", title=f"t{i}") for i in range(40)]
    files = feed_files(CHANNEL, same_day, SITE, ENTRY.when)
    times = _updated(files["feed.atom.xml"])
    assert len(times) == 40 and len(set(times.values())) == 40
    assert all(t.startswith("2026-01-02T00:") and t.endswith("+07:00") for t in times.values())
    assert _updated(feed_files(CHANNEL, same_day, SITE, ENTRY.when)["feed.atom.xml"]) == times
    # An entry whose text changes gets another time; the others keep theirs.
    edited = [dataclasses.replace(same_day[0], html="<p>แก้ไขแล้ว</p>"), *same_day[1:]]
    again = _updated(feed_files(CHANNEL, edited, SITE, ENTRY.when)["feed.atom.xml"])
    assert again["https://example.org/0/"] != times["https://example.org/0/"]
    assert {k: v for k, v in again.items() if k != "https://example.org/0/"} == {
        k: v for k, v in times.items() if k != "https://example.org/0/"}
    # RSS keeps the day an item was published.
    rss = feedparser.parse(files["feed.xml"])
    assert {e.published for e in rss.entries} == {"Fri, 02 Jan 2026 00:00:00 +0700"}
