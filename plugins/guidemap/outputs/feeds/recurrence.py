"""A repeating event in a calendar file (RFC 5545): one component with the rule (``RRULE``) and its
cancelled dates (``EXDATE``), and one component per moved date (same ``UID``, its
``RECURRENCE-ID`` the date the rule gave), so a subscribed calendar expands the same dates the
event's page lists.

A rule is expanded in the time zone of its start: a meeting at 06:00 in Thailand is 23:00 UTC the
day before, and a monthly rule in UTC would follow the wrong day of the month. So a repeating
event's times are written in ``Asia/Bangkok`` (``TZID``), with the zone's own ``VTIMEZONE`` (a
fixed +07:00: Thailand has kept it since 1920 and has no daylight saving), written here rather
than from the machine's time-zone database so that every build writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Event as VEvent
from icalendar import Timezone, TimezoneStandard

from guidemap.contract.model.types import Event, Occurrence, When
from guidemap.outputs.site.repeat import TZID, local, planned, rule, whole_days

_OWN = ("DTSTART", "DTEND", "RRULE", "EXDATE")  # what a moved date's component does not copy


def _add_times(component: VEvent, event: Event, start: When, end: When | None) -> None:
    """As the single events' times (whole days as dates, the end exclusive; an end day
    without a time ends at 23:59), in Thai time."""
    if whole_days(event):
        component.add("dtstart", start.day)
        component.add("dtend", (end or start).day + dt.timedelta(days=1))
        return
    component.add("dtstart", local(When(start.day, start.time or dt.time(0))))
    if end is not None:
        component.add("dtend", local(When(end.day, end.time or dt.time(23, 59))))


def repeat_times(component: VEvent, event: Event) -> None:
    """The first date, the rule and the cancelled dates of a repeating event."""
    assert event.repeat is not None and event.start is not None
    _add_times(component, event, event.start, event.end)
    component.add("rrule", rule(event))
    if event.repeat.cancelled:
        component.add("exdate", [planned(event, d) for d in sorted(event.repeat.cancelled)])


def moved_components(master: VEvent, event: Event) -> list[VEvent]:
    """One component per moved date: the master's properties, its own times, and the date the
    rule gave (RECURRENCE-ID), which the client replaces."""
    out = []
    moved: Iterable[Occurrence] = (o for o in event.occurrences if o.moved and not o.cancelled)
    for occurrence in sorted(moved, key=lambda o: o.planned):
        component = VEvent()
        for name, value in master.items():
            if name not in _OWN:
                component[name] = value
        component.add("recurrence-id", planned(event, occurrence.planned))
        _add_times(component, event, occurrence.start, occurrence.end)
        out.append(component)
    return out


def needs_timezone(events: Iterable[Event]) -> bool:
    return any(e.repeat is not None and not whole_days(e) for e in events)


def bangkok_timezone() -> Timezone:
    """The VTIMEZONE of Asia/Bangkok: +07:00 all year."""
    zone = Timezone()
    zone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", dt.datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", dt.timedelta(hours=7))
    standard.add("tzoffsetto", dt.timedelta(hours=7))
    standard.add("tzname", "+07")
    zone.add_component(standard)
    return zone
