/* The page's side of reading offline (outputs/offline/): registers the site's service worker
   once the page has loaded (nothing on the first view's critical path), says when a page
   shown without a connection was saved, hides calls that ended since, tells the map's reader
   that the background map needs a connection, and runs "Save for offline" on province pages
   and the lists of the offline page. Every text it writes goes in as text, never as markup. */
(function () {
  "use strict";
  var me = document.currentScript;
  var ROOT = me ? me.src.replace(/assets\/guidemap\/guidemap-offline\.js(\?.*)?$/, "") : "";
  var html = document.documentElement;
  var saved = html.getAttribute("data-gm-saved");
  var works = "serviceWorker" in navigator && window.isSecureContext && ROOT;

  function thaiToday() {
    return new Date(Date.now() + 7 * 3600000).toISOString().slice(0, 10);  /* UTC+7 all year */
  }
  function day(iso, locale) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleDateString(locale, {day: "numeric", month: "long", year: "numeric"});
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function bi(th, en) {
    var p = el("span", th + " ");
    var e = el("span", en, "gm-en");
    e.lang = "en";
    p.appendChild(e);
    return p;
  }
  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.max(1, Math.round(bytes / 1024)) + " KB";
  }
  function plain(text) {
    /* A title as the page printed it (entities): parsed as a document, never run. */
    return new DOMParser().parseFromString("<p>" + text, "text/html").documentElement.textContent;
  }
  function content() {
    return document.querySelector(".md-content__inner") || document.querySelector("main") || document.body;
  }

  function notice() {
    if (!saved || html.getAttribute("data-gm-missing")) return;
    var p = el("p", "", "gm-offline-note");
    p.setAttribute("role", "status");
    p.appendChild(bi("ไม่มีสัญญาณ: หน้านี้บันทึกไว้เมื่อ " + day(saved, "th-TH") + " ข้อมูลอาจไม่เป็นปัจจุบัน",
                     "Offline: saved on " + day(saved, "en-GB") + "; it may be out of date."));
    var where = content();
    where.insertBefore(p, where.firstChild);
  }

  function endedCalls() {
    /* A page kept from an earlier day may list a call that has ended since: not shown as open. */
    var today = thaiToday();
    Array.prototype.forEach.call(document.querySelectorAll(".gm-org-calls > li[data-end]"), function (li) {
      var end = li.getAttribute("data-end"), by = li.getAttribute("data-apply-by");
      if ((end && end < today) || (by && by < today)) li.hidden = true;
    });
  }

  function mapNote() {
    var map = document.querySelector(".gm-mapview .gm-map, .gm-map--mini");
    if (!map || (!saved && navigator.onLine)) return;
    var p = el("p", "", "gm-offline-note gm-offline-map");
    p.appendChild(bi("แผนที่พื้นหลังต้องใช้สัญญาณอินเทอร์เน็ต หมุดและรายชื่อกลุ่มยังใช้ได้",
                     "The background map needs a connection; the pins and the list still work."));
    map.parentNode.insertBefore(p, map);
  }

  function ask(message) {
    return navigator.serviceWorker.ready.then(function (reg) {
      return new Promise(function (resolve, reject) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (e) {
          if (e.data && e.data.ok) resolve(e.data.answer); else reject(new Error(e.data && e.data.error));
        };
        reg.active.postMessage(message, [channel.port2]);
      });
    });
  }

  function saveButton() {
    var box = document.querySelector(".gm-offline-save[data-list]");
    if (!box) return;
    if (!works) { box.hidden = true; return; }
    var button = box.querySelector("button"), state = box.querySelector(".gm-offline-state");
    var list = new URL(box.getAttribute("data-list"), window.location.href).href;
    function say(th, en) { state.textContent = ""; state.appendChild(bi(th, en)); }
    fetch(list).then(function (r) { return r.json(); }).then(function (info) {
      say("ขนาดราว " + size(info.bytes), "about " + size(info.bytes));
      return ask({type: "list"}).then(function (kept) {
        var had = kept.provinces[info.slug];
        if (had) say("บันทึกไว้แล้วเมื่อ " + day(had.saved, "th-TH"), "Saved on " + day(had.saved, "en-GB"));
        button.disabled = false;
        button.addEventListener("click", function () {
          button.disabled = true;
          say("กำลังบันทึก…", "Saving…");
          ask({type: "save", list: list}).then(function (done) {
            say("บันทึกแล้ว " + done.pages + " หน้าและไฟล์", "Saved: " + done.pages + " pages and files");
            box.setAttribute("data-saved", "1");
            button.disabled = false;
          }, function () {
            say("บันทึกไม่สำเร็จ ลองใหม่เมื่อมีสัญญาณ", "Could not save; try again with a connection.");
            button.disabled = false;
          });
        });
      });
    }).catch(function () { say("บันทึกได้เมื่อมีสัญญาณ", "Saving needs a connection."); });
  }

  function item(href, title, when) {
    var li = el("li");
    var a = el("a", title || href);
    a.href = href;
    li.appendChild(a);
    if (when) li.appendChild(el("span", " · " + day(when, "th-TH"), "gm-en"));
    return li;
  }

  function offlinePage() {
    var box = document.querySelector(".gm-offline-kept");
    if (!box || !works) return;
    if (html.getAttribute("data-gm-missing")) {
      var miss = document.querySelector(".gm-offline-missing");
      if (miss) miss.hidden = false;
    }
    var provinces = box.querySelector(".gm-offline-provinces"), pages = box.querySelector(".gm-offline-pages");
    /* Titles end with the site's name (" - name", as this page's own): said once is enough. */
    var site = / - [^-]*$/.exec(document.title);
    site = site ? site[0] : null;
    function draw(kept) {
      provinces.textContent = "";
      pages.textContent = "";
      var inProvince = {};
      Object.keys(kept.provinces).sort().forEach(function (slug) {
        var p = kept.provinces[slug];
        p.urls.forEach(function (u) { inProvince[u] = true; });
        var li = item(p.page, p.th + " / " + p.en, p.saved);
        var remove = el("button", "", "md-button gm-offline-remove");
        remove.type = "button";
        remove.appendChild(bi("ลบ", "Remove"));
        remove.addEventListener("click", function () {
          remove.disabled = true;
          ask({type: "remove", slug: slug}).then(function () { return ask({type: "list"}); }).then(draw);
        });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(remove);
        provinces.appendChild(li);
      });
      kept.pages.filter(function (p) { return !inProvince[p.url]; })
        .sort(function (a, b) { return a.url < b.url ? -1 : 1; })
        .forEach(function (p) {
          var title = plain(p.title);
          if (site && title.slice(-site.length) === site) title = title.slice(0, -site.length);
          pages.appendChild(item(p.url, title, p.saved));
        });
      box.querySelector(".gm-offline-none").hidden = Object.keys(kept.provinces).length > 0;
    }
    ask({type: "list"}).then(draw).catch(function () {});
  }

  function register() {
    navigator.serviceWorker.register(ROOT + "sw.js", {scope: ROOT}).catch(function () {});
  }

  function init() {
    notice();
    endedCalls();
    mapNote();
    saveButton();
    offlinePage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
  if (works) {
    if (document.readyState === "complete") register(); else window.addEventListener("load", register);
  }
})();
