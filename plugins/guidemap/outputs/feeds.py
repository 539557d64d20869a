"""The newsletter's feeds: RSS 2.0 and Atom (feedgen), for the whole network and narrower
ones per focus area, per province and per group, plus the page that explains how to subscribe.

Pure functions of the dataset: no MkDocs, no clock. The same stories give byte-identical files:
items are sorted here (feedgen's ``add_entry`` prepends by default), every date comes from the
stories (``lastBuildDate``/``updated`` is the newest story's date, never the build time), and
feedgen's defaults that would read the clock are always overridden.

Feeds are read away from the site, so every link in them is absolute: they are made only when
the site URL is known (the plugin refuses to build a site with stories but no ``site_url``).
Every string is cut down to the characters XML 1.0 allows before lxml sees it, so a control
character pasted into a story cannot make the build fail or the XML malformed.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from html import unescape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from guidemap.contract import thai
from guidemap.contract.model import Dataset, Org, Story
from guidemap.contract.vocab import FOCUS
from guidemap.outputs import urls
from guidemap.outputs.head import page_head
from guidemap.outputs.htmlkit import absolutize, h, markdown_to_safe_html, one_block
from guidemap.outputs.pages import lesson_html, link, published
from guidemap.outputs.site import GeneratedPage, SiteInfo

# Thailand keeps one offset all year (no daylight saving), so a fixed zone is exact.
BANGKOK = dt.timezone(dt.timedelta(hours=7), "ICT")
SUMMARY_CHARS = 300
GENERATOR = "guidemap"
# XML 1.0 forbids C0 controls other than tab/newline/return, surrogates and U+FFFE/U+FFFF;
# C1 controls are allowed but make some readers choke, so they go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_TAGS = re.compile(r"<[^>]*>")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry removed."""
    return _NOT_XML.sub("", text)


def story_datetime(day: dt.date) -> dt.datetime:
    """A story's date as a time-zone-aware moment: midnight in Thailand, where it is published."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=BANGKOK)


@dataclass(frozen=True)
class Feed:
    """One feed (its RSS and Atom files) and the page it narrows."""

    rss: str  # site path of the RSS file; the Atom file is urls.atom_of(rss)
    title: str
    description: str
    page: str  # URL of the HTML page the feed follows (the channel's link)
    stories: tuple[Story, ...]  # every matching published story, newest first
    kind: str  # "all", "focus", "province" or "org"

    @property
    def atom(self) -> str:
        return urls.atom_of(self.rss)


def catalogue(data: Dataset, site: SiteInfo) -> list[Feed]:
    """Every feed: the whole newsletter, then one per focus area and province that has a page,
    and one per group that a published story names.

    A group gets its feed with its first story: until then its page offers its province's
    feed. (Two empty files for every group cost a large network thousands of files per
    build, for feeds that would say nothing.)"""
    stories = published(data.stories, site.today)
    orgs = {o.id: o for o in data.orgs}
    feeds = [Feed(urls.FEED_RSS, f"จดหมายข่าว {site.name}",
                  site.description or f"เรื่องเล่าและข่าวจาก{site.name}", urls.STORIES,
                  tuple(stories), "all")]

    # Story positions by group, so each feed's stories are found without scanning them all
    # once per group (2,000 groups x 1,000 stories took half a second).
    positions: dict[str, list[int]] = {}
    for i, story in enumerate(stories):
        for org_id in set(story.orgs):
            positions.setdefault(org_id, []).append(i)

    def naming(test: Iterable[Org]) -> tuple[Story, ...]:
        found = sorted({i for o in test for i in positions.get(o.id, ())})
        return tuple(stories[i] for i in found)  # newest first, as in ``stories``

    for key, label in FOCUS.items():
        members = [o for o in data.orgs if key in o.focus]
        if members:
            feeds.append(Feed(urls.focus_feed(key), f"{site.name}: ประเด็น{label.th}",
                              f"เรื่องเล่าที่กล่าวถึงกลุ่มที่ทำงานด้าน{label.th}", urls.focus(key),
                              naming(members), "focus"))
    provinces = {o.province.code: o.province for o in data.orgs}
    for code in sorted(provinces):
        area = provinces[code]
        members = [o for o in data.orgs if o.province.code == code]
        feeds.append(Feed(urls.province_feed(area), f"{site.name}: จังหวัด{area.th}",
                          f"เรื่องเล่าที่กล่าวถึงกลุ่มอาสาสมัครในจังหวัด{area.th}", urls.province(area),
                          naming(members), "province"))
    for org_id in sorted(orgs):
        org = orgs[org_id]
        named = naming([org])
        if named:
            feeds.append(Feed(urls.org_feed(org_id), f"{site.name}: {org.name.best}",
                              f"เรื่องเล่าที่กล่าวถึง{org.name.best}", urls.org(org_id),
                              named, "org"))
    return feeds


@dataclass(frozen=True)
class Item:
    """What every feed says about one story, worked out once however many feeds carry it."""

    story: Story
    site: SiteInfo
    orgs: dict[str, Org]

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
        """The story's Markdown, rendered and sanitized once for both the content and the summary."""
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
        folder = urls.absolute(self.site.url, posixpath.dirname(story.source) + "/") or self.url
        return xml_text(absolutize("".join(parts), self.url, folder))

    @cached_property
    def summary(self) -> str:
        """The story's summary, or the start of its text, cut at a Thai word boundary."""
        text = " ".join((self.story.summary or unescape(_TAGS.sub(" ", self.body_html))).split())
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
    fg.title(xml_text(feed.title))
    fg.description(xml_text(feed.description))  # RSS description, Atom subtitle
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
    entry.title(xml_text(story.title))
    entry.link(href=item.url, rel="alternate")
    entry.guid(item.url, permalink=True)
    entry.published(when)
    entry.updated(when)
    entry.summary(item.summary)  # RSS description, Atom summary (description() would be content)
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


