"""The guide map: a Folium map of every group, its GeoJSON data file, and the small map on
each group page.

Why it looks like this:

- **Folium writes the map** (a :class:`folium.Map` and our own small elements), but with our
  own templates: folium's default page pulls jQuery, Bootstrap, Font Awesome and
  awesome-markers from five CDNs and styles ``html, body`` (which breaks the Material page).
  Every ``default_js``/``default_css`` points at files served by the site itself, copied at
  build time from the installed ``xstatic-leaflet*`` packages: the only third-party requests
  a visitor makes are map tiles. Clustering and two-finger panning are our own
  (``assets/map/guidemap-map.js``), a few KB instead of two plugins.
- **Markers are built in the browser from the GeoJSON** (``data/orgs.geojson``, also an
  open-data export), with text set through ``textContent``: no contributed string is ever put
  into JavaScript source (folium's popups are template literals, where ``${...}`` runs).
- **Element ids are fixed** (folium draws random ones), so two builds are byte-for-byte equal.
- Coordinates come only from :attr:`Org.location`, already coarsened to the group's precision.

Pure core: no MkDocs here.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xstatic.pkg import leaflet

from guidemap import thai, urls
from guidemap.head import page_head
from guidemap.htmlkit import h, one_block
from guidemap.location import GRID
from guidemap.model import Dataset, Org
from guidemap.vocab import FOCUS, PRECISION, Label

if TYPE_CHECKING:  # pages imports this module
    from guidemap.pages import GeneratedPage, SiteInfo

ASSETS = Path(__file__).parent / "assets" / "map"
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
_MAP_JS = ["leaflet/leaflet.js", "guidemap-map.js"]
_MAP_CSS = ["leaflet/leaflet.css", "guidemap-map.css"]
_MINI_JS = _MAP_JS
_MINI_CSS = _MAP_CSS

# The one third-party service: OpenStreetMap's standard tiles, with their attribution.
TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILE_ATTRIBUTION = ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
                    "contributors")
# Where the map opens before the data is read: the four southern border provinces.
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
LIST_LIMIT = 1000


def asset_copies() -> dict[str, Path]:
    """Site path → installed file, for the build to copy (nothing vendored in the repository)."""
    out = {BASE + site: Path(base, name) for site, (base, name) in _VENDOR.items()}
    for image in sorted(Path(leaflet.BASE_DIR, "images").glob("*.png")):
        out[f"{BASE}leaflet/images/{image.name}"] = image
    for name in _OURS:
        out[BASE + name] = ASSETS / name
    return out


# --- data ----------------------------------------------------------------------------------

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


# --- folium's part -----------------------------------------------------------------------

# One folium render: (page URL it is for, element name, scripts, stylesheets, zoom, kind of
# map for guidemap-map.js, its configuration as JSON). Plain values, so a helper process can
# render it too (guidemap.helper): folium and numpy take half a second to import.
MapRequest = tuple[str, str, tuple[str, ...], tuple[str, ...], int, str, str]
Rendered = tuple[str, str, str]  # head tags, body markup, scripts
_rendered: dict[MapRequest, Rendered] = {}


def preload(renders: dict[MapRequest, Rendered]) -> None:
    """Renders made elsewhere (by the helper process), used instead of rendering here."""
    _rendered.update(renders)


def _folium_map(request: MapRequest) -> Rendered:
    found = _rendered.get(request)
    if found is None:
        from guidemap.foliummap import render_map  # imports folium: only when needed here

        found = _rendered[request] = render_map(request)
    return found


def _main_request(data: Dataset) -> MapRequest:
    url = urls.MAP
    config: dict[str, Any] = {
        "data": urls.rel(url, urls.GEOJSON),
        "markers": urls.rel(url, MARKERS),
        "orgs": urls.rel(url, urls.DIRECTORY),
    }
    if data.orgs:  # the first view, set before the data arrives: all the groups
        lats = [o.location.lat for o in data.orgs]
        lons = [o.location.lon for o in data.orgs]
        config["bounds"] = [[min(lats), min(lons)], [max(lats), max(lons)]]
    return (url, "guidemap", tuple(_MAP_JS), tuple(_MAP_CSS), 8, "main",
            json.dumps(config, sort_keys=True))


def _mini_request(frm_depth: int) -> MapRequest:
    # The small map is the same on every group page (the group's position is given in data
    # attributes), so it is rendered once per page depth.
    return ("x/" * frm_depth, "guidemap_mini", tuple(_MINI_JS), tuple(_MINI_CSS), 10, "mini", "{}")


def map_requests(data: Dataset) -> list[MapRequest]:
    """Every folium render the site needs, known as soon as the data is loaded."""
    return [_main_request(data), _mini_request(urls.org("x").count("/"))]


def _bi(label: Label) -> str:
    return f'{h(label.th)} <span class="gm-en" lang="en">{h(label.en)}</span>'


# --- the map page ---------------------------------------------------------------------------

def _select(name: str, label: Label, options: list[tuple[str, str, int]]) -> str:
    opts = "".join(f'<option value="{h(v)}" data-label="{h(text)}">{h(text)} ({n})</option>'
                   for v, text, n in options)
    return (f'<label class="gm-filter">{_bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def map_page(data: Dataset, site: SiteInfo) -> GeneratedPage:
    from guidemap.pages import GeneratedPage

    url = urls.MAP
    orgs = sorted(data.orgs, key=lambda o: (o.province.code, o.name.best, o.id))
    provinces = {o.province.code: o.province for o in orgs}
    by_province = Counter(o.province.code for o in orgs)
    by_focus = Counter(f for o in orgs for f in o.focus)
    head, canvas, scripts = _folium_map(_main_request(data))
    filters = (
        '<form class="gm-filters gm-map-filters" role="search" aria-label="กรองกลุ่มบนแผนที่" hidden>'
        + _select("focus", Label("ประเด็น", "Focus"),
                  [(k, FOCUS[k].th, by_focus[k]) for k in FOCUS if by_focus[k]])
        + _select("province", Label("จังหวัด", "Province"),
                  [(c, provinces[c].th, by_province[c]) for c in sorted(provinces)])
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button>'
        + f'<p class="gm-count" aria-live="polite" data-total="{len(orgs)}">ทั้งหมด {len(orgs)} กลุ่ม</p>'
        + "</form>")
    legend = "".join(f'<li><span class="gm-pin gm-pin--{k}" aria-hidden="true"></span>{h(FOCUS[k].th)}</li>'
                     for k in FOCUS if by_focus[k])
    items = []
    for o in orgs if len(orgs) <= LIST_LIMIT else []:
        focus = ", ".join(h(FOCUS[k].th) for k in o.focus)
        items.append(
            f'<li id="{h(o.id)}" data-focus="{h(" ".join(o.focus))}" data-province="{h(o.province.code)}">'
            f'<a href="{h(urls.rel(url, urls.org(o.id)))}">{h(o.name.best)}</a> '
            f'<span class="gm-map-list__meta">{h(o.province.th)} · {focus}</span></li>')
    if not items:  # a very large network: the province pages list the groups instead
        items = [f'<li><a href="{h(urls.rel(url, urls.province(provinces[c])))}">{h(provinces[c].th)}</a> '
                 f'({by_province[c]})</li>' for c in sorted(provinces)]
    body = (
        f'<div class="gm-mapview"><p>กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มบนแผนที่ สีของหมุดบอกประเด็นหลักของกลุ่ม '
        f'ตำแหน่งเป็นตำแหน่งโดยประมาณตามที่แต่ละกลุ่มยินยอมเผยแพร่ <span class="gm-en" lang="en">'
        f"Every group of the network; positions are approximate, as precise as each group allows."
        f"</span></p>{filters}"
        f'<div class="gm-map" hidden>{canvas}<ul class="gm-legend" aria-label="สีของหมุดตามประเด็น">'
        f"{legend}</ul></div>{scripts}"
        f'<h2 id="list">รายชื่อกลุ่ม <span class="gm-en" lang="en">List of groups</span></h2>'
        f'<ul class="gm-map-list">{"".join(items)}</ul>'
        f'<p>ข้อมูลเปิด <span class="gm-en" lang="en">Open data</span>: '
        f'<a href="{h(urls.rel(url, urls.GEOJSON))}">GeoJSON</a>, '
        f'<a href="{h(urls.rel(url, urls.DATA_JSON))}">JSON</a>, '
        f'<a href="{h(urls.rel(url, urls.DATA_CSV))}">CSV</a></p>'
        "</div>")
    title = "แผนที่กลุ่มอาสาสมัคร"
    # Start fetching the data with the page, not after the scripts have run.
    preload = f'<link rel="preload" href="{h(urls.rel(url, MARKERS))}" as="fetch" crossorigin>'
    return GeneratedPage(url, title, f"แผนที่กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มในจังหวัดชายแดนภาคใต้",
                         one_block(body), page_head(site, url, title) + head + preload, searchable=False)


# --- the small map on a group page ------------------------------------------------------------

def radius_m(precision: str) -> int:
    """Half the grid step in metres: the circle drawn around a coarsened position."""
    return int(float(GRID[precision]) * 111_000 / 2)


def org_map(org: Org, frm: str) -> tuple[str, str]:
    """(head tags, HTML) for a group page: a small map of its public position and a link to
    the group on the guide map."""
    head, canvas, scripts = _folium_map(_mini_request(frm.count("/")))
    loc = org.location
    where = h(PRECISION[loc.precision].th)
    deep = h(urls.rel(frm, urls.MAP + "#" + org.id))
    html = (f'<section class="gm-section gm-org-map"><h2>ที่ตั้งโดยประมาณ <span class="gm-en" lang="en">'
            f'Approximate location</span></h2>'
            f'<div class="gm-map gm-map--mini" hidden data-lat="{loc.lat!r}" data-lon="{loc.lon!r}" '
            f'data-radius="{radius_m(loc.precision)}">{canvas}</div>'
            f'<p>ความละเอียดของตำแหน่ง: {where} · <a href="{deep}" class="gm-map-link">ดูบนแผนที่กลุ่มอาสา '
            f'<span class="gm-en" lang="en">See on the guide map</span></a></p></section>'
            # Leaflet (50 KB) loads only when the section nears the screen (guidemap.js).
            f'<template class="gm-defer">{scripts}</template>')
    return head, html
