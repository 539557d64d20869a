"""The one feed writer (RSS 2.0 and Atom, feedgen) for every feed the site publishes: the
newsletter's (stories and campaign announcements, :mod:`~guidemap.outputs.feeds.stories`) and the
open calls' (:mod:`~guidemap.outputs.feeds.calls`). Each feed gives a :class:`Channel` and its
:class:`Entry` items, whatever they were made from; this module decides how they are written.

Byte-identical for the same input: every date comes from the data (feedgen's defaults that
would read the clock are always overridden), items are written in the order given (feedgen's
``add_entry`` prepends by default).

Every string is cut down to the characters XML 1.0 allows before lxml sees it, so a control
character pasted into a story cannot make the build fail or the XML malformed.

An item's date is a day (a story's date, a call's ``updated``), so two items of one day would
share one Atom ``updated``, which tells a reader nothing about which changed (the W3C Feed
Validator warns of it). Atom's ``updated`` is that day's start plus a few seconds taken from a
digest of what the item says (:func:`updated_times`): items that differ get different times, an
item's time moves when its text changes, and the same input gives the same bytes. RSS keeps the
day (``pubDate`` is when it was published, not when it changed).

Plain text and HTML are kept apart. RSS gives no way to say which an element holds, and
readers take ``<description>`` (and often ``<title>``) as HTML: there, contributed text is
HTML-escaped before lxml escapes it again as XML, so ``<script>`` in a summary reaches the
reader as the characters, never as an element. Atom says it: ``<summary>`` and ``<title>``
carry no ``type``, which means plain text, so Atom gets the text itself. Categories and authors
are text in both formats.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import NamedTuple

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

# isort: split
# Only after feedgen.feed: feedgen.ext.dc reads lxml.etree off the lxml package, imported by then.
from feedgen.ext.dc import DcEntryExtension, DcExtension

from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

# Thailand keeps one offset all year (no daylight saving), so a fixed zone is exact.
BANGKOK = dt.timezone(dt.timedelta(hours=7), "ICT")
GENERATOR = "guidemap"
# XML 1.0 forbids C0 controls other than tab/newline/return, surrogates and U+FFFE/U+FFFF;
# C1 controls are allowed but make some readers choke, so they go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", text)


def rss_html(text: str) -> str:
    """Plain ``text`` as the HTML an RSS reader expects in ``<description>`` and ``<title>``:
    its ``&``, ``<`` and ``>`` escaped (quotes need no escaping outside attributes)."""
    return escape(xml_text(text), quote=False)


def day_start(day: dt.date) -> dt.datetime:
    """A day as a time-zone-aware moment: midnight in Thailand, where the site is published."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BANGKOK)


@dataclass(frozen=True)
class Entry:
    """One item of any feed: a story, a campaign, a call."""

    title: str  # plain text
    url: str  # absolute; also the item's id
    when: dt.datetime  # published and updated
    summary: str  # plain text
    html: str  # the whole item as sanitized HTML with absolute links
    categories: tuple[str, ...] = ()
    author: str | None = None
    enclosure: tuple[str, int, str] | None = None  # absolute URL, length in bytes, media type

    @cached_property
    def written(self) -> Written:
        """What the writer makes of this item, worked out once however many feeds carry it."""
        said = "\x00".join((self.url, self.title, self.summary, self.html, *self.categories))
        digest = hashlib.sha256(said.encode("utf-8", "surrogatepass")).digest()
        return Written(xml_text(self.title), xml_text(self.summary), xml_text(self.html),
                       tuple(xml_text(t) for t in self.categories),
                       xml_text(self.author or ""),
                       dt.timedelta(seconds=int.from_bytes(digest[:4], "big") % 3600))


class Written(NamedTuple):
    """An :class:`Entry`'s text with only the characters XML allows, and its Atom offset."""

    title: str
    summary: str
    html: str
    categories: tuple[str, ...]
    author: str  # written only when the entry has one (even if nothing of it is left)
    offset: dt.timedelta  # see updated_times


@dataclass(frozen=True)
class Channel:
    """One feed, both formats: its files (site paths), its page and what it says it is."""

    rss: str
    atom: str
    page: str
    title: str  # plain text (it names groups, so it is contributed text too)
    description: str  # plain text
    creators: bool = False  # RSS names items' authors as dc:creator (RSS's own <author> is an e-mail)


class _NoFeedExtension(BaseExtension):  # type: ignore[misc]
    """feedgen wants a feed-level class for every extension; this one adds nothing."""