def feed_files(data: Dataset, site: SiteInfo, feeds: list[Feed] | None = None) -> dict[str, bytes]:
    """Site path → bytes of every feed file (RSS and Atom), at most ``site.feed_items`` items
    each, newest first."""
    if not site.has_feeds:
        return {}
    feeds = catalogue(data, site) if feeds is None else feeds
    orgs = {o.id: o for o in data.orgs}
    items: dict[str, Item] = {}
    everything = published(data.stories, site.today)
    # An empty feed still needs a date that is not the build's: the newest story, else the
    # newest profile check, so the same data always gives the same file.
    fallback = (everything[0].date if everything
                else max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1)))
    out: dict[str, bytes] = {}
    for feed in feeds:
        updated = _updated(feed, fallback)
        chosen = feed.stories[: max(site.feed_items, 0)]
        for fmt in ("rss", "atom"):
            fg = _generator(feed, site, fmt, updated)
            for story in chosen:
                item = items.get(story.slug)
                if item is None:
                    item = items[story.slug] = Item(story, site, orgs)
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
    if not site.url and published(data.stories, site.today):
        return ("guidemap: the newsletter's feeds need absolute links: set site_url in mkdocs.yml "
                "(e.g. site_url: https://example.org/) to publish stories")
    return None


# --- autodiscovery and the subscribe page -------------------------------------------------

def alternate_links(frm: str, feed: Feed) -> str:
    """``<link rel="alternate">`` tags for a page's <head> (feed readers look for these)."""
    return (f'<link rel="alternate" type="{urls.RSS_TYPE}" title="{h(feed.title)} (RSS)" '
            f'href="{h(urls.rel(frm, feed.rss))}">'
            f'<link rel="alternate" type="{urls.ATOM_TYPE}" title="{h(feed.title)} (Atom)" '
            f'href="{h(urls.rel(frm, feed.atom))}">')


