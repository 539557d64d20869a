"""Alerts for an area or a topic: the open calls and coming events of one province or one focus,
as a feed (RSS and Atom, written by :mod:`guidemap.outputs.feeds.alerts`) and, when it has dated
entries, a calendar (:mod:`guidemap.outputs.feeds.calendars`).

"Tell me when a group in Yala asks for volunteers": every province and focus that has a page
gets its alert feed, empty or not, so a visitor can subscribe before the first call; a calendar
exists only with an entry (RFC 5545 wants one).
"""

from __future__ import annotations

from dataclasses import dataclass

from guidemap.contract.model.types import Call, Dataset, Event
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import (
    calendar_entries,
    calendar_focus,
    calendar_provinces,
    entry_focus,
    open_calls,
    upcoming_events,
)
from guidemap.outputs.site.types import SiteInfo


@dataclass(frozen=True)
class Alert:
    """One area's or topic's calls and events: its feed, its page and its calendar."""

    rss: str  # site path of the RSS file; the Atom file is urls.atom_of(rss)
    title: str  # plain text: "ประกาศรับอาสาและกิจกรรม: จังหวัดยะลา"
    description: str  # plain text: what it covers
    page: str  # the province's or focus's page (the channel's link)
    kind: str  # "province" or "focus"
    name: str  # "จังหวัดยะลา", "ประเด็นสันติภาพ"
    calls: tuple[Call, ...]  # open calls, newest posted first
    events: tuple[Event, ...]  # coming events, soonest first
    calendar: str | None  # the calendar file, when it has an entry

    @property
    def atom(self) -> str:
        return urls.atom_of(self.rss)


def alert_catalogue(data: Dataset, site: SiteInfo) -> tuple[Alert, ...]:
    """Every province with groups, then every focus with groups, each with its alert feed."""
    orgs = {o.id: o for o in data.orgs}
    calls = sorted(open_calls(data.calls, site.today), key=lambda c: (c.updated, c.id), reverse=True)
    events = upcoming_events(data.events, site.today)
    cal_events, cal_calls = calendar_entries(data, site.today)
    with_calendar = {a.code for a in calendar_provinces(cal_events, cal_calls)}
    focus_calendars = set(calendar_focus(cal_events, cal_calls, orgs))
    found: list[Alert] = []
    provinces = {o.province.code: o.province for o in data.orgs}
    for code in sorted(provinces):
        area = provinces[code]
        name = f"จังหวัด{area.th}"
        found.append(Alert(
            urls.alert_feed("province", urls.province_slug(area)), f"ประกาศรับอาสาและกิจกรรม: {name}",
            f"ประกาศรับอาสาสมัครและกิจกรรมของกลุ่มใน{name} ({site.name})", urls.province(area),
            "province", name, tuple(c for c in calls if c.province == area),
            tuple(e for e in events if e.province == area),
            urls.province_calendar(area) if code in with_calendar else None))
    for key, label in site.network.focus.items():
        if not any(key in o.focus for o in data.orgs):
            continue
        name = f"ประเด็น{label.th}"
        found.append(Alert(
            urls.alert_feed("focus", key), f"ประกาศรับอาสาและกิจกรรม: {name}",
            f"ประกาศรับอาสาสมัครและกิจกรรมของกลุ่มที่ทำงานด้าน{label.th} ({site.name})", urls.focus(key),
            "focus", name, tuple(c for c in calls if key in entry_focus(c, orgs)),
            tuple(e for e in events if key in entry_focus(e, orgs)),
            urls.focus_calendar(key) if key in focus_calendars else None))
    return tuple(found)
