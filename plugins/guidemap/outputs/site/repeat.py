"""A repeating event's rule as calendars write it (RFC 5545's RRULE), shared by the calendar
files and the open data: times in ``Asia/Bangkok``, where the rule is expanded (a meeting at
06:00 in Thailand is 23:00 UTC the day before; a monthly rule in UTC would follow the wrong day).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import vRecur

from guidemap.contract.model.types import Event, When

TZID = "Asia/Bangkok"
_BANGKOK = ZoneInfo(TZID)
_FREQ = {"weeks": "WEEKLY", "months": "MONTHLY"}


def local(when: When) -> dt.date | dt.datetime:
    return when.day if when.time is None else dt.datetime.combine(when.day, when.time, _BANGKOK)


def whole_days(event: Event) -> bool:
    assert event.start is not None
    return event.start.time is None and (event.end is None or event.end.time is None)


def planned(event: Event, day: dt.date) -> dt.date | dt.datetime:
    """A date of the rule as the rule's values are written (RECURRENCE-ID, EXDATE)."""
    assert event.start is not None
    return day if whole_days(event) else local(When(day, event.start.time or dt.time(0)))


def rule(event: Event) -> dict[str, object]:
    """The RRULE's parts (also written, as text, into the open data)."""
    assert event.repeat is not None and event.start is not None
    parts: dict[str, object] = {"freq": _FREQ[event.repeat.unit]}
    if event.repeat.every != 1:
        parts["interval"] = event.repeat.every
    if event.repeat.count is not None:
        parts["count"] = event.repeat.count
    elif event.repeat.until is not None:
        until = planned(event, event.repeat.until)
        # With a TZID start, UNTIL must be in UTC (RFC 5545 3.3.10): the start's moment that day.
        parts["until"] = until.astimezone(dt.timezone.utc) if isinstance(until, dt.datetime) else until
    return parts


def rule_text(event: Event) -> str:
    """The RRULE as the calendar files write it (``FREQ=MONTHLY;COUNT=4;INTERVAL=6``)."""
    return bytes(vRecur(rule(event)).to_ical()).decode("ascii")  # type: ignore[no-untyped-call]
