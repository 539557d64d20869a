"""The feeds' shortcuts give what the plain calls give: the Dublin Core extension registered from
classes imported once (writer._load_dc) against feedgen's own ``load_extension("dc")``, on feeds
of generated items (any text, authors or none, pictures); each item's text made XML-safe and
its Atom offset worked out once (``Entry.written``) against doing it for every feed and format,
as the writer did; the sanitizer built once against
``nh3.clean`` with the same options; a plain absolute address kept as it is against urljoin;
one ``Absolutizer`` over many fragments against
``absolutize`` on each, on generated HTML (allowed and refused tags, links of every kind)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from unittest import mock
from urllib.parse import urljoin

import nh3
from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.outputs.feeds import writer
from guidemap.outputs.html import htmlkit
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
    author=st.one_of(st.none(), TEXT, st.just("\x01\x85")),  # the last: nothing of it is XML
    enclosure=st.one_of(st.none(), st.just(("https://example.org/p.jpg", 120, "image/jpeg"))),
)


def _plain_dc(fg: FeedGenerator) -> None:
    fg.load_extension("dc")


def _plain_times(entries: list[writer.Entry]) -> list[dt.datetime]:
    taken: set[dt.datetime] = set()
    found: list[dt.datetime] = []
    for item in entries:
        said = "\x00".join((item.url, item.title, item.summary, item.html, *item.categories))
        digest = hashlib.sha256(said.encode("utf-8", "surrogatepass")).digest()
        moment = item.when + dt.timedelta(seconds=int.from_bytes(digest[:4], "big") % 3600)
        while moment in taken:
            moment += dt.timedelta(seconds=1)
        taken.add(moment)
        found.append(moment)
    return found


def _plain_add(fg: FeedGenerator, item: writer.Entry, fmt: str, creators: bool,
               updated: dt.datetime) -> None:
    entry = fg.add_entry(order="append")
    text = writer.rss_html if fmt == "rss" else writer.xml_text
    entry.title(text(item.title))
    entry.link(href=item.url, rel="alternate")
    entry.guid(item.url, permalink=True)
    entry.published(item.when)
    entry.updated(item.when if fmt == "rss" else updated)
    entry.summary(text(item.summary))
    entry.content(writer.xml_text(item.html), type="html")
    for term in item.categories:
        entry.category(term=writer.xml_text(term))
    if item.author:
        entry.author({"name": writer.xml_text(item.author)})
        if fmt == "rss" and creators:
            entry.dc.dc_creator(writer.xml_text(item.author))
    if item.enclosure:
        url, length, kind = item.enclosure
        if fmt == "rss":
            entry.enclosure(url, str(length), kind)
        else:
            link = {"href": url, "rel": "enclosure", "type": kind, "length": str(length)}
            entry.gm_links.links.append(link)


@settings(max_examples=60, deadline=None)
@given(st.lists(ENTRIES, max_size=4), st.booleans(), SAID)
def test_shortcuts_write_what_the_plain_calls_write(entries: list[writer.Entry], creators: bool,
                                              title: str) -> None:
    channel = writer.Channel("feed.xml", "feed.atom", "news/", title, "ข่าว", creators=creators)
    updated = writer.day_start(dt.date(2026, 1, 2))
    fast = writer.feed_files(channel, entries, SITE, updated)
    with (mock.patch.object(writer, "_load_dc", _plain_dc), mock.patch.object(writer, "_add", _plain_add),
          mock.patch.object(writer, "updated_times", _plain_times)):
        plain = writer.feed_files(channel, entries, SITE, updated)
    assert fast == plain
    assert writer.feed_files(channel, entries, SITE, updated) == plain  # items already written once
    if creators and any(e.author for e in entries):
        assert b"dc:creator" in fast["feed.xml"]


# HTML that exercises what the cleaners decide: allowed and refused tags (a refused one keeps its
# children, which is where a second cleaning can differ), every kind of link and picture address,
# ids, comments, character references and text that is not valid Unicode.
ADDRESSES = st.sampled_from(["#top", "other.md", "../x/index.md", "pic.jpg", "/abs/",
                             "https://example.org/a?b=1#c", "http://other.site/p.png",
                             "javascript:alert(1)", "mailto:a@b.c", "?q", "", "a b\"<"])
OPEN = st.one_of(
    st.sampled_from(["<p>", "<div>", "<pre>", "<pre>\n\n", "<object>", "<table>", "<tr>", "<td>", "<ul><li>",
                     "<script>", "<style>", "<h2 id=\"x\">", "<h3 id=\"__x\">", "<span lang=\"th\">",
                     "<a class=\"headerlink\" href=\"#h\" title=\"t\">", "<!-- c -->", "<b onclick=\"x\">"]),
    ADDRESSES.map(lambda a: f'<a href="{a}" title="t">'),
    ADDRESSES.map(lambda a: f'<img src="{a}" alt="ก">'),
)
CLOSE = st.sampled_from(["</p>", "</div>", "</pre>", "</object>", "</table>", "</a>", "</script>", "</b>",
                         ""])
WORDS = st.one_of(st.text(max_size=8),
                  st.sampled_from(["ยะลา", "&amp;", "&lt;b&gt;", "\ud800", "]]>", "\n"]))
HTML = st.lists(st.one_of(OPEN, CLOSE, WORDS), max_size=14).map("".join)


def _plain_sanitize(fragment: str) -> str:
    return nh3.clean(fragment, tags=htmlkit._TAGS, attributes=htmlkit._ATTRIBUTES,
                     attribute_filter=htmlkit._contributed_filter, url_schemes=htmlkit.SAFE_SCHEMES,
                     link_rel="noopener noreferrer nofollow ugc", strip_comments=True)


@settings(max_examples=300, deadline=None)
@given(HTML)
def test_sanitize_is_nh3_clean(fragment: str) -> None:
    try:
        expected = _plain_sanitize(fragment)
    except UnicodeEncodeError:
        expected = _plain_sanitize(htmlkit._valid_unicode(fragment))
    assert htmlkit.sanitize(fragment) == expected


PAGES = st.sampled_from([("https://example.org/s/a/", "https://example.org/s/a/"),
                         ("https://example.org/s/b/", "https://example.org/content/stories/")])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(HTML, PAGES), max_size=5))
def test_one_absolutizer_is_absolutize(fragments: list[tuple[str, tuple[str, str]]]) -> None:
    absolute = htmlkit.Absolutizer()  # one for all, as the feeds use it
    for fragment, (page, folder) in fragments:
        assert absolute(fragment, page, folder) == htmlkit.absolutize(fragment, page, folder)


def _plain_absolute(value: str, page_url: str, folder_url: str) -> str:
    if value.startswith("#"):
        return page_url + value
    target = urljoin(folder_url, value)
    path, hash_, fragment = target.partition("#")
    if "://" not in value and path.endswith(".md"):
        path = path.removesuffix("index.md") if path.endswith("/index.md") else path[:-3] + "/"
    return path + hash_ + fragment


# Addresses near the plain ones: other schemes and cases, empty hosts, and every character that
# makes urljoin change an address (queries, fragments, parameters, spaces, tabs, brackets, dots).
PLAIN = st.text(alphabet="ab.-_/:@%~&'+=", max_size=6)
ODD = st.sampled_from(["", "", "?", "#", ";", "[", "]", " ", "\t", "\n", "\x00", "\x7f", "A", "ยะ", "/..",
                       "?#"])
ADDRESS_TEXT = st.one_of(
    st.builds(lambda scheme, start, odd, end: scheme + start + odd + end,
              st.sampled_from(["https://", "https://", "http://", "HTTPS://", "ftp://", "//", "https:", "",
                               "/"]),
              PLAIN, ODD, st.one_of(st.just(""), PLAIN)),  # urljoin drops an empty query or fragment
    st.lists(st.sampled_from(["https://", "example.org", "ยะลา", "a.md", "index.md", "/", "..", "?", "#",
                              ";", "[", "]", "%20", "\t"]), max_size=8).map("".join))
BASES = st.sampled_from(["https://example.org/guide/stories/a/", "https://example.org/content/stories/",
                         "http://example.org/", "https://x.test", ""])


@settings(max_examples=2000, deadline=None)
@given(ADDRESS_TEXT, BASES, BASES)
def test_plain_absolute_is_urljoin(value: str, page: str, folder: str) -> None:
    try:
        expected: str | type[ValueError] = _plain_absolute(value, page, folder)
    except ValueError:
        expected = ValueError
    try:
        got: str | type[ValueError] = htmlkit._absolute(value, page, folder)
    except ValueError:
        got = ValueError
    assert got == expected
    if re.fullmatch(r"https?://[a-z]+\.[a-z]+/[a-z/]*", value):
        assert htmlkit._PLAIN_ABSOLUTE.fullmatch(value)  # the fast way is taken where it should be
