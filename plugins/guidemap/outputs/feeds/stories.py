"""The newsletter's feed files: RSS 2.0 and Atom (feedgen), for the whole network and narrower
ones per focus area, per province and per group (which feeds there are, and the links pages
carry to them, is :mod:`guidemap.outputs.pages.feed_links`).

Pure functions of the dataset: no MkDocs, no clock. The same stories give byte-identical files:
items are sorted here (feedgen's ``add_entry`` prepends by default), every date comes from the
stories (``lastBuildDate``/``updated`` is the newest story's date, never the build time), and
feedgen's defaults that would read the clock are always overridden.

A story is rendered once: when the site builder has already rendered a story's page, its
rendered body is passed in (``rendered``, by slug) and the feeds sanitize and reuse it (the
heading permalinks the page adds are dropped); only without it (no site builder, as in the
tests of this module) is the story's Markdown rendered here.

Feeds are read away from the site, so every link in them is absolute: they are made only when
the site URL is known (the plugin refuses to build a site with stories but no ``site_url``).
Every string is cut down to the characters XML 1.0 allows before lxml sees it, so a control
character pasted into a story cannot make the build fail or the XML malformed.

Plain text and HTML are kept apart. RSS gives no way to say which an element holds, and
readers take ``<description>`` (and often ``<title>``) as HTML: there, contributed text is
HTML-escaped before lxml escapes it again as XML, so ``<script>`` in a summary reaches the
reader as the characters, never as an element. Atom says it: ``<summary>`` and ``<title>``
carry no ``type``, which means plain text, so Atom gets the text itself. Categories and authors
are text in both formats.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from html import escape
from html.parser import HTMLParser

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from guidemap.contract import thai
from guidemap.contract.model import Dataset, Org, Story
from guidemap.outputs.html.htmlkit import absolutize, h, markdown_to_safe_html, sanitize
from guidemap.outputs.pages.feed_links import Feed, catalogue
from guidemap.outputs.pages.stories import lesson_html
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

# Thailand keeps one offset all year (no daylight saving), so a fixed zone is exact.
BANGKOK = dt.timezone(dt.timedelta(hours=7), "ICT")
SUMMARY_CHARS = 300
GENERATOR = "guidemap"
# XML 1.0 forbids C0 controls other than tab/newline/return, surrogates and U+FFFE/U+FFFF;
# C1 controls are allowed but make some readers choke, so they go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# The permalink a page's heading carries (Markdown's toc extension): nothing for a reader.
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">[^<]*</a>')


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", text)


def rss_html(text: str) -> str:
    """Plain ``text`` as the HTML an RSS reader expects in ``<description>`` and ``<title>``:
    its ``&``, ``<`` and ``>`` escaped (quotes need no escaping outside attributes)."""
    return escape(xml_text(text), quote=False)


class _TextOf(HTMLParser):
    """The characters an HTML fragment shows, a space at every tag (so words in separate
    paragraphs stay apart). Character references are decoded once, into text, never markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(fragment: str) -> str:
    """The plain text of an HTML fragment (``&lt;script&gt;`` gives the text ``<script>``)."""
    parser = _TextOf()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.parts)


