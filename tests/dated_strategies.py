"""Hypothesis strategies for the newer content types: calls for volunteers, events, a profile's
campaigns and the network file (guidemap.yml), as tests/strategies.py has them for profiles and
stories. Valid entries come with what the model should hold; the network file comes as written,
with what a loader that drops nothing must keep (or report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import geothai
from hypothesis import strategies as st

from guidemap.contract.gazetteer import find_province
from strategies import (
    _CONTROL,
    PLACES,
    TODAY,
    _slug,
    _thai_digits,
    coordinate,
    kept_hostile,
    markdown_text,
    plain_text,
    profiles,
    thai_text,
    yaml_text,
)

# Dates of dated entries: around the properties' "today", well inside the plausible range.
NEAR = (TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=400))


def _day_text(draw: st.DrawFn, day: dt.date) -> str:
    style = draw(st.sampled_from(["iso", "be", "thai", "dmy"]))
    be = day.year + 543
    if style == "iso":
        return day.isoformat()
    if style == "dmy":
        return f"{day.day}/{day.month}/{be}"
    text = f"{be}-{day.month:02d}-{day.day:02d}"
    return _thai_digits(text) if style == "thai" else text


@st.composite
def when(draw: st.DrawFn, low: dt.date = NEAR[0],
         high: dt.date = NEAR[1]) -> tuple[str, dt.date, dt.time | None]:
    """(as written, the day, the time or None): a day, sometimes with a Thai time."""
    day = draw(st.dates(low, high))
    text = _day_text(draw, day)
    if not draw(st.booleans()):
        return text, day, None
    at = dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    written = draw(st.sampled_from([f"{at:%H:%M}", f"{at.hour}.{at.minute:02d} น.", f"{at:%H.%M}"]))
    return f"{text} {written}", day, at


def _text(hostile: bool) -> Any:
    return (lambda n: kept_hostile(n) | thai_text(n)) if hostile else (lambda n: thai_text(n) | plain_text(n))


@st.composite
def venue(draw: st.DrawFn, hostile: bool = False) -> dict[str, Any]:
    text = _text(hostile)
    code, th, en, _ = draw(st.sampled_from(PLACES))
    raw: dict[str, Any] = {"name": {"th": draw(text(150))}, "public": draw(st.sampled_from(["yes", "no"]))}
    if draw(st.booleans()):
        raw["province"] = draw(st.sampled_from([th, en, code]))
    if draw(st.booleans()):
        raw["lat"] = draw(coordinate(5.6, 20.4))[0]
        raw["lon"] = draw(coordinate(97.4, 105.6))[0]
    return raw


@st.composite
def dated_entry(draw: st.DrawFn, kind: str, org_ids: list[str], hostile: bool = False) -> dict[str, Any]:
    """A valid call (``kind`` "call") or event: ``raw`` is the file, the rest what the model holds."""
    text = _text(hostile)
    raw: dict[str, Any] = {"title": {"th": draw(text(150))}}
    if draw(st.booleans()):
        raw["title"]["en"] = draw(text(150))
    if kind == "event":
        raw["kind"] = draw(st.sampled_from(["meeting", "training", "open-day", "activity", "other"]))
    raw["orgs"] = draw(st.lists(st.sampled_from(org_ids), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        raw["description"] = {"th": draw(markdown_text(2000, hostile).filter(
            lambda t: not _CONTROL.search(t)))}
    start = draw(when()) if kind == "event" or draw(st.booleans()) else None
    last = start[1] if start else None
    if start:
        raw["start"] = start[0]
        if draw(st.booleans()):
            end = draw(when(start[1] + dt.timedelta(days=1), start[1] + dt.timedelta(days=30)))
            raw["end"] = end[0]
            last = end[1]
    if kind == "call":
        if draw(st.booleans()):
            raw["apply_by"] = _day_text(draw, draw(st.dates(NEAR[0], last or NEAR[1])))
        if draw(st.booleans()):
            raw["skills"] = [{"th": s} for s in draw(st.lists(text(100), min_size=1, max_size=3))]
        for name, size in (("preparation", 500), ("safeguarding", 500), ("how_to_join", 1000)):
            if draw(st.booleans()):
                raw[name] = {"th": draw(text(size))}
        if draw(st.booleans()):
            raw["min_age"] = draw(st.sampled_from(["16", "๑๘", "0"]))
        raw["remote"] = draw(st.sampled_from(["no", "yes", "partly"]))
    else:
        raw["attendance"] = draw(st.sampled_from(["offline", "online", "mixed"]))
        if draw(st.booleans()):
            raw["online_url"] = f"https://{_slug(draw)}.example.org/meet"
        raw["status"] = draw(st.sampled_from(["scheduled", "cancelled"]))
    if draw(st.booleans()):
        raw["venue"] = draw(venue(hostile))
    if draw(st.booleans()):
        raw["url"] = f"https://{_slug(draw)}.example.org/join"
    raw["updated"] = _day_text(draw, draw(st.dates(NEAR[0], TODAY)))
    return {"raw": raw, "kind": kind, "title": raw["title"]["th"], "start": start[1] if start else None,
            "orgs": raw["orgs"]}


@st.composite
def campaign(draw: st.DrawFn, hostile: bool = False) -> dict[str, Any]:
    text = _text(hostile)
    end = draw(st.dates(NEAR[0], NEAR[1]))
    raw: dict[str, Any] = {"title": {"th": draw(text(150))}, "url": f"https://taejai.com/th/d/{_slug(draw)}",
                           "end": _day_text(draw, end)}
    if draw(st.booleans()):
        raw["start"] = _day_text(draw, draw(st.dates(NEAR[0], end)))
    if draw(st.booleans()):
        raw["goal"] = draw(st.sampled_from(["150000", "150,000", "๑๕๐,๐๐๐", "5000 บาท"]))
    return raw


@st.composite
def dated_repository(draw: st.DrawFn, hostile: bool = False) -> dict[str, Any]:
    """Groups (with campaigns, some at province precision with a district), calls and events."""
    orgs = draw(profiles(1, 4, hostile=hostile))
    for o in orgs:
        if draw(st.booleans()):
            o["raw"]["campaigns"] = draw(st.lists(campaign(hostile), min_size=1, max_size=3))
    ids = [o["id"] for o in orgs]
    calls = draw(st.lists(dated_entry("call", ids, hostile), max_size=4))
    events = draw(st.lists(dated_entry("event", ids, hostile), max_size=4))
    return {"orgs": orgs, "calls": calls, "events": events}


def write_dated(root: Path, repo: dict[str, Any]) -> None:
    for folder, prefix, entries in (("calls", "c", repo["calls"]), ("events", "e", repo["events"])):
        (root / folder).mkdir(exist_ok=True)
        for i, e in enumerate(entries):
            e["id"] = f"{prefix}{i}"
            (root / folder / f"{e['id']}.yml").write_text(yaml_text(e["raw"]), encoding="utf-8")


# --- the network file ------------------------------------------------------------------------------

_PROVINCES = [p for p in geothai.provinces() if p.code in ("94", "95", "96", "90", "50", "51", "10")]
# Tags as a network writes them: real ones, and scripts that are no ISO 15924 code.
_TAGS = ["en", "ms", "ms-Arab", "ms-Latn", "id", "ar", "yi-Hebr", "ms-Jawi", "ms-Rumi", "ms-Abcd", "ms-Zxxx",
         "th-Thai", "ms_Arab", "MS", "ms-arab"]


@st.composite
def network_file(draw: st.DrawFn) -> dict[str, Any]:
    """A network file's data, right or wrong in the ways people get it wrong (a province twice
    in two spellings, a made-up script, an empty region, a misspelt key)."""
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["name"] = {"th": draw(thai_text(60)), "en": draw(plain_text(60))}
    if draw(st.booleans()):
        region: Any = {}
        if draw(st.booleans()):
            picked = draw(st.lists(st.sampled_from(_PROVINCES), min_size=1, max_size=4))
            region["provinces"] = [draw(st.sampled_from([p.name_th, p.name_en, p.code, f"จ.{p.name_th}"]))
                                   for p in picked]
        if draw(st.booleans()):
            region["map"] = {"center": [draw(st.sampled_from(["6.6", "18.7", "99.0"])),
                                        draw(st.sampled_from(["101.2", "99.0", "18.7"]))],
                             "zoom": draw(st.sampled_from(["8", "9", "20"]))}
        if draw(st.booleans()):
            region[draw(st.sampled_from(["name", "province", "zom"]))] = {"th": "ภาค", "en": "Region"}
        data["region"] = region if region or draw(st.booleans()) else None
    if draw(st.booleans()):
        data["languages"] = ["th", *draw(st.lists(st.sampled_from(_TAGS), max_size=3))]
    if draw(st.booleans()):
        data[draw(st.sampled_from(["colour", "languges", "focus"]))] = draw(st.sampled_from(
            [{"forest": {"th": "ป่า", "en": "Forest"}}, "x", None]))
    return data


def network_expected(data: dict[str, Any]) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """(province codes, languages) the file asks for, in order (None: the key is not given)."""
    region = data.get("region")
    provinces = None
    if isinstance(region, dict) and "provinces" in region:
        found = [find_province(p) for p in region["provinces"]]
        provinces = tuple(p.code for p in found if p is not None)
    languages = tuple(["th", *[t for t in data["languages"] if t != "th"]]) if "languages" in data else None
    return provinces, languages
