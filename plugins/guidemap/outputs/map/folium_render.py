"""folium's part of the guide map: the map element, its scripts and stylesheets, rendered with
our own templates and fixed ids (see guidemap.outputs.map.view for why the map looks like this).

A render is a pure function of plain values (a :class:`~guidemap.outputs.map.settings.MapRequest`), so the
helper process (guidemap.adapter.helper) can make it while the build loads the profiles; the build
imports this module (and folium, numpy, branca with it) only if the helper could not.
"""

from __future__ import annotations

import json
from typing import Any

import folium
from branca.element import Figure
from folium.template import Template

from guidemap.outputs.map.settings import (
    BASE,
    MAX_ZOOM,
    MIN_ZOOM,
    TILE_ATTRIBUTION,
    TILES,
    MapRequest,
    Rendered,
)
from guidemap.outputs.site import urls


class _Map(folium.Map):
    """folium's Map without its page-wide styles (``html, body {...}``, ``#map {...}``) and
    viewport tag, which would restyle the Material page around it."""

    _template = Template("""
{% macro html(this, kwargs) %}<div class="gm-map__canvas" id="{{ this.get_name() }}"></div>{% endmacro %}
{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, \
{center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }}, ...{{ this.options|tojavascript }}});
{% endmacro %}
""")


class _Init(folium.MacroElement):
    """Hands the map to guidemap-map.js with a configuration of our own constants (no
    contributed text: that stays in the data file and is set as text by the script)."""

    _template = Template("""
{% macro script(this, kwargs) %}GuideMap.{{ this.kind }}({{ this._parent.get_name() }}, \
{{ this.config|tojson }});
{% endmacro %}
""")

    def __init__(self, kind: str, config: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "GuideMapInit"
        self._id = kind
        self.kind = kind
        self.config = config


def render_map(request: MapRequest) -> Rendered:
    """Render a folium map as (head tags, body markup, script), with fixed ids."""
    init = _Init(request.kind, json.loads(request.config))
    m = _Map(location=list(request.center), zoom_start=request.zoom, tiles=None)
    m.options["minZoom"] = MIN_ZOOM
    m.options["maxZoom"] = MAX_ZOOM
    m._id = request.name
    m.default_js = [(p, urls.rel(request.frm, BASE + p)) for p in request.js]
    m.default_css = [(p, urls.rel(request.frm, BASE + p)) for p in request.css]
    tiles = folium.TileLayer(TILES, attr=TILE_ATTRIBUTION, max_zoom=MAX_ZOOM, name="osm")
    tiles._id = "osm"
    # Our script first: it sets the view (from the URL, the groups' bounds or the group's
    # position) before the tile layer is added, so no tile is fetched for a view never shown.
    m.add_child(init, name=init.get_name())
    m.add_child(tiles, name="osm")
    figure = m.get_root()
    assert isinstance(figure, Figure)
    figure.header._children.pop("meta_http", None)  # the theme writes its own <meta charset>
    figure.render()
    head: list[str] = []
    scripts: list[str] = []
    for child in figure.header._children.values():
        (scripts if isinstance(child, folium.JavascriptLink) else head).append(child.render().strip())
    body = figure.html.render().strip()
    script = "\n".join(line.rstrip() for line in figure.script.render().splitlines() if line.strip())
    # Leaflet and our map script are deferred (the page is drawn before they run); the map
    # starts once they have run: at DOMContentLoaded on the map page, at once when a group page
    # runs the scripts later from its <template> (guidemap.js), the document long loaded.
    deferred = "".join(s.replace("<script src=", "<script defer src=", 1) for s in scripts)
    start = ("(function (start) { if (document.readyState === \"loading\") "
             "document.addEventListener(\"DOMContentLoaded\", start); else start(); })(function () {\n"
             f"{script}\nwindow.{m.get_name()} = {m.get_name()};\n}});")  # the map, as folium leaves it
    return "".join(head), body, deferred + f"<script>\n{start}\n</script>"
