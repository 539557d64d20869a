"""Load and validate the calls for volunteers (``calls/*.yml``) and the network events
(``events/*.yml``) against the declarations of :mod:`guidemap.contract.dated`, collecting every
problem of every file, as the profiles' loader does.

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

from guidemap.contract import gazetteer, thai
from guidemap.contract.dated import CALL, CALLS_DIR, EVENT, EVENTS_DIR
from guidemap.contract.location import coarsen
from guidemap.contract.model import ID_PATTERN, Area, Call, Event, LText, Org, Venue, When
from guidemap.contract.problems import Problems, did_you_mean
from guidemap.contract.spec import Context, Obj
from guidemap.contract.yamlsafe import Document, YamlProblem, decode, parse

SUFFIXES = (".yml", ".yaml")
_EXTRAS = {"_template.yml", "README.md"}

# A Thai phone number written into free text (a person's, most likely): 0 or +66, then 8 or 9
# digits with optional spaces or dashes. Four-digit hotlines (1669) are public and allowed.
_PHONE = re.compile(r"(?<!\d)(?:\+66|0)[\s\-]?\d(?:[\s\-]?\d){7,8}(?!\d)")
_FREE_TEXT = ("title", "description", "preparation", "safeguarding", "how_to_join")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: Path, shown: str, problems: Problems) -> Document | None:
    try:
        doc = parse(decode(path.read_bytes()))
    except YamlProblem as exc:
        problems.add(shown, exc.line, "", exc.en, exc.th)
        return None
    except OSError as exc:
        problems.add(shown, 0, "", f"cannot read the file: {exc.strerror}", "อ่านไฟล์ไม่ได้")
        return None
    for w in doc.warnings:
        problems.add(shown, w.line, "", w.en, w.th)
    return doc


def entry_files(folder: Path, root: Path, problems: Problems) -> list[Path]:
    """The entry files of ``folder``, sorted; anything else there is reported, not ignored."""
    if not folder.is_dir():
        return []
    found = []
    with os.scandir(folder) as listing:
        names = sorted(e.name for e in listing)
    for name in names:
        entry = folder / name
        if name in _EXTRAS or name.startswith("."):
            continue
        if entry.is_dir() or entry.suffix not in SUFFIXES:
            problems.add(_rel(entry, root), 0, "", f"not an entry: a file in {folder.name}/ ends in .yml",
                         f"ไม่ใช่ไฟล์ข้อมูล: ไฟล์ใน {folder.name}/ ต้องลงท้ายด้วย .yml",
                         f"rename it to {entry.stem.split('.')[0]}.yml")
            continue
        if not re.fullmatch(ID_PATTERN, entry.stem):
            problems.add(_rel(entry, root), 0, "", f"the file name {entry.stem!r} is not a valid id: "
                         "lowercase letters, digits and hyphens",
                         f"ชื่อไฟล์ {entry.stem!r} ใช้ไม่ได้ ใช้ตัวอักษรอังกฤษพิมพ์เล็ก ตัวเลข และขีดกลาง",
                         f"e.g. {re.sub(r'[^a-z0-9]+', '-', entry.stem.lower()).strip('-') or 'day'}.yml")
            continue
        found.append(entry)
    return found


def _check_orgs(data: dict[str, Any], ctx: Context, known: set[str]) -> None:
    for i, org_id in enumerate(data.get("orgs", [])):
        if org_id not in known:
            guess = did_you_mean(org_id, known)
            ctx.error(("orgs", i), f"no profile has the id {org_id!r}", f"ไม่มีกลุ่มที่มี id {org_id!r}",
                      f"did you mean / หมายถึง {guess!r}?" if guess else "see the files in orgs/")


def _check_dates(data: dict[str, Any], ctx: Context) -> None:
    start: When | None = data.get("start")
    end: When | None = data.get("end")
    # A day without a time lasts the whole day: "2569-01-10" may end an entry starting at 09:00.
    if start and end and (end.day, end.time or dt.time.max) < (start.day, start.time or dt.time.min):
        ctx.error(("end",), f"the end {end.shown()} is before the start {start.shown()}",
                  f"วันสิ้นสุด {end.shown()} อยู่ก่อนวันเริ่ม {start.shown()}", "swap start and end?")
    apply_by = data.get("apply_by")
    last = end or start
    if apply_by and last and apply_by > last.day:
        ctx.error(("apply_by",),
                  f"apply_by {apply_by.isoformat()} is after the last day {last.day.isoformat()}",
                  f"วันปิดรับสมัคร {apply_by.isoformat()} อยู่หลังวันสุดท้าย {last.day.isoformat()}")


def _check_no_phone(data: dict[str, Any], ctx: Context) -> None:
    """No phone number in free text: the contact of an entry is its group's."""
    for name in (*_FREE_TEXT, "skills"):
        value = data.get(name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            for lang, text in (item or {}).items():
                at: tuple[str | int, ...] = (name, i, lang) if isinstance(value, list) else (name, lang)
                if _PHONE.search(thai.arabic_digits(text)):
                    ctx.error(at, "contains a phone number: the contact of a call or an event is "
                              "the group's (from its profile), never a person's",
                              "มีเบอร์โทรศัพท์: ช่องทางติดต่อของประกาศคือช่องทางของกลุ่ม (จากข้อมูลกลุ่ม) "
                              "ไม่ใช่เบอร์ของบุคคล", "remove the number / ลบเบอร์โทรออก")


def _venue(data: dict[str, Any], ctx: Context) -> tuple[Venue | None, Area | None, bool]:
    """The public venue (None when absent or not public), its province, and whether it is valid."""
    raw = data.get("venue")
    if not raw:
        return None, None, True
    ok = True
    area = None
    if "province" in raw:
        place = gazetteer.resolve(raw["province"])
        for problem in place.problems:
            ctx.error(("venue", "province"), problem.en, problem.th, problem.hint)
        if place.province is None:
            ok = False
        else:
            area = Area(place.province.code, place.province.name_th, place.province.name_en)
    has_lat, has_lon = "lat" in raw, "lon" in raw
    if has_lat != has_lon:
        ctx.error(("venue", "lat" if has_lat else "lon"), "a venue's position needs both lat and lon",
                  "ตำแหน่งของสถานที่ต้องมีทั้ง lat และ lon")
        ok = False
    if not ok or raw.get("public") != "yes":
        return None, None, ok  # a private place is never published, by name or position
    location = coarsen(raw["lat"], raw["lon"], "exact") if has_lat else None
    return Venue(LText.make(raw["name"]), location), area, True


def _lt(value: dict[str, str] | None) -> LText | None:
    return LText.make(value) if value else None


def _yes(value: str | None) -> bool | None:
    return None if value is None else value == "yes"


def _common(data: dict[str, Any], entry_id: str, shown: str, host: Org, venue: Venue | None,
            area: Area | None) -> dict[str, Any]:
    return {
        "id": entry_id, "source": shown, "title": LText.make(data["title"]), "orgs": tuple(data["orgs"]),
        "updated": data["updated"], "province": area or host.province,
        "location": venue.location if venue and venue.location else host.location,
        "description": _lt(data.get("description")), "start": data.get("start"), "end": data.get("end"),
        "venue": venue, "url": data.get("url"),
        "located": bool(venue and venue.location) or area is None or area == host.province,
    }


def _load(path: Path, root: Path, spec: Obj, known: set[str], orgs: dict[str, Org],
          problems: Problems) -> tuple[dict[str, Any], dict[str, Any]] | None:
    shown = _rel(path, root)
    doc = _read(path, shown, problems)
    if doc is None:
        return None
    ctx = Context(shown, doc, problems)
    before = len(problems)
    data, _ = spec.check_fields(doc.data if doc.data is not None else {}, (), ctx)
    _check_orgs(data, ctx, known)
    _check_dates(data, ctx)
    _check_no_phone(data, ctx)
    venue, area, _ = _venue(data, ctx)
    host = orgs.get(data["orgs"][0]) if data.get("orgs") else None
    if len(problems) > before or host is None:
        return None  # an invalid host profile is reported in its own file
    return data, _common(data, path.stem, shown, host, venue, area)


def load_calls(root: Path, known: set[str], orgs: dict[str, Org], problems: Problems) -> list[Call]:
    calls = []
    for path in entry_files(root / CALLS_DIR, root, problems):
        loaded = _load(path, root, CALL, known, orgs, problems)
        if loaded is None:
            continue
        data, common = loaded
        calls.append(Call(
            **common, apply_by=data.get("apply_by"),
            skills=tuple(LText.make(s) for s in data.get("skills", ())),
            languages=tuple(data.get("languages", ())), min_age=data.get("min_age"),
            remote=data.get("remote", "no"), preparation=_lt(data.get("preparation")),
            background_check=_yes(data.get("background_check")),
            safeguarding=_lt(data.get("safeguarding")), insured=_yes(data.get("insured")),
            how_to_join=_lt(data.get("how_to_join"))))
    return calls


def load_events(root: Path, known: set[str], orgs: dict[str, Org], problems: Problems) -> list[Event]:
    events = []
    for path in entry_files(root / EVENTS_DIR, root, problems):
        loaded = _load(path, root, EVENT, known, orgs, problems)
        if loaded is None:
            continue
        data, common = loaded
        events.append(Event(**common, kind=data["kind"], attendance=data.get("attendance", "offline"),
                            online_url=data.get("online_url"),
                            cancelled=data.get("status") == "cancelled"))
    return events


def load_dated(root: Path, known: set[str], orgs: list[Org],
               problems: Problems) -> tuple[list[Call], list[Event]]:
    """Every call and event of the repository; ``known`` are the ids of every profile file
    (valid or not, so a broken profile is reported once, in its own file)."""
    by_id = {o.id: o for o in orgs}
    return load_calls(root, known, by_id, problems), load_events(root, known, by_id, problems)
