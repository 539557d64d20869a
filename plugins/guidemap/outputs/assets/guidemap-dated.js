/* "Volunteer now" filters: province, focus, date (this week, this month) and remote combine
   (AND); the state lives in the URL so a filtered list can be shared. Without JavaScript the
   form stays hidden and every open call shows. Dates are compared in Thai time (UTC+7). */
(function () {
  "use strict";
  var DAY = 86400000;
  function thaiToday() {
    var d = new Date(Date.now() + 7 * 3600000);  /* Thailand keeps +07:00 all year */
    return d.toISOString().slice(0, 10);
  }
  function plusDays(iso, n) {
    return new Date(Date.parse(iso + "T00:00:00Z") + n * DAY).toISOString().slice(0, 10);
  }
  function init() {
    var root = document.querySelector(".gm-volunteer-now");
    if (!root || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var form = root.querySelector(".gm-dated-filters");
    if (!form) return;
    var items = Array.prototype.slice.call(root.querySelectorAll(".gm-call"));
    var count = form.querySelector(".gm-count");
    var none = root.querySelector(".gm-empty-filter");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var wanted = params.get(s.name);
      if (wanted && Array.prototype.some.call(s.options, function (o) { return o.value === wanted; })) {
        s.value = wanted;
      }
    });
    function inWindow(item, days) {
      /* An ongoing call (no dates) is open any time; a dated one must overlap the window. */
      var start = item.getAttribute("data-start"), end = item.getAttribute("data-end");
      if (!start && !end) return true;
      var today = thaiToday(), last = plusDays(today, days);
      return (start || today) <= last && (end || start) >= today;
    }
    function expired(item) {
      /* The site is rebuilt every day; should a rebuild fail, a call past its dates still
         leaves the list for the visitor (it stays in the no-JavaScript list until the rebuild). */
      var today = thaiToday();
      var applyBy = item.getAttribute("data-apply-by"), end = item.getAttribute("data-end");
      return (applyBy && applyBy < today) || (end && end < today);
    }
    function apply() {
      var v = {};
      selects.forEach(function (s) { v[s.name] = s.value; });
      var shown = 0, open = 0;
      items.forEach(function (item) {
        if (!expired(item)) open += 1;
        var remote = item.getAttribute("data-remote");
        var ok = !expired(item) && (!v.province || item.getAttribute("data-province") === v.province) &&
          (!v.focus || (item.getAttribute("data-focus") || "").split(" ").indexOf(v.focus) !== -1) &&
          (!v.when || inWindow(item, v.when === "week" ? 6 : 30)) &&
          (!v.remote || (v.remote === "yes" ? remote !== "no" : remote === "no"));
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === open ? "ทั้งหมด " + open + " ประกาศ"
        : "แสดง " + shown + " จาก " + open + " ประกาศ";
      if (none) none.hidden = shown !== 0;
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      var qs = query.toString();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.hidden = false;
    apply();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
