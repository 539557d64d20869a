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
Each story becomes one :class:`~guidemap.outputs.feeds.writer.Entry`, however many feeds carry
it, and :mod:`guidemap.outputs.feeds.writer` writes the files (XML-safe text, RSS and Atom).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from html.parser import HTMLParser

from guidemap.contract import thai
from guidemap.contract.model.types import Dataset, Org, Story
from guidemap.outputs.feeds.writer import Channel, Entry, day_start, xml_text
from guidemap.outputs.feeds.writer import feed_files as write_feed
from guidemap.outputs.html.htmlkit import Absolutizer, absolutize, h, markdown_to_safe_html, sanitize
from guidemap.outputs.pages.feed_links import Feed, catalogue
from guidemap.outputs.pages.stories import lesson_html
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo

SUMMARY_CHARS = 300
# The permalink a page's heading carries (Markdown's toc extension): nothing for a reader.
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">[^<]*</a>')


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


def _enclosure(story: Story, site: SiteInfo) -> tuple[str, int, str] | None:
    """The story's picture: absolute URL, length in bytes (0 when unknown) and media type."""
    target = urls.story_image(story)
    if not target or target.startswith(".."):
        return None
    absolute = target if "://" in target else urls.absolute(site.url, target)
    if absolute is None:
        return None
    kind = mimetypes.guess_type(posixpath.basename(target.split("?")[0]))[0]
    return absolute, story.image_bytes, kind or "application/octet-stream"


def story_entry(story: Story, site: SiteInfo, orgs: Mapping[str, Org], rendered: str | None = None,
                absolute: Callable[[str, str, str], str] = absolutize) -> Entry:
    """What every feed says about one story. ``rendered``: the story's body as its page rendered
    it (not yet sanitized); without it the story's Markdown is rendered here. ``absolute``:
    :func:`~guidemap.outputs.html.htmlkit.absolutize`, or an ``Absolutizer`` made for many."""
    url = urls.absolute(site.url, urls.story(story))
    assert url is not None, "feeds are made only when the site URL is known"
    image = _enclosure(story, site)
    # The body as sanitized HTML, once for both the content and the summary.
    body = (sanitize(_PERMALINK.sub("", rendered)) if rendered is not None
            else markdown_to_safe_html(story.body))
    # The whole story with absolute links: picture, text, the lessons learned, the groups named.
    parts = []
    if image:
        parts.append(f'<p><img src="{h(image[0])}" alt="{h(story.image_alt or "")}"></p>')
    parts.append(body)
    parts.append(lesson_html(story))
    named = [orgs[o] for o in story.orgs if o in orgs]
    if named:
        links = ", ".join(f'<a href="{h(urls.absolute(site.url, urls.org(o.id)))}">{h(o.name.best)}</a>'
                          for o in named)
        parts.append(f"<p>กลุ่มที่เกี่ยวข้อง: {links}</p>")
    # The page's render has its links relative to the page; Markdown's, to its source file.
    folder = (url if rendered is not None
              else urls.absolute(site.url, posixpath.dirname(story.source) + "/") or url)
    html = xml_text(absolute("".join(parts), url, folder))
    # The summary, or the start of the text, cut at a Thai word boundary (plain text).
    summary = " ".join((story.summary or html_text(body)).split())
    if len(summary) > SUMMARY_CHARS:  # segment only what can be kept: newmm is slow on long text
        summary = summary[: SUMMARY_CHARS * 2]
    # Tags, then the names of the groups named, then their provinces (each once).
    terms = [*story.tags, *(o.name.best for o in named), *(o.province.th for o in named)]
    categories = tuple(xml_text(t) for t in dict.fromkeys(terms) if xml_text(t).strip())
    return Entry(story.title, url, day_start(story.date), xml_text(thai.truncate(summary, SUMMARY_CHARS)),
                 html, categories, story.author, image)


def _channel(feed: Feed) -> Channel:
    return Channel(feed.rss, feed.atom, feed.page, feed.title, feed.description, creators=True)


def feed_paths(feeds: Sequence[Feed]) -> list[str]:
    """The site paths :func:`feed_files` writes for ``feeds``."""
    return [path for feed in feeds for path in (feed.rss, feed.atom)]


def feed_files(data: Dataset, site: SiteInfo, feeds: Sequence[Feed] | None = None,
               announcements: Sequence[tuple[Entry, frozenset[str]]] = (),
               rendered: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Site path → bytes of every feed file (RSS and Atom), at most ``site.feed_items`` items
    each, newest first. ``announcements``: entries that are not stories (fundraising campaigns),
    each with the pages whose feeds carry it (``feed.page``). ``rendered``: story slug → its
    body as the story's page rendered it."""
    if not site.has_feeds:
        return {}
    feeds = catalogue(data, site) if feeds is None else feeds
    orgs = {o.id: o for o in data.orgs}
    entries: dict[str, Entry] = {}  # by slug: a story is worked out once
    absolute = Absolutizer()  # one nh3 cleaner for every story

    def entry(item: Story | Entry) -> Entry:
        if isinstance(item, Entry):
            return item
        if item.slug not in entries:
            entries[item.slug] = story_entry(item, site, orgs, (rendered or {}).get(item.slug), absolute)
        return entries[item.slug]

    everything = site.published(data.stories)
    # An empty feed still needs a date that is not the build's: the newest story, else the
    # newest profile check, so the same data always gives the same file.
    fallback = (everything[0].date if everything
                else max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1)))
    out: dict[str, bytes] = {}
    for feed in feeds:
        updated = day_start(feed.stories[0].date if feed.stories else fallback)
        chosen: list[Story | Entry] = list(feed.stories[: max(site.feed_items, 0)])
        extra = [a for a, pages in announcements if feed.page in pages]
        if extra:  # merged by date, newest first (stable: stories before an announcement)
            chosen = sorted([*chosen, *extra], key=lambda x: x.when if isinstance(x, Entry)
                            else day_start(x.date), reverse=True)
            chosen = chosen[: max(site.feed_items, 0)]
            updated = max(updated, *(a.when for a in extra))
        out.update(write_feed(_channel(feed), [entry(x) for x in chosen], site, updated))
    return out


def config_problem(data: Dataset, site: SiteInfo) -> str | None:
    """Why feeds cannot be made for this configuration, or None."""
    if site.feed_items < 1:
        return f"guidemap: feed_items must be at least 1 (found {site.feed_items})"
    if not site.url and site.published(data.stories):
        return ("guidemap: the newsletter's feeds need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) to publish stories")
    return None
