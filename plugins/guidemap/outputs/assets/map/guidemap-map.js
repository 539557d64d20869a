/* The guide map (guidemap/mapview.py writes the folium map that calls GuideMap.main/mini).
   Markers are built here from data/map-markers.json and clustered here (a grid per zoom level,
   only what is on screen is drawn); every contributed string is set with
   textContent or as a DOM property, never written into HTML or JavaScript source.
   URL: ?focus=&province= (filters), &map=zoom/lat/lon (position), #<group id> (open a group). */
(function () {
  "use strict";
  // The map frames stay hidden without JavaScript; the list of groups stands alone then.
  Array.prototype.forEach.call(document.querySelectorAll(".gm-map[hidden]"), function (el) {
    el.hidden = false;
  });

  function frameOf(map) { return map.getContainer().parentNode; }

  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    locate: "M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm9 3h-2.1A7 7 0 0 0 13 5.1V3h-2v2.1A7 7 0 0 0 5.1 11H3v2h2.1A7 7 0 0 0 " +
      "11 18.9V21h2v-2.1a7 7 0 0 0 5.9-5.9H21v-2zm-9 6a5 5 0 1 1 0-10 5 5 0 0 1 0 10z",
    full: "M4 4h6v2H6v4H4V4zm10 0h6v6h-2V6h-4V4zM4 14h2v4h4v2H4v-6zm14 0h2v6h-6v-2h4v-4z"
  };
  function button(parent, icon, label, onClick) {
    var b = L.DomUtil.create("button", "gm-map__button", parent);
    b.type = "button";
    var svg = b.appendChild(document.createElementNS(SVG, "svg"));
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.appendChild(document.createElementNS(SVG, "path")).setAttribute("d", ICONS[icon]);
    b.title = label;
    b.setAttribute("aria-label", label);
    L.DomEvent.disableClickPropagation(b);
    L.DomEvent.on(b, "click", function (e) { L.DomEvent.preventDefault(e); onClick(b); });
    return b;
  }

  function fullscreen(map, on) {
    var frame = frameOf(map);
    frame.classList.toggle("gm-map--full", on);
    document.documentElement.classList.toggle("gm-noscroll", on);
    map.invalidateSize();
  }

  function tools(map) {
    var Tools = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var div = L.DomUtil.create("div", "leaflet-bar gm-map__tools");
        button(div, "locate", "ตำแหน่งของฉัน · Locate me", function () {
          map.locate({ setView: true, maxZoom: 12 });
        });
        button(div, "full", "เต็มจอ · Full screen", function (b) {
          var on = !frameOf(map).classList.contains("gm-map--full");
          fullscreen(map, on);
          b.setAttribute("aria-pressed", on ? "true" : "false");
        });
        return div;
      }
    });
    new Tools().addTo(map);
    var here = null;
    map.on("locationfound", function (e) {
      if (here) map.removeLayer(here);
      here = L.circle(e.latlng, { radius: e.accuracy, className: "gm-here" }).addTo(map);
    });
    map.on("locationerror", function () {
      map.attributionControl.addAttribution("ไม่พบตำแหน่งของคุณ");
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && frameOf(map).classList.contains("gm-map--full")) fullscreen(map, false);
    });
  }

  function el(parent, tag, text, cls) {
    var node = parent.appendChild(document.createElement(tag));
    if (text) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // Two-finger panning and ctrl + wheel zooming, so the map never traps the page's scrolling:
  // one finger or a plain wheel scrolls the page and shows a short hint over the map.
  function gestures(map) {
    var box = map.getContainer();
    var hint = L.DomUtil.create("div", "gm-hint", box);
    hint.setAttribute("aria-hidden", "true");
    var timer = 0;
    function show(text) {
      hint.textContent = text;
      box.classList.add("gm-hint--on");
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { box.classList.remove("gm-hint--on"); }, 1500);
    }
    map.dragging.disable();  // until a mouse is over the map (touch: two fingers, below)
    frameOf(map).addEventListener("wheel", function (e) {
      if (e.ctrlKey || e.metaKey) return;
      e.stopPropagation();  // Leaflet's own listener (on the map) never sees it; the page scrolls
      show("กด Ctrl ค้างไว้แล้วเลื่อนเพื่อซูม · Use ctrl + scroll to zoom");
    }, true);
    box.addEventListener("pointerover", function (e) {
      if (e.pointerType === "mouse") map.dragging.enable();
    });
    box.addEventListener("touchstart", function (e) {
      if (e.touches.length > 1) map.dragging.enable(); else map.dragging.disable();
    }, { capture: true, passive: true });
    box.addEventListener("touchmove", function (e) {
      if (e.touches.length === 1) show("ใช้สองนิ้วเพื่อเลื่อนแผนที่ · Use two fingers to move the map");
    }, { passive: true });
    map.gmGestures = true;
  }

  // Groups closer than this (screen pixels, on a grid per zoom level) are drawn as one cluster.
  var CELL = 60;
  var MAXLAT = 85.0511287798;

  function main(map, cfg) {
    tools(map);
    gestures(map);
    var frame = frameOf(map);
    var root = frame.parentNode;
    var form = root.querySelector(".gm-map-filters");
    var count = form.querySelector(".gm-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
      }
    });
    // The view first (before the tile layer is added and the data has arrived): from the URL,
    // else all the groups (their bounds are in the configuration).
    var at = /^(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(params.get("map") || "");
    if (at) map.setView([+at[2], +at[3]], +at[1], { animate: false });
    else if (cfg.bounds) map.fitBounds(cfg.bounds, { padding: [20, 20], maxZoom: 11, animate: false });
    var layer = L.layerGroup().addTo(map);
    var popup = L.popup({ maxWidth: 260, offset: [0, -4] });
    var icons = {};
    // One entry per group, in plain arrays (from data/map-markers.json: id, name, lon, lat,
    // focus indices, province), positions in Web Mercator (0..1, as Leaflet projects them), and
    // the indices the filters let through. No L.Marker per group: only what is on screen is
    // drawn, as clusters or pins, after each move. Popup text (summary, English name) comes
    // from the GeoJSON, read when a popup first opens.
    var groups = [];
    var focusKeys = [];
    var details = null;
    var xs = [];
    var ys = [];
    var shown = [];
    var byId = {};
    var drawn = {};  // cell key → marker on the map, kept while the view moves at one zoom
    var drawnZoom = -1;
    var first = true;
    // Labels come from the page's own filter options (so no text is repeated in the script).
    function labels(name) {
      var out = {};
      Array.prototype.forEach.call(form.querySelectorAll("select[name=" + name + "] option"), function (o) {
        if (o.value) out[o.value] = o.getAttribute("data-label");
      });
      return out;
    }
    cfg.focus = labels("focus");
    cfg.provinces = labels("province");

    function icon(focus) {
      if (!icons[focus]) {
        icons[focus] = L.divIcon({ className: "gm-pin gm-pin--" + focus, iconSize: [32, 32], html: "" });  /* a 32-pixel target around the dot */
      }
      return icons[focus];
    }

    function focusOf(g) { return g[4].map(function (k) { return focusKeys[k]; }); }

    function content(g, p) {
      var box = document.createElement("div");
      box.className = "gm-popup";
      el(box, "strong", g[1], "gm-popup__name");
      if (p.en) el(box, "span", p.en, "gm-popup__en").lang = "en";
      var focus = focusOf(g).map(function (k) { return cfg.focus[k] || k; }).join(", ");
      el(box, "span", focus + " · " + (cfg.provinces[g[5]] || ""), "gm-popup__meta");
      if (p.summary) el(box, "p", p.summary, "gm-popup__summary");
      var a = el(box, "a", "ดูหน้ากลุ่ม →", "gm-popup__link");
      a.href = cfg.orgs + encodeURIComponent(g[0]) + "/";
      return box;
    }

    function latlng(i) { return L.latLng(groups[i][3], groups[i][2]); }

    // id → GeoJSON properties, fetched once (the markers do not wait for it).
    function loadDetails() {
      if (!details) {
        details = window.fetch(cfg.data).then(function (r) { return r.json(); }).then(function (geo) {
          var out = {};
          geo.features.forEach(function (f) { out[f.id] = f.properties; });
          return out;
        }, function () { return {}; });
      }
      return details;
    }

    function open(i) {
      var g = groups[i];
      loadDetails().then(function (d) {
        popup.setLatLng(latlng(i)).setContent(content(g, d[g[0]] || {})).openOn(map);
        writeUrl("#" + encodeURIComponent(g[0]));
      });
    }

    // Groups at the same place (a cluster at the closest zoom): a list to pick one from.
    function openList(items, at) {
      var box = document.createElement("div");
      box.className = "gm-popup gm-popup--list";
      var ul = el(box, "ul");
      items.forEach(function (i) {
        var b = el(el(ul, "li"), "button", groups[i][1], "gm-popup__pick");
        b.type = "button";
        L.DomEvent.on(b, "click", function () { open(i); });
      });
      popup.setLatLng(at).setContent(box).openOn(map);
    }

    function values() {
      var v = {};
      selects.forEach(function (s) { v[s.name] = s.value; });
      return v;
    }

    function matches(focus, province, calls, v) {
      return (!v.province || province === v.province) && (!v.focus || focus.indexOf(v.focus) !== -1) &&
        (!v.calls || calls);  /* calls=open: only groups with an open call for volunteers */
    }

    function writeUrl(hash) {
      var q = [];
      selects.forEach(function (s) { if (s.value) q.push(s.name + "=" + encodeURIComponent(s.value)); });
      var c = map.getCenter();
      q.push("map=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
      var h = hash === undefined ? window.location.hash : hash;
      window.history.replaceState(null, "", window.location.pathname + "?" + q.join("&") + h);
    }

    function boundsOf(items) {
      var b = L.latLngBounds([]);
      items.forEach(function (i) { b.extend(latlng(i)); });
      return b;
    }

    function fit(items, animate) {
      if (!items.length) return;
      map.fitBounds(boundsOf(items), { padding: [20, 20], maxZoom: 11, animate: animate });
    }

    // The clusters of a zoom level: every shown group in a grid cell of CELL pixels (at the
    // closest zoom, only groups at the same place), limited to the cells in `range` if given.
    function cells(z, range) {
      var scale = map.options.crs.scale(z);
      var size = z >= map.getMaxZoom() ? 1 : CELL;
      var out = new Map();
      for (var k = 0; k < shown.length; k++) {
        var i = shown[k];
        var px = xs[i] * scale;
        var py = ys[i] * scale;
        var cx = Math.floor(px / size);
        var cy = Math.floor(py / size);
        if (range && (cx < range[0] || cx > range[2] || cy < range[1] || cy > range[3])) continue;
        var key = cx + ":" + cy;
        var c = out.get(key);
        if (!c) out.set(key, c = { items: [], x: 0, y: 0 });
        c.items.push(i);
        c.x += px;
        c.y += py;
      }
      return { cells: out, scale: scale };
    }

    function clusterIcon(n) {
      var size = n < 10 ? 32 : n < 100 ? 36 : n < 1000 ? 42 : 48;
      return L.divIcon({ className: "marker-cluster", iconSize: [size, size], html: String(n) });
    }

    function draw() {
      var z = map.getZoom();
      var size = z >= map.getMaxZoom() ? 1 : CELL;
      var px = map.getPixelBounds();
      var range = [Math.floor(px.min.x / size) - 1, Math.floor(px.min.y / size) - 1,
        Math.floor(px.max.x / size) + 1, Math.floor(px.max.y / size) + 1];
      var found = cells(z, range);
      if (z !== drawnZoom) {
        layer.clearLayers();
        drawn = {};
        drawnZoom = z;
      }
      var keep = {};
      found.cells.forEach(function (c, key) {
        key += ":" + c.items.length;
        keep[key] = true;
        if (drawn[key]) return;
        var m;
        if (c.items.length === 1) {
          var i = c.items[0];
          m = L.marker(latlng(i), { icon: icon(focusKeys[groups[i][4][0]]), title: groups[i][1] });
          m.on("click", function () { open(i); });
        } else {
          var at = map.unproject([c.x / c.items.length, c.y / c.items.length], z);
          m = L.marker(at, { icon: clusterIcon(c.items.length), title: c.items.length + " กลุ่ม" });
          m.on("click", function () {
            if (size === 1) openList(c.items, at);
            else map.fitBounds(boundsOf(c.items), { padding: [30, 30] });
          });
        }
        drawn[key] = m;
        layer.addLayer(m);
      });
      Object.keys(drawn).forEach(function (key) {
        if (!keep[key]) {
          layer.removeLayer(drawn[key]);
          delete drawn[key];
        }
      });
    }

    function filterList(v) {
      Array.prototype.forEach.call(root.querySelectorAll(".gm-map-list > li[data-focus]"), function (li) {
        li.hidden = !matches(li.getAttribute("data-focus").split(" "), li.getAttribute("data-province"),
                             li.hasAttribute("data-calls"), v);
      });
    }

    function apply(move) {
      var v = values();
      shown = [];
      for (var i = 0; i < groups.length; i++) {
        if (matches(focusOf(groups[i]), groups[i][5], groups[i][6] === 1, v)) shown.push(i);
      }
      map.closePopup();
      drawnZoom = -1;  // redraw everything
      if (move) fit(shown, !first);
      first = false;
      draw();
      filterList(v);
      var total = count.getAttribute("data-total");
      count.textContent = shown.length === groups.length ? "ทั้งหมด " + total + " กลุ่ม"
        : shown.length === 0 ? "ไม่พบกลุ่มที่ตรงกับตัวกรอง ลองล้างตัวกรอง"
        : "แสดง " + shown.length + " จาก " + total + " กลุ่ม";
      writeUrl("");
    }

    // The first zoom (from the current one) at which group i is a pin of its own.
    function zoomToShow(i) {
      var max = map.getMaxZoom();
      for (var z = map.getZoom(); z < max; z++) {
        var scale = map.options.crs.scale(z);
        var cx = Math.floor(xs[i] * scale / CELL);
        var cy = Math.floor(ys[i] * scale / CELL);
        var alone = shown.every(function (j) {
          return j === i || Math.floor(xs[j] * scale / CELL) !== cx || Math.floor(ys[j] * scale / CELL) !== cy;
        });
        if (alone) return z;
      }
      return max;
    }

    function openHash() {
      var i = byId[decodeURIComponent(window.location.hash.slice(1))];
      if (i === undefined) return false;
      if (shown.indexOf(i) === -1) {
        selects.forEach(function (s) { s.value = ""; });
        apply(false);
      }
      window.scrollTo(0, Math.max(0, frame.getBoundingClientRect().top + window.scrollY - 60));
      var z = zoomToShow(i);
      if (z !== map.getZoom() || !map.getBounds().contains(latlng(i))) {
        map.setView(latlng(i), z, { animate: false });
      }
      open(i);
      return true;
    }

    map.on("popupclose", function () { writeUrl(""); });
    // A touch, click or key on the map is likely to open a popup: start reading its text then.
    ["pointerdown", "keydown"].forEach(function (type) {
      frame.addEventListener(type, loadDetails, { once: true, passive: true });
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", openHash);
    // The list below the map may still be loading when the markers are: filter it again then.
    document.addEventListener("DOMContentLoaded", function () { filterList(values()); });
    form.hidden = false;

    window.fetch(cfg.markers).then(function (r) { return r.json(); }).then(function (data) {
      groups = data.groups;
      focusKeys = data.focus;
      var r = Math.PI / 180;
      for (var i = 0; i < groups.length; i++) {
        var g = groups[i];
        var s = Math.sin(Math.max(-MAXLAT, Math.min(MAXLAT, g[3])) * r);
        xs.push(0.5 + g[2] / 360);
        ys.push(0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
        byId[g[0]] = i;
      }
      var hash = window.location.hash;
      // Filters from the URL without a position: fit the groups they leave.
      apply(!at && (!cfg.bounds || selects.some(function (s) { return s.value; })));
      map.on("moveend", function () { draw(); writeUrl(); });
      if (hash) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
        openHash();
      }
      frame.setAttribute("data-ready", "1");
    });
  }

  function mini(map) {
    gestures(map);
    var frame = frameOf(map);
    var at = [parseFloat(frame.getAttribute("data-lat")), parseFloat(frame.getAttribute("data-lon"))];
    var radius = parseFloat(frame.getAttribute("data-radius"));
    if (radius > 50) {
      var area = L.circle(at, { radius: radius, className: "gm-area" }).addTo(map);
      map.fitBounds(area.getBounds(), { maxZoom: 14 });
    } else {
      L.circleMarker(at, { radius: 8, className: "gm-area" }).addTo(map);
      map.setView(at, 15);
    }
    frame.setAttribute("data-ready", "1");
  }

  window.GuideMap = { main: main, mini: mini };
})();
