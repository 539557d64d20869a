"""JSON Schemas of the open data as people download it (``data/orgs.json``, ``data/calls.json``,
``data/events.json``, ``data/orgs.geojson``), published under ``schema/data/`` (``urls.export_schema``).

``schema/org.schema.json`` describes the file a contributor writes (``orgs/<id>.yml``); the
exports differ (a province is an object with its code and names, empty fields are ``null``,
positions are coarsened), so they get schemas of their own. Every object is closed
(``additionalProperties: false``) and the suite validates each export against its schema on
two sites, so a field added to an export without its schema fails a test. Keys of the site's
own vocabularies (focus, needs) are listed from the network, as in the input schema.
"""

from __future__ import annotations

import json
from typing import Any

from guidemap.contract.model.dated import ATTENDANCE, EVENT_KINDS, REMOTE, REPEAT_UNITS
from guidemap.contract.network import Network
from guidemap.contract.vocab import PRECISION
from guidemap.outputs.site import urls

# The export each schema describes, by the schema's name.
EXPORTS = {"orgs": "data/orgs.json", "calls": "data/calls.json", "events": "data/events.json",
           "orgs-geojson": "data/orgs.geojson"}
_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "minLength": 1}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# A day alone, or a moment in Thai time (+07:00).
_WHEN = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+07:00)?$"}
_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
# Thai first; English and the network's other content languages beside it, by language tag.
_LOCALIZED = {"type": "object", "required": ["th"], "properties": {"th": _TEXT},
              "patternProperties": {"^[a-z]{2,3}$": _TEXT}, "additionalProperties": False}
_AREA = {"type": "object", "required": ["code", "th", "en"], "additionalProperties": False,
         "properties": {"code": {"type": "string", "pattern": r"^\d{2,4}$"}, "th": _TEXT, "en": _TEXT}}


def _closed(properties: dict[str, Any], required: list[str], description: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "required": required, "properties": properties,
                              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _keys(keys: list[str]) -> dict[str, Any]:
    return {"type": "string", "enum": keys}


def _location() -> dict[str, Any]:
    return _closed({"lat": {"type": "number", "minimum": -90, "maximum": 90},
                    "lon": {"type": "number", "minimum": -180, "maximum": 180},
                    "precision": _keys(list(PRECISION))}, ["lat", "lon", "precision"],
                   "The public position: never finer than the precision the group allows.")


def _org(net: Network) -> dict[str, Any]:
    focus, needs = _keys(list(net.focus)), _keys(list(net.needs))
    contact = {name: _URL for name in ("website", "facebook", "line", "instagram", "youtube", "tiktok")}
    contact["email"] = {"type": "string", "pattern": "^[^@\\s]+@[^@\\s]+$"}
    contact["phone"] = {"type": "string", "pattern": r"^\+66\d{8,9}$",
                        "description": "E.164, text (not a number)."}
    campaign = _closed({"title": _LOCALIZED, "url": _URL, "end": _DATE, "start": _DATE,
                        "goal": {"type": "integer", "minimum": 1, "description": "baht"},
                        "groups": {"type": "array", "items": _ID}}, ["title", "url", "end"])
    return _closed({
        "id": _ID, "name": _LOCALIZED, "summary": _LOCALIZED, "province": _AREA,
        "district": _nullable(_AREA), "location": _location(),
        "focus": {"type": "array", "items": focus, "minItems": 1},
        "needs": {"type": "array", "items": needs}, "offers": {"type": "array", "items": needs},
        "updated": _DATE, "contact": _closed(contact, []), "donate": _nullable(_URL),
        "campaigns": {"type": "array", "items": campaign},
        "founded": _nullable({"type": "integer", "minimum": 1800, "maximum": 2200}),
        "languages": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]{2,3}$"}},
    }, ["id", "name", "summary", "province", "location", "focus", "updated"])


