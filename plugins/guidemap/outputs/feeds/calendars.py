"""Calendar files (iCalendar, RFC 5545) of the network's events and open calls, written with the
``icalendar`` library (never by joining strings): one for the network, one per province, per
focus (its groups') and per group that has entries, and one per event.

Pure functions of the dataset, byte-identical for the same input: components are sorted, every
``UID`` is made from the entry's id, and ``DTSTAMP`` is the entry's own ``updated`` date, never
the clock. Times are written in UTC (Thailand keeps +07:00 all year), whole days as dates.
Expired calls are left out (they leave the site the day after); past events stay, as
calendars keep history. A cancelled event says ``STATUS:CANCELLED``, so a subscribed calendar
shows the change rather than losing the entry.

What a calendar app reads:
- text is text (RFC 5545 ``TEXT``): titles as written, descriptions the plain text of their
  rendered Markdown (:mod:`~guidemap.outputs.feeds.text`); ``icalendar`` escapes separators;
- a place (``LOCATION``, ``GEO``) only where one goes (:func:`~guidemap.outputs.site.selection.has_place`,
  :func:`~guidemap.outputs.site.selection.pinned`): an online-only event or a call done from
  anywhere has none, rather than its group's province;
- a call never makes its days busy (``TRANSP:TRANSPARENT``; an eight-week call is eight weeks
  of days one can still plan), nor does a cancelled event;
- ``SEQUENCE`` is the day number of the entry's ``updated`` date (days since 1970-01-01): a
  contributor who changes an entry changes that date, so the number grows with each change
  and calendar apps take the new version, and the same file always gives the same number;
- ``METHOD:PUBLISH`` with an ``ORGANIZER`` (the network, by the e-mail its ``guidemap.yml``
  gives) when there is one; without an e-mail the file has no ``METHOD`` at all: it is then a
  plain RFC 5545 calendar, which wants no organizer, where ``PUBLISH`` without one is an iTIP
  message libical (Evolution, GNOME Calendar) flags as invalid;
- no file without an entry (RFC 5545 wants a component): which groups and provinces get one is
  :func:`~guidemap.outputs.site.selection.calendar_entries` and its neighbours, which the pages
  ask too before offering a calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from guidemap.contract.model.dated import EVENT_KINDS
from guidemap.contract.model.types import Call, Dataset, Dated, Event, LText, Org, When
from guidemap.outputs.feeds import recurrence
from guidemap.outputs.feeds.text import markdown_text
from guidemap.outputs.site import urls
from guidemap.outputs.site.selection import (
    calendar_entries,
    calendar_focus,
    calendar_orgs,
    calendar_provinces,
    entry_focus,
    has_calendar,
    has_place,
    pinned,
)
from guidemap.outputs.site.types import SiteInfo

PRODID = "-//guidemap//calls and events//TH"
_EPOCH = dt.date(1970, 1, 1)


def _both(text: LText | None) -> str:
    """A Markdown text in both languages as plain text, Thai first."""
    if text is None:
        return ""
    return "\n\n".join(markdown_text(t) for t in (text.th, text.en) if t)


def sequence(entry: Dated) -> int:
    """The entry's revision, from its content: the day number of its ``updated`` date."""
    return max((entry.updated - _EPOCH).days, 0)


def organizer(site: SiteInfo) -> vCalAddress | None:
    """The network as the organiser of what it publishes, when it gives an e-mail."""
    email = dict(site.network.contact).get("email")
    if not email:
        return None
    address = vCalAddress(f"mailto:{email}")
    # A parameter value cannot hold a double quote, even quoted (RFC 5545 3.1).
    address.params["cn"] = vText(site.network.name.th.replace('"', "'"))
    return address


def _utc(when: When) -> dt.datetime:
    return when.at().astimezone(dt.timezone.utc)


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _uid(kind: str, entry_id: str, site: SiteInfo) -> str:
    host = urlsplit(site.url).hostname if site.url else None
    return f"{kind}-{entry_id}@{host or 'guidemap'}"


def _times(component: VEvent, start: When, end: When | None) -> None:
    """Whole days as dates (the end exclusive, as RFC 5545 wants), timed entries in UTC."""
    if start.time is None and (end is None or end.time is None):
        last = end.day if end else start.day
        component.add("dtstart", start.day)
        component.add("dtend", last + dt.timedelta(days=1))
        return
    component.add("dtstart", _utc(start))
    if end is not None:
        finish = end if end.time else When(end.day, dt.time(23, 59))
        component.add("dtend", _utc(finish))


