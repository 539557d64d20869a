/* Inlined before Material's bundle on every page (guidemap/outputs/search.py):
 * Material's bundle asks for search/search_index.json and starts its search worker as soon as
 * a page loads. Here it gets an empty index without a request, and a stand-in for the worker
 * that answers "ready" and empty queries itself; the real worker (which fetches the sharded
 * index piece by piece) starts at the first focus of the search box or the first query. */
(function () {
var X = XMLHttpRequest.prototype, open = X.open, W = window.Worker;
var EMPTY = "data:application/json," + encodeURIComponent(__EMPTY_INDEX__);
X.open = function (method, url) {
var args = [].slice.call(arguments);
if (/\/search\/search_index\.json$/.test(String(url))) args[1] = EMPTY;
return open.apply(this, args);
};
window.Worker = function (url, options) {
if (!/guidemap-search\.js/.test(String(url))) return new W(url, options);
var self = new EventTarget(), real = null, setup = { type: 0, data: {} };
function tell(data) { self.dispatchEvent(new MessageEvent("message", { data: data })); }
function wake() {
if (real) return;
real = new W(url, options);
real.onmessage = function (event) { tell(event.data); };
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
