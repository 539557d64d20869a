"""The one feed writer (RSS 2.0 and Atom, with lxml) for every feed the site publishes: the
newsletter's (stories and campaign announcements, :mod:`~guidemap.outputs.feeds.stories`) and the
open calls' (:mod:`~guidemap.outputs.feeds.calls`). Each feed gives a :class:`Channel` and its
:class:`Entry` items, whatever they were made from; this module decides how they are written.

Byte-identical for the same input: every date comes from the data (never the clock), items
are written in the order given.

The elements are built with lxml directly, as feedgen built them before (the same elements in
the same order, the same bytes: tests/properties/test_properties_worker_files.py compares the
two): feedgen spent most of a build's feed time on its own bookkeeping (an extension imported
again for every feed, every value checked and copied), for the 2,500 files of a large network.
Atom's ``<entry>`` keeps feedgen's shape: one ``<link>`` with the address alone (alternate, by
default) and the picture as a second ``<link rel="enclosure">``.

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
from html import escape

from lxml import etree

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


@dataclass(frozen=True)
class Channel:
    """One feed, both formats: its files (site paths), its page and what it says it is."""

    rss: str
    atom: str
    page: str
    title: str  # plain text (it names groups, so it is contributed text too)
    description: str  # plain text
    creators: bool = False  # RSS names items' authors as dc:creator (RSS's own <author> is an e-mail)


_ATOM = "http://www.w3.org/2005/Atom"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_RSS_DOCS = "http://www.rssboard.org/rss-specification"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 822 dates are in English whatever the machine's locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _rfc822(when: dt.datetime) -> str:
    return f"{_DAYS[when.weekday()]}, {when:%d} {_MONTHS[when.month - 1]} {when:%Y %H:%M:%S %z}"


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag)
    element.text = text
    return element


def _document(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(etree.ElementTree(root), pretty_print=True, encoding="UTF-8",
                                 xml_declaration=True)
    return data


def _required(*values: str) -> None:
    if not all(values):  # what a feed reader cannot do without (an empty title, say)
        raise ValueError("guidemap: a feed or an item lacks a required field (an empty title?)")

def updated_times(entries: Iterable[Entry]) -> list[dt.datetime]:
    """Each entry's Atom ``updated``: its moment plus up to an hour, in seconds read from a digest
    of its address and content; a time another entry already has moves on a second."""
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


def _rss(channel: Channel, chosen: list[Entry], site: SiteInfo, updated: dt.datetime) -> bytes:
    title, description = rss_html(channel.title), rss_html(channel.description)  # see the module's docstring
    page_url = urls.absolute(site.url, channel.page) or ""
    _required(title, page_url, description)
    namespaces = {"dc": _DC} if channel.creators else {}
    rss = etree.Element("rss", version="2.0", nsmap={**namespaces, "atom": _ATOM, "content": _CONTENT})
    head = etree.SubElement(rss, "channel")
    _sub(head, "title", title)
    _sub(head, "link", page_url)
    _sub(head, "description", description)
    etree.SubElement(head, f"{{{_ATOM}}}link", href=urls.absolute(site.url, channel.rss) or "", rel="self",
                     type=urls.RSS_TYPE)
    _sub(head, "docs", _RSS_DOCS)
    _sub(head, "generator", GENERATOR)
    _sub(head, "language", "th")
    _sub(head, "lastBuildDate", _rfc822(updated))  # never the clock: the newest item decides
    _sub(head, "pubDate", _rfc822(updated))
    for item in chosen:
        element = etree.SubElement(head, "item")
        if text := rss_html(item.title):
            _sub(element, "title", text)
        if item.url:
            _sub(element, "link", item.url)
        summary, html = rss_html(item.summary), xml_text(item.html)
        if summary:  # RSS description, and the whole item beside it
            _sub(element, "description", summary)
            _sub(element, f"{{{_CONTENT}}}encoded", html)  # escaped, never CDATA: an item may contain "]]>"
        else:  # without a summary the whole item is the description
            _sub(element, "description", html)
        if item.url:
            _sub(element, "guid", item.url).set("isPermaLink", "true")
        for term in item.categories:
            _sub(element, "category", xml_text(term))
        if item.enclosure:
            url, length, kind = item.enclosure
            etree.SubElement(element, "enclosure", url=url, length=str(length) or "0", type=kind)
        _sub(element, "pubDate", _rfc822(item.when))  # when it was published, not when it changed
        if item.author and channel.creators:  # RSS's own <author> is an e-mail address
            _sub(element, f"{{{_DC}}}creator", xml_text(item.author))
    return _document(rss)


def _atom(channel: Channel, chosen: list[Entry], times: list[dt.datetime], site: SiteInfo,
          updated: dt.datetime) -> bytes:
    self_url = urls.absolute(site.url, channel.atom) or ""
    title = xml_text(channel.title)  # plain text (see the module's docstring)
    _required(self_url, title)
    feed = etree.Element("feed", xmlns=_ATOM)  # an attribute: the elements are written without a prefix
    feed.set(_XML_LANG, "th")
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "updated", updated.isoformat())
    if name := xml_text(site.name):  # Atom requires an author for the feed
        _sub(etree.SubElement(feed, "author"), "name", name)
    etree.SubElement(feed, "link", href=self_url, rel="self", type=urls.ATOM_TYPE)
    etree.SubElement(feed, "link", href=urls.absolute(site.url, channel.page) or "", rel="alternate",
                     type="text/html")
    _sub(feed, "generator", GENERATOR)
    if subtitle := xml_text(channel.description):
        _sub(feed, "subtitle", subtitle)
    for item, when in zip(chosen, times, strict=True):
        entry = etree.SubElement(feed, "entry")
        title = xml_text(item.title)
        _required(item.url, title)
        _sub(entry, "id", item.url)
        _sub(entry, "title", title)
        _sub(entry, "updated", when.isoformat())
        if item.author and (author := xml_text(item.author)):
            _sub(etree.SubElement(entry, "author"), "name", author)
        content = etree.SubElement(entry, "content")  # escaped, never CDATA
        content.text = xml_text(item.html) or None
        content.set("type", "html")
        etree.SubElement(entry, "link", href=item.url)  # the alternate link: rel="alternate" is implied
        etree.SubElement(entry, "summary").text = xml_text(item.summary) or None
        for term in item.categories:
            etree.SubElement(entry, "category", term=xml_text(term))
        _sub(entry, "published", item.when.isoformat())
        if item.enclosure:
            url, length, kind = item.enclosure
            etree.SubElement(entry, "link", href=url, rel="enclosure", type=kind, length=str(length))
    return _document(feed)


def feed_files(channel: Channel, entries: Iterable[Entry], site: SiteInfo,
               updated: dt.datetime) -> dict[str, bytes]:
    """Site path → bytes of the channel's RSS and Atom files, the entries in the order given."""
    chosen = list(entries)
    times = updated_times(chosen)
    # The Atom feed changed when its latest entry did.
    return {channel.rss: _rss(channel, chosen, site, updated),
            channel.atom: _atom(channel, chosen, times, site, max([updated, *times]))}
