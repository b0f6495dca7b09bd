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

  // Lowercase, accents stripped (NFD + combining marks), typographic apostrophes made plain.
  function fold(text) {
    var s = String(text || "");
    if (s.normalize) s = s.normalize("NFD");
    return s.replace(/[\u0300-\u036f]/g, "").replace(/[\u2018\u2019\u02bc]/g, "'").toLowerCase();
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
  function initSearch(form) {
    var input = doc.getElementById("q");
    var status = doc.getElementById("search-status");
    var results = doc.getElementById("search-results");
    var nojs = doc.getElementById("search-nojs");
    if (!input || !status || !results) return;
    if (nojs) nojs.hidden = true;

    var indexUrl = form.getAttribute("data-index");
    var brand = doc.querySelector(".brand");
    var home = brand ? brand.href : window.location.href;
    var index = null;
    var loading = null;
    var LIMIT = 50;
    var TYPES = isFr ? { c: "Affirmation", a: "Acteur", t: "Thème" } : { c: "Claim", a: "Actor", t: "Tag" };
    var dateFormat = null;
    try { dateFormat = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }); } catch (e) { dateFormat = null; }

    function formatDate(iso) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
      if (!m) return "";
      if (!dateFormat) return iso;
      return dateFormat.format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
    }

    function load() {
      if (loading) return loading;
      if (!indexUrl || typeof fetch !== "function") {
        loading = Promise.resolve([]);
        return loading;
      }
      loading = fetch(indexUrl, { credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) throw new Error("search index: HTTP " + res.status);
          return res.json();
        })
        .then(function (data) {
          index = (Array.isArray(data) ? data : []).filter(Array.isArray).map(function (row) {
            return { row: row, text: fold(row[7] || row[1]), title: fold(row[1]) };
          });
          return index;
        })
        .catch(function () {
          index = [];
          return index;
        });
      return loading;
    }

    function occurrences(text, word) {
      var n = 0;
      var at = text.indexOf(word);
      while (at !== -1) { n++; at = text.indexOf(word, at + word.length); }
      return n;
    }

    function search(query) {
      var words = fold(query).split(/[\s,;:!?.«»"()]+/).filter(Boolean);
      if (!words.length || !index) return null;
      var hits = [];
      index.forEach(function (item) {
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var n = occurrences(item.text, words[i]);
          if (!n) return;
          score += n + (item.title.indexOf(words[i]) !== -1 ? 2 : 0);
        }
        hits.push({ item: item, score: score });
      });
      hits.sort(function (x, y) {
        if (y.score !== x.score) return y.score - x.score;
        var dx = String(x.item.row[3] || ""), dy = String(y.item.row[3] || "");
        if (dx !== dy) return dx < dy ? 1 : -1;
        return String(x.item.row[1]).localeCompare(String(y.item.row[1]), lang);
      });
      return hits;
    }

    function el(tag, className, text) {
      var node = doc.createElement(tag);
      if (className) node.className = className;
      if (text) node.textContent = text;
      return node;
    }

    function renderItem(row) {
      var type = String(row[0] || "");
      var key = String(row[4] || "").replace(/[^a-z0-9_-]/gi, "");
      var li = el("li", "search-result search-result--" + type.replace(/[^a-z]/g, ""));
      if (type === "c" && key) li.classList.add("r-" + key);
      var title = el("a", "search-result__title", String(row[1] || row[2] || ""));
      title.href = String(row[2] || "");
      li.appendChild(title);
      var meta = [TYPES[type] || ""];
      var date = formatDate(String(row[3] || ""));
      if (date) meta.push(date);
      li.appendChild(el("p", "search-result__meta", meta.filter(Boolean).join(" · ")));
      if (row[6]) li.appendChild(el("p", "search-result__extra", String(row[6])));
      if (type === "c" && key && row[5]) {
        var p = el("p", "search-result__verdict");
        var badge = el("a", "badge r-" + key, String(row[5]));
        try { badge.href = new URL("ratings/" + key + "/", home).href; } catch (e) { badge.href = "#"; }
        p.appendChild(badge);
        li.appendChild(p);
      }
      return li;
    }

    function render() {
      var query = input.value.trim();
      while (results.firstChild) results.removeChild(results.firstChild);
      if (!query) { status.textContent = ""; return; }
      var hits = search(query);
      if (!hits) return;
      if (!hits.length) {
        status.textContent = status.getAttribute("data-none") || "0";
        return;
      }
      var word = status.getAttribute("data-results") || "";
      if (hits.length === 1) word = word.replace(/s$/, ""); // "résultats" / "results" -> singular
      status.textContent = hits.length + " " + word;
      var frag = doc.createDocumentFragment();
      hits.slice(0, LIMIT).forEach(function (h) { frag.appendChild(renderItem(h.item.row)); });
      results.appendChild(frag);
    }

    var timer = 0;
    function update() {
      setQuery({ q: input.value.trim() });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { load().then(render); }, 120);
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", update);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      setQuery({ q: input.value.trim() });
      load().then(render);
    });

    var p = params();
    var q = p ? p.get("q") : "";
    if (q) {
      input.value = q;
      load().then(render);
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

  function init() {
    initTables();
    var filters = doc.querySelector("form.filters[data-filter-for]");
    if (filters) initFilters(filters);
    var searchForm = doc.querySelector("form.search-form[data-index]");
    if (searchForm) initSearch(searchForm);
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();
