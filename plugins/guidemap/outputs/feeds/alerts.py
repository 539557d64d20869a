"""The alert feeds (RSS and Atom) of each province and focus (:mod:`guidemap.outputs.pages.alerts`
decides which): its open calls, newest posted first, then its coming events, soonest first, by
the one feed writer. Every date from the data: an item's is its ``updated`` day, the channel's
the newest item's (the groups' newest ``updated`` for an empty feed), so the same input gives
the same bytes.
"""

from __future__ import annotations

import datetime as dt

from guidemap.contract.model.dated import EVENT_KINDS
from guidemap.contract.model.types import Dataset, Event, Org
from guidemap.outputs.feeds.calls import call_entry
from guidemap.outputs.feeds.writer import Channel, Entry, day_start, feed_files
from guidemap.outputs.html.htmlkit import absolutize
from guidemap.outputs.pages.alerts import Alert
from guidemap.outputs.pages.dated_common import (
    ltext_inline,
    markdown_block,
    occurrence_html,
    organisers,
    place_html,
)
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import shown_occurrence
from guidemap.outputs.site.types import SiteInfo


def event_entry(event: Event, orgs: dict[str, Org], site: SiteInfo) -> Entry:
    """A coming event as a feed item: when, what, where, who, as its page says them."""
    page = urls.absolute(site.url, urls.event(event.id))
    assert page is not None
    frm = urls.event(event.id)
    host = orgs[event.orgs[0]]
    status = " (ยกเลิก / Cancelled)" if event.cancelled else ""
    html = absolutize(
        f"<div><p>{occurrence_html(event, shown_occurrence(event, site.today))}</p>"
        f"<p>{ltext_inline(event.title)}{status}</p><p>{place_html(frm, event, host)}</p>"
        f"{markdown_block(event.description, 'gm-event__description')}"
        f"{organisers(frm, event, orgs)}</div>", page, page)
    return Entry(event.title.best + status, page, day_start(event.updated),
                 f"{EVENT_KINDS[event.kind].th}: {event.title.best}{status}", html,
                 tuple(dict.fromkeys((host.name.best, event.province.th))), host.name.best)


def alert_feed_files(data: Dataset, site: SiteInfo, alerts: tuple[Alert, ...]) -> dict[str, bytes]:
    """Site path → bytes of every alert feed (none without a site URL)."""
    if not site.has_feeds:
        return {}
    orgs = {o.id: o for o in data.orgs}
    fallback = max((o.updated for o in data.orgs), default=dt.date(1970, 1, 1))
    out: dict[str, bytes] = {}
    calls_made: dict[str, Entry] = {}  # each call and event made once, for every feed it is in
    events_made: dict[str, Entry] = {}
    for alert in alerts:
        calls = alert.calls[: max(site.feed_items, 0)]
        events = alert.events[: max(site.feed_items - len(calls), 0)]
        for c in calls:
            if c.id not in calls_made:
                calls_made[c.id] = call_entry(c, orgs, site)
        for e in events:
            if e.id not in events_made:
                events_made[e.id] = event_entry(e, orgs, site)
        items = [calls_made[c.id] for c in calls] + [events_made[e.id] for e in events]
        newest = max([*(c.updated for c in calls), *(e.updated for e in events)], default=fallback)
        channel = Channel(alert.rss, alert.atom, alert.page, f"{alert.title} ({site.name})",
                          alert.description)
        out.update(feed_files(channel, items, site, day_start(newest)))
    return out
