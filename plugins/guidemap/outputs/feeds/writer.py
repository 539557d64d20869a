"""The one feed writer (RSS 2.0 and Atom) for every feed the site publishes: the
newsletter's (stories and campaign announcements, :mod:`~guidemap.outputs.feeds.stories`) and the
open calls' (:mod:`~guidemap.outputs.feeds.calls`). Each feed gives a :class:`Channel` and its
:class:`Entry` items, whatever they were made from; this module decides how they are written.

Byte-identical for the same input: every date comes from the data (never the clock), items
are written in the order given.

The files are written as text, in the very bytes lxml wrote when feedgen built them (the
same elements in the same order, escaped and indented as libxml2 does:
tests/properties/test_properties_worker_files.py compares the two over generated feeds).
feedgen and an element tree cost most of a build's feed time for the 2,500 files of a large
network, where each item is a few lines of text. Atom's ``<entry>`` keeps feedgen's shape: one
``<link>`` with the address alone (alternate, by default) and the picture as a second ``<link
rel="enclosure">``.

Every contributed string is cut down to the characters XML 1.0 allows, so a control character
pasted into a story cannot make the build fail or the XML malformed.

An item's date is a day (a story's date, a call's ``updated``), so two items of one day would
share one Atom ``updated``, which tells a reader nothing about which changed (the W3C Feed
Validator warns of it). Atom's ``updated`` is that day's start plus a few seconds taken from a
digest of what the item says (:func:`updated_times`): items that differ get different times, an
item's time moves when its text changes, and the same input gives the same bytes. RSS keeps the
day (``pubDate`` is when it was published, not when it changed).

Plain text and HTML are kept apart. RSS gives no way to say which an element holds, and
readers take ``<description>`` (and often ``<title>``) as HTML: there, contributed text is
HTML-escaped before it is escaped again as XML, so ``<script>`` in a summary reaches the
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
    def xml_html(self) -> str:
        """``html`` as an element's escaped text, made once however many feeds and formats
        carry the item (the longest text of a feed by far)."""
        return _text(xml_text(self.html))


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
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
# RFC 822 dates are in English whatever the machine's locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What lxml refuses in a string (it raised for these when it wrote the feeds): addresses and
# media types are not cut down like contributed text, so one holding such a character fails
# the build, as before, rather than making the XML malformed.
_NOT_LXML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _rfc822(when: dt.datetime) -> str:
    return f"{_DAYS[when.weekday()]}, {when:%d} {_MONTHS[when.month - 1]} {when:%Y %H:%M:%S %z}"


def _text(value: str) -> str:
    """Element content escaped as libxml2 writes it (``\\r`` kept as a reference)."""
    if "&" in value or "<" in value or ">" in value or "\r" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return value


def _checked(value: str) -> str:
    if _NOT_LXML.search(value):
        raise ValueError(f"guidemap: a feed's address or type holds a control character: {value!r}")
    return value


def _attr(value: str) -> str:
    """An attribute's value escaped as libxml2 writes it, between double quotes."""
    return _text(_checked(value)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _el(indent: str, tag: str, value: str) -> str:
    """One element holding text, on its own line (an empty string still gives both tags)."""
    return f"{indent}<{tag}>{_text(value)}</{tag}>\n"


def _required(*values: str) -> None:
    if not all(values):  # what a feed reader cannot do without (an empty title, say)
        raise ValueError("guidemap: a feed or an item lacks a required field (an empty title?)")


def _rss(channel: Channel, chosen: list[Entry], site: SiteInfo, updated: dt.datetime) -> bytes:
    title, description = rss_html(channel.title), rss_html(channel.description)  # see the module's docstring
    page_url = urls.absolute(site.url, channel.page) or ""
    _required(title, page_url, description)
    dc = f' xmlns:dc="{_DC}"' if channel.creators else ""
    self_url = _attr(urls.absolute(site.url, channel.rss) or "")
    out = [_DECLARATION,
           f'<rss{dc} xmlns:atom="{_ATOM}" xmlns:content="{_CONTENT}" version="2.0">\n  <channel>\n',
           _el("    ", "title", title), _el("    ", "link", _checked(page_url)),
           _el("    ", "description", description),
           f'    <atom:link href="{self_url}" rel="self" type="{urls.RSS_TYPE}"/>\n',
           _el("    ", "docs", _RSS_DOCS), _el("    ", "generator", GENERATOR), _el("    ", "language", "th"),
           # never the clock: the newest item decides
           _el("    ", "lastBuildDate", _rfc822(updated)), _el("    ", "pubDate", _rfc822(updated))]
    out.extend(_rss_item(item, channel.creators) for item in chosen)
    out.append("  </channel>\n</rss>\n")
    return "".join(out).encode("utf-8")


def _rss_item(item: Entry, creators: bool) -> str:
    out = ["    <item>\n"]
    if title := rss_html(item.title):
        out.append(_el("      ", "title", title))
    url = _text(_checked(item.url))
    if url:
        out.append(f"      <link>{url}</link>\n")
    if summary := rss_html(item.summary):  # RSS description, and the whole item beside it
        out.append(_el("      ", "description", summary))
        # escaped, never CDATA: an item may contain "]]>"
        out.append(f"      <content:encoded>{item.xml_html}</content:encoded>\n")
    else:  # without a summary the whole item is the description
        out.append(f"      <description>{item.xml_html}</description>\n")
    if url:
        out.append(f'      <guid isPermaLink="true">{url}</guid>\n')
    out.extend(_el("      ", "category", xml_text(term)) for term in item.categories)
    if item.enclosure:
        address, length, kind = item.enclosure
        out.append(f'      <enclosure url="{_attr(address)}" length="{_attr(str(length)) or "0"}" '
                   f'type="{_attr(kind)}"/>\n')
    out.append(_el("      ", "pubDate", _rfc822(item.when)))  # when it was published, not when it changed
    if item.author and creators:  # RSS's own <author> is an e-mail address
        out.append(_el("      ", "dc:creator", xml_text(item.author)))
    out.append("    </item>\n")
    return "".join(out)


def _atom(channel: Channel, chosen: list[Entry], times: list[dt.datetime], site: SiteInfo,
          updated: dt.datetime) -> bytes:
    self_url = _checked(urls.absolute(site.url, channel.atom) or "")
    title = xml_text(channel.title)  # plain text (see the module's docstring)
    _required(self_url, title)
    out = [_DECLARATION, f'<feed xmlns="{_ATOM}" xml:lang="th">\n', _el("  ", "id", self_url),
           _el("  ", "title", title), _el("  ", "updated", updated.isoformat())]
    if name := xml_text(site.name):  # Atom requires an author for the feed
        out.append(f"  <author>\n{_el('    ', 'name', name)}  </author>\n")
    out.append(f'  <link href="{_attr(self_url)}" rel="self" type="{urls.ATOM_TYPE}"/>\n')
    out.append(f'  <link href="{_attr(urls.absolute(site.url, channel.page) or "")}" rel="alternate" '
               'type="text/html"/>\n')
    out.append(_el("  ", "generator", GENERATOR))
    if subtitle := xml_text(channel.description):
        out.append(_el("  ", "subtitle", subtitle))
    out.extend(_atom_entry(item, when) for item, when in zip(chosen, times, strict=True))
    out.append("</feed>\n")
    return "".join(out).encode("utf-8")


def _atom_entry(item: Entry, when: dt.datetime) -> str:
    url, title = _checked(item.url), xml_text(item.title)
    _required(url, title)
    out = ["  <entry>\n", _el("    ", "id", url), _el("    ", "title", title),
           _el("    ", "updated", when.isoformat())]
    if item.author and (author := xml_text(item.author)):
        out.append(f"    <author>\n{_el('      ', 'name', author)}    </author>\n")
    out.append(f'    <content type="html">{item.xml_html}</content>\n' if item.xml_html  # never CDATA
               else '    <content type="html"/>\n')
    out.append(f'    <link href="{_attr(url)}"/>\n')  # the alternate link: rel="alternate" is implied
    summary = xml_text(item.summary)
    out.append(_el("    ", "summary", summary) if summary else "    <summary/>\n")
    out.extend(f'    <category term="{_attr(xml_text(term))}"/>\n' for term in item.categories)
    out.append(_el("    ", "published", item.when.isoformat()))
    if item.enclosure:
        address, length, kind = item.enclosure
        out.append(f'    <link href="{_attr(address)}" rel="enclosure" type="{_attr(kind)}" '
                   f'length="{_attr(str(length))}"/>\n')
    out.append("  </entry>\n")
    return "".join(out)


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


def feed_files(channel: Channel, entries: Iterable[Entry], site: SiteInfo,
               updated: dt.datetime) -> dict[str, bytes]:
    """Site path → bytes of the channel's RSS and Atom files, the entries in the order given."""
    chosen = list(entries)
    times = updated_times(chosen)
    # The Atom feed changed when its latest entry did.
    return {channel.rss: _rss(channel, chosen, site, updated),
            channel.atom: _atom(channel, chosen, times, site, max([updated, *times]))}
