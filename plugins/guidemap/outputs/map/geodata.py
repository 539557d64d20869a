"""The guide map's data files: the GeoJSON (also an open-data export) and the compact marker
list the map page draws from. Coordinates come only from :attr:`Org.location`, already
coarsened to the group's precision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from guidemap.contract import thai
from guidemap.contract.model.fields import Geo, is_set, json_value, value_of
from guidemap.contract.model.profile import PROFILE_FIELDS
from guidemap.contract.model.types import Org
from guidemap.contract.vocab import Label
from guidemap.outputs.map.settings import SUMMARY_CHARS


def _geo_props() -> list[tuple[str, Geo]]:
    """(field path, property) of the fields declared for GeoJSON, in their declared place."""
    return sorted(((f.path, g) for f in PROFILE_FIELDS for g in f.exports.geojson),
                  key=lambda item: item[1].at)


_PROPS = _geo_props()


def _prop(org: Org, path: str, geo: Geo) -> Any:
    field_value = value_of(org, path)
    value = value_of(field_value, geo.attr)
    if not is_set(value) or (geo.unless_same_as and value == value_of(field_value, geo.unless_same_as)):
        return None
    return thai.truncate(value, SUMMARY_CHARS) if geo.short else json_value(value)


def _geo_plan() -> tuple[tuple[tuple[str, ...], tuple[tuple[str, str, str, bool], ...]], ...]:
    """:data:`_PROPS` read once for :func:`feature`: the field's path split, with its properties
    (key, attribute, unless-same-as attribute, short) in their declared place; a field's
    neighbouring properties share its value (the name's "name" and "en")."""
    plan: list[tuple[tuple[str, ...], list[tuple[str, str, str, bool]]]] = []
    for path, geo in _PROPS:
        assert "." not in geo.attr + geo.unless_same_as, "a property's attribute is one name"
        if not plan or plan[-1][0] != tuple(path.split(".")):
            plan.append((tuple(path.split(".")), []))
        plan[-1][1].append((geo.key, geo.attr, geo.unless_same_as, geo.short))
    return tuple((names, tuple(props)) for names, props in plan)


_PLAN = _geo_plan()


def feature(org: Org) -> dict[str, Any]:
    """One group as a GeoJSON feature: public fields only, the coarsened public location. The
    same feature as :func:`feature_plain`, from the plan (tests/properties compare them)."""
    props: dict[str, Any] = {}
    for names, declared in _PLAN:
        field_value: Any = org
        for name in names:
            field_value = None if field_value is None else getattr(field_value, name)
        for key, attr, unless_same_as, short in declared:
            value = field_value if not attr or field_value is None else getattr(field_value, attr)
            if value is None or value == "" or value == ():  # not set (fields.is_set)
                continue
            if unless_same_as and value == getattr(field_value, unless_same_as):
                continue
            props[key] = thai.truncate(value, SUMMARY_CHARS) if short else json_value(value)
    return _feature(org, props)


def feature_plain(org: Org) -> dict[str, Any]:
    """:func:`feature` by its definition, property by declared property."""
    props: dict[str, Any] = {}
    for path, geo in _PROPS:
        value = _prop(org, path, geo)
        if value is not None:
            props[geo.key] = value
    return _feature(org, props)


def _feature(org: Org, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "id": org.id,
            "geometry": {"type": "Point", "coordinates": [org.location.lon, org.location.lat]},
            "properties": props}


def orgs_geojson(orgs: list[Org]) -> str:
    """The map's data and an open-data export: sorted by id, compact, deterministic.

    Coordinates are [lon, lat] (GeoJSON order) on the group's precision grid; the page of a
    group is ``orgs/<id>/`` relative to the site root.
    """
    collection = {"type": "FeatureCollection",
                  "features": [feature(o) for o in sorted(orgs, key=lambda o: o.id)]}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def markers_json(orgs: list[Org], focus: Mapping[str, Label],
                 with_calls: frozenset[str] = frozenset()) -> str:
    """The map's markers, compact: what drawing and filtering need, nothing for the popups.

    ``{"focus": [key, ...], "groups": [[id, name, lon, lat, [focus index, ...], province], ...]}``,
    sorted by id like the GeoJSON (same positions); deterministic. For 10,000 groups this is
    about a quarter of the GeoJSON, so the markers show sooner. A group with an open call for
    volunteers (``with_calls``) has a seventh element, 1, for the map's "open calls" filter.
    """
    used = [k for k in focus if any(k in o.focus for o in orgs)]
    index = {k: i for i, k in enumerate(used)}
    groups: list[list[object]] = [
        [o.id, o.name.best, o.location.lon, o.location.lat, [index[k] for k in o.focus], o.province.code,
         *([1] if o.id in with_calls else [])] for o in sorted(orgs, key=lambda o: o.id)]
    return json.dumps({"focus": used, "groups": groups}, ensure_ascii=False, separators=(",", ":")) + "\n"
