/* The guide map (guidemap/mapview.py writes the folium map that calls GuideMap.main/mini).
   Markers are built here from data/orgs.geojson; every contributed string is set with
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

  function main(map, cfg) {
    tools(map);
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
    var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
    map.addLayer(cluster);
    var popup = L.popup({ maxWidth: 260, offset: [0, -4] });
    var icons = {};
    var markers = [];
    var byId = {};
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
        icons[focus] = L.divIcon({ className: "gm-pin gm-pin--" + focus, iconSize: [18, 18], html: "" });
      }
      return icons[focus];
    }

    function content(f) {
      var p = f.properties;
      var box = document.createElement("div");
      box.className = "gm-popup";
      el(box, "strong", p.name, "gm-popup__name");
      if (p.en) el(box, "span", p.en, "gm-popup__en").lang = "en";
      var focus = p.focus.map(function (k) { return cfg.focus[k] || k; }).join(", ");
      el(box, "span", focus + " · " + (cfg.provinces[p.province] || ""), "gm-popup__meta");
      el(box, "p", p.summary, "gm-popup__summary");
      var a = el(box, "a", "ดูหน้ากลุ่ม →", "gm-popup__link");
      a.href = cfg.orgs + encodeURIComponent(f.id) + "/";
      return box;
    }

    function open(marker) {
      popup.setLatLng(marker.getLatLng()).setContent(content(marker.feature)).openOn(map);
      popup.gmId = marker.feature.id;
      writeUrl("#" + encodeURIComponent(marker.feature.id));
    }

    function values() {
      var v = {};
      selects.forEach(function (s) { v[s.name] = s.value; });
      return v;
    }

    function matches(focus, province, v) {
      return (!v.province || province === v.province) && (!v.focus || focus.indexOf(v.focus) !== -1);
    }

    function writeUrl(hash) {
      var q = [];
      selects.forEach(function (s) { if (s.value) q.push(s.name + "=" + encodeURIComponent(s.value)); });
      var c = map.getCenter();
      q.push("map=" + map.getZoom() + "/" + c.lat.toFixed(4) + "/" + c.lng.toFixed(4));
      var h = hash === undefined ? window.location.hash : hash;
      window.history.replaceState(null, "", window.location.pathname + "?" + q.join("&") + h);
    }

    function fit(layers, animate) {
      if (!layers.length) return;
      var bounds = L.latLngBounds(layers.map(function (m) { return m.getLatLng(); }));
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11, animate: animate });
    }

    function filterList(v) {
      Array.prototype.forEach.call(root.querySelectorAll(".gm-map-list > li[data-focus]"), function (li) {
        li.hidden = !matches(li.getAttribute("data-focus").split(" "), li.getAttribute("data-province"), v);
      });
    }

    function apply(move) {
      var v = values();
      var shown = markers.filter(function (m) {
        return matches(m.feature.properties.focus, m.feature.properties.province, v);
      });
      map.closePopup();
      cluster.clearLayers();
      // Move first, then add the markers in one batch while the cluster is on the map (off the
      // map, markercluster checks every new marker against the whole batch: quadratic).
      if (move) fit(shown, !first);
      first = false;
      cluster.addLayers(shown);
      filterList(v);
      var total = count.getAttribute("data-total");
      count.textContent = shown.length === markers.length ? "ทั้งหมด " + total + " กลุ่ม"
        : shown.length === 0 ? "ไม่พบกลุ่มที่ตรงกับตัวกรอง ลองล้างตัวกรอง"
        : "แสดง " + shown.length + " จาก " + total + " กลุ่ม";
      writeUrl("");
    }

    function openHash() {
      var marker = byId[decodeURIComponent(window.location.hash.slice(1))];
      if (!marker) return false;
      if (!cluster.hasLayer(marker)) {
        selects.forEach(function (s) { s.value = ""; });
        apply(false);
      }
      window.scrollTo(0, Math.max(0, frame.getBoundingClientRect().top + window.scrollY - 60));
      cluster.zoomToShowLayer(marker, function () { open(marker); });
      return true;
    }

    cluster.on("click", function (e) { open(e.layer); });
    map.on("popupclose", function () { writeUrl(""); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    window.addEventListener("hashchange", openHash);
    // The list below the map may still be loading when the markers are: filter it again then.
    document.addEventListener("DOMContentLoaded", function () { filterList(values()); });
    form.hidden = false;

    window.fetch(cfg.data).then(function (r) { return r.json(); }).then(function (geo) {
      geo.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        var m = L.marker([c[1], c[0]], { icon: icon(f.properties.focus[0]), title: f.properties.name });
        m.feature = f;
        markers.push(m);
        byId[f.id] = m;
      });
      var at = /^(\d+)\/(-?[\d.]+)\/(-?[\d.]+)$/.exec(params.get("map") || "");
      var hash = window.location.hash;
      map.on("moveend", function () { writeUrl(); });
      apply(!at);
      if (at) map.setView([+at[2], +at[3]], +at[1]);
      if (hash) {
        window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
        openHash();
      }
      frame.setAttribute("data-ready", "1");
    });
  }

  function mini(map) {
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
