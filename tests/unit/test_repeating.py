"""A repeating event's dates (the model), the selection rules on a build date, and its rule as
calendars write it; the site-level checks are in tests/site/test_repeating_site.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from guidemap.contract.load.repository import load_repository
from guidemap.contract.model.types import Event, Moved, Repeat, When
from guidemap.outputs.site.repeat import rule_text
from guidemap.outputs.site.selection import next_dates, past_events, shown_occurrence, upcoming_events

CASE = Path(__file__).parents[1] / "cases" / "orgs" / "dated-repeating-good"


@pytest.fixture(scope="module")
def events() -> dict[str, Event]:
    return {e.id: e for e in load_repository(CASE).dataset.events}


def test_a_monthly_rule_skips_the_months_without_its_day_and_does_not_count_them() -> None:
    rule = Repeat("months", 1, count=4)
    assert rule.days(dt.date(2026, 1, 31)) == [
        dt.date(2026, 1, 31), dt.date(2026, 3, 31), dt.date(2026, 5, 31), dt.date(2026, 7, 31)]
    assert Repeat("weeks", 2, until=dt.date(2026, 3, 15)).days(dt.date(2026, 3, 1)) == [
        dt.date(2026, 3, 1), dt.date(2026, 3, 15)]  # until is included
    assert len(Repeat("weeks", 1, until=dt.date(2040, 1, 1)).days(dt.date(2026, 1, 1), limit=100)) == 101


def test_a_moved_date_keeps_its_time_and_length(events: dict[str, Event]) -> None:
    meeting = events["half-year-meeting"]  # 09:00-16:00; July 2027 moved to the 31st, no time given
    moved = [o for o in meeting.occurrences if o.moved]
    day = dt.date(2027, 7, 31)
    assert [(o.planned, o.start, o.end) for o in moved] == [
        (dt.date(2027, 7, 24), When(day, dt.time(9)), When(day, dt.time(16)))]
    assert [o.planned for o in meeting.occurrences if o.cancelled] == [dt.date(2027, 1, 24)]
    assert len(meeting.held) == 3 and meeting.last_day == dt.date(2027, 7, 31)
    # Two whole days, moved a day later with a new time: the whole-day end moves by the days.
    two_days = dataclasses.replace(meeting, start=When(dt.date(2026, 1, 24), dt.time(9)),
                                   end=When(dt.date(2026, 1, 25)),
                                   repeat=Repeat("months", 6, count=2,
                                                 moved=(Moved(dt.date(2026, 7, 24),
                                                              When(dt.date(2026, 7, 25), dt.time(8))),)))
    last = two_days.occurrences[-1]
    assert (last.start, last.end) == (When(dt.date(2026, 7, 25), dt.time(8)), When(dt.date(2026, 7, 26)))


def test_lists_follow_the_next_date_on_the_build_date(events: dict[str, Event]) -> None:
    meeting, weekly = events["half-year-meeting"], events["weekly-class"]
    # 2026-03-10: the class's next date is 21 March, the meeting's 24 July: the class first.
    today = dt.date(2026, 3, 10)
    assert shown_occurrence(weekly, today).start.day == dt.date(2026, 3, 21)
    assert [e.id for e in upcoming_events([meeting, weekly], today)] == ["weekly-class", "half-year-meeting"]
    assert [o.start.day for o in next_dates(weekly, today)] == [dt.date(2026, 3, 21), dt.date(2026, 4, 4),
                                                               dt.date(2026, 4, 18), dt.date(2026, 5, 2)]
    # In December 2026 the class is over (shown by its last date) and the meeting's next date
    # is July 2027 (January's is cancelled, July's moved to the 31st).
    today = dt.date(2026, 12, 1)
    assert [e.id for e in past_events([meeting, weekly], today)] == ["weekly-class"]
    assert shown_occurrence(weekly, today).start.day == dt.date(2026, 5, 2)
    assert shown_occurrence(meeting, today).start == When(dt.date(2027, 7, 31), dt.time(9))
    assert meeting.is_past(dt.date(2027, 8, 1)) and not meeting.is_past(dt.date(2027, 7, 31))


def test_the_rule_as_calendars_write_it(events: dict[str, Event]) -> None:
    assert rule_text(events["half-year-meeting"]) == "FREQ=MONTHLY;COUNT=4;INTERVAL=6"
    assert rule_text(events["weekly-class"]) == "FREQ=WEEKLY;UNTIL=20260502;INTERVAL=2"
    # At 06:00 in Thailand the last date's start is 23:00 UTC the day before: UNTIL in UTC says so.
    early = dataclasses.replace(events["weekly-class"], start=When(dt.date(2026, 3, 7), dt.time(6)))
    assert rule_text(early) == "FREQ=WEEKLY;UNTIL=20260501T230000Z;INTERVAL=2"
