"""Property test of repeating events: for any rule (weeks or months, every N, until a date or
for a count, a start on the 29th to 31st included, whole days or Thai times, dates cancelled and
moved), the dates the site lists (``Event.held``) are the dates a calendar client expands from
the calendar file (``recurring-ical-events`` reading what ``calendar_bytes`` writes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

import icalendar
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Dataset, Event, Moved, Repeat, When
from guidemap.outputs.feeds.calendars import calendar_bytes
from guidemap.outputs.site.types import SiteInfo

CASE = Path(__file__).parents[1] / "cases" / "orgs" / "dated-repeating-good"


@cache
def _base() -> tuple[Dataset, Event]:
    data = load_repository(CASE).dataset
    return data, data.events[0]


@st.composite
def events(draw: st.DrawFn) -> Event:
    _, base = _base()
    day = draw(st.dates(dt.date(2024, 1, 1), dt.date(2030, 12, 31)))
    time = draw(st.one_of(st.none(), st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    start = When(day, time)
    unit = draw(st.sampled_from(["weeks", "months"]))
    every = draw(st.integers(1, 12))
    if draw(st.booleans()):
        count, until = draw(st.integers(2, 30)), None
    else:
        count, until = None, day + dt.timedelta(days=draw(st.integers(0, 600)))
    end = None
    if draw(st.booleans()):
        minutes = draw(st.integers(0, 60 * 24 * 5))
        moved_end = start.at() + dt.timedelta(minutes=minutes)
        end = When(moved_end.date(), moved_end.time()) if time is not None else When(moved_end.date())
    days = Repeat(unit, every, until, count).days(day)
    cancelled = tuple(draw(st.lists(st.sampled_from(days), unique=True, max_size=3)))
    moving = draw(st.lists(st.sampled_from(days), unique=True, max_size=2))
    moved = tuple(Moved(d, When(d + dt.timedelta(days=draw(st.integers(1, 3))),
                                draw(st.one_of(st.none(), st.just(dt.time(7, 0)))) if time else None))
                  for d in moving if d not in cancelled)
    return dataclasses.replace(base, start=start, end=end,
                               repeat=Repeat(unit, every, until, count, cancelled, moved))


@settings(max_examples=150, deadline=None)
@given(events())
def test_the_listed_dates_are_the_calendar_s_dates(event: Event) -> None:
    data, _ = _base()
    site = SiteInfo("t", "https://example.org/", None, today=dt.date(2026, 1, 1))
    ics = calendar_bytes("t", [event], [], {o.id: o for o in data.orgs}, site)
    cal = icalendar.Calendar.from_ical(ics)
    found = recurring_ical_events.of(cal).between(dt.date(2023, 1, 1), dt.date(2070, 1, 1))
    expanded = sorted((e.decoded("DTSTART") for e in found), key=lambda v: (str(type(v)), v))
    assert event.start is not None
    whole = event.start.time is None and (event.end is None or event.end.time is None)
    listed = [o.start.day if whole else o.start.at() for o in event.held]
    assert expanded == sorted(listed, key=lambda v: (str(type(v)), v))
