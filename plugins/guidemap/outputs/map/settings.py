"""What every part of the guide map shares: where its assets are, the tile service, the zoom
range, and the plain-value description of one folium render (:class:`MapRequest`).

Kept apart from the page and folium code so that both (and the helper process) import it
without importing each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from xstatic.pkg import leaflet

from guidemap.outputs.html.minify import lean_file

ASSETS = Path(__file__).parent.parent / "assets" / "map"
BASE = "assets/map/"
# What the map page loads to draw its markers (a fraction of the GeoJSON, which it reads only
# when a popup first opens): see markers_json.
MARKERS = "data/map-markers.json"

# Site path → installed file. Only what the pages load (plus the images leaflet.css names).
_VENDOR: dict[str, tuple[str, str]] = {
    "leaflet/leaflet.js": (leaflet.BASE_DIR, "leaflet.js"),
    "leaflet/leaflet.css": (leaflet.BASE_DIR, "leaflet.css"),
}
_OURS = ("guidemap-map.js", "guidemap-map.css")

# What each kind of map loads, in order (folium renders the tags from these lists). Clustering
# and two-finger panning are guidemap-map.js's own (a grid per zoom level, drawn only on screen:
# Leaflet.markercluster built a tree of 10,000 L.Markers before showing any).
MAP_JS = ("leaflet/leaflet.js", "guidemap-map.js")
MAP_CSS = ("leaflet/leaflet.css", "guidemap-map.css")
MINI_JS = MAP_JS
MINI_CSS = MAP_CSS

# The one third-party service: OpenStreetMap's standard tiles, with their attribution.
TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                    "contributors")
# Where the map opens before the data is read, unless the site's guidemap.yml says otherwise
# (region: map: center:): the first network's four southern border provinces.
CENTER = (6.6, 101.2)
# Zoom range: positions are at best ~11 m, so closer zooms show nothing more (at the last one, a
# cluster is groups at the same place and opens a list of them); zoom 6 already shows all of
# Thailand.
MIN_ZOOM = 6
MAX_ZOOM = 15
SUMMARY_CHARS = 90  # a popup's one-line summary
# Up to this many groups the map page lists them all below the map (for readers without
# JavaScript or with a screen reader); beyond it, a list of thousands of links slows the page
# for everyone (10,000 took seconds to parse), so it links to the province pages instead.
# Measured (scripts/bench_scale.py): the page without the list is about 117 KB (gzip) plus 15
# bytes a group of marker data, and each listed group adds about 25 bytes more, so 1,000 groups
# made a 155 KB first view; at 500 it stays near 140 KB, within the 150 KB budget.
LIST_LIMIT = 500




class MapRequest(NamedTuple):
    """One folium render, in plain values so that the helper process (guidemap.adapter.helper)
    can make it too: folium and numpy take half a second to import."""

    frm: str  # URL of the page it is for (links to the map's assets are relative to it)
    name: str  # the map element's fixed id
    js: tuple[str, ...]  # scripts, under BASE
    css: tuple[str, ...]  # stylesheets, under BASE
    zoom: int
    kind: str  # kind of map for guidemap-map.js: "main" or "mini"
    config: str  # its configuration, as JSON
    center: tuple[float, float] = CENTER  # the first view, before the data is read


Rendered = tuple[str, str, str]  # head tags, body markup, scripts


def asset_copies() -> dict[str, Path]:
    """Site path → installed file (Leaflet's), for the build to copy (nothing vendored in the
    repository)."""
    out = {BASE + site: Path(base, name) for site, (base, name) in _VENDOR.items()}
    for image in sorted(Path(leaflet.BASE_DIR, "images").glob("*.png")):
        out[f"{BASE}leaflet/images/{image.name}"] = image
    return out


def asset_paths() -> list[str]:
    """Site paths of our own map script and style (what :func:`asset_files` makes)."""
    return [BASE + name for name in _OURS]


def asset_files() -> dict[str, str]:
    """Site path → text of our own map script and style, as served (guidemap.outputs.html.minify)."""
    return {BASE + name: lean_file(ASSETS / name) for name in _OURS}
