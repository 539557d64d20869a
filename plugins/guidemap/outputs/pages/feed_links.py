"""Which feeds the newsletter has, and how a page advertises the one that follows it.

The catalogue is worked out before any page is made: each page maker asks it for the page's
feed links (``<link rel="alternate">`` tags and a visible "follow" paragraph) and adds them as
it makes the page. The feed files themselves are made in :mod:`guidemap.outputs.feeds.stories`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from guidemap.contract.model.types import Area, Dataset, Org, Story
from guidemap.outputs.html.htmlkit import h
from guidemap.outputs.html.markup import copy_field, en, link
from guidemap.outputs.pages.alerts import Alert
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import SiteInfo


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
    stories = site.published(data.stories)
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

    for key, label in site.network.focus.items():
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


def alternate_pair(frm: str, rss: str, title: str) -> str:
    """``<link rel="alternate">`` tags of one feed (its RSS and Atom files) for a page's <head>."""
    return (f'<link rel="alternate" type="{urls.RSS_TYPE}" title="{h(title)} (RSS)" '
            f'href="{h(urls.rel(frm, rss))}">'
            f'<link rel="alternate" type="{urls.ATOM_TYPE}" title="{h(title)} (Atom)" '
            f'href="{h(urls.rel(frm, urls.atom_of(rss)))}">')


def alternate_links(frm: str, feed: Feed) -> str:
    """``<link rel="alternate">`` tags for a page's <head> (feed readers look for these)."""
    return alternate_pair(frm, feed.rss, feed.title)


class FeedLinks(NamedTuple):
    """What a page adds for its feed: empty for a page no narrower feed follows."""

    head: str = ""  # autodiscovery tags, after the page's own head
    html: str = ""  # the visible links, after the page's body


def _group_feed(url: str, feed: Feed, site_url: str | None) -> FeedLinks:
    """A group's feed is followed from its own page (which lists the stories it carries): the
    address to copy, rather than a page of its own for each of thousands of groups."""
    address = urls.absolute(site_url, feed.rss) or feed.rss
    visible = (f'<section class="gm-follow" id="follow"><p class="gm-subscribe gm-subscribe--narrow">'
               "ติดตามเรื่องเล่าของกลุ่มนี้ทางแอปอ่านฟีด: คัดลอกที่อยู่ไปวางในแอป "
               f'{en("Follow this group’s stories in a feed reader: copy the address.")}</p>'
               + copy_field(address, f'ที่อยู่ฟีด (RSS) {en("Feed address")}')
               + '<p class="gm-subscribe gm-subscribe--narrow">'
               f'{link(url, urls.SUBSCRIBE, "ช่องทางติดตามทั้งหมด")}</p></section>')
    return FeedLinks(alternate_links(url, feed), visible)


def _links(url: str, feed: Feed | None, label: str, alert: Alert | None = None) -> FeedLinks:
    """The page's feeds: links to their pages for people (a browser shows a feed's XML as raw
    code), autodiscovery tags to the files for readers."""
    shown = [link(url, urls.feed_page(feed.rss), h(label))] if feed else []
    head = alternate_links(url, feed) if feed else ""
    if alert is not None:
        shown.append(link(url, urls.feed_page(alert.rss),
                          f"แจ้งเตือนเมื่อมีประกาศรับอาสาหรือกิจกรรมใน{h(alert.name)}"))
        head += alternate_pair(url, alert.rss, alert.title)
    visible = (f'<p class="gm-subscribe gm-subscribe--narrow">{" · ".join(shown)} · '
               f'{link(url, urls.SUBSCRIBE, "ช่องทางติดตามทั้งหมด")}</p>')
    return FeedLinks(head, visible)


@dataclass(frozen=True)
class FeedCatalogue:
    """The site's feeds (none when the site URL is unknown), first the whole newsletter's."""

    feeds: tuple[Feed, ...] = ()
    alerts: tuple[Alert, ...] = ()  # each province's and focus's calls and events
    site_url: str | None = None  # for the addresses a group's page gives to copy

    @cached_property
    def _alerts(self) -> dict[str, Alert]:
        return {a.page: a for a in self.alerts}

    @cached_property
    def _narrow(self) -> dict[str, Feed]:
        # The network's own feed is advertised on every page by the theme, not here.
        return {f.page: f for f in self.feeds if f.kind != "all"}

    def links(self, url: str, province: Area | None = None, at: str | None = None) -> FeedLinks:
        """The feed links of the page at ``url``: its own narrower feed, else (a group that no
        story names yet, in ``province``) its province's. ``at``: where they are written, when
        not on ``url`` itself (the later pages of a long listing share its first page's feed)."""
        feed = self._narrow.get(url)
        alert = self._alerts.get(url)
        if feed is not None and feed.kind == "org":
            return _group_feed(at or url, feed, self.site_url)
        if feed is not None or alert is not None:
            return _links(at or url, feed, "ติดตามเรื่องเล่าของหน้านี้", alert)
        if province is not None and (nearest := self._narrow.get(urls.province(province))):
            return _links(url, nearest,
                          f"ยังไม่มีเรื่องเล่าที่กล่าวถึงกลุ่มนี้ ติดตามเรื่องเล่าของจังหวัด{province.th}")
        return FeedLinks()


NO_FEEDS = FeedCatalogue()
