"""Repeating events in a built site (mkdocs build --strict): the calendar file's rule expands, in
``icalendar`` + ``recurring-ical-events`` and in Debian's khal, to the dates the event's page lists
(a cancelled date left out, a moved one on its new day); lists and the home page show the next
date on the build's date; the open data carries the rule and the next dates; the list fits a
phone in Chromium. Test groups and test meetings only: no real meeting is recorded here."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import khal_runner, local_context
from dated_fixture import EPOCH, LATER, TODAY, build_at, dated_repo
from jsonld_check import page_problems

BANGKOK = ZoneInfo("Asia/Bangkok")

EVENTS = {
    # Every two months at 18:30, eight times from 10 September 2026; January 2027 is cancelled
    # and March 2027 is held a week later.
    "every-two-months": """\
title:
  th: ประชุมกลุ่มทดสอบทุกสองเดือน
  en: Test meeting every two months
kind: meeting
orgs: [peace-a]
start: 2569-09-10 18:30
end: 2569-09-10 20:00
repeat:
  unit: months
  every: 2
  count: 8
  cancelled: [2570-01-10]
  moved:
    - date: 2570-03-10
      to: 2570-03-17
updated: 2026-08-01
""",
    # Whole days, every week until 12 December 2026.
    "weekly-open-day": """\
title: วันเปิดบ้านทดสอบทุกสัปดาห์
kind: open-day
orgs: [beach]
start: 2569-11-14
repeat:
  unit: weeks
  until: 2569-12-12
updated: 2026-11-01
""",
}

# The dates the rule gives, in Thai time, as a calendar must expand them.
MEETINGS = [dt.datetime(y, m, d, 18, 30, tzinfo=BANGKOK) for y, m, d in (
    (2026, 9, 10), (2026, 11, 10), (2027, 3, 17), (2027, 5, 10), (2027, 7, 10), (2027, 9, 10),
    (2027, 11, 10))]
OPEN_DAYS = [dt.date(2026, 11, 14), dt.date(2026, 11, 21), dt.date(2026, 11, 28), dt.date(2026, 12, 5),
             dt.date(2026, 12, 12)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_at(dated_repo(tmp_path_factory.mktemp("repeating"), calls={}, events=EVENTS), EPOCH)


@pytest.fixture(scope="module")
def later(site: Path) -> Path:
    return build_at(site.parent, LATER, "site-later")  # five days later: 2026-11-23


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def expanded(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(recurring_ical_events.of(cal).between(dt.date(2026, 1, 1), dt.date(2028, 1, 1)))


def listed_dates(html: str) -> list[str]:
    """The datetime of each date in the page's list of next dates (an end time left out)."""
    block = re.search(r'<ol class="gm-next-dates">(.*?)</ol>', html)
    assert block is not None
    items = re.findall(r"<li>(.*?)</li>", block[1])
    return [re.findall(r'<time datetime="([^"]+)"', item)[0] for item in items]


def test_the_calendar_file_expands_to_the_rule_s_dates_without_the_cancelled_one(site: Path) -> None:
    meetings = expanded(site / "calendars/events/every-two-months.ics")
    assert [e.decoded("DTSTART") for e in meetings] == MEETINGS
    assert [e.decoded("DTEND") for e in meetings] == [d + dt.timedelta(minutes=90) for d in MEETINGS]
    assert {str(e["UID"]) for e in meetings} == {"event-every-two-months@example.org"}
    raw = (site / "calendars/events/every-two-months.ics").read_text(encoding="utf-8")
    assert "RRULE:FREQ=MONTHLY;COUNT=8;INTERVAL=2" in raw
    assert "EXDATE;TZID=Asia/Bangkok:20270110T183000" in raw
    assert "RECURRENCE-ID;TZID=Asia/Bangkok:20270310T183000" in raw
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Asia/Bangkok" in raw
    days = expanded(site / "calendars/events/weekly-open-day.ics")
    assert [e.decoded("DTSTART") for e in days] == OPEN_DAYS  # whole days, UNTIL included
    network = expanded(site / "calendars/network.ics")
    assert len(network) == len(MEETINGS) + len(OPEN_DAYS)


