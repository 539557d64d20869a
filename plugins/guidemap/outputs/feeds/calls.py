"""The open calls for volunteers as a feed (RSS 2.0 and Atom, by the one feed writer,
:mod:`guidemap.outputs.feeds.writer`), like the newsletter's: one item per open call, newest posted
first, every link absolute, every date from the data (an item's date is its ``updated`` day,
midnight Thai time; the channel's is the newest item's). An expired call leaves the feed with
the next build.
"""

from __future__ import annotations

import datetime as dt

from guidemap.contract.model.types import Call, Dataset, Org
from guidemap.outputs.feeds.writer import Channel, Entry, day_start, feed_files
from guidemap.outputs.html.htmlkit import absolutize
from guidemap.outputs.pages.calls import FEED_TITLE, call_item
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import open_calls
from guidemap.outputs.site.types import SiteInfo


def call_entry(call: Call, orgs: dict[str, Org], site: SiteInfo) -> Entry:
    url = urls.absolute(site.url, urls.call_anchor(call.id))
    assert url is not None
    page = urls.absolute(site.url, urls.VOLUNTEER) or url
    host = orgs[call.orgs[0]]
    # The call as the page shows it, sanitized again with absolute links for a feed reader; a
    # block of its own, not the page's list item (a reader shows it outside any list).
    html = absolutize(call_item(urls.VOLUNTEER, call, orgs, site, tag="div"), page, page)
    return Entry(call.title.best, url, day_start(call.updated), f"{host.name.best}: {call.title.best}", html,
                 tuple(dict.fromkeys((host.name.best, call.province.th))), host.name.best)


def call_feed_files(data: Dataset, site: SiteInfo) -> dict[str, bytes]:
    """Site path → bytes of the calls' RSS and Atom files (none without a site URL)."""
    if not site.has_feeds:
        return {}
    orgs = {o.id: o for o in data.orgs}
    calls = sorted(open_calls(data.calls, site.today), key=lambda c: (c.updated, c.id), reverse=True)
    chosen = calls[: max(site.feed_items, 0)]
    fallback = max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1))
    # The site's name is the network's text: the writer escapes it like any contributed text.
    channel = Channel(urls.CALLS_RSS, urls.atom_of(urls.CALLS_RSS), urls.VOLUNTEER,
                      f"{FEED_TITLE} {site.name}", f"ประกาศรับอาสาสมัครที่เปิดอยู่ของกลุ่มใน{site.name}")
    return feed_files(channel, [call_entry(c, orgs, site) for c in chosen], site,
                      day_start(chosen[0].updated if chosen else fallback))