def _where(entry: Dated, orgs: dict[str, Org]) -> str:
    host = orgs[entry.orgs[0]]
    area = entry.province.th
    if entry.venue is None and entry.province == host.province and host.district and \
            host.location.precision != "province":
        area = f"{host.district.th} {area}"
    return f"{entry.venue.name.best}, {area}" if entry.venue else area


def _place(component: VEvent, entry: Dated, orgs: dict[str, Org]) -> None:
    """Where to go, only where one goes (an online event's place is its link, in its text)."""
    if has_place(entry):
        component.add("location", _where(entry, orgs))
    if pinned(entry):
        component.add("geo", (entry.location.lat, entry.location.lon))


def _common(component: VEvent, entry: Dated, kind: str, orgs: dict[str, Org], site: SiteInfo,
            page: str, extra: Iterable[str]) -> None:
    component.add("uid", _uid(kind, entry.id, site))
    component.add("dtstamp", _stamp(entry.updated))
    component.add("last-modified", _stamp(entry.updated))
    component.add("sequence", sequence(entry))
    if (by := organizer(site)) is not None:
        component.add("organizer", by)
    names = ", ".join(orgs[o].name.best for o in entry.orgs if o in orgs)
    page_url = urls.absolute(site.url, page)
    lines = [*extra, _both(entry.description), f"จัดโดย / Organised by: {names}",
             *([page_url] if page_url else [])]
    component.add("description", "\n\n".join(x for x in lines if x))
    _place(component, entry, orgs)
    if page_url:
        component.add("url", page_url)


def event_component(event: Event, orgs: dict[str, Org], site: SiteInfo) -> VEvent:
    assert event.start is not None
    component = VEvent()
    component.add("summary", event.title.best)
    if event.repeat is None:
        _times(component, event.start, event.end)
    else:
        recurrence.repeat_times(component, event)  # local times, RRULE, EXDATE
    online = [f"ออนไลน์ / Online: {event.online_url}"] if event.online_url and event.attendance != "offline" \
        else []
    _common(component, event, "event", orgs, site, urls.event(event.id), online)
    component.add("categories", [EVENT_KINDS[event.kind].en])
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.cancelled:
        component.add("transp", "TRANSPARENT")  # nothing to keep the time free for
    if event.url:
        component.add("attach", event.url)
    return component


def call_component(call: Call, orgs: dict[str, Org], site: SiteInfo) -> VEvent | None:
    """A call as a calendar entry: its days, or (no dates) its last day to apply; an ongoing
    call with no date at all has nothing to put on a calendar."""
    component = VEvent()
    component.add("summary", f"รับอาสา / Volunteers: {call.title.best}")
    if call.start is not None:
        _times(component, call.start, call.end)
    elif call.apply_by is not None or call.end is not None:
        day = call.apply_by or (call.end.day if call.end else None)
        assert day is not None
        _times(component, When(day), None)
    else:
        return None
    apply_by = [f"สมัครได้ถึง / Apply by: {call.apply_by.isoformat()}"] if call.apply_by else []
    _common(component, call, "call", orgs, site, urls.call_anchor(call.id), apply_by)
    component.add("categories", ["Volunteering"])
    component.add("status", "CONFIRMED")
    # A call's days are days one may help on, not an appointment: they never show as busy.
    component.add("transp", "TRANSPARENT")
    return component