def _dated(own: dict[str, Any]) -> dict[str, Any]:
    common = {"id": _ID, "title": _LOCALIZED, "orgs": {"type": "array", "items": _ID, "minItems": 1},
              "province": _AREA, "updated": _DATE, "location": _location(), "description": _LOCALIZED,
              "start": _WHEN, "end": _WHEN, "venue": _LOCALIZED, "url": _URL}
    return _closed(common | own, ["id", "title", "orgs", "province", "updated"])


def _call() -> dict[str, Any]:
    return _dated({"apply_by": _DATE, "skills": {"type": "array", "items": _LOCALIZED},
                   "languages": {"type": "array", "items": {"type": "string"}},
                   "min_age": {"type": "integer", "minimum": 0}, "remote": _keys(list(REMOTE)),
                   "preparation": _LOCALIZED, "safeguarding": _LOCALIZED, "how_to_join": _LOCALIZED,
                   "background_check": {"type": "boolean"}, "insured": {"type": "boolean"}})


def _event() -> dict[str, Any]:
    # A repeating event: its rule as written (and as an RRULE), and the dates still to come.
    moved = _closed({"date": _DATE, "to": _WHEN}, ["date", "to"])
    repeat = _closed({"unit": _keys(list(REPEAT_UNITS)), "every": {"type": "integer", "minimum": 1},
                      "until": _DATE, "count": {"type": "integer", "minimum": 2},
                      "cancelled": {"type": "array", "items": _DATE},
                      "moved": {"type": "array", "items": moved},
                      "rule": {"type": "string", "pattern": "^FREQ="}}, ["unit", "rule"])
    occurrence = _closed({"start": _WHEN, "end": _WHEN}, ["start"])
    return _dated({"kind": _keys(list(EVENT_KINDS)), "attendance": _keys(list(ATTENDANCE)),
                   "online_url": _URL, "status": _keys(["scheduled", "cancelled"]), "repeat": repeat,
                   "next": {"type": "array", "items": occurrence}})


def _geojson(net: Network) -> dict[str, Any]:
    point = _closed({"type": {"const": "Point"},
                     "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2,
                                     "maxItems": 2, "description": "[longitude, latitude]"}},
                    ["type", "coordinates"])
    properties = _closed({"name": _TEXT, "en": _TEXT, "summary": _TEXT, "province": {"type": "string"},
                          "focus": {"type": "array", "items": _keys(list(net.focus))},
                          "precision": _keys(list(PRECISION))}, ["name", "focus", "province", "precision"])
    feature = _closed({"type": {"const": "Feature"}, "id": _ID, "geometry": point,
                       "properties": properties}, ["type", "id", "geometry", "properties"])
    return _closed({"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": feature}},
                   ["type", "features"])


_TITLES = {"orgs": "Volunteer groups (open data) / กลุ่มอาสาสมัคร",
           "calls": "Open calls for volunteers (open data) / ประกาศรับอาสาสมัคร",
           "events": "Network events (open data) / กิจกรรมของเครือข่าย",
           "orgs-geojson": "Volunteer groups on the map (GeoJSON) / กลุ่มอาสาสมัครบนแผนที่"}


def export_schema(name: str, net: Network, site_url: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one export (a key of :data:`EXPORTS`) for the network ``net``."""
    if name == "orgs":
        body = _closed({"count": {"type": "integer", "minimum": 0}, "version": {"const": 1},
                        "orgs": {"type": "array", "items": _org(net)}}, ["count", "orgs", "version"])
    elif name == "calls":
        body = {"type": "array", "items": _call()}
    elif name == "events":
        body = {"type": "array", "items": _event()}
    else:
        body = _geojson(net)
    base = (site_url or "https://guidemap.invalid/").rstrip("/") + "/"
    return {"$schema": _DRAFT, "$id": f"{base}{urls.export_schema(name)}", "title": _TITLES[name],
            "description": f"What {EXPORTS[name]} holds.", **body}


def schema_files(net: Network, site_url: str | None = None) -> dict[str, str]:
    """Every export's schema, by its site path."""
    return {urls.export_schema(name):
            json.dumps(export_schema(name, net, site_url), ensure_ascii=False, indent=2) + "\n"
            for name in EXPORTS}
