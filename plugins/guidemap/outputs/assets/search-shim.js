/* Inlined before Material's bundle on every page (guidemap/outputs/search.py):
 * Material's bundle asks for search/search_index.json and starts its search worker as soon as
 * a page loads. Here it gets an empty index without a request, and a stand-in for the worker
 * that answers "ready" and empty queries itself; the real worker (which fetches the sharded
 * index piece by piece) starts at the first focus of the search box or the first query.
 * The bundle also fetches "sitemap.xml" beside every <link rel="alternate"> of the page, meant
 * for a site's language versions; for a feed's or a calendar's link that is the whole site map
 * (tens of KB for a large network) or a 404, on every page view. Those fetches get an empty site
 * map, unless a language version (a link with hreflang) or instant navigation (which reads the
 * site's own map) needs the file. */
(function () {
var X = XMLHttpRequest.prototype, open = X.open, W = window.Worker;
var EMPTY = "data:application/json," + encodeURIComponent(__EMPTY_INDEX__);
var NO_SITEMAP = "data:text/xml," + encodeURIComponent('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>');
function mapsOf(selector) {
return [].map.call(document.querySelectorAll(selector), function (link) {
return new URL("sitemap.xml", link.href).href;
});
}
function unneeded(url) {
var at = new URL(url, location.href).href, config = {};
try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) {}
var features = config.features || [], own = new URL((config.base || ".") + "/sitemap.xml", location.href).href;
if (at === own && features.some(function (f) { return /^navigation\.instant/.test(f); })) return false;
return mapsOf('link[rel=alternate]:not([hreflang])').indexOf(at) >= 0
&& mapsOf("link[rel=alternate][hreflang]").indexOf(at) < 0;
}
X.open = function (method, url) {
var args = [].slice.call(arguments);
if (/\/search\/search_index\.json$/.test(String(url))) args[1] = EMPTY;
else if (/sitemap\.xml$/.test(String(url)) && unneeded(String(url))) args[1] = NO_SITEMAP;
return open.apply(this, args);
};
/* Material counts the results it is given, in its own words: ten pages' records are fetched,
 * so its count is replaced by one wording for every count, with both figures where more pages
 * matched than are shown (the worker sends the total). */
var counted = null, watching = null;
function recount(data) {
counted = data && data.items.length ? "พบ " + data.total + " หน้า"
+ (data.total > data.items.length ? " แสดง " + data.items.length + " หน้าแรก" : "") : null;
var meta = document.querySelector(".md-search-result__meta");
if (meta && !watching) {
watching = new MutationObserver(function () { if (counted && meta.textContent !== counted) meta.textContent = counted; });
watching.observe(meta, { childList: true, characterData: true, subtree: true });
}
if (meta && counted) meta.textContent = counted;
}
window.Worker = function (url, options) {
if (!/guidemap-search\.js/.test(String(url))) return new W(url, options);
var self = new EventTarget(), real = null, setup = { type: 0, data: {} };
function tell(data) { self.dispatchEvent(new MessageEvent("message", { data: data })); }
function wake() {
if (real) return;
real = new W(url, options);
real.onmessage = function (event) {
tell(event.data);
if (event.data && event.data.type === 3) recount(event.data.data);
};
real.postMessage(setup);
}
self.postMessage = function (message) {
if (message && message.type === 0) {
setup = message;
if (real) real.postMessage(message); else setTimeout(tell, 0, { type: 1 });
} else if (!real && message && message.type === 2 && !String(message.data).trim()) {
setTimeout(tell, 0, { type: 3, data: { items: [] } });
} else {
wake();
real.postMessage(message);
}
};
self.terminate = function () { if (real) real.terminate(); };
addEventListener("focusin", function (event) {
var box = event.target;
if (box && box.matches && box.matches("[data-md-component=search-query]")) wake();
});
return self;
};
window.Worker.prototype = W.prototype;
})();
