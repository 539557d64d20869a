/* Thai query segmentation in front of Material's search worker (see guidemap/search.py).
 *
 * The index was cut into words at build time (pythainlp newmm, zero-width spaces). A query
 * such as "ชายหาดปัตตานี" is cut here into the index's own terms ("ชายหาด ปัตตานี") by
 * maximal matching, so query words and index words always come from the same cut. */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2;
  var THAI = /[\u0E00-\u0E7F]+/g;
  var terms = new Set();
  var longest = 1;

  function learn(index) {
    var separator = new RegExp(index.config.separator);
    (index.docs || []).forEach(function (doc) {
      [doc.title, doc.text].forEach(function (value) {
        if (typeof value !== "string") return;
        value.replace(/<[^>]*>/g, " ").split(separator).forEach(function (token) {
          if (/[\u0E00-\u0E7F]/.test(token)) {
            terms.add(token);
            if (token.length > longest) longest = token.length;
          }
        });
      });
    });
  }

  /* Fewest unknown characters first, then fewest words; unknown characters stay together
     as one chunk (a word still being typed keeps its trailing-wildcard prefix match). */
  function cut(run) {
    var n = run.length, cost = [0], from = [0], known = [false];
    for (var k = 1; k <= n; k++) cost[k] = Infinity;
    for (var i = 0; i < n; i++) {
      if (cost[i] === Infinity) continue;
      for (var j = i + 1; j <= Math.min(n, i + longest); j++) {
        if (terms.has(run.slice(i, j)) && cost[i] + 1 < cost[j]) {
          cost[j] = cost[i] + 1; from[j] = i; known[j] = true;
        }
      }
      if (cost[i] + 1000 < cost[i + 1]) {
        cost[i + 1] = cost[i] + 1000; from[i + 1] = i; known[i + 1] = false;
      }
    }
    var parts = [], end = n, unknown = "";
    while (end > 0) {
      var start = from[end];
      if (known[end]) {
        if (unknown) { parts.push(unknown); unknown = ""; }
        parts.push(run.slice(start, end));
      } else {
        unknown = run.slice(start, end) + unknown;
      }
      end = start;
    }
    if (unknown) parts.push(unknown);
    return parts.reverse().join(" ");
  }

  /* Index words that hold the run inside them ("ปลอดภัย" in "พื้นที่ปลอดภัย"): the trailing
     wildcard only finds words that start with it. The shortest few are added to the query. */
  var MAX_INFIX = 8;
  function inside(run) {
    if (run.length < 2) return [];
    var found = [];
    terms.forEach(function (term) {
      if (term.length > run.length && term.indexOf(run) > 0) found.push(term);
    });
    found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    return found.slice(0, MAX_INFIX);
  }

  function expand(run) {
    var words = [cut(run)].concat(inside(run));
    return words.join(" ");
  }

  function segmentQuery(query) {
    return terms.size ? query.replace(THAI, expand) : query;
  }

  var listen = self.addEventListener.bind(self);
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return listen(type, listener, options);
    return listen(type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        learn(message.data);
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        event = { data: { type: QUERY, data: segmentQuery(message.data) } };
      }
      return listener(event);
    }, options);
  };
  self.guidemapSegmentQuery = segmentQuery;
  importScripts(__MATERIAL_WORKER__);
})();