def calendar_bytes(name: str, events: Iterable[Event], calls: Iterable[Call], orgs: dict[str, Org],
                   site: SiteInfo, made: dict[tuple[str, str], VEvent | None] | None = None) -> bytes:
    """One calendar file; ``made`` keeps each entry's component, built once for every file
    that holds it (the network's, its province's, its groups', its own)."""
    made = {} if made is None else made

    def component(kind: str, entry: Event | Call) -> VEvent | None:
        key = (kind, entry.id)
        if key not in made:
            made[key] = (event_component(entry, orgs, site) if isinstance(entry, Event)
                         else call_component(entry, orgs, site))
        return made[key]

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if organizer(site) is not None:  # see the module's docstring
        cal.add("method", "PUBLISH")
    # icalendar writes an unknown X- property as it is given: as vText, it is escaped like any text.
    cal.add("x-wr-calname", vText(name))
    cal.add("x-wr-timezone", "Asia/Bangkok")
    events = list(events)
    if recurrence.needs_timezone(events):
        cal.add_component(recurrence.bangkok_timezone())
    found: list[tuple[tuple[dt.date, str, str], VEvent]] = []
    for event in events:
        assert event.start is not None
        made_event = component("event", event)
        assert made_event is not None
        found.append(((event.start.day, "event", event.id), made_event))
        if event.repeat is not None:  # each moved date right after its event (" " sorts before any id)
            found += [((event.start.day, "event", f"{event.id} {i:03d}"), c)
                      for i, c in enumerate(recurrence.moved_components(made_event, event))]
    for call in calls:
        made_call = component("call", call)
        if made_call is not None:
            day = call.start.day if call.start else (call.apply_by or dt.date.max)
            found.append(((day, "call", call.id), made_call))
    for _, vevent in sorted(found, key=lambda x: x[0]):
        cal.add_component(vevent)
    return bytes(cal.to_ical())


def _calendars(data: Dataset, site: SiteInfo) -> list[tuple[str, str, list[Event], list[Call]]]:
    """(site path, name, events, calls) of every calendar file: the network's, then one per
    province and per group with entries, then one per event; none without an entry."""
    orgs = {o.id: o for o in data.orgs}
    events, calls = calendar_entries(data, site.today)
    found: list[tuple[str, str, list[Event], list[Call]]] = []
    if has_calendar(events, calls):
        found.append((urls.CALENDAR, f"{site.name}: กิจกรรมและประกาศรับอาสา", events, calls))
    for area in calendar_provinces(events, calls):
        found.append((urls.province_calendar(area), f"{site.name}: จังหวัด{area.th}",
                      [e for e in events if e.province == area], [c for c in calls if c.province == area]))
    for key in calendar_focus(events, calls, orgs):
        label = site.network.focus.get(key)
        found.append((urls.focus_calendar(key), f"{site.name}: ประเด็น{label.th if label else key}",
                      [e for e in events if key in entry_focus(e, orgs)],
                      [c for c in calls if key in entry_focus(c, orgs)]))
    by_org: dict[str, tuple[list[Event], list[Call]]] = {}
    for event in events:
        for org_id in event.orgs:
            by_org.setdefault(org_id, ([], []))[0].append(event)
    for call in calls:
        for org_id in call.orgs:
            by_org.setdefault(org_id, ([], []))[1].append(call)
    for org_id in calendar_orgs(events, calls):
        org_events, org_calls = by_org[org_id]
        found.append((urls.org_calendar(org_id), f"{site.name}: {orgs[org_id].name.best}",
                      org_events, org_calls))
    found += [(urls.event_calendar(event.id), event.title.best, [event], []) for event in events]
    return found


def calendar_paths(data: Dataset, site: SiteInfo) -> list[str]:
    """Site paths of the files :func:`calendar_files` makes (known without making them)."""
    return [path for path, *_ in _calendars(data, site)]


def calendar_files(data: Dataset, site: SiteInfo) -> dict[str, bytes]:
    """Site path → bytes of every calendar file (:func:`_calendars`)."""
    orgs = {o.id: o for o in data.orgs}
    made: dict[tuple[str, str], VEvent | None] = {}  # each entry's component made once
    return {path: calendar_bytes(name, events, calls, orgs, site, made)
            for path, name, events, calls in _calendars(data, site)}


def calendar_index(data: Dataset, site: SiteInfo) -> list[tuple[str, str, str]]:
    """(kind, name, site path) of the network's, each province's and each group's calendar, as
    :func:`calendar_files` writes them: for the subscribe page."""
    orgs = {o.id: o for o in data.orgs}
    events, calls = calendar_entries(data, site.today)
    found = [("network", "ทั้งเครือข่าย", urls.CALENDAR)] if has_calendar(events, calls) else []
    found += [("province", f"จังหวัด{a.th}", urls.province_calendar(a))
              for a in calendar_provinces(events, calls)]
    found += [("focus", f"ประเด็น{site.network.focus[k].th}", urls.focus_calendar(k))
              for k in calendar_focus(events, calls, orgs) if k in site.network.focus]
    found += [("org", orgs[o].name.best, urls.org_calendar(o)) for o in calendar_orgs(events, calls)]
    return found
