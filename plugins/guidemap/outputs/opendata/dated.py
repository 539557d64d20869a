"""Open data of calls and events (``data/calls.json``, ``data/events.json``): their public
fields only, the position being the public one (a venue marked public, else the organiser's
coarsened location). Deterministic: sorted by id, sorted keys, no build time. Only the open
calls go out (an expired call leaves with the next build); every event, past ones too, a
repeating one with its rule (``repeat``, its RRULE as ``repeat.rule``) and its ``next`` dates on
the build's date.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from guidemap.contract.model.dated import CALLS, EVENTS
from guidemap.contract.model.fields import Declarations, is_set, json_value
from guidemap.contract.model.types import Call, Dated, Event
from guidemap.outputs.site.repeat import rule_text
from guidemap.outputs.site.selection import next_dates, open_calls, pinned


def _common(entry: Dated) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": entry.id, "title": entry.title.as_dict(), "orgs": list(entry.orgs),
        "province": {"code": entry.province.code, "th": entry.province.th, "en": entry.province.en},
        "updated": entry.updated.isoformat(),
    }
    if pinned(entry):  # an online event or a call done from anywhere has no position
        record["location"] = {"lat": entry.location.lat, "lon": entry.location.lon,
                              "precision": entry.location.precision}
    if entry.description:
        record["description"] = entry.description.as_dict()
    for name, when in (("start", entry.start), ("end", entry.end)):
        if when is not None:
            record[name] = when.iso()
    if entry.venue is not None:
        record["venue"] = entry.venue.name.as_dict()
    if entry.url:
        record["url"] = entry.url
    return record


def _declared(entry: Dated, decls: Declarations) -> dict[str, Any]:
    """The fields of its own the content type declares for the open data, when set."""
    return {f.name: json_value(v) for f in decls.top_level
            if f.exports.json and is_set(v := getattr(entry, f.attr))}


def call_record(call: Call) -> dict[str, Any]:
    return _common(call) | _declared(call, CALLS)


def event_record(event: Event, today: dt.date) -> dict[str, Any]:
    record = _common(event) | _declared(event, EVENTS)
    record["status"] = "cancelled" if event.cancelled else "scheduled"
    if event.repeat is not None:  # the rule as calendars read it, and the dates coming on the build's date
        record["repeat"]["rule"] = rule_text(event)
        record["next"] = [{"start": o.start.iso(), **({"end": o.end.iso()} if o.end else {})}
                          for o in next_dates(event, today)]
    return record


def _lines(records: list[dict[str, Any]]) -> str:
    # One entry per line, as orgs.json: a change shows as a one-line diff.
    body = ",\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)
    return f"[\n{body}\n]\n" if records else "[]\n"


def calls_json(calls: list[Call], today: dt.date) -> str:
    return _lines([call_record(c) for c in sorted(open_calls(calls, today), key=lambda c: c.id)])


def events_json(events: list[Event], today: dt.date) -> str:
    return _lines([event_record(e, today) for e in sorted(events, key=lambda e: e.id)])
