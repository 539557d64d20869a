"""The guide map's data files: the GeoJSON (also an open-data export) and the compact marker
list the map page draws from. Coordinates come only from :attr:`Org.location`, already
coarsened to the group's precision.
"""

from __future__ import annotations

import json
from typing import Any

from guidemap.contract import thai
from guidemap.contract.model import Org
from guidemap.contract.vocab import FOCUS
from guidemap.outputs.map.settings import SUMMARY_CHARS


def feature(org: Org) -> dict[str, Any]:
    """One group as a GeoJSON feature: public fields only, the coarsened public location."""
    props: dict[str, Any] = {"name": org.name.best}
    if org.name.en and org.name.en != org.name.best:
        props["en"] = org.name.en
    props["focus"] = list(org.focus)
    props["province"] = org.province.code
    props["summary"] = thai.truncate(org.summary.best, SUMMARY_CHARS)
    props["precision"] = org.location.precision
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


def markers_json(orgs: list[Org]) -> str:
    """The map's markers, compact: what drawing and filtering need, nothing for the popups.

    ``{"focus": [key, ...], "groups": [[id, name, lon, lat, [focus index, ...], province], ...]}``,
    sorted by id like the GeoJSON (same positions); deterministic. For 10,000 groups this is
    about a quarter of the GeoJSON, so the markers show sooner.
    """
    used = [k for k in FOCUS if any(k in o.focus for o in orgs)]
    index = {k: i for i, k in enumerate(used)}
    groups = [[o.id, o.name.best, o.location.lon, o.location.lat, [index[k] for k in o.focus],
               o.province.code] for o in sorted(orgs, key=lambda o: o.id)]
    return json.dumps({"focus": used, "groups": groups}, ensure_ascii=False, separators=(",", ":")) + "\n"
