/* Directory filters: province, focus, need and offer combine (AND) over the whole directory,
   not only the cards of the page in view. The first use of a filter (or a shared link that
   carries one) fetches data/directory.json, once; the groups that match are drawn in place of
   the page's own list, with DOM text only (contributed names never pass through innerHTML),
   and their count is announced. The state lives in the URL so a filtered list can be shared.
   Each choice's count follows the other filters (Yala and youth: the youth groups of Yala), and
   a choice that would find nothing is disabled. The form is in the page from the first paint
   (nothing moves when this script starts); without JavaScript a <noscript> stylesheet hides it
   and the numbered pages list every group. On a narrow screen the choices fold behind one
   button. */
(function () {
  "use strict";
  function make(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function english(text, tag) {
    var span = make(tag || "span", "gm-en", text);
    span.lang = "en";
    return span;
  }
  function init() {
    var root = document.querySelector(".gm-directory");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector(".gm-filters");
    var list = root.querySelector(".gm-directory__list");
    var results = root.querySelector(".gm-directory__results");
    var count = form.querySelector(".gm-count");
    var toggle = form.querySelector(".gm-filters__toggle");
    var active = form.querySelector(".gm-filters__active");
    var total = count.getAttribute("data-total");
    var size = parseInt(form.getAttribute("data-size"), 10) || 100;
    var site = new URL(form.getAttribute("data-root"), window.location.href);
    var source = new URL(form.getAttribute("data-src"), window.location.href);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    var loading = null;  /* the one request for the directory's data */
    var generation = 0;  /* a newer choice wins over an answer still on its way */
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
      }
    });
    function load() {
      if (!loading) {
        loading = fetch(source.href).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        });
        loading.catch(function () { loading = null; });  /* the next change tries again */
      }
      return loading;
    }
    function say(thai, eng) {
      count.textContent = thai + " ";
      count.appendChild(english(eng));
    }
    function anchor(path, text, cls) {
      var a = make("a", cls, text);
      var target = new URL(path, site);
      if (target.href.indexOf(site.href) === 0) a.href = target.href;  /* the site's own pages only */
      return a;
    }
    /* How many groups each choice would find with the other filters as they are; a choice
       that would find none is disabled (unless chosen: it can always be undone). */
    function recount(data, v) {
      selects.forEach(function (s) {
        var others = {};
        Object.keys(v).forEach(function (k) { others[k] = k === s.name ? "" : v[k]; });
        var pool = data.orgs.filter(function (org) { return matches(org, others); });
        Array.prototype.forEach.call(s.options, function (o) {
          if (!o.value) return;
          var probe = {};
          probe[s.name] = o.value;
          var n = pool.filter(function (org) { return matches(org, probe); }).length;
          var text = (o.getAttribute("data-label") || o.value) + " (" + n + ")";
          if (o.textContent !== text) o.textContent = text;
          o.disabled = n === 0 && o.value !== s.value;
        });
      });
    }
    function showActive() {
      var n = selects.filter(function (s) { return s.value; }).length;
      if (active) active.textContent = n ? "(" + n + ")" : "";
    }
    function has(values, wanted) { return !wanted || (values || []).indexOf(wanted) !== -1; }
    function matches(org, v) {
      return (!v.province || org.province === v.province) && has(org.focus, v.focus) &&
        has(org.needs, v.need) && has(org.offers, v.offer);
    }
    function row(org, data) {
      var li = make("li", "gm-card");
      li.setAttribute("data-id", org.id);
      li.setAttribute("data-province", org.province);
      li.setAttribute("data-focus", (org.focus || []).join(" "));
      li.setAttribute("data-needs", (org.needs || []).join(" "));
      li.setAttribute("data-offers", (org.offers || []).join(" "));
      var title = make("h3", "gm-card__title");
      title.appendChild(anchor(data.page.replace("{id}", org.id), org.name));
      if (org.name_en) {
        title.appendChild(document.createTextNode(" "));
        title.appendChild(english(org.name_en));
      }
      li.appendChild(title);
      var province = data.provinces[org.province];
      if (province) {
        var place = make("p", "gm-card__place");
        place.appendChild(anchor(province.url, province.th));
        li.appendChild(place);
      }
      var badges = make("ul", "gm-badges");
      badges.setAttribute("aria-label", "focus");
      (org.focus || []).forEach(function (key) {
        var label = data.focus[key];
        if (!label) return;
        var item = make("li");
        item.appendChild(anchor(label.url, label.th, "gm-badge gm-focus-" + key));
        badges.appendChild(item);
      });
      if (badges.firstChild) li.appendChild(badges);
      return li;
    }
    function draw(found, data) {
      results.textContent = "";
      results.appendChild(make("h2", "gm-sr-only", "ผลการกรอง"));
      var ul = make("ul", "gm-cards");
      results.appendChild(ul);
      var drawn = 0;
      var more = make("button", "md-button gm-more");
      more.type = "button";
      function next() {
        var end = Math.min(found.length, drawn + size);
        for (; drawn < end; drawn += 1) ul.appendChild(row(found[drawn], data));
        var left = found.length - drawn;
        more.hidden = left === 0;
        more.textContent = "แสดงอีก " + Math.min(left, size) + " กลุ่ม ";
        more.appendChild(english("Show " + Math.min(left, size) + " more"));
      }
      more.addEventListener("click", next);
      next();
      results.appendChild(more);
      list.hidden = true;
      results.hidden = false;
      if (found.length === 0) {
        say("ไม่พบกลุ่มที่ตรงกับตัวกรอง ลองล้างตัวกรอง", "No group matches: clear the filters");
      } else {
        say("แสดง " + found.length + " จาก " + total + " กลุ่ม", found.length + " of " + total + " groups");
      }
    }
    function showPage() {
      results.hidden = true;
      results.textContent = "";
      list.hidden = false;
      say("ทั้งหมด " + total + " กลุ่ม", "All " + total + " groups");
    }
    function apply() {
      var v = {};
      var query = new URLSearchParams();
      selects.forEach(function (s) {
        v[s.name] = s.value;
        if (s.value) query.set(s.name, s.value);
      });
      var qs = query.toString();
      showActive();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
      var mine = ++generation;
      if (!qs) {
        showPage();
        if (loading) loading.then(function (data) { if (mine === generation) recount(data, v); }, function () {});
        return;
      }
      root.setAttribute("aria-busy", "true");
      say("กำลังโหลดรายชื่อ…", "Loading…");
      load().then(function (data) {
        if (mine !== generation) return;
        recount(data, v);
        draw(data.orgs.filter(function (org) { return matches(org, v); }), data);
      }, function () {
        if (mine !== generation) return;
        say("โหลดรายชื่อไม่ได้ ลองเลือกอีกครั้ง", "Could not load the list: choose again to retry");
      }).then(function () {
        if (mine === generation) root.removeAttribute("aria-busy");
      });
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    if (toggle) {
      toggle.addEventListener("click", function () {
        var open = !form.classList.contains("gm-filters--open");
        form.classList.toggle("gm-filters--open", open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open && selects[0]) selects[0].focus();
      });
    }
    showActive();
    if (selects.some(function (s) { return s.value; })) apply();
  }
  /* Scripts kept in <template class="gm-defer"> (the small map of a group page: Leaflet, about
     50 KB) run only when the section before them nears the screen, in order, so a visitor who
     never scrolls there never downloads them. */
  function deferred() {
    Array.prototype.forEach.call(document.querySelectorAll("template.gm-defer"), function (tpl) {
      if (tpl.getAttribute("data-started")) return;
      var scripts = Array.prototype.slice.call(tpl.content.querySelectorAll("script"));
      function run() {
        if (tpl.getAttribute("data-started")) return;
        tpl.setAttribute("data-started", "1");
        (function next(i) {
          if (i >= scripts.length) return;
          var s = document.createElement("script");
          if (scripts[i].getAttribute("src")) {
            s.src = scripts[i].getAttribute("src");
            s.onload = function () { next(i + 1); };
            tpl.parentNode.insertBefore(s, tpl);
          } else {
            s.textContent = scripts[i].textContent;
            tpl.parentNode.insertBefore(s, tpl);
            next(i + 1);
          }
        })(0);
      }
      var near = tpl.previousElementSibling;
      if (!near || !("IntersectionObserver" in window)) { run(); return; }
      var watch = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { watch.disconnect(); run(); }
      }, { rootMargin: "400px 0px" });
      watch.observe(near);
    });
  }
  /* Share buttons (guidemap/outputs/share.py): LINE and Facebook are plain links; "copy link"
     and "share…" show only where the browser can do them, and do nothing until tapped. */
  function shareButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".gm-share"), function (box) {
      if (box.getAttribute("data-ready")) return;
      box.setAttribute("data-ready", "1");
      var status = box.querySelector(".gm-share__status");
      var copy = box.querySelector(".gm-share__copy");
      var native = box.querySelector(".gm-share__native");
      function say(thai, eng) {
        if (!status) return;
        status.textContent = thai + " ";
        status.appendChild(english(eng));
      }
      if (copy && navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          navigator.clipboard.writeText(copy.getAttribute("data-url")).then(
            function () { say("คัดลอกลิงก์แล้ว", "Link copied"); },
            function () { say("คัดลอกไม่ได้", "Could not copy"); });
        });
      }
      if (native && typeof navigator.share === "function") {
        native.hidden = false;
        native.addEventListener("click", function () {
          navigator.share({ title: native.getAttribute("data-title"), url: native.getAttribute("data-url") })
            .catch(function () { /* the visitor closed the share sheet */ });
        });
      }
    });
  }
  /* Copyable addresses (a feed's, outputs/pages/feed_pages.py): the field is selectable
     without script; the button shows only where the browser can copy. */
  function copyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll(".gm-copy"), function (box) {
      var field = box.querySelector(".gm-copy__field");
      var button = box.querySelector(".gm-copy__button");
      var status = box.querySelector(".gm-copy__status");
      if (!field || !button || box.getAttribute("data-ready")) return;
      box.setAttribute("data-ready", "1");
      field.addEventListener("focus", function () { field.select(); });
      if (!(navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext)) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () { if (status) status.textContent = "คัดลอกแล้ว · Copied"; },
          function () { if (status) status.textContent = "คัดลอกไม่ได้ · Could not copy"; });
      });
    });
  }
  /* The printable guide's print button (the browser's own print menu works without it). */
  function printButton() {
    var button = document.querySelector(".gm-guide__print button");
    if (!button || typeof window.print !== "function") return;
    button.hidden = false;
    button.onclick = function () { window.print(); };
  }
  /* Fundraising campaigns: the days left as of today in Thailand (the page says what they were
     on the day it was built), and a campaign past its last day hidden until the next build. */
  function campaignDays() {
    var now = new Date(Date.now() + 7 * 3600 * 1000);  /* Asia/Bangkok: UTC+7 all year */
    var today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    Array.prototype.forEach.call(document.querySelectorAll(".gm-campaign[data-end]"), function (item) {
      var end = Date.parse(item.getAttribute("data-end") + "T00:00:00Z");
      var days = Math.round((end - today) / 86400000);
      if (isNaN(days)) return;
      if (days < 0) { item.hidden = true; return; }
      var span = item.querySelector(".gm-days");
      if (span) {
        span.textContent = days === 0 ? "วันนี้วันสุดท้าย " : "เหลืออีก " + days + " วัน ";
        var english = document.createElement("span");
        english.className = "gm-en";
        english.lang = "en";
        english.textContent = days === 0 ? "last day" : days + (days === 1 ? " day left" : " days left");
        span.appendChild(english);
      }
    });
  }
  /* "Near me" on the home page: the phone's position (asked for on a tap, never before), the
     groups' public positions from data/directory.json (the site's own file, fetched on the
     tap), the nearest five first. The position is used in the page and sent nowhere. */
  function nearMe() {
    var button = document.querySelector(".gm-near");
    var out = document.querySelector(".gm-near__results");
    if (!button || !out || button.getAttribute("data-ready")) return;
    button.setAttribute("data-ready", "1");
    if (!("geolocation" in navigator)) { button.disabled = true; return; }
    var site = new URL(button.getAttribute("data-root"), window.location.href);
    var source = new URL(button.getAttribute("data-src"), window.location.href);
    function say(thai, eng) {
      out.textContent = "";
      var p = make("p", "gm-near__status", thai + " ");
      p.appendChild(english(eng));
      out.appendChild(p);
    }
    function km(a, b) {  /* great-circle distance (haversine), in kilometres */
      var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
      var h = Math.pow(Math.sin(dLat / 2), 2) +
        Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
      return 12742 * Math.asin(Math.min(1, Math.sqrt(h)));
    }
    function draw(here, data) {
      var near = data.orgs.filter(function (o) { return typeof o.lat === "number" && typeof o.lon === "number"; })
        .map(function (o) { return { org: o, km: km(here, [o.lat, o.lon]) }; })
        .sort(function (a, b) { return a.km - b.km || (a.org.id < b.org.id ? -1 : 1); }).slice(0, 5);
      out.textContent = "";
      out.appendChild(make("h3", "gm-near__title", "กลุ่มที่ใกล้คุณที่สุด"));
      var list = make("ol", "gm-near__list");
      near.forEach(function (item) {
        var li = make("li");
        var a = make("a", null, item.org.name);
        var target = new URL(data.page.replace("{id}", item.org.id), site);
        if (target.href.indexOf(site.href) === 0) a.href = target.href;
        li.appendChild(a);
        var province = data.provinces[item.org.province];
        var where = (province ? province.th + " · " : "") + "ราว " + Math.max(1, Math.round(item.km)) + " กม.";
        li.appendChild(make("span", "gm-near__where", " " + where));
        list.appendChild(li);
      });
      out.appendChild(list);
      var note = make("p", "gm-near__note", "ระยะทางโดยประมาณจากตำแหน่งสาธารณะของกลุ่ม ตำแหน่งของคุณไม่ถูกส่งไปที่ใด ");
      note.appendChild(english("Distances from the groups' public, approximate places; your position is sent nowhere."));
      out.appendChild(note);
    }
    button.addEventListener("click", function () {
      say("กำลังหาตำแหน่งของคุณ…", "Finding where you are…");
      navigator.geolocation.getCurrentPosition(function (pos) {
        var here = [pos.coords.latitude, pos.coords.longitude];
        fetch(source.href).then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        }).then(function (data) { draw(here, data); }, function () {
          say("โหลดรายชื่อไม่ได้ ลองอีกครั้ง", "Could not load the list: try again");
        });
      }, function () {
        say("ไม่ได้ใช้ตำแหน่งของคุณ เลือกจังหวัดด้านบนแทนได้", "No position: choose a province above instead");
      }, { maximumAge: 600000, timeout: 20000 });
    });
  }
  /* The TH/EN switch in the header: the head script of the theme's main.html set the choice
     on <html> before the first paint; a tap changes it and remembers it in this browser only. */
  function languageSwitch() {
    var button = document.querySelector(".gm-lang");
    var root = document.documentElement;
    if (!button || button.getAttribute("data-ready")) return;
    button.setAttribute("data-ready", "1");
    function english() { return root.classList.contains("gm-lang-en"); }
    button.setAttribute("aria-pressed", String(english()));
    button.addEventListener("click", function () {
      var on = !english();
      root.classList.toggle("gm-lang-en", on);
      root.classList.toggle("gm-lang-th", !on);
      button.setAttribute("aria-pressed", String(on));
      try { localStorage.setItem("gm-lang", on ? "en" : "th"); } catch (e) { /* storage blocked */ }
    });
  }
  function start() {
    languageSwitch(); nearMe(); init(); deferred(); shareButtons(); copyButtons(); printButton(); campaignDays();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
