/* guidemap's search worker: Material's search protocol on a sharded index (see
 * guidemap/outputs/search_shards.py for the layout and docs/search.md for the why).
 *
 * Nothing of the index is fetched until a query needs it: the manifest on the first query,
 * then the word lists a Thai query is cut against (one per pair of letters in it), the posting
 * shards of the query's words, and the records of the results shown, each fetched once and
 * kept for the next query. Thai runs are cut into the index's
 * own words (fewest words, unknown letters kept together), so query words and index words
 * always meet, whatever segmenter a visitor has in mind. */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;
  var SHOWN = 10;            /* results with records: Material shows ten before scrolling */
  var COMPLETIONS = 12;      /* words a half-typed last word may stand for */
  var INSIDE = 6;            /* longer words a Thai word may sit inside */
  var THAI = /[\u0e00-\u0e7f]+/g;
  // The same word class as the index (outputs/search_shards.py): Latin, Thai, Jawi.
  var TOKEN = /[0-9a-z\u00c0-\u024f\u0e00-\u0e7f\u0620-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]+/g;
  var ROOT = new URL("../../../search/", self.location.href);
  var options = {};
  var cache = new Map();
  var manifest = null;
  var latest = 0;

  function get(path) {
    var url = new URL(path, ROOT).href;
    if (!cache.has(url)) {
      cache.set(url, fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + url);
        return r.json();
      }).catch(function (err) { cache.delete(url); throw err; }));
    }
    return cache.get(url);
  }

  function loadManifest() {
    if (!manifest) {
      manifest = get("shards.json").then(function (m) {
        return { v: m.v, n: m.n, t: m.t ? m.t.split(" ") : [], w: m.w ? m.w.split(" ") : [] };
      }).catch(function (err) { manifest = null; throw err; });
    }
    return manifest;
  }

  /* Shards hold consecutive keys: the one holding a key is the last that starts at or before it. */
  function chunkOf(firsts, key) {
    var lo = 0, hi = firsts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= key) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function shardOf(m, term) {
    var n = chunkOf(m.t, term);
    return n < 0 ? null : n;
  }

  /* [words beginning with the letter pair, words holding it after their first letter] */
  function wordShard(m, key) {
    var n = chunkOf(m.w, key);
    if (n < 0) return Promise.resolve([[], []]);
    return get(m.v + "/w/" + n + ".json").then(function (chunk) { return chunk[key] || [[], []]; });
  }

  function postingShard(m, n) {
    return get(m.v + "/t/" + n + ".json");
  }

  /* Fewest unknown letters first, then fewest words; unknown letters stay together as one
     chunk. Returns [{text, known, start}]. */
  function cut(run, has, longest) {
    var n = run.length, cost = [0], from = [0], known = [false];
    for (var k = 1; k <= n; k++) cost[k] = Infinity;
    for (var i = 0; i < n; i++) {
      if (cost[i] === Infinity) continue;
      for (var j = i + 2; j <= Math.min(n, i + longest); j++) {
        if (has(run.slice(i, j)) && cost[i] + 1 < cost[j]) {
          cost[j] = cost[i] + 1; from[j] = i; known[j] = true;
        }
      }
      if (cost[i] + 1000 < cost[i + 1]) {
        cost[i + 1] = cost[i] + 1000; from[i + 1] = i; known[i + 1] = false;
      }
    }
    var parts = [], end = n, unknownEnd = -1;
    while (end > 0) {
      var start = from[end];
      if (known[end]) {
        if (unknownEnd >= 0) { parts.push({ text: run.slice(end, unknownEnd), known: false, start: end }); unknownEnd = -1; }
        parts.push({ text: run.slice(start, end), known: true, start: start });
      } else if (unknownEnd < 0) {
        unknownEnd = end;
      }
      end = start;
    }
    if (unknownEnd >= 0) parts.push({ text: run.slice(0, unknownEnd), known: false, start: 0 });
    return parts.reverse();
  }

  /* The query as groups of index terms: every word is one group; a last word still being
     typed stands for the words it begins. */
  function plan(m, query) {
    var text = query.toLowerCase();
    var open = !/\s$/.test(query);
    var runs = text.match(THAI) || [];
    var keys = new Set();
    runs.forEach(function (run) {
      for (var i = 0; i + 2 <= run.length; i++) keys.add(run.slice(i, i + 2));
    });
    var around = new Map();  /* letter pair -> words holding it after their first letter */
    return Promise.all(Array.from(keys, function (key) {
      return wordShard(m, key).then(function (pair) { around.set(key, pair[1]); return [key, pair[0]]; });
    })).then(function (loaded) {
      var lists = new Map(), sets = new Map(), longest = 2;
      loaded.forEach(function (pair) {
        lists.set(pair[0], pair[1]);
        sets.set(pair[0], new Set(pair[1]));
        pair[1].forEach(function (w) { if (w.length > longest) longest = w.length; });
      });
      var has = function (s) { var set = sets.get(s.slice(0, 2)); return !!set && set.has(s); };
      var tokens = [], match;
      TOKEN.lastIndex = 0;
      while ((match = TOKEN.exec(text))) tokens.push({ text: match[0], end: match.index + match[0].length });
      var groups = [];
      tokens.forEach(function (token, t) {
        var last = open && t === tokens.length - 1 && token.end === text.length;
        var thai = /^[\u0e00-\u0e7f]+$/.test(token.text);
        var parts = thai ? cut(token.text, has, longest) : [{ text: token.text, known: true, start: 0 }];
        var tail = null;
        if (last && thai) {
          /* From the last word back: the first place from which the rest begins a word. */
          for (var p = parts.length - 1; p >= 0 && !tail; p--) {
            var rest = token.text.slice(parts[p].start);
            if (rest.length < 2) continue;
            var found = (lists.get(rest.slice(0, 2)) || []).filter(function (w) { return w.indexOf(rest) === 0; });
            if (found.length) { tail = { text: rest, words: found, at: p }; }
          }
        } else if (last && token.text.length >= 2) {
          tail = { text: token.text, words: null, at: 0 };
        }
        /* Longer words holding the whole run count for each of its words. */
        var run = token.text;
        var extra = thai && run.length >= 2 ? (around.get(run.slice(0, 2)) || []).filter(function (w) {
          return w.length > run.length && w.indexOf(run) > 0;
        }).sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); }).slice(0, INSIDE) : [];
        var upto = tail ? tail.at : parts.length;
        for (var q = 0; q < upto; q++) {
          if (parts[q].text.length >= 2 || !thai) groups.push({ label: parts[q].text, terms: [parts[q].text], extra: extra, open: false });
        }
        if (tail) groups.push({ label: tail.text, terms: tail.words, extra: extra, open: true, prefix: token.text.slice(0, token.text.length - tail.text.length) });
      });
      return groups.filter(function (g) { return g.label.length >= 2 || /[0-9]/.test(g.label); });
    });
  }

  function decode(list) {
    var out = [], id = 0;
    for (var i = 0; i < list.length; i += 2) { id += list[i]; out.push([id, list[i + 1]]); }
    return out;
  }

  function score(m, groups) {
    var need = new Set();
    groups.forEach(function (g) {
      (g.terms || [g.label]).concat(g.extra || []).forEach(function (term) {
        var k = shardOf(m, term); if (k !== null) need.add(k);
      });
      if (g.terms === null) {  /* a Latin word being typed: the shards of the words it begins */
        var from = shardOf(m, g.label), to = shardOf(m, g.label + "\uffff");
        for (var k = from === null ? 0 : from; to !== null && k <= Math.min(to, (from || 0) + 2); k++) need.add(k);
      }
    });
    return Promise.all(Array.from(need, function (key) {
      return postingShard(m, key).then(function (shard) { return [key, shard]; });
    })).then(function (loaded) {
      var shards = new Map(loaded);
      var pages = new Map(), suggest = null;
      groups.forEach(function (g, gi) {
        var terms = g.terms;
        if (terms === null) {  /* a Latin word being typed: the words it begins */
          terms = [];
          shards.forEach(function (shard) {
            Object.keys(shard).forEach(function (t) { if (t.indexOf(g.label) === 0 && terms.indexOf(t) < 0) terms.push(t); });
          });
        }
        var ranked = terms.map(function (term) {
          var shard = shards.get(shardOf(m, term)) || {};
          return { term: term, list: shard[term] || [] };
        }).filter(function (x) { return x.list.length; });
        if (g.open) {
          ranked.sort(function (a, b) {
            return (b.term === g.label) - (a.term === g.label) || b.list.length - a.list.length ||
              a.term.length - b.term.length || (a.term < b.term ? -1 : 1);
          });
          ranked = ranked.slice(0, COMPLETIONS);
          var best = ranked.filter(function (x) { return x.term !== g.label; })[0] || ranked[0];
          if (best && gi === groups.length - 1) suggest = (g.prefix || "") + best.term;
        }
        (g.extra || []).forEach(function (term) {
          var shard = shards.get(shardOf(m, term)) || {};
          if (shard[term] && terms.indexOf(term) < 0) ranked.push({ term: term, list: shard[term], inside: true });
        });
        ranked.forEach(function (x) {
          var df = x.list.length / 2;
          var idf = Math.log(1 + (m.n - df + 0.5) / (df + 0.5));
          var factor = x.inside || (g.open && x.term !== g.label) ? 0.6 : 1;
          decode(x.list).forEach(function (pair) {
            var page = pages.get(pair[0]);
            if (!page) { page = { id: pair[0], parts: new Array(groups.length).fill(0) }; pages.set(pair[0], page); }
            page.parts[gi] = Math.max(page.parts[gi], pair[1] * idf * factor / 10);
          });
        });
      });
      var found = Array.from(pages.values(), function (page) {
        var hit = page.parts.filter(function (s) { return s > 0; }).length;
        var sum = page.parts.reduce(function (a, b) { return a + b; }, 0);
        page.score = sum * Math.pow(1 + hit / groups.length, 2);
        return page;
      });
      found.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return { found: found, suggest: suggest };
    });
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function highlighter(groups) {
    var words = groups.map(function (g) { return g.label; }).sort(function (a, b) { return b.length - a.length; });
    if (!words.length) return function (s) { return s; };
    var re = new RegExp(words.map(function (w) {
      return (/^[\u0e00-\u0e7f]/.test(w) ? "" : "(?<![0-9a-z\u00c0-\u024f\u0620-\u065f\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc])") + escapeRegExp(w);
    }).join("|"), "gi");
    return function (htmlText) {
      return htmlText.replace(/(<[^>]*>)|([^<]+)/g, function (all, tag, text) {
        return tag || text.replace(re, "<mark data-md-highlight>$&</mark>");
      });
    };
  }

  function plain(htmlText) {
    return htmlText.replace(/<[^>]*>/g, " ").toLowerCase();
  }

  /* A result shows what it is, where, and two lines around the match, not a page's whole text
     (the first result was 650 px tall on a phone, with the headings' ¶ marks). */
  var KINDS = [[/^orgs\/[^/#]+\//, "กลุ่ม", "Group"], [/^stories\/[^/#]+\//, "เรื่องเล่า", "Story"],
               [/^volunteer\/#call-/, "ประกาศรับอาสา", "Call"], [/^events\/[^/#]+\//, "กิจกรรม", "Event"]];
  var BEFORE = 30, SNIPPET = 150;  /* characters: two lines on a 360-pixel phone, clamped by CSS */
  var words = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;

  function unescapeHtml(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|#39|apos|nbsp);/gi, function (all, code) {
      var c = code.toLowerCase();
      if (c === "amp") return "&"; if (c === "lt") return "<"; if (c === "gt") return ">";
      if (c === "quot") return '"'; if (c === "apos") return "'"; if (c === "nbsp") return " ";
      var n = c[1] === "x" ? parseInt(c.slice(2), 16) : parseInt(c.slice(1), 10);
      return isNaN(n) ? all : String.fromCodePoint(n);
    });
  }
  function escapeHtml(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  /* The nearest word start at or before ``at`` (Thai has no spaces to find it by). */
  function wordStart(text, at) {
    if (at <= 0) return 0;
    if (!words) { var sp = text.lastIndexOf(" ", at); return sp >= at - 15 && sp >= 0 ? sp + 1 : at; }
    var from = Math.max(0, at - 20), best = at;
    for (var seg of words.segment(text.slice(from, at + 20))) {
      if (from + seg.index <= at) best = from + seg.index; else break;
    }
    return best;
  }
  function snippet(htmlText, groups, query) {
    var text = unescapeHtml(htmlText.replace(/<a\b[^>]*class="headerlink"[^>]*>[\s\S]*?<\/a>/g, "")
      .replace(/<[^>]*>/g, " ")).replace(/\u00b6/g, "").replace(/\s+/g, " ").trim();
    var lower = text.toLowerCase(), whole = query.trim().toLowerCase();
    var at = whole ? lower.indexOf(whole) : -1;  /* the words as typed, together, else the first one */
    if (at < 0) groups.forEach(function (g) {
      var i = lower.indexOf(g.label);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = at < 0 ? 0 : wordStart(text, Math.max(0, at - BEFORE));
    var end = Math.min(text.length, start + SNIPPET);
    if (end < text.length) end = Math.max(wordStart(text, end), start + 1);
    return (start > 0 ? "… " : "") + escapeHtml(text.slice(start, end)) + (end < text.length ? " …" : "");
  }
  function about(location, htmlText) {
    var path = location.replace(/^\.?\//, ""), parts = [];
    for (var k = 0; k < KINDS.length; k++) {
      if (KINDS[k][0].test(path)) {
        parts.push(KINDS[k][1] + ' <span class="gm-en" lang="en">' + KINDS[k][2] + "</span>");
        break;
      }
    }
    var place = /data-gm-place="([^"]*)"/.exec(htmlText);
    if (place) parts.push(place[1]);  /* escaped by the build */
    return parts.length ? '<span class="gm-result__about">' + parts.join(" · ") + "</span>" : "";
  }

  function items(m, groups, ranked, query) {
    var shown = ranked.found.slice(0, SHOWN);
    var mark = highlighter(groups);
    return Promise.all(shown.map(function (page) {
      return get(m.v + "/r/" + page.id + ".json").then(function (docs) {
        var list = [];
        docs.forEach(function (doc, i) {
          var body = plain(doc[1] + " " + doc[2]);
          var terms = {}, hit = 0;
          groups.forEach(function (g) {
            var has = body.indexOf(g.label) >= 0;
            terms[g.label] = has; if (has) hit++;
          });
          if (i > 0 && !hit) return;
          var text = snippet(doc[2], groups, query);
          var item = { location: doc[0], title: mark(doc[1]) + (i === 0 ? about(doc[0], doc[2]) : ""),
                       text: text ? '<p class="gm-result__text">' + mark(text) + "</p>" : "", terms: terms,
                       score: i === 0 ? page.score : page.score * hit / groups.length };
          list.push(item);
        });
        list.sort(function (a, b) { return b.score - a.score; });
        return list;
      });
    }));
  }

  function search(query) {
    return loadManifest().then(function (m) {
      return plan(m, query).then(function (groups) {
        if (!groups.length) return { items: [] };
        return score(m, groups).then(function (ranked) {
          return items(m, groups, ranked, query).then(function (list) {
            /* total: every page that matched; the shim shows it beside the ten shown */
            var data = { items: list, total: ranked.found.length };
            if (options.suggest) data.suggest = ranked.suggest ? [ranked.suggest] : [];
            return data;
          });
        });
      });
    });
  }

  self.addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP) {
      options = (message.data && message.data.options) || {};
      return;
    }
    if (message.type !== QUERY) return;
    var mine = ++latest;
    var query = typeof message.data === "string" ? message.data : "";
    (query.trim() ? search(query) : Promise.resolve({ items: [] })).catch(function (err) {
      console.warn("guidemap search:", err);
      return { items: [] };
    }).then(function (data) {
      if (mine === latest) self.postMessage({ type: RESULT, data: data });  /* a newer query answers */
    });
  });
  self.guidemapSearch = { search: search, cut: cut };
})();