def with_feed_links(pages: list[GeneratedPage], feeds: list[Feed],
                    orgs: Iterable[Org] = ()) -> list[GeneratedPage]:
    """The group, province and focus pages, each advertising its own narrower feed (the
    network's feed is advertised on every page by the theme) and linking to it visibly.
    A group no story names yet has no feed: its page offers its province's."""
    narrow = {f.page: f for f in feeds if f.kind != "all"}
    nearest = {urls.org(o.id): (narrow[urls.province(o.province)], o.province.th) for o in orgs
               if urls.org(o.id) not in narrow and urls.province(o.province) in narrow}
    result = []
    for page in pages:
        feed = narrow.get(page.url)
        if feed is not None:
            label = "ติดตามเรื่องเล่าของหน้านี้ทาง RSS"
        elif page.url in nearest:
            feed, province = nearest[page.url]
            label = f"ยังไม่มีเรื่องเล่าที่กล่าวถึงกลุ่มนี้ ติดตามเรื่องเล่าของจังหวัด{province}ทาง RSS"
        else:
            result.append(page)
            continue
        visible = (f'<p class="gm-subscribe gm-subscribe--narrow">'
                   f'{link(page.url, feed.rss, h(label))} · '
                   f'{link(page.url, feed.atom, "Atom")} · '
                   f'{link(page.url, urls.SUBSCRIBE, "RSS คืออะไร")}</p>')
        result.append(replace(page, head=page.head + alternate_links(page.url, feed),
                              html=page.html + visible))
    return result


def subscribe_page(feeds: list[Feed], site: SiteInfo) -> GeneratedPage:
    url = urls.SUBSCRIBE
    main = feeds[0]

    def row(feed: Feed) -> str:
        return (f"<li>{link(url, feed.page, h(feed.title.split(': ', 1)[-1]))}: "
                f"{link(url, feed.rss, 'RSS')} · {link(url, feed.atom, 'Atom')} "
                f"({len(feed.stories)} เรื่อง)</li>")

    groups = []
    for kind, title in (("focus", "ตามประเด็น"), ("province", "ตามจังหวัด"), ("org", "ตามกลุ่ม")):
        rows = "".join(row(f) for f in feeds if f.kind == kind)
        if rows:
            groups.append(f"<h3>{h(title)}</h3><ul>{rows}</ul>")
    feed_url = urls.absolute(site.url, main.rss) or main.rss
    body = (
        '<p>RSS (และ Atom) คือช่องทางติดตามเว็บไซต์แบบไม่ต้องสมัครสมาชิกและไม่ต้องให้อีเมล '
        'นำที่อยู่ฟีดด้านล่างไปใส่ในแอปอ่านฟีด (feed reader) เช่น Feeder, Inoreader, Feedly หรือ NetNewsWire '
        'แล้วเมื่อเครือข่ายลงเรื่องเล่าใหม่ เรื่องนั้นจะขึ้นในแอปเอง ไม่ต้องคอยเปิดเว็บ '
        'และไม่มีใครรู้ว่าคุณติดตามอยู่</p>'
        '<p class="gm-en" lang="en">RSS lets you follow the newsletter in a feed reader: no account, '
        'no e-mail address. Paste a feed address into your reader and new stories appear there.</p>'
        f'<h2>จดหมายข่าวทั้งหมด</h2><p class="gm-feed-url"><code>{h(feed_url)}</code></p>'
        f'<p>{link(url, main.rss, "ฟีด RSS", "md-button md-button--primary")} '
        f'{link(url, main.atom, "ฟีด Atom", "md-button")} '
        f'{link(url, urls.STORIES, "อ่านจดหมายข่าวบนเว็บ", "md-button")}</p>'
        '<h2>ฟีดเฉพาะเรื่องที่สนใจ</h2><p>ติดตามเฉพาะเรื่องเล่าที่กล่าวถึงกลุ่มในประเด็น จังหวัด '
        'หรือกลุ่มที่คุณสนใจ</p>' + "".join(groups)
    )
    title = "ติดตามจดหมายข่าว"
    return GeneratedPage(url, title, "ติดตามจดหมายข่าวของเครือข่ายผ่าน RSS หรือ Atom", one_block(body),
                         page_head(site, url, title), searchable=False)