def story_datetime(day: dt.date) -> dt.datetime:
    """A story's date as a time-zone-aware moment: midnight in Thailand, where it is published."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BANGKOK)


@dataclass(frozen=True)
class Item:
    """What every feed says about one story, worked out once however many feeds carry it."""

    story: Story
    site: SiteInfo
    orgs: dict[str, Org]
    rendered: str | None = None  # the story's body as its page rendered it (not yet sanitized)

    @property
    def url(self) -> str:
        absolute = urls.absolute(self.site.url, urls.story(self.story))
        assert absolute is not None, "feeds are made only when the site URL is known"
        return absolute

    @cached_property
    def image(self) -> tuple[str, int, str] | None:
        """The enclosure: absolute URL, length in bytes (0 when unknown) and media type."""
        target = urls.story_image(self.story)
        if not target or target.startswith(".."):
            return None
        absolute = target if "://" in target else urls.absolute(self.site.url, target)
        if absolute is None:
            return None
        kind = mimetypes.guess_type(posixpath.basename(target.split("?")[0]))[0]
        return absolute, self.story.image_bytes, kind or "application/octet-stream"

    @cached_property
    def body_html(self) -> str:
        """The story's body as sanitized HTML, once for both the content and the summary: the
        page's own render when there is one, else the story's Markdown rendered here."""
        if self.rendered is not None:
            return sanitize(_PERMALINK.sub("", self.rendered))
        return markdown_to_safe_html(self.story.body)

    @cached_property
    def html(self) -> str:
        """The whole story as sanitized HTML with absolute links: picture, text, the
        lessons-learned sections and the groups it names."""
        story = self.story
        parts = []
        if self.image:
            parts.append(f'<p><img src="{h(self.image[0])}" alt="{h(story.image_alt or "")}"></p>')
        parts.append(self.body_html)
        parts.append(lesson_html(story))
        names = [(o, self.orgs[o].name.best) for o in story.orgs if o in self.orgs]
        if names:
            links = ", ".join(f'<a href="{h(urls.absolute(self.site.url, urls.org(o)))}">{h(name)}</a>'
                              for o, name in names)
            parts.append(f"<p>กลุ่มที่เกี่ยวข้อง: {links}</p>")
        # The page's render has its links relative to the page; Markdown's, to its source file.
        folder = (self.url if self.rendered is not None
                  else urls.absolute(self.site.url, posixpath.dirname(story.source) + "/") or self.url)
        return xml_text(absolutize("".join(parts), self.url, folder))

    @cached_property
    def summary(self) -> str:
        """The story's summary, or the start of its text, cut at a Thai word boundary: plain
        text (escape it before it goes where HTML is read)."""
        text = " ".join((self.story.summary or html_text(self.body_html)).split())
        if len(text) > SUMMARY_CHARS:  # segment only what can be kept: newmm is slow on long text
            text = text[: SUMMARY_CHARS * 2]
        return xml_text(thai.truncate(text, SUMMARY_CHARS))

    @cached_property
    def categories(self) -> list[str]:
        """Tags, then the names of the groups named, then their provinces (each once)."""
        named = [self.orgs[o] for o in self.story.orgs if o in self.orgs]
        terms = [*self.story.tags, *(o.name.best for o in named), *(o.province.th for o in named)]
        return [xml_text(t) for t in dict.fromkeys(terms) if xml_text(t).strip()]


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


def _updated(feed: Feed, fallback: dt.date) -> dt.datetime:
    return story_datetime(feed.stories[0].date if feed.stories else fallback)


def _generator(feed: Feed, site: SiteInfo, fmt: str, updated: dt.datetime) -> FeedGenerator:
    site_url = site.url or ""
    self_url = urls.absolute(site_url, feed.rss if fmt == "rss" else feed.atom)
    page_url = urls.absolute(site_url, feed.page)
    fg = FeedGenerator()
    fg.id(self_url)
    # The feed's title and description name groups, so they are contributed text too.
    text = rss_html if fmt == "rss" else xml_text
    fg.title(text(feed.title))
    fg.description(text(feed.description))  # RSS description, Atom subtitle
    fg.language("th")
    fg.author({"name": xml_text(site.name)})  # Atom requires an author for the feed
    if fmt == "rss":
        fg.link(href=self_url, rel="self", type=urls.RSS_TYPE)
        fg.link(href=page_url, rel="alternate")  # feedgen takes the last link as RSS <link>
        fg.load_extension("dc")  # dc:creator: RSS's own <author> must be an e-mail address
    else:
        fg.link(href=self_url, rel="self", type=urls.ATOM_TYPE)
        fg.link(href=page_url, rel="alternate", type="text/html")
        fg.register_extension("gm_links", _NoFeedExtension, _AtomEntryLinks, atom=True, rss=False)
    # feedgen reads the clock for these unless told otherwise: the newest story decides.
    fg.updated(updated)
    fg.pubDate(updated)
    fg.generator(GENERATOR)
    return fg


def _add(fg: FeedGenerator, item: Item, fmt: str) -> None:
    story = item.story
    when = story_datetime(story.date)
    entry = fg.add_entry(order="append")  # feedgen prepends by default
    text = rss_html if fmt == "rss" else xml_text  # see the module's docstring
    entry.title(text(story.title))
    entry.link(href=item.url, rel="alternate")
    entry.guid(item.url, permalink=True)
    entry.published(when)
    entry.updated(when)
    entry.summary(text(item.summary))  # RSS description, Atom summary (description() would be content)
    entry.content(item.html, type="html")  # escaped, never CDATA: a story may contain "]]>"
    for term in item.categories:
        entry.category(term=term)
    if story.author:
        entry.author({"name": xml_text(story.author)})
        if fmt == "rss":
            entry.dc.dc_creator(xml_text(story.author))
    if item.image:
        url, length, kind = item.image
        if fmt == "rss":
            entry.enclosure(url, str(length), kind)
        else:
            entry.gm_links.links.append(
                {"href": url, "rel": "enclosure", "type": kind, "length": str(length)})


def feed_paths(feeds: Sequence[Feed]) -> list[str]:
    """The site paths :func:`feed_files` writes for ``feeds``."""
    return [path for feed in feeds for path in (feed.rss, feed.atom)]


def feed_files(data: Dataset, site: SiteInfo, feeds: Sequence[Feed] | None = None,
               announcements: Sequence[tuple[Item, frozenset[str]]] = (),
               rendered: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Site path → bytes of every feed file (RSS and Atom), at most ``site.feed_items`` items
    each, newest first. ``announcements``: items that are not stories (fundraising campaigns),
    each with the pages whose feeds carry it (``feed.page``). ``rendered``: story slug → its
    body as the story's page rendered it."""
    if not site.has_feeds:
        return {}
    feeds = catalogue(data, site) if feeds is None else feeds
    orgs = {o.id: o for o in data.orgs}
    items: dict[str, Item] = {}
    everything = site.published(data.stories)
    # An empty feed still needs a date that is not the build's: the newest story, else the
    # newest profile check, so the same data always gives the same file.
    fallback = (everything[0].date if everything
                else max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1)))
    out: dict[str, bytes] = {}
    for feed in feeds:
        updated = _updated(feed, fallback)
        chosen: list[Story | Item] = list(feed.stories[: max(site.feed_items, 0)])
        extra = [a for a, pages in announcements if feed.page in pages]
        if extra:  # merged by date, newest first (stable: stories before an announcement)
            chosen = sorted([*chosen, *extra], key=lambda x: (x.story if isinstance(x, Item)
                                                              else x).date, reverse=True)
            chosen = chosen[: max(site.feed_items, 0)]
            updated = max(updated, *(story_datetime(a.story.date) for a in extra))
        for fmt in ("rss", "atom"):
            fg = _generator(feed, site, fmt, updated)
            for entry in chosen:
                if isinstance(entry, Item):
                    _add(fg, entry, fmt)
                    continue
                item = items.get(entry.slug)
                if item is None:
                    item = items[entry.slug] = Item(entry, site, orgs, (rendered or {}).get(entry.slug))
                _add(fg, item, fmt)
            if fmt == "rss":
                out[feed.rss] = fg.rss_str(pretty=True)
            else:
                out[feed.atom] = fg.atom_str(pretty=True)
    return out


def config_problem(data: Dataset, site: SiteInfo) -> str | None:
    """Why feeds cannot be made for this configuration, or None."""
    if site.feed_items < 1:
        return f"guidemap: feed_items must be at least 1 (found {site.feed_items})"
    if not site.url and site.published(data.stories):
        return ("guidemap: the newsletter's feeds need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) to publish stories")
    return None
