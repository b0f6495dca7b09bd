/* digest: built-in theme behaviour (timeline filters, search). No dependencies; loaded with defer.
   Everything degrades to the plain HTML without JavaScript. */
(function () {
  "use strict";

  var doc = document;
  var lang = (doc.documentElement.getAttribute("lang") || "en").toLowerCase();
  var isFr = lang.indexOf("fr") === 0;

  function params() {
    try { return new URLSearchParams(window.location.search); } catch (e) { return null; }
  }

  // Replace the query string, keeping path and fragment; empty values are dropped.
  function setQuery(values) {
    if (!window.history || !window.history.replaceState || typeof URL !== "function") return;
    try {
      var url = new URL(window.location.href);
      Object.keys(values).forEach(function (key) {
        if (values[key]) url.searchParams.set(key, values[key]);
        else url.searchParams.delete(key);
      });
      window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    } catch (e) { /* file:// or sandboxed: the URL simply is not updated */ }
  }

  /* ---------- 1. Timeline filters ---------- */
  function initFilters(form) {
    var list = doc.getElementById(form.getAttribute("data-filter-for") || "");
    if (!list) return;
    var rating = form.elements.namedItem("rating");
    var actor = form.elements.namedItem("actor");
    var output = form.querySelector(".filters__count");
    var items = list.querySelectorAll("li[data-rating][data-actors]");

    function hasOption(select, value) {
      if (!select || !value) return false;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) return true;
      }
      return false;
    }

    function countText(n) {
      if (isFr) return n + (n > 1 ? " affirmations" : " affirmation");
      return n + (n === 1 ? " claim" : " claims");
    }

    function apply(updateUrl) {
      var r = rating ? rating.value : "";
      var a = actor ? actor.value : "";
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var actors = (li.getAttribute("data-actors") || "").split(/\s+/);
        var ok = (!r || li.getAttribute("data-rating") === r) && (!a || actors.indexOf(a) !== -1);
        li.hidden = !ok;
        if (ok) shown++;
      });
      // months, then years: hide the ones left without a visible claim, recount the others
      ["tl-month", "tl-year"].forEach(function (cls) {
        Array.prototype.forEach.call(list.getElementsByClassName(cls), function (section) {
          var visible = section.querySelectorAll("li[data-rating]:not([hidden])").length;
          section.hidden = visible === 0;
          var title = section.querySelector("." + cls + "__title");
          var badge = title && title.querySelector(".tl-count");
          if (!badge) return;
          if (!badge.hasAttribute("data-total")) badge.setAttribute("data-total", badge.textContent);
          badge.textContent = r || a ? String(visible) : badge.getAttribute("data-total");
        });
      });
      if (output) output.textContent = countText(shown);
      if (updateUrl) setQuery({ rating: r, actor: a });
    }

    var p = params();
    if (p) {
      if (hasOption(rating, p.get("rating"))) rating.value = p.get("rating");
      if (hasOption(actor, p.get("actor"))) actor.value = p.get("actor");
    }
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    apply(false);
  }

  /* ---------- 2. Search ---------- */
  /* The index is split into shards by term range (src/render/search.rs): a query fetches the
     small manifest, the shards holding its words, then the records of the results it shows. */
  var MARKS = unicodeRegExp("\\p{M}", /[\u0300-\u036f]/g);
  var NON_WORD = unicodeRegExp("[^\\p{Alphabetic}\\p{N}]+", /[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+/g);

  function unicodeRegExp(source, fallback) {
    try { return new RegExp(source, "gu"); } catch (e) { return fallback; }
  }

  // The query's terms, as src/render/search/terms.rs makes the index's: folded, split at what
  // is neither letter nor digit, two characters or more, cut to 24; each once, six at most.
  function queryTerms(query) {
    var s = String(query || "");
    if (s.normalize) s = s.normalize("NFD");
    var seen = [];
    s.replace(MARKS, "").toLowerCase().split(NON_WORD).forEach(function (word) {
      var chars = Array.from ? Array.from(word) : word.split("");
      var term = chars.slice(0, 24).join("");
      if (chars.length > 1 && seen.indexOf(term) === -1) seen.push(term);
    });
    return seen.slice(0, 6);
  }

  // Code-point order, as the build sorts terms (UTF-16 order differs past U+FFFF).
  function compare(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      var xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  function isPrefix(term) { return (Array.from ? Array.from(term) : term.split("")).length >= 3; }

  function initSearch(form) {
    var input = doc.getElementById("q");
    var status = doc.getElementById("search-status");
    var results = doc.getElementById("search-results");
    var nojs = doc.getElementById("search-nojs");
    if (!input || !status || !results || typeof fetch !== "function" || typeof Promise !== "function") return;
    if (nojs) nojs.hidden = true;

    var manifestUrl = form.getAttribute("data-index");
    var manifest = null;
    var cache = {};
    var PAGE = 20, MAX_SHARDS = 3;
    var TYPES = isFr ? { c: "Affirmation", a: "Acteur", t: "Thème" } : { c: "Claim", a: "Actor", t: "Topic" };
    var more = el("button", "search-more", isFr ? "Plus de résultats" : "More results");
    more.type = "button";
    more.hidden = true;
    results.parentNode.insertBefore(more, results.nextSibling);
    var current = null;
    var generation = 0;
    var dateFormat = null;
    try { dateFormat = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }); } catch (e) { dateFormat = null; }

    function formatDate(iso) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
      if (!m) return "";
      if (!dateFormat) return iso;
      return dateFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
    }

    // Each file once per visit; a failed fetch is tried again by the next query.
    function getJson(url, options) {
      if (!cache[url]) {
        cache[url] = fetch(url, options || { credentials: "same-origin" }).then(function (res) {
          if (!res.ok) throw new Error("HTTP " + res.status);
          return res.json();
        });
        cache[url].catch(function () { delete cache[url]; });
      }
      return cache[url];
    }

    function loadManifest() {
      return getJson(manifestUrl, { credentials: "same-origin", cache: "no-cache" }).then(function (m) {
        manifest = m;
        return m;
      });
    }

    function file(base, n) { return base + n + ".json?v=" + encodeURIComponent(manifest.stamp); }

    // The shards a term's matches are in: the one it falls in, and the next ones while they
    // start with it (a prefix), three at most.
    function shardsFor(term) {
      var starts = manifest.shards, lo = 0, hi = starts.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (compare(starts[mid], term) <= 0) lo = mid; else hi = mid - 1;
      }
      var list = [lo];
      for (var k = lo + 1; isPrefix(term) && k < starts.length && list.length < MAX_SHARDS && starts[k].indexOf(term) === 0; k++) list.push(k);
      return list;
    }

    // Document -> points for one term: a title or name scores over the text, a whole word over
    // a word it begins.
    function termScores(term, shards) {
      var scores = {}, capped = false, prefix = isPrefix(term);
      function add(gaps, points) {
        for (var i = 0, id = 0; i < gaps.length; i++) {
          id += gaps[i];
          if (!(scores[id] >= points)) scores[id] = points;
        }
      }
      shards.forEach(function (entries) {
        entries.forEach(function (e) {
          var exact = e[0] === term;
          if (!exact && !(prefix && e[0].indexOf(term) === 0)) return;
          if (e.length > 3) capped = true;
          add(e[1] || [], exact ? 12 : 8);
          add(e[2] || [], exact ? 4 : 3);
        });
      });
      return { scores: scores, capped: capped };
    }

    // Every term must match, but a term whose list was cut (a word in most documents) only adds
    // to the score when another term filters; actors and topics first on a tie, then the newest.
    function rank(terms, shardsByTerm) {
      var found = terms.map(function (term, i) { return termScores(term, shardsByTerm[i]); });
      var filters = found.filter(function (f) { return !f.capped; });
      if (!filters.length) filters = found;
      var total = null;
      filters.forEach(function (f) {
        if (total === null) { total = f.scores; return; }
        var next = {};
        Object.keys(total).forEach(function (id) { if (id in f.scores) next[id] = total[id] + f.scores[id]; });
        total = next;
      });
      found.forEach(function (f) {
        if (filters.indexOf(f) !== -1) return;
        Object.keys(total).forEach(function (id) { if (id in f.scores) total[id] += f.scores[id]; });
      });
      var capped = filters.some(function (f) { return f.capped; });
      var claims = manifest.claims;
      var hits = Object.keys(total).map(function (id) {
        id = +id;
        return { id: id, score: total[id] + (id >= claims ? 2 : 0) };
      });
      hits.sort(function (a, b) {
        if (b.score !== a.score) return b.score - a.score;
        var ca = a.id < claims, cb = b.id < claims;
        if (ca !== cb) return ca ? 1 : -1;
        return ca ? b.id - a.id : a.id - b.id;
      });
      return { hits: hits, capped: capped };
    }

    function search(query) {
      var terms = queryTerms(query);
      if (!terms.length) return Promise.resolve(null);
      return loadManifest().then(function () {
        return Promise.all(terms.map(function (term) {
          return Promise.all(shardsFor(term).map(function (n) { return getJson(file(manifest.index, n)); }));
        }));
      }).then(function (shardsByTerm) { return rank(terms, shardsByTerm); });
    }

    function el(tag, className, text) {
      var node = doc.createElement(tag);
      if (className) node.className = className;
      if (text) node.textContent = text;
      return node;
    }

    function renderItem(rec) {
      var kind = String(rec[0] || "").replace(/[^a-z]/g, "");
      var key = String(rec[4] || "");
      var li = el("li", "search-result search-result--" + kind);
      var title = el("a", "search-result__title", String(rec[1] || rec[2] || ""));
      title.href = String(rec[2] || "");
      li.appendChild(title);
      // rec[7]: the date as the pages show it ("vers juin 2024"); older records have only rec[3].
      var when = rec[7] ? String(rec[7]) : formatDate(String(rec[3] || ""));
      var meta = [TYPES[kind] || "", when, String(rec[5] || "")];
      li.appendChild(el("p", "search-result__meta", meta.filter(Boolean).join(" · ")));
      if (rec[6]) li.appendChild(el("p", "search-result__extra", String(rec[6])));
      var rating = kind === "c" && manifest.ratings && Object.prototype.hasOwnProperty.call(manifest.ratings, key) ? manifest.ratings[key] : null;
      if (rating) {
        var cls = "r-" + key.replace(/[^a-z0-9_-]/gi, "");
        li.classList.add(cls);
        var p = el("p", "search-result__verdict");
        var badge = el("a", "badge " + cls, String(rating[0]));
        badge.href = String(rating[1]);
        // rating[2]: the label's language when it is not the page's (an untranslated label).
        if (rating[2]) badge.setAttribute("lang", String(rating[2]));
        p.appendChild(badge);
        li.appendChild(p);
      }
      return li;
    }

    // The next page of results: their records files, then their items.
    function showMore(run, focusFirst) {
      var page = run.hits.slice(run.shown, run.shown + PAGE);
      var per = manifest.records_per_file || 1;
      return Promise.all(page.map(function (h) {
        return getJson(file(manifest.records, Math.floor(h.id / per))).then(function (rows) { return rows[h.id % per]; });
      })).then(function (records) {
        if (run !== current) return;
        var frag = doc.createDocumentFragment();
        records.forEach(function (rec) { if (Array.isArray(rec)) frag.appendChild(renderItem(rec)); });
        var firstNew = frag.firstChild;
        results.appendChild(frag);
        run.shown += page.length;
        more.hidden = run.shown >= run.hits.length;
        if (focusFirst && firstNew) firstNew.querySelector("a").focus();
      });
    }

    function countText(run) {
      var n = run.hits.length;
      if (!n) return status.getAttribute("data-none") || "0";
      var word = status.getAttribute("data-results") || "";
      if (n === 1) word = word.replace(/s$/, ""); // "résultats" / "results" -> singular
      return n + (run.capped ? "+" : "") + " " + word;
    }

    function render() {
      var query = input.value.trim();
      var mine = ++generation;
      search(query).then(function (found) {
        if (mine !== generation) return;
        while (results.firstChild) results.removeChild(results.firstChild);
        more.hidden = true;
        current = found && { hits: found.hits, capped: found.capped, shown: 0 };
        status.textContent = current ? countText(current) : "";
        if (current) return showMore(current, false);
      }).catch(function () {
        if (mine !== generation) return;
        status.textContent = isFr ? "La recherche est indisponible." : "Search is unavailable.";
        if (nojs) nojs.hidden = false;
      });
    }

    // Arrow keys move between the input and the results' links.
    function links() { return Array.prototype.slice.call(results.querySelectorAll(".search-result__title")); }
    function onKey(e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var all = links();
      var at = all.indexOf(doc.activeElement);
      var next = e.key === "ArrowDown" ? at + 1 : at - 1;
      if (e.target === input) next = e.key === "ArrowDown" ? 0 : -1;
      if (next < 0 && e.target !== input) { e.preventDefault(); input.focus(); return; }
      if (next >= 0 && next < all.length) { e.preventDefault(); all[next].focus(); }
    }

    var timer = 0;
    input.addEventListener("focus", function () { loadManifest().catch(function () {}); });
    input.addEventListener("input", function () {
      setQuery({ q: input.value.trim() });
      window.clearTimeout(timer);
      timer = window.setTimeout(render, 150);
    });
    input.addEventListener("keydown", onKey);
    results.addEventListener("keydown", onKey);
    more.addEventListener("click", function () { if (current) showMore(current, true); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      window.clearTimeout(timer);
      setQuery({ q: input.value.trim() });
      render();
    });

    var p = params();
    var q = p ? p.get("q") : "";
    if (q) {
      input.value = q;
      render();
    }
  }

  /* ---------- 3. Wide Markdown tables scroll inside their own box ---------- */
  function initTables() {
    var boxes = [];
    Array.prototype.forEach.call(doc.querySelectorAll(".prose table"), function (table) {
      var parent = table.parentNode;
      if (!parent || (parent.classList && parent.classList.contains("table-scroll"))) return;
      var box = doc.createElement("div");
      box.className = "table-scroll";
      parent.insertBefore(box, table);
      box.appendChild(table);
      boxes.push(box);
    });
    if (!boxes.length) return;
    // a box that really scrolls must be reachable and named for keyboard and screen-reader users
    function mark() {
      boxes.forEach(function (box) {
        if (box.scrollWidth > box.clientWidth + 1) {
          var caption = box.querySelector("caption");
          box.tabIndex = 0;
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : (isFr ? "Tableau" : "Table"));
        } else if (box.hasAttribute("tabindex")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
      });
    }
    var pending = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(mark, 150);
    });
    mark();
  }

  /* ---------- Sharing: the Web Share API where there is one, copy buttons ---------- */
  function initShare() {
    doc.querySelectorAll("[data-share-native]").forEach(function (item) {
      var button = item.querySelector("button");
      if (!navigator.share || !button) return;
      item.hidden = false;
      button.addEventListener("click", function () {
        navigator.share({ title: button.getAttribute("data-share-title") || doc.title,
                          url: button.getAttribute("data-share-url") }).catch(function () {});
      });
    });
    if (!navigator.clipboard || !window.isSecureContext) return;
    doc.querySelectorAll("[data-copy-item]").forEach(function (item) { item.hidden = false; });
    doc.querySelectorAll("[data-copy], [data-copy-from]").forEach(function (button) {
      var label = button.textContent;
      button.addEventListener("click", function () {
        var from = doc.getElementById(button.getAttribute("data-copy-from") || "");
        var text = from ? from.value : button.getAttribute("data-copy");
        navigator.clipboard.writeText(text).then(function () {
          button.textContent = button.getAttribute("data-copied") || label;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () {});
      });
    });
  }

  function init() {
    initTables();
    initShare();
    var filters = doc.querySelector("form.filters[data-filter-for]");
    if (filters) initFilters(filters);
    var searchForm = doc.querySelector("form.search-form[data-index]");
    if (searchForm) initSearch(searchForm);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
