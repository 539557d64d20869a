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


def feature(org: Org) -> dict[str, Any]:
    """One group as a GeoJSON feature: public fields only, the coarsened public location."""
    props: dict[str, Any] = {}
    for path, geo in _PROPS:
        value = _prop(org, path, geo)
        if value is not None:
            props[geo.key] = value
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
