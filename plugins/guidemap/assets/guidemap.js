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
          has(card, "data-focus", v.focus) && has(card, "data-needs", v.need);
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
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
