/* The site's service worker (written as sw.js at the site's root, so that its scope is the
   site's path, a project site's /guidemap/ too). The build puts self.GUIDEMAP_OFFLINE in front
   of this file: the build's id (a hash of the site's files), the pages and assets to keep from
   the first visit, the offline page.

   Pages come from the network when there is one (network first, with a short timeout), and
   from the cache when there is none; every page opened is kept. A page served from the cache
   carries data-gm-saved on its <html> (the time it was kept) for the page's script to say so.
   A new build is a new cache: the old one is deleted once the new one holds its pages. */
(function () {
  "use strict";
  var G = self.GUIDEMAP_OFFLINE;
  var SCOPE = self.registration.scope;
  /* One origin can host several sites (user.github.io/a/, /b/): names carry the scope. */
  var MINE = "guidemap " + SCOPE + " ";
  var CACHE = MINE + G.build;
  var OFFLINE = new URL(G.offline, SCOPE).href;
  var SAVED = new URL(G.saved, SCOPE).href;
  var TIMEOUT = 4000;
  var PRECACHED = {};
  G.precache.forEach(function (p) { PRECACHED[new URL(p, SCOPE).href] = true; });

  function isHtml(response) {
    return (response.headers.get("content-type") || "").indexOf("text/html") === 0;
  }

  /* An HTML page is kept with the time it was kept and its title (for the offline page). */
  function store(cache, url, response) {
    if (!isHtml(response)) return cache.put(url, response);
    return response.text().then(function (text) {
      var title = /<title>([^<]*)<\/title>/.exec(text);
      return cache.put(url, new Response(text, {headers: {
        "content-type": response.headers.get("content-type"),
        "x-gm-saved": new Date().toISOString(),
        "x-gm-title": encodeURIComponent(title ? title[1] : "")
      }}));
    });
  }

  /* Fetched past the browser's own cache: a new build must not keep an old build's file. */
  function fetchInto(cache, url) {
    return fetch(new Request(url, {cache: "reload", credentials: "same-origin"})).then(function (r) {
      if (r.ok && r.type === "basic") return store(cache, url, r).then(function () { return true; });
      return false;
    }).catch(function () { return false; });
  }

  function fetchAll(cache, list) {
    var at = 0, got = 0;
    function next() {
      if (at >= list.length) return Promise.resolve();
      var url = list[at++];
      return fetchInto(cache, url).then(function (ok) { if (ok) got += 1; return next(); });
    }
    var lanes = [];
    for (var i = 0; i < 4; i++) lanes.push(next());
    return Promise.all(lanes).then(function () { return got; });
  }

  function readSaved(cache) {
    return cache.match(SAVED).then(function (r) { return r ? r.json() : {}; }).catch(function () { return {}; });
  }

  function writeSaved(cache, saved) {
    return cache.put(SAVED, new Response(JSON.stringify(saved), {headers: {"content-type": "application/json"}}));
  }

  /* A province's list (offline/provinces/<slug>.json, made by the build) into the cache. */
  function saveProvince(cache, listUrl) {
    return fetch(new Request(listUrl, {cache: "reload"})).then(function (r) {
      if (!r.ok) throw new Error("list " + r.status);
      return r.json();
    }).then(function (list) {
      var wanted = list.urls.map(function (p) { return new URL(p, SCOPE).href; });
      return fetchAll(cache, wanted).then(function (got) {
        return readSaved(cache).then(function (saved) {
          saved[list.slug] = {th: list.th, en: list.en, page: new URL(list.page, SCOPE).href,
                              list: listUrl, urls: wanted, bytes: list.bytes, pages: got,
                              saved: new Date().toISOString()};
          return writeSaved(cache, saved).then(function () { return saved[list.slug]; });
        });
      });
    });
  }

  function removeProvince(cache, slug) {
    return readSaved(cache).then(function (saved) {
      var gone = saved[slug];
      if (!gone) return saved;
      delete saved[slug];
      var kept = {};
      Object.keys(saved).forEach(function (k) { saved[k].urls.forEach(function (u) { kept[u] = true; }); });
      return Promise.all(gone.urls.filter(function (u) { return !kept[u] && !PRECACHED[u]; })
        .map(function (u) { return cache.delete(u); })).then(function () { return writeSaved(cache, saved); })
        .then(function () { return saved; });
    });
  }

  /* What an earlier build kept beyond its first pages (pages opened with what they loaded,
     provinces saved) is fetched again from this build, so a new build keeps them without the
     old files; what this build no longer has (a 404) is left out. */
  function carryOver(cache) {
    return caches.keys().then(function (names) {
      var old = names.filter(function (n) { return n.indexOf(MINE) === 0 && n !== CACHE; });
      return Promise.all(old.map(function (name) {
        return caches.open(name).then(function (oldCache) {
          return readSaved(oldCache).then(function (saved) {
            return oldCache.keys().then(function (requests) {
              var urls = requests.map(function (q) { return q.url; }).filter(function (u) {
                return !PRECACHED[u] && u !== SAVED && u.indexOf(SCOPE) === 0;
              });
              return fetchAll(cache, urls).then(function () {
                return Object.keys(saved).reduce(function (p, slug) {
                  return p.then(function () { return saveProvince(cache, saved[slug].list).catch(function () {}); });
                }, Promise.resolve());
              });
            });
          });
        });
      }));
    });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return fetchAll(cache, Object.keys(PRECACHED)).then(function () { return carryOver(cache); });
    }).then(function () { return self.skipWaiting(); }));
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n.indexOf(MINE) === 0 && n !== CACHE; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); }));
  });

  /* A page from the cache says when it was kept (the page's script shows it). The offline
     page, shown at another page's address, gets a <base> so that its relative links, styles
     and scripts resolve from its own address. */
  function fromCache(response, missing) {
    if (!isHtml(response)) return response;
    var saved = response.headers.get("x-gm-saved") || "";
    return response.text().then(function (text) {
      var mark = ' data-gm-saved="' + saved.replace(/[^0-9TZ:.\-]/g, "") + '"';
      if (missing) {
        mark += ' data-gm-missing="1"';
        text = text.replace(/<head>/i, '<head><base href="' + OFFLINE.replace(/"/g, "%22") + '">');
      }
      return new Response(text.replace(/<html\b/i, "<html" + mark), {headers: {
        "content-type": response.headers.get("content-type")}});
    });
  }

  function cached(cache, request) {
    /* The filters of a page live in its query (?province=...): the page is the same. */
    return cache.match(request, {ignoreSearch: request.mode === "navigate"});
  }

  function respond(event) {
    var request = event.request;
    /* A page is asked of the server each time (a small "not modified" when it is unchanged):
       the browser's own cache would otherwise answer offline too, without the saved-on notice,
       and online with a page an older build wrote. */
    var asked = request.mode === "navigate" ? new Request(request, {cache: "no-cache"}) : request;
    return caches.open(CACHE).then(function (cache) {
      var network = fetch(asked).then(function (response) {
        if (response.ok && response.type === "basic" && !new URL(request.url).search) {
          event.waitUntil(store(cache, request.url, response.clone()));
        }
        return response;
      });
      var timer;
      var late = new Promise(function (resolve) { timer = setTimeout(resolve, TIMEOUT, null); });
      return Promise.race([network.catch(function () { return null; }), late]).then(function (first) {
        clearTimeout(timer);
        if (first) return first;
        return cached(cache, request).then(function (hit) {
          if (hit) return fromCache(hit, false);
          return network.catch(function (error) {
            if (request.mode !== "navigate") throw error;
            return cache.match(OFFLINE).then(function (page) {
              if (!page) throw error;
              return fromCache(page, true);
            });
          });
        });
      });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
    if (request.cache === "only-if-cached" && request.mode !== "same-origin") return;
    event.respondWith(respond(event));
  });

  /* The page's script asks: save or remove a province, or list what is kept. */
  self.addEventListener("message", function (event) {
    var data = event.data || {}, port = event.ports[0];
    if (!port) return;
    var work = caches.open(CACHE).then(function (cache) {
      if (data.type === "save") return saveProvince(cache, new URL(data.list, SCOPE).href);
      if (data.type === "remove") return removeProvince(cache, data.slug);
      return Promise.all([readSaved(cache), cache.keys().then(function (requests) {
        /* The pages opened (the first pages are listed on the offline page already). */
        return Promise.all(requests.filter(function (q) { return !PRECACHED[q.url] && /\/$/.test(q.url); })
          .map(function (q) {
            return cache.match(q).then(function (r) {
              return {url: q.url, title: decodeURIComponent(r.headers.get("x-gm-title") || ""),
                      saved: r.headers.get("x-gm-saved") || ""};
            });
          }));
      })]).then(function (both) { return {provinces: both[0], pages: both[1]}; });
    });
    event.waitUntil(work.then(function (answer) { port.postMessage({ok: true, answer: answer}); },
                              function (error) { port.postMessage({ok: false, error: String(error)}); }));
  });
})();
