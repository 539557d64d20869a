"""The date rules every dated thing follows, declared once: a call's, an event's and a
campaign's days, a profile's ``updated``, a story's ``date``.

- Order: an end is not before its start (a day without a time lasts the whole day).
- A plausible range around the build's date: dates are written by hand, in the Buddhist Era or
  the Common Era, and a year with 543 added twice (3112 for 2569) or taken away (1483 for 2026)
  is a real date, parsed without complaint, and then shown, or never shown, for centuries. The
  problem suggests the year the contributor most likely meant.

Pure functions returning the problem's text: the specs and the loaders report it where they
know the field (:mod:`guidemap.contract.spec` imports this module, not the other way round).
"""

from __future__ import annotations

import datetime as dt
import os

from guidemap.contract.thai import BE_OFFSET
from guidemap.contract.vocab import Label

# How far from the build's date a date may be: old enough for an archive of past calls, events
# and stories, near enough that 543 years either way is always outside.
YEARS_BEFORE = 50
YEARS_AFTER = 10


def build_date() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH when set, so a rebuild of old input is identical
    (and validation gives the same answer on the same input)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _in_range(year: int, today: dt.date) -> bool:
    return today.year - YEARS_BEFORE <= year <= today.year + YEARS_AFTER


def implausible(day: dt.date, today: dt.date | None = None) -> tuple[Label, str] | None:
    """A problem (and a hint) when ``day`` is too far from the build's date to be meant."""
    today = today or build_date()
    if _in_range(day.year, today):
        return None
    problem = Label(
        f"{day.isoformat()} (พ.ศ. {day.year + BE_OFFSET}) ไกลจากวันนี้เกินไป: ต้องไม่ก่อนวันนี้เกิน "
        f"{YEARS_BEFORE} ปี และไม่หลังวันนี้เกิน {YEARS_AFTER} ปี",
        f"{day.isoformat()} (BE {day.year + BE_OFFSET}) is too far from today: at most "
        f"{YEARS_BEFORE} years before it and {YEARS_AFTER} years after it")
    if _in_range(day.year - BE_OFFSET, today):  # a BE year with 543 added again
        hint = (f"543 added twice? write {day.year} (BE) or {day.year - BE_OFFSET} (CE) / "
                f"บวก 543 สองครั้งหรือไม่ เขียน พ.ศ. {day.year} หรือ ค.ศ. {day.year - BE_OFFSET}")
    elif _in_range(day.year + BE_OFFSET, today):  # a CE year taken for a BE one, 543 taken away
        hint = (f"a CE year with 543 taken away? write {day.year + BE_OFFSET} (CE) or "
                f"{day.year + 2 * BE_OFFSET} (BE) / ลบ 543 จากปี ค.ศ. หรือไม่ เขียน "
                f"ค.ศ. {day.year + BE_OFFSET} หรือ พ.ศ. {day.year + 2 * BE_OFFSET}")
    else:
        hint = "check the year / ตรวจสอบปี"
    return problem, hint


def order_problem(start: tuple[dt.date, dt.time | None], end: tuple[dt.date, dt.time | None],
                  start_shown: str, end_shown: str) -> Label | None:
    """A problem when ``end`` is before ``start`` (a day without a time lasts the whole day:
    an entry starting at 09:00 may end on the same day given without a time)."""
    if (end[0], end[1] or dt.time.max) < (start[0], start[1] or dt.time.min):
        return Label(f"วันสิ้นสุด {end_shown} อยู่ก่อนวันเริ่ม {start_shown}",
                     f"the end {end_shown} is before the start {start_shown}")
    return None
