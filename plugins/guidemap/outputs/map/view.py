"""The guide map's pages: the map page with every group, and the small map on each group page.

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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from guidemap.contract.location import GRID
from guidemap.contract.model.types import Dataset, Org
from guidemap.contract.network import Network
from guidemap.contract.vocab import PRECISION, Label
from guidemap.outputs.html.head import page_head
from guidemap.outputs.html.htmlkit import h, one_block
from guidemap.outputs.html.markup import bi, en, link
from guidemap.outputs.map.settings import (
    LIST_LIMIT,
    MAP_CSS,
    MAP_JS,
    MARKERS,
    MINI_CSS,
    MINI_JS,
    MapRequest,
    Rendered,
)
from guidemap.outputs.site import urls
from guidemap.outputs.site.types import GeneratedPage, SiteInfo


@dataclass(frozen=True)
class MapRenders:
    """The folium renders of one build: the ones made elsewhere (by the helper process), and
    any other rendered here when asked for."""

    made: dict[MapRequest, Rendered] = field(default_factory=dict)

    def get(self, request: MapRequest) -> Rendered:
        return self.made.get(request) or _render_here(request)


@lru_cache(maxsize=16)  # a pure function of its request: `mkdocs serve` asks for the same again
def _render_here(request: MapRequest) -> Rendered:
    # Imports folium (half a second): only when the helper process could not render it.
    from guidemap.outputs.map.folium_render import render_map

    return render_map(request)


def _main_request(data: Dataset, net: Network) -> MapRequest:
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
    return MapRequest(url, "guidemap", MAP_JS, MAP_CSS, net.zoom, "main", json.dumps(config, sort_keys=True),
                      net.center)


def _mini_request(frm_depth: int, net: Network) -> MapRequest:
    # The small map is the same on every group page (the group's position is given in data
    # attributes), so it is rendered once per page depth.
    return MapRequest("x/" * frm_depth, "guidemap_mini", MINI_JS, MINI_CSS, 10, "mini", "{}", net.center)


def map_requests(data: Dataset, net: Network) -> list[MapRequest]:
    """Every folium render the site of network ``net`` needs, known as soon as the data is loaded."""
    return [_main_request(data, net), _mini_request(urls.org("x").count("/"), net)]


def map_scripts(data: Dataset, net: Network, maps: MapRenders | None = None) -> list[str]:
    """The script tags of every map the site has, as our code writes them (the
    Content-Security-Policy allows their inline parts by hash); ``maps``: the build's renders."""
    return [(maps or MapRenders()).get(request)[2] for request in map_requests(data, net)]


# --- the map page ---------------------------------------------------------------------------

def _select(name: str, label: Label, options: list[tuple[str, str, int]]) -> str:
    opts = "".join(f'<option value="{h(v)}" data-label="{h(text)}">{h(text)} ({n})</option>'
                   for v, text, n in options)
    return (f'<label class="gm-filter">{bi(label)}<select name="{name}" data-filter="{name}">'
            f'<option value="">ทั้งหมด</option>{opts}</select></label>')