class _AtomEntryLinks(BaseEntryExtension):  # type: ignore[misc]
    """Extra ``<link>`` elements of an Atom entry. feedgen 1.0 drops the ``rel``, ``type`` and
    ``length`` of entry links (its loop variable is shadowed by the new element), which would
    turn an enclosure into a second "alternate" link; this writes them itself."""

    def __init__(self) -> None:
        self.links: list[dict[str, str]] = []

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        for attrs in self.links:
            etree.SubElement(entry, "link", attrib=attrs)
        return entry


def _load_dc(fg: FeedGenerator) -> None:
    """What ``fg.load_extension("dc")`` registers, without the imports it tries for every feed
    (a failed import of ``feedgen.ext.dc_entry`` searches the path each time: 1,263 feeds at
    2,000 groups). tests/properties/test_properties_feed_shortcuts.py compares the two."""
    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=True, rss=True)


def _generator(channel: Channel, site: SiteInfo, fmt: str, updated: dt.datetime) -> FeedGenerator:
    self_url = urls.absolute(site.url, channel.rss if fmt == "rss" else channel.atom)
    page_url = urls.absolute(site.url, channel.page)
    fg = FeedGenerator()
    fg.id(self_url)
    text = rss_html if fmt == "rss" else xml_text  # see the module's docstring
    fg.title(text(channel.title))
    fg.description(text(channel.description))  # RSS description, Atom subtitle
    fg.language("th")
    fg.author({"name": xml_text(site.name)})  # Atom requires an author for the feed
    if fmt == "rss":
        fg.link(href=self_url, rel="self", type=urls.RSS_TYPE)
        fg.link(href=page_url, rel="alternate")  # feedgen takes the last link as RSS <link>
        if channel.creators:
            _load_dc(fg)
    else:
        fg.link(href=self_url, rel="self", type=urls.ATOM_TYPE)
        fg.link(href=page_url, rel="alternate", type="text/html")
        fg.register_extension("gm_links", _NoFeedExtension, _AtomEntryLinks, atom=True, rss=False)
    # feedgen reads the clock for these unless told otherwise: the newest item decides.
    fg.updated(updated)
    fg.pubDate(updated)
    fg.generator(GENERATOR)
    return fg


def updated_times(entries: Iterable[Entry]) -> list[dt.datetime]:
    """Each entry's Atom ``updated``: its moment plus up to an hour, in seconds read from a digest
    of its address and content; a time another entry already has moves on a second."""
    taken: set[dt.datetime] = set()
    found: list[dt.datetime] = []
    for item in entries:
        moment = item.when + item.written.offset
        while moment in taken:
            moment += dt.timedelta(seconds=1)
        taken.add(moment)
        found.append(moment)
    return found


def _add(fg: FeedGenerator, item: Entry, fmt: str, creators: bool, updated: dt.datetime) -> None:
    entry = fg.add_entry(order="append")  # feedgen prepends by default
    said = item.written  # already XML-safe: RSS's text is escaped as rss_html does, Atom's kept
    if fmt == "rss":
        title, summary = escape(said.title, quote=False), escape(said.summary, quote=False)
    else:
        title, summary = said.title, said.summary
    entry.title(title)
    entry.link(href=item.url, rel="alternate")
    entry.guid(item.url, permalink=True)
    entry.published(item.when)
    entry.updated(item.when if fmt == "rss" else updated)
    entry.summary(summary)  # RSS description, Atom summary (description() would be content)
    entry.content(said.html, type="html")  # escaped, never CDATA: an item may contain "]]>"
    if said.categories:  # one call: feedgen redoes the RSS list of every category on each call
        entry.category([{"term": term} for term in said.categories])
    if item.author:
        entry.author({"name": said.author})
        if fmt == "rss" and creators:
            entry.dc.dc_creator(said.author)
    if item.enclosure:
        url, length, kind = item.enclosure
        if fmt == "rss":
            entry.enclosure(url, str(length), kind)
        else:
            entry.gm_links.links.append(
                {"href": url, "rel": "enclosure", "type": kind, "length": str(length)})


def feed_files(channel: Channel, entries: Iterable[Entry], site: SiteInfo,
               updated: dt.datetime) -> dict[str, bytes]:
    """Site path → bytes of the channel's RSS and Atom files, the entries in the order given."""
    chosen = list(entries)
    times = updated_times(chosen)
    out: dict[str, bytes] = {}
    for fmt in ("rss", "atom"):
        # The Atom feed changed when its latest entry did.
        fg = _generator(channel, site, fmt, updated if fmt == "rss" else max([updated, *times]))
        for item, when in zip(chosen, times, strict=True):
            _add(fg, item, fmt, channel.creators, when)
        if fmt == "rss":
            out[channel.rss] = fg.rss_str(pretty=True)
        else:
            out[channel.atom] = fg.atom_str(pretty=True)
    return out
