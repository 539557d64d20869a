"""The faster paths of the worker's files give the bytes the general tools give: an edition's
message (``.eml``) against the ``email`` package's generator, the feed writer (lxml directly)
against feedgen, which wrote the feeds before."""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from email.message import EmailMessage

import pytest
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.outputs.editions import mail
from guidemap.outputs.editions.select import Edition, period_of
from guidemap.outputs.feeds import writer
from guidemap.outputs.feeds.writer import Channel, Entry, day_start, rss_html, xml_text
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

# Text with what changes a message: line ends of every kind, Thai, long lines, a header-breaking
# character in the site's name.
TEXT = st.one_of(st.text(), st.text(alphabet="ab กข้ำ\r\n\x0b\x85\u2028é=?_\t"))
NAMES = st.one_of(st.text(max_size=120), st.text(alphabet="ab กข้ำ =?_:;\"()<>,", max_size=200))


def _reference(edition: Edition, site: SiteInfo, text: str, html: str) -> bytes:
    """The message as the ``email`` package makes it."""
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = f"{edition.title} · {site.name}"
    msg["Date"] = email.utils.format_datetime(day_start(edition.period.issued))
    msg["X-Unsent"] = "1"
    msg.set_content(text, cte="base64")
    msg.add_alternative(html, subtype="html", cte="base64")
    msg.set_boundary(f"guidemap-edition-{edition.period.key}")
    return msg.as_bytes()


@settings(max_examples=300)
@given(st.integers(1, 100_000), st.dates(dt.date(1900, 1, 1), dt.date(2400, 12, 1)),
       st.sampled_from([1, 2, 3, 6, 12]), NAMES, TEXT, TEXT)
def test_the_message_is_the_email_packages(number: int, day: dt.date, months: int, name: str,
                                           text: str, html: str) -> None:
    edition = Edition(number, period_of(day, months), (), (), (), (), (), ())
    site = SiteInfo(name=name, url="https://example.org/", repo_url=None)
    try:
        expected = _reference(edition, site, text, html)
    except (ValueError, UnicodeEncodeError) as refused:  # a line break in a header, a lone surrogate
        with pytest.raises(type(refused)):
            mail.message(edition, site, text, html)
        return
    assert mail.message(edition, site, text, html) == expected


# -- the feed writer against feedgen (the writer as it was, with feedgen) -------------------------

class _NoFeedExtension(BaseExtension):  # type: ignore[misc]
    pass


class _AtomEntryLinks(BaseEntryExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: object) -> object:
        from lxml import etree

        for attrs in self.links:
            etree.SubElement(entry, "link", attrib=attrs)
        return entry


def _generator(channel: Channel, site: SiteInfo, fmt: str, updated: dt.datetime) -> FeedGenerator:
    self_url = urls.absolute(site.url, channel.rss if fmt == "rss" else channel.atom)
    page_url = urls.absolute(site.url, channel.page)
    fg = FeedGenerator()
    fg.id(self_url)
    text = rss_html if fmt == "rss" else xml_text
    fg.title(text(channel.title))
    fg.description(text(channel.description))
    fg.language("th")
    fg.author({"name": xml_text(site.name)})
    if fmt == "rss":
        fg.link(href=self_url, rel="self", type=urls.RSS_TYPE)
        fg.link(href=page_url, rel="alternate")
        if channel.creators:
            fg.load_extension("dc")
    else:
        fg.link(href=self_url, rel="self", type=urls.ATOM_TYPE)
        fg.link(href=page_url, rel="alternate", type="text/html")
        fg.register_extension("gm_links", _NoFeedExtension, _AtomEntryLinks, atom=True, rss=False)
    fg.updated(updated)
    fg.pubDate(updated)
    fg.generator(writer.GENERATOR)
    return fg


def _add(fg: FeedGenerator, item: Entry, fmt: str, creators: bool, updated: dt.datetime) -> None:
    entry = fg.add_entry(order="append")
    text = rss_html if fmt == "rss" else xml_text
    entry.title(text(item.title))
    entry.link(href=item.url, rel="alternate")
    entry.guid(item.url, permalink=True)
    entry.published(item.when)
    entry.updated(item.when if fmt == "rss" else updated)
    entry.summary(text(item.summary))
    entry.content(xml_text(item.html), type="html")
    for term in item.categories:
        entry.category(term=xml_text(term))
    if item.author:
        entry.author({"name": xml_text(item.author)})
        if fmt == "rss" and creators:
            entry.dc.dc_creator(xml_text(item.author))
    if item.enclosure:
        url, length, kind = item.enclosure
        if fmt == "rss":
            entry.enclosure(url, str(length), kind)
        else:
            entry.gm_links.links.append(
                {"href": url, "rel": "enclosure", "type": kind, "length": str(length)})


def _feedgen_files(channel: Channel, entries: list[Entry], site: SiteInfo,
                   updated: dt.datetime) -> dict[str, bytes]:
    times = writer.updated_times(entries)
    out: dict[str, bytes] = {}
    for fmt in ("rss", "atom"):
        fg = _generator(channel, site, fmt, updated if fmt == "rss" else max([updated, *times]))
        for item, when in zip(entries, times, strict=True):
            _add(fg, item, fmt, channel.creators, when)
        out[channel.rss if fmt == "rss" else channel.atom] = (
            fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True))
    return out


# Text as feeds get it: empty, markup, control characters XML refuses, Thai, spaces only.
FEED_TEXT = st.one_of(st.sampled_from(["", " ", "\x00", "a & <b>", "ข่าว ]]>"]),
                      st.text(alphabet="ab กข้ำ&<>\"'\x01\x1b\x85\r\n\t", max_size=30))
WHEN = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2400, 1, 1)).map(
    lambda d: d.replace(tzinfo=writer.BANGKOK))
ENTRIES = st.builds(
    Entry, FEED_TEXT, st.sampled_from(["https://example.org/a/", "https://example.org/ข่าว/?a=1&b=2"]), WHEN,
    FEED_TEXT, FEED_TEXT, st.lists(FEED_TEXT, max_size=3).map(tuple), st.none() | FEED_TEXT,
    st.none() | st.tuples(st.sampled_from(["https://example.org/p.jpg", "https://x.org/a&b.png"]),
                          st.integers(0, 10**9), st.sampled_from(["image/jpeg", "image/png"])))
CHANNELS = st.builds(Channel, st.just("feeds/a.xml"), st.just("feeds/a.atom"),
                     st.sampled_from(["", "orgs/a/"]), FEED_TEXT, FEED_TEXT, st.booleans())


@settings(max_examples=300)
@given(CHANNELS, st.lists(ENTRIES, max_size=4), FEED_TEXT, WHEN)
def test_the_feed_writer_writes_what_feedgen_wrote(channel: Channel, entries: list[Entry], name: str,
                                                   updated: dt.datetime) -> None:
    site = SiteInfo(name=name, url="https://example.org/", repo_url=None)
    try:
        expected = _feedgen_files(channel, entries, site, updated)
    except ValueError:  # a required field empty (a title, a description): refused either way
        with pytest.raises(ValueError):
            writer.feed_files(channel, entries, site, updated)
        return
    assert writer.feed_files(channel, entries, site, updated) == expected
