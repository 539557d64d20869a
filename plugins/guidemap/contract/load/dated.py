"""Load and validate the calls for volunteers (``calls/*.yml``) and the network events
(``events/*.yml``) against their declarations (:mod:`guidemap.contract.model.dated`), collecting
every problem of every file, as the profiles' loader does; the model is filled from the
declarations, the venue by its rule.

The public position of a call or an event is its organiser's public location (already
coarsened to the group's precision), unless it names a venue its organiser marked as public:
the raw position of a group is never reachable through an entry.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

from guidemap.contract import dates, gazetteer
from guidemap.contract.files import one_file_per_id
from guidemap.contract.load.profiles import check_org_id
from guidemap.contract.location import coarsen
from guidemap.contract.model.dated import CALLS, CALLS_DIR, EVENTS, EVENTS_DIR
from guidemap.contract.model.fields import Declarations, PublicVenue
from guidemap.contract.model.profile import ID_PATTERN
from guidemap.contract.model.types import MAX_OCCURRENCES, Area, Call, Event, LText, Org, Repeat, Venue, When
from guidemap.contract.network import Network
from guidemap.contract.problems import Problems
from guidemap.contract.spec import Context
from guidemap.contract.yamlsafe import read_file, shown_path

SUFFIXES = (".yml", ".yaml")
_EXTRAS = {"_template.yml", "README.md"}

def entry_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """The entry files of ``folder``, sorted; anything else there is reported, not ignored."""
    if not folder.is_dir() or folder.is_symlink():  # a link is reported, never listed
        return []
    found = []
    with os.scandir(folder) as listing:
        names = sorted(e.name for e in listing)
    for name in names:
        entry = folder / name
        if name in _EXTRAS or name.startswith(".") or entry.is_symlink():
            continue  # a link is reported by guidemap.contract.files, never read
        if entry.is_dir() or entry.suffix not in SUFFIXES:
            problems.add(shown_path(entry, root), 0, "",
                         f"not an entry: a file in {folder.name}/ ends in .yml",
                         f"ไม่ใช่ไฟล์ข้อมูล: ไฟล์ใน {folder.name}/ ต้องลงท้ายด้วย .yml",
                         f"rename it to {entry.stem.split('.')[0]}.yml")
            continue
        if not re.fullmatch(ID_PATTERN, entry.stem):
            problems.add(shown_path(entry, root), 0, "", f"the file name {entry.stem!r} is not a valid id: "
                         "lowercase letters, digits and hyphens",
                         f"ชื่อไฟล์ {entry.stem!r} ใช้ไม่ได้ ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง",
                         f"e.g. {re.sub(r'[^a-z0-9]+', '-', entry.stem.lower()).strip('-') or 'day'}.yml")
            continue
        found.append(entry)
    return found


def _check_dates(data: dict[str, Any], ctx: Context) -> None:
    start: When | None = data.get("start")
    end: When | None = data.get("end")
    if start and end and (wrong := dates.order_problem((start.day, start.time), (end.day, end.time),
                                                        start.shown(), end.shown())):
        ctx.error(("end",), wrong.en, wrong.th, "swap start and end?")
    apply_by = data.get("apply_by")
    last = end or start
    if apply_by and last and apply_by > last.day:
        ctx.error(("apply_by",),
                  f"apply_by {apply_by.isoformat()} is after the last day {last.day.isoformat()}",
                  f"วันปิดรับสมัคร {apply_by.isoformat()} อยู่หลังวันสุดท้าย {last.day.isoformat()}")


def _nearest(day: dt.date, days: list[dt.date]) -> str:
    near = min(days, key=lambda d: (abs((d - day).days), d))
    return f"the nearest date of the rule is {near.isoformat()} / วันตามกำหนดที่ใกล้ที่สุดคือ {near.isoformat()}"


def _check_repeat(data: dict[str, Any], ctx: Context) -> None:
    """A repeat rule gives a bounded set of dates from the start, and every date cancelled or
    moved is one of them (a wrong date would silently change nothing in a calendar)."""
    raw: dict[str, Any] | None = data.get("repeat")
    start: When | None = data.get("start")
    if not raw or start is None or "unit" not in raw:
        return
    until, count = raw.get("until"), raw.get("count")
    if until is None and count is None:
        ctx.error(("repeat",), "a repeating event needs `until` (its last date) or `count` (how many times)",
                  "กิจกรรมที่จัดซ้ำต้องมี `until` (วันสุดท้าย) หรือ `count` (จำนวนครั้ง)", "e.g. count: 4")
        return
    if until is not None and count is not None:
        ctx.error(("repeat", "count"), "give `until` or `count`, not both",
                  "ใส่ `until` หรือ `count` อย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง")
        until = None  # the other rules still checked, on the count
    if until is not None and until < start.day:
        ctx.error(("repeat", "until"), f"until {until.isoformat()} is before the start {start.shown()}",
                  f"วันสิ้นสุดการจัดซ้ำ {until.isoformat()} อยู่ก่อนวันเริ่ม {start.shown()}")
        return
    rule = Repeat(raw["unit"], raw.get("every", 1), until, count)
    days = rule.days(start.day)
    if len(days) > MAX_OCCURRENCES:
        last = days[MAX_OCCURRENCES - 1].isoformat()
        ctx.error(("repeat", "until"), f"the rule gives more than {MAX_OCCURRENCES} dates",
                  f"กำหนดการนี้มีมากกว่า {MAX_OCCURRENCES} ครั้ง", f"until: {last} (the {MAX_OCCURRENCES}th date)")
        return
    if len(days) < 2:
        ctx.error(("repeat",), "the rule gives a single date: write the event without `repeat`",
                  "กำหนดการนี้มีเพียงวันเดียว ไม่ต้องใส่ `repeat`")
        return
    end: When | None = data.get("end")
    gap = dt.timedelta(days=(7 if rule.unit == "weeks" else 28) * rule.every)
    if end is not None and When(end.day, end.time or dt.time.max).at() - start.at() >= gap:
        ctx.error(("end",), "the event lasts as long as the time between its dates",
                  "กิจกรรมยาวเท่ากับหรือนานกว่าช่วงห่างระหว่างครั้ง", "shorten it, or repeat less often")
    cancelled: list[dt.date] = raw.get("cancelled", [])
    for i, day in enumerate(cancelled):
        if day not in days:
            ctx.error(("repeat", "cancelled", i), f"{day.isoformat()} is not a date of the rule",
                      f"{day.isoformat()} ไม่ใช่วันตามกำหนดการ", _nearest(day, days))
    if days and set(days) <= set(cancelled):
        ctx.error(("repeat", "cancelled"), "every date is cancelled: to cancel the event, write "
                  "status: cancelled", "งดทุกครั้ง: ถ้ายกเลิกกิจกรรม ให้ใส่ status: cancelled")
    for i, move in enumerate(raw.get("moved", [])):
        day, to = move["date"], move["to"]
        if day not in days:
            ctx.error(("repeat", "moved", i, "date"), f"{day.isoformat()} is not a date of the rule",
                      f"{day.isoformat()} ไม่ใช่วันตามกำหนดการ", _nearest(day, days))
        elif day in cancelled:
            ctx.error(("repeat", "moved", i, "date"), f"{day.isoformat()} is both cancelled and moved",
                      f"{day.isoformat()} ถูกทั้งงดและเลื่อน")
        if to.time is not None and start.time is None:
            ctx.error(("repeat", "moved", i, "to"), "the event lasts whole days: move it to a day, "
                      "without a time", "กิจกรรมนี้จัดทั้งวัน ให้เลื่อนไปเป็นวัน ไม่ต้องใส่เวลา")
        elif to.day != day and to.day in days and to.day not in cancelled:
            ctx.error(("repeat", "moved", i, "to"), f"{to.day.isoformat()} is already a date of the event",
                      f"{to.day.isoformat()} เป็นวันจัดกิจกรรมอยู่แล้ว")


def _venue(raw: dict[str, Any] | None, at: str, ctx: Context) -> tuple[Venue | None, Area | None, bool]:
    """The public venue (None when absent or not public), its province, and whether it is valid."""
    if not raw:
        return None, None, True
    ok = True
    area = None
    if "province" in raw:
        place = gazetteer.resolve(raw["province"])
        for problem in place.problems:
            ctx.error((at, "province"), problem.en, problem.th, problem.hint)
        if place.province is None:
            ok = False
        else:
            area = Area(place.province.code, place.province.name_th, place.province.name_en)
    has_lat, has_lon = "lat" in raw, "lon" in raw
    if has_lat != has_lon:
        ctx.error((at, "lat" if has_lat else "lon"), "a venue's position needs both lat and lon",
                  "ตำแหน่งของสถานที่ต้องมีทั้ง lat และ lon")
        ok = False
    if not ok or raw.get("public") != "yes":
        return None, None, ok  # a private place is never published, by name or position
    location = coarsen(raw["lat"], raw["lon"], "exact") if has_lat else None
    return Venue(LText.make(raw["name"]), location), area, True


def _public_venue(at: str, venue: Venue | None, area: Area | None, host: Org) -> dict[str, Any]:
    """The attributes the venue's rule gives an entry: its own, else its first group's."""
    return {at: venue, "province": area or host.province,
            "location": venue.location if venue and venue.location else host.location,
            "located": bool(venue and venue.location) or area is None or area == host.province}


def _load(path: Path, root: Path, kind: Declarations, known: set[str], orgs: dict[str, Org],
          problems: Problems, site: Network) -> dict[str, Any] | None:
    """The model's attributes of one entry, filled from its declarations (None: a problem)."""
    shown = shown_path(path, root)
    doc = read_file(path, shown, problems)
    if doc is None:
        return None
    ctx = Context(shown, doc, problems, site)
    before = len(problems)
    data, _ = kind.spec.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    for i, org_id in enumerate(data.get("orgs", [])):
        check_org_id(org_id, ("orgs", i), ctx, known)
    _check_dates(data, ctx)
    _check_repeat(data, ctx)
    # The rules declared on the fields (the public venue's), checked before the host is known.
    venues = [(f.name, *_venue(data.get(f.name), f.name, ctx)[:2]) for f in kind.top_level
              for rule in f.rules if isinstance(rule, PublicVenue)]
    host = orgs.get(data["orgs"][0]) if data.get("orgs") else None
    if len(problems) > before or host is None:
        return None  # an invalid host profile is reported in its own file
    built: dict[str, Any] = {}
    for at, venue, area in venues:
        built |= _public_venue(at, venue, area, host)
    return {"id": path.stem, "source": shown, **kind.model_values(data, built), **built}


def _entries(root: Path, folder: str, kind: Declarations, known: set[str], orgs: dict[str, Org],
             problems: Problems, site: Network) -> list[dict[str, Any]]:
    found = (_load(path, root, kind, known, orgs, problems, site)
             for path in one_file_per_id(entry_files(root / folder, root, problems), root, problems))
    return [values for values in found if values is not None]


def load_dated(root: Path, known: set[str], orgs: list[Org], problems: Problems,
               site: Network) -> tuple[list[Call], list[Event]]:
    """Every call and event of the repository, checked for the network ``site``; ``known`` are
    the ids of every profile file (valid or not, so a broken profile is reported once, in its
    own file)."""
    by_id = {o.id: o for o in orgs}
    calls = [Call(**v) for v in _entries(root, CALLS_DIR, CALLS, known, by_id, problems, site)]
    events = [Event(**v) for v in _entries(root, EVENTS_DIR, EVENTS, known, by_id, problems, site)]
    return calls, events