def test_khal_imports_the_repeating_event_and_lists_its_dates(site: Path, tmp_path: Path) -> None:
    run = khal_runner(tmp_path)
    run("import", "--batch", "-a", "site", str(site / "calendars" / "network.ics"))
    listed = run("list", "--day-format", "", "--format", "{start}|{end}|{title}", "2026-09-01", "500d")
    rows = sorted({line.strip() for line in listed.splitlines() if "|" in line})
    meetings = [r for r in rows if r.endswith("|ประชุมกลุ่มทดสอบทุกสองเดือน")]
    assert [r.split("|")[0] for r in meetings] == [f"{d:%Y-%m-%d %H:%M}" for d in MEETINGS]
    assert [r.split("|")[1] for r in meetings] == [f"{d + dt.timedelta(minutes=90):%Y-%m-%d %H:%M}"
                                                   for d in MEETINGS]
    days = [r.split("|")[0] for r in rows if r.endswith("|วันเปิดบ้านทดสอบทุกสัปดาห์")]
    assert days == [d.isoformat() for d in OPEN_DAYS]


def test_the_event_page_lists_the_same_next_dates(site: Path) -> None:
    html = page(site, "events/every-two-months")
    coming = [d for d in MEETINGS if d.date() >= TODAY]
    assert listed_dates(html) == [d.isoformat() for d in coming]
    assert "17 มีนาคม 2570" in html and "เลื่อนจาก 10 มีนาคม 2570" in html  # Buddhist Era dates
    assert re.search(r'class="gm-cancelled-dates">งดจัด .*10 มกราคม 2570', html)
    assert "ทุก 2 เดือน 8 ครั้ง" in html
    # "When" is the next date, 17 March 2027 (the November one is over on 2026-11-18).
    when = html[html.index("เมื่อไร"):html.index("gm-next-dates")]
    assert '<time datetime="2027-03-17T18:30:00+07:00">' in when
    (ld,) = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]
    assert ld["startDate"] == "2027-03-17T18:30:00+07:00"
    assert ld["eventSchedule"]["repeatFrequency"] == "P2M" and ld["eventSchedule"]["repeatCount"] == 8
    checked, problems = page_problems(html)
    assert checked and problems == []  # every property a schema.org one, of its type
    open_day = page(site, "events/weekly-open-day")
    assert listed_dates(open_day) == [d.isoformat() for d in OPEN_DAYS if d >= TODAY]


def test_lists_and_the_home_page_show_the_next_date_on_the_build_s_date(site: Path, later: Path) -> None:
    for built, next_day in ((site, "2026-11-21"), (later, "2026-11-28")):
        home = (built / "index.html").read_text(encoding="utf-8")
        block = home[home.index('class="gm-next-event"'):]
        assert re.findall(r'id="event-([a-z0-9-]+)"', block)[:1] == ["weekly-open-day"]
        assert f'<time datetime="{next_day}">' in block
        events = page(built, "events")
        upcoming = events.split('id="past"')[0]
        assert re.findall(r'id="event-([a-z0-9-]+)"', upcoming) == ["weekly-open-day", "every-two-months"]
        assert '<time datetime="2027-03-17T18:30:00+07:00">' in upcoming
    assert listed_dates(page(later, "events/weekly-open-day")) == ["2026-11-28", "2026-12-05", "2026-12-12"]


def test_the_open_data_carries_the_rule_and_the_next_dates(site: Path) -> None:
    records = {r["id"]: r for r in json.loads((site / "data/events.json").read_text(encoding="utf-8"))}
    meeting = records["every-two-months"]
    assert meeting["repeat"] == {"unit": "months", "every": 2, "count": 8, "cancelled": ["2027-01-10"],
                                 "moved": [{"date": "2027-03-10", "to": "2027-03-17"}],
                                 "rule": "FREQ=MONTHLY;COUNT=8;INTERVAL=2"}
    assert [n["start"] for n in meeting["next"]] == [d.isoformat() for d in MEETINGS if d.date() >= TODAY]
    assert records["weekly-open-day"]["repeat"]["rule"] == "FREQ=WEEKLY;UNTIL=20261212"


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 600])
def test_the_next_dates_fit_a_phone(site: Path, browser: Any, serve: Any, width: int) -> None:
    context, outside, _ = local_context(browser, viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(serve(site) + "events/every-two-months/")
        shown = [line for line in page.inner_text(".gm-next-dates").splitlines() if line.strip()]
        assert shown[0].startswith("17 มีนาคม 2570 18:30 น. – 20:00 น. (เลื่อนจาก 10 มีนาคม 2570")
        assert shown[1:] == [f"{d} 2570 18:30 น. – 20:00 น." for d in (
            "10 พฤษภาคม", "10 กรกฎาคม", "10 กันยายน", "10 พฤศจิกายน")]
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()
    assert outside == []