def map_page(data: Dataset, site: SiteInfo, maps: MapRenders | None = None) -> GeneratedPage:
    url = urls.MAP
    net = site.network
    orgs = sorted(data.orgs, key=lambda o: (o.province.code, o.name.best, o.id))
    provinces = {o.province.code: o.province for o in orgs}
    by_province = Counter(o.province.code for o in orgs)
    by_focus = Counter(f for o in orgs for f in o.focus)
    with_calls = {org_id for c in data.calls if c.is_open(site.today) for org_id in c.orgs}
    calls_filter = _select("calls", Label("ประกาศรับอาสา", "Calls for volunteers"), [(
        "open", "มีประกาศรับอาสาที่เปิดอยู่", sum(o.id in with_calls for o in orgs))]) if with_calls else ""
    head, canvas, scripts = (maps or MapRenders()).get(_main_request(data, net))
    filters = (
        f'<noscript><link rel="stylesheet" href="{h(urls.rel(url, urls.NOSCRIPT_CSS))}"></noscript>'
        '<form class="gm-filters gm-map-filters" role="search" aria-label="กรองกลุ่มบนแผนที่">'
        + _select("focus", Label("ประเด็น", "Focus"),
                  [(k, lab.th, by_focus[k]) for k, lab in net.focus.items() if by_focus[k]])
        + _select("province", Label("จังหวัด", "Province"),
                  [(c, provinces[c].th, by_province[c]) for c in sorted(provinces)])
        + calls_filter
        + '<button type="reset" class="md-button">ล้างตัวกรอง</button>'
        + f'<p class="gm-count" aria-live="polite" data-total="{len(orgs)}">ทั้งหมด {len(orgs)} กลุ่ม</p>'
        + "</form>")
    # A network's own focus keys: their pin colours (the stylesheet has the first network's).
    pins = net.extra_pin_css()
    legend = "".join(f'<li><span class="gm-pin gm-pin--{k}" aria-hidden="true"></span>{h(lab.th)}</li>'
                     for k, lab in net.focus.items() if by_focus[k])
    items = []
    for o in orgs if len(orgs) <= LIST_LIMIT else []:
        focus = ", ".join(h(net.focus[k].th) for k in o.focus)
        items.append(
            f'<li id="{h(o.id)}" data-focus="{h(" ".join(o.focus))}" data-province="{h(o.province.code)}"'
            f'{" data-calls" if o.id in with_calls else ""}>'
            f'{link(url, urls.org(o.id), h(o.name.best))} '
            f'<span class="gm-map-list__meta">{h(o.province.th)} · {focus}</span></li>')
    if not items:  # a very large network: the province pages list the groups instead
        items = [f'<li>{link(url, urls.province(provinces[c]), h(provinces[c].th))} ({by_province[c]})</li>'
                 for c in sorted(provinces)]
    body = (
        f'<div class="gm-mapview"><p>กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มบนแผนที่ สีของหมุดบอกประเด็นหลักของกลุ่ม '
        f'ตำแหน่งเป็นตำแหน่งโดยประมาณตามที่แต่ละกลุ่มยินยอมเผยแพร่ '
        f'{en("Every group of the network; positions are approximate, as precise as each group allows.")}'
        f"</p>{filters}"
        f'<div class="gm-map">{canvas}<ul class="gm-legend" aria-label="สีของหมุดตามประเด็น">'
        f"{legend}</ul></div>{scripts}"
        f'<h2 id="list">รายชื่อกลุ่ม {en("List of groups")}</h2>'
        f'<ul class="gm-map-list">{"".join(items)}</ul>'
        f'<p>ข้อมูลเปิด {en("Open data")}: {link(url, urls.GEOJSON, "GeoJSON")}, '
        f'{link(url, urls.DATA_JSON, "JSON")}, {link(url, urls.DATA_CSV, "CSV")}</p>'
        "</div>")
    title = "แผนที่กลุ่มอาสาสมัคร"
    # Start fetching the data with the page, not after the scripts have run.
    preload = f'<link rel="preload" href="{h(urls.rel(url, MARKERS))}" as="fetch" crossorigin>'
    style = f"<style>{pins}</style>" if pins else ""
    return GeneratedPage(url, title, f"แผนที่กลุ่มอาสาสมัครทั้ง {len(orgs)} กลุ่มใน{net.region.th}",
                         one_block(body), page_head(site, url, title) + head + preload + style,
                         searchable=False)


# --- the small map on a group page ------------------------------------------------------------

def radius_m(precision: str) -> int:
    """Half the grid step in metres: the circle drawn around a coarsened position."""
    return int(float(GRID[precision]) * 111_000 / 2)


def org_map(org: Org, frm: str, net: Network, maps: MapRenders | None = None) -> tuple[str, str]:
    """(head tags, HTML) for a group page: a small map of its public position and a link to
    the group on the guide map."""
    head, canvas, scripts = (maps or MapRenders()).get(_mini_request(frm.count("/"), net))
    loc = org.location
    where = h(PRECISION[loc.precision].th)
    deep = link(frm, urls.MAP + "#" + org.id, f"ดูบนแผนที่กลุ่มอาสา {en('See on the guide map')}", "gm-map-link")
    html = (f'<section class="gm-section gm-org-map"><h2>ที่ตั้งโดยประมาณ {en("Approximate location")}</h2>'
            f'<div class="gm-map gm-map--mini" hidden data-lat="{loc.lat!r}" data-lon="{loc.lon!r}" '
            f'data-radius="{radius_m(loc.precision)}">{canvas}</div>'
            f'<p>ความละเอียดของตำแหน่ง: {where} · {deep}</p></section>'
            # Leaflet (50 KB) loads only when the section nears the screen (guidemap.js).
            f'<template class="gm-defer">{scripts}</template>')
    return head, html
