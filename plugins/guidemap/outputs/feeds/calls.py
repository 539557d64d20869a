"""The open calls for volunteers as a feed (RSS 2.0 and Atom, feedgen), like the newsletter's:
one item per open call, newest posted first, every link absolute, every date from the data
(an item's date is its ``updated`` day, midnight Thai time; the channel's is the newest item's),
every string cut to what XML 1.0 can carry. An expired call leaves the feed with the next build.
Plain text and HTML are kept apart as in the newsletter's feeds: RSS readers take ``<title>`` and
``<description>`` as HTML, so contributed text is HTML-escaped there; Atom's carry plain text.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from feedgen.feed import FeedGenerator

from guidemap.contract.model import Call, Dataset, Org
from guidemap.outputs.feeds.stories import GENERATOR, story_datetime, xml_text
from guidemap.outputs.html.htmlkit import absolutize
from guidemap.outputs.pages.calls import FEED_TITLE, call_item
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import open_calls
from guidemap.outputs.site.types import SiteInfo


def rss_html(text: str) -> str:
    """Plain ``text`` as the HTML an RSS reader expects in ``<title>`` and ``<description>``."""
    return escape(xml_text(text), quote=False)


def _generator(site: SiteInfo, fmt: str, updated: dt.datetime) -> FeedGenerator:
    self_url = urls.absolute(site.url, urls.CALLS_RSS if fmt == "rss" else urls.atom_of(urls.CALLS_RSS))
    page_url = urls.absolute(site.url, urls.VOLUNTEER)
    fg = FeedGenerator()
    fg.id(self_url)
    text = rss_html if fmt == "rss" else xml_text  # the site's name is the network's text
    fg.title(text(f"{FEED_TITLE} {site.name}"))
    fg.description(text(f"ประกาศรับอาสาสมัครที่เปิดอยู่ของกลุ่มใน{site.name}"))
    fg.language("th")
    fg.author({"name": xml_text(site.name)})
    kind = urls.RSS_TYPE if fmt == "rss" else urls.ATOM_TYPE
    fg.link(href=self_url, rel="self", type=kind)
    fg.link(href=page_url, rel="alternate", **({} if fmt == "rss" else {"type": "text/html"}))
    fg.updated(updated)  # feedgen reads the clock unless told: the newest call decides
    fg.pubDate(updated)
    fg.generator(GENERATOR)
    return fg


def _add(fg: FeedGenerator, call: Call, orgs: dict[str, Org], site: SiteInfo, fmt: str) -> None:
    url = urls.absolute(site.url, urls.call_anchor(call.id))
    assert url is not None
    page = urls.absolute(site.url, urls.VOLUNTEER) or url
    when = story_datetime(call.updated)
    entry = fg.add_entry(order="append")
    text = rss_html if fmt == "rss" else xml_text
    entry.title(text(call.title.best))
    entry.link(href=url, rel="alternate")
    entry.guid(url, permalink=True)
    entry.published(when)
    entry.updated(when)
    host = orgs[call.orgs[0]]
    entry.summary(text(f"{host.name.best}: {call.title.best}"))
    # The call as the page shows it, sanitized again with absolute links for a feed reader.
    html = call_item(urls.VOLUNTEER, call, orgs, site)
    entry.content(xml_text(absolutize(html, page, page)), type="html")
    for term in dict.fromkeys((host.name.best, call.province.th)):
        entry.category(term=xml_text(term))
    entry.author({"name": xml_text(host.name.best)})


def call_feed_files(data: Dataset, site: SiteInfo) -> dict[str, bytes]:
    """Site path → bytes of the calls' RSS and Atom files (none without a site URL)."""
    if not site.has_feeds:
        return {}
    orgs = {o.id: o for o in data.orgs}
    calls = sorted(open_calls(data.calls, site.today), key=lambda c: (c.updated, c.id), reverse=True)
    chosen = calls[: max(site.feed_items, 0)]
    fallback = max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1))
    updated = story_datetime(chosen[0].updated if chosen else fallback)
    out: dict[str, bytes] = {}
    for fmt in ("rss", "atom"):
        fg = _generator(site, fmt, updated)
        for call in chosen:
            _add(fg, call, orgs, site, fmt)
        if fmt == "rss":
            out[urls.CALLS_RSS] = fg.rss_str(pretty=True)
        else:
            out[urls.atom_of(urls.CALLS_RSS)] = fg.atom_str(pretty=True)
    return out

