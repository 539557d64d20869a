/* Reading offline is turned off (the plugin's option offline: false): a visitor's browser that
   kept the site's worker from an earlier build checks this file on its next visit, and this
   worker deletes the site's caches and unregisters itself. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  var mine = "guidemap " + self.registration.scope + " ";
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(mine) === 0; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); }));
});
