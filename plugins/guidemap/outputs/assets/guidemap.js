/* Directory filters: province, focus and need combine (AND); the state lives in the URL so a
   filtered list can be shared. Without JavaScript the form stays hidden and the full list shows. */
(function () {
  "use strict";
  function init() {
    var root = document.querySelector(".gm-directory");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector(".gm-filters");
    var cards = Array.prototype.slice.call(root.querySelectorAll(".gm-card"));
    var count = form.querySelector(".gm-count");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
      }
    });
    function has(card, attr, value) {
      return !value || (card.getAttribute(attr) || "").split(" ").indexOf(value) !== -1;
    }
    function apply() {
      var v = {};
      selects.forEach(function (s) { v[s.name] = s.value; });
      var shown = 0;
      cards.forEach(function (card) {
        var ok = (!v.province || card.getAttribute("data-province") === v.province) &&
          has(card, "data-focus", v.focus) && has(card, "data-needs", v.need) &&
          has(card, "data-offers", v.offer);
        card.hidden = !ok;
        if (ok) shown += 1;
      });
      var total = count.getAttribute("data-total");
      count.textContent = shown === cards.length ? "ทั้งหมด " + total + " กลุ่ม"
        : shown === 0 ? "ไม่พบกลุ่มที่ตรงกับตัวกรอง ลองล้างตัวกรอง"
        : "แสดง " + shown + " จาก " + total + " กลุ่ม";
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      var qs = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
    apply();
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
      function say(text) { if (status) status.textContent = text; }
      if (copy && navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          navigator.clipboard.writeText(copy.getAttribute("data-url")).then(
            function () { say("คัดลอกลิงก์แล้ว · Link copied"); },
            function () { say("คัดลอกไม่ได้ · Could not copy"); });
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
  function start() { init(); deferred(); shareButtons(); printButton(); campaignDays(); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
