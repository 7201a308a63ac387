/* Praktijkbank: search in the header (Pagefind) and the filters of the overview.
   Without JavaScript every page still works: the overview lists every practice. */
(function () {
  "use strict";

  // an element with a class and text (never HTML: a record's text stays text)
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function initSearch() {
    var box = document.getElementById("pb-search");
    if (!box || typeof PagefindUI === "undefined") return;
    // absolute: Pagefind would resolve a relative path against its own script URL
    function absolute(path) { return new URL(path, document.baseURI).pathname; }
    var merged = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean);
    // A bundle without the word searched for answers with its nearest words ("a" for "Asito"),
    // and those came above the real matches of other bundles: weigh how close a match is more
    // (default 1). With 3, the index split in 3 bundles puts every expected practice of the
    // relevance benchmark at the rank the single index gives it (make bench).
    var ranking = { termSimilarity: 3 };
    new PagefindUI({
      element: "#pb-search",
      bundlePath: absolute(box.getAttribute("data-bundle")),
      ranking: ranking,
      // the other bundles of a large site's index: one search covers them all
      mergeIndex: merged.map(function (path) { return { bundlePath: absolute(path), ranking: ranking }; }),
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      debounceTimeoutMs: 150,
      // Pagefind's own Dutch says "Reset" and more in English; every string here, in Dutch
      translations: {
        placeholder: "Zoek een praktijk",
        clear_search: "Wissen",
        load_more: "Meer resultaten",
        search_label: "Zoek op deze site",
        filters_label: "Filters",
        zero_results: "Geen resultaten voor [SEARCH_TERM]",
        many_results: "[COUNT] resultaten voor [SEARCH_TERM]",
        one_result: "[COUNT] resultaat voor [SEARCH_TERM]",
        alt_search: "Geen resultaten voor [SEARCH_TERM]. Resultaten voor [DIFFERENT_TERM]:",
        search_suggestion: "Geen resultaten voor [SEARCH_TERM]. Probeer een van deze zoekopdrachten:",
        searching: "Zoeken naar [SEARCH_TERM]…",
      },
    });
  }

  // Each filter is a URL parameter, so a filtered view can be shared.
  // A card matches when it matches every filter that is set (filters combine). A criterion alone
  // means "meets it, fully or partly" (the verdicts in data-meets); a verdict narrows it.
  function initFilters() {
    var form = document.getElementById("pb-filters");
    var list = document.getElementById("pb-cards");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.children);
    var count = document.getElementById("pb-count");
    var empty = document.getElementById("pb-empty");
    var chips = document.getElementById("pb-chips");
    var sorter = form.querySelector("select[name=sorteer]");
    var fields = Array.prototype.slice.call(form.querySelectorAll("select")).filter(function (f) { return f !== sorter; });
    var meets = (form.getAttribute("data-meets") || "").split(" ");
    // shown, and closed on a phone, by the script right after it (overview.md.j2)

    function words(card, name) {
      return (card.getAttribute("data-" + name) || "").split(" ");
    }

    // every filter but the criterion pair is a facet (or the year): the card carries its
    // values in data-<filter name>, as the overview template writes them from the site config
    var simple = fields.map(function (field) { return field.name; })
      .filter(function (name) { return name !== "criterium" && name !== "oordeel"; });

    function matches(card, f) {
      for (var i = 0; i < simple.length; i++) {
        var name = simple[i];
        if (f[name] && words(card, name).indexOf(f[name]) < 0) return false;
      }
      if (f.criterium || f.oordeel) {
        var pairs = words(card, "criteria").filter(function (pair) {
          var parts = pair.split(":");
          if (!parts[0] || (f.criterium && parts[0] !== f.criterium)) return false;
          return f.oordeel ? parts[1] === f.oordeel : meets.indexOf(parts[1]) >= 0;
        });
        if (!pairs.length) return false;
      }
      return true;
    }

    function current() {
      var f = {};
      fields.forEach(function (field) { if (field.value) f[field.name] = field.value; });
      return f;
    }

    function countWith(f) {
      return cards.filter(function (card) { return matches(card, f); }).length;
    }

    function without(f, name) {
      var g = {};
      Object.keys(f).forEach(function (k) { if (k !== name) g[k] = f[k]; });
      return g;
    }

    function labelOf(field, value) {
      var option = field.querySelector('option[value="' + CSS.escape(value) + '"]');
      return option ? option.getAttribute("data-text") || option.textContent : value;
    }

    // each option says how many cards it would leave with the other filters; none: disabled
    function updateOptions(f) {
      fields.forEach(function (field) {
        var others = without(f, field.name);
        Array.prototype.forEach.call(field.options, function (option) {
          if (!option.value) return;
          var g = Object.assign({}, others);
          g[field.name] = option.value;
          var n = countWith(g);
          option.textContent = option.getAttribute("data-text") + " (" + n + ")";
          option.disabled = n === 0 && field.value !== option.value;
        });
      });
    }

    function updateChips(f) {
      chips.textContent = "";
      fields.forEach(function (field) {
        if (!f[field.name]) return;
        var chip = el("button", "pb-chip", field.parentNode.querySelector("span").textContent + ": " + labelOf(field, f[field.name]));
        chip.type = "button";
        chip.setAttribute("aria-label", "Filter " + chip.textContent + " weghalen");
        chip.appendChild(el("span", "pb-chip-x", " ✕")).setAttribute("aria-hidden", "true");
        chip.addEventListener("click", function () { field.value = ""; apply(true); });
        chips.appendChild(chip);
      });
    }

    // no card left: name the filter whose removal brings back the most
    function updateEmpty(f, shown) {
      empty.textContent = "";
      if (shown) return;
      var best = null, bestCount = 0;
      fields.forEach(function (field) {
        if (!f[field.name]) return;
        var n = countWith(without(f, field.name));
        if (n > bestCount) { best = field; bestCount = n; }
      });
      if (best) empty.textContent = ". Geen praktijk past bij al deze filters; laat het filter " +
        best.parentNode.querySelector("span").textContent.toLowerCase() + " (" + labelOf(best, f[best.name]) +
        ") weg voor " + bestCount + (bestCount === 1 ? " praktijk" : " praktijken") + ".";
    }

    function sortCards() {
      var key = sorter.value, sorted = cards.slice();
      sorted.sort(function (a, b) {
        if (key === "titel") return a.getAttribute("data-title").localeCompare(b.getAttribute("data-title"), "nl");
        if (key === "jaar") return (+b.getAttribute("data-start")) - (+a.getAttribute("data-start")) ||
          (+a.getAttribute("data-rank")) - (+b.getAttribute("data-rank"));
        return (+a.getAttribute("data-rank")) - (+b.getAttribute("data-rank"));
      });
      sorted.forEach(function (card) { list.appendChild(card); });
    }

    function apply(updateUrl) {
      var f = current(), shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, f);
        card.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown;
      updateOptions(f);
      updateChips(f);
      updateEmpty(f, shown);
      sortCards();
      if (updateUrl) {
        var state = Object.assign({}, f);
        if (sorter.value) state.sorteer = sorter.value;
        var params = new URLSearchParams(state).toString();
        history.replaceState(null, "", params ? "?" + params : location.pathname);
      }
    }

    var params = new URLSearchParams(location.search);
    fields.concat([sorter]).forEach(function (field) {
      var value = params.get(field.name);
      if (value && field.querySelector('option[value="' + CSS.escape(value) + '"]')) field.value = value;
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  // Sortable tables: a button in each column header; aria-sort tells screen readers.
  function initSortableTables() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
      headers.forEach(function (th, col) {
        var button = th.querySelector("button[data-sort]");
        if (!button) return;
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          headers.forEach(function (h) { if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          var numeric = button.getAttribute("data-sort") === "number";
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].getAttribute("data-value") || a.cells[col].textContent;
            var y = b.cells[col].getAttribute("data-value") || b.cells[col].textContent;
            var d = numeric ? Number(x) - Number(y) : x.localeCompare(y, "nl");
            return ascending ? d : -d;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  // Edition matrix: the ticked nominations go to the comparison view.
  function initComparePicker() {
    var go = document.getElementById("pb-compare-go");
    if (!go) return;
    var base = new URL(go.getAttribute("href"), document.baseURI);  // may carry ?editie=
    function update() {
      var ids = Array.prototype.map.call(document.querySelectorAll(".pb-compare-pick:checked"), function (c) { return c.value; });
      var href = base.pathname + base.search;
      if (ids.length) href += (base.search ? "&" : "?") + "p=" + ids.slice(0, 4).join(",");
      go.setAttribute("href", href);
      go.classList.toggle("md-button--primary", ids.length >= 2);
    }
    document.addEventListener("change", function (e) { if (e.target.classList.contains("pb-compare-pick")) update(); });
    update();
  }

  // Comparison view: practices side by side, criterion by criterion. The selection
  // lives in ?p=a,b,c. Text is inserted with textContent, never as HTML.
  function initCompare() {
    var root = document.getElementById("pb-compare");
    if (!root) return;
    var vocab = JSON.parse(document.getElementById("pb-vocab").textContent);
    var form = document.getElementById("pb-compare-form");
    var status = document.getElementById("pb-compare-status");
    var dataBase = new URL(root.getAttribute("data-data"), document.baseURI).href;
    var pageBase = new URL(root.getAttribute("data-pages"), document.baseURI).href;
    form.hidden = false;

    function selection() {
      var value = new URLSearchParams(location.search).get("p") || "";
      return value.split(",").filter(function (id) { return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id); }).slice(0, 4);
    }
    function setSelection(ids) {
      var params = new URLSearchParams(location.search);
      if (ids.length) params.set("p", ids.join(",")); else params.delete("p");
      var query = params.toString().replace(/%2C/g, ",");
      history.replaceState(null, "", query ? "?" + query : location.pathname);
      render();
    }
    // started from an edition (?editie=<id>): the picker offers that edition's nominations only
    var options = document.getElementById("pb-compare-options");
    var edition = new URLSearchParams(location.search).get("editie");
    if (edition && options.querySelector('option[data-editie="' + CSS.escape(edition) + '"]')) {
      Array.prototype.slice.call(options.children).forEach(function (o) {
        if (o.getAttribute("data-editie") !== edition) o.remove();
      });
      var scope = document.getElementById("pb-compare-scope");
      scope.hidden = false;
      scope.appendChild(document.createTextNode("U kiest uit de nominaties van deze prijs. "));
      var all = el("a", "", "Kies uit alle praktijken");
      all.href = location.pathname + (selection().length ? "?p=" + selection().join(",") : "");
      scope.appendChild(all);
    }
    function render() {
      var ids = selection();
      root.textContent = "";
      if (ids.length < 2) status.textContent = "Kies " + (ids.length ? "nog minstens één praktijk" : "twee tot vier praktijken") + " om te vergelijken.";
      else status.textContent = ids.length + " praktijken naast elkaar.";
      if (!ids.length) return;
      Promise.all(ids.map(function (id) {
        return fetch(dataBase + id + ".json").then(function (r) { return r.ok ? r.json() : null; });
      })).then(function (records) {
        records = records.filter(Boolean);
        var table = el("table", "pb-compare-table");
        table.appendChild(el("caption", "", "Vergelijking: kenmerken, resultaten, lessen en criteria"));
        var head = table.createTHead().insertRow();
        head.appendChild(el("th", "", "Onderdeel"));
        records.forEach(function (rec) {
          var th = el("th");
          th.scope = "col";
          var a = el("a", "", rec.title);
          a.href = pageBase + rec.id + "/";
          th.appendChild(a);
          Object.keys(vocab.badges).forEach(function (field) {  // e.g. the kind, as on the cards
            [].concat(rec[field] || []).forEach(function (id) {
              th.appendChild(el("div", "pb-card-meta", (vocab.badges[field][id] || {}).label || id));
            });
          });
          var remove = el("button", "pb-compare-remove", "Verwijder");
          remove.type = "button";
          remove.setAttribute("aria-label", "Verwijder " + rec.title + " uit de vergelijking");
          remove.addEventListener("click", function () { setSelection(selection().filter(function (x) { return x !== rec.id; })); });
          th.appendChild(remove);
          head.appendChild(th);
        });
        var body = table.createTBody();
        // what a jury weighs besides the criteria, each aspect a row; a cell is a list of lines
        function aspect(label, linesOf) {
          var row = body.insertRow();
          var th = el("th", "", label);
          th.scope = "row";
          row.appendChild(th);
          records.forEach(function (rec) {
            var cell = row.insertCell(), lines = linesOf(rec).filter(Boolean);
            cell.setAttribute("data-label", rec.title);
            if (!lines.length) { cell.appendChild(el("span", "pb-card-meta", "niet bekend")); return; }
            var list = el("ul", "pb-compare-list");
            lines.forEach(function (line) { list.appendChild(el("li", "", line)); });
            cell.appendChild(list);
          });
        }
        function labels(field, vocabulary) {
          return function (rec) {
            return [].concat(rec[field] || []).map(function (id) { return ((vocab[vocabulary] || {})[id] || {}).label || id; });
          };
        }
        vocab.facets.forEach(function (f) { aspect(f.label, labels(f.field, f.vocabulary)); });
        aspect("Plaats en periode", function (rec) {
          var period = rec.period || {};
          return [rec.place, period.start ? (period.start + (period.end ? " – " + period.end : "")) : "", period.note];
        });
        aspect("Organisaties", function (rec) {
          return (rec.organisations || []).map(function (o) { return o.name + " (" + o.role + ")"; });
        });
        aspect("Resultaten", function (rec) {
          return (rec.results || []).map(function (r) {
            return r.value + " " + r.unit + ": " + r.what + " (" + ((vocab.result_statuses[r.status] || {}).label || r.status) + ")";
          });
        });
        aspect("Wat werkte", function (rec) { return rec.worked || []; });
        aspect("Wat niet werkte", function (rec) { return rec.failed || []; });
        aspect("Lessen", function (rec) { return rec.lessons || []; });
        Object.keys(vocab.criteria).forEach(function (cid) {
          var row = body.insertRow();
          var th = el("th", "", vocab.criteria[cid].label);
          th.scope = "row";
          row.appendChild(th);
          records.forEach(function (rec) {
            var cell = row.insertCell();
            cell.setAttribute("data-label", rec.title);  // shown above the cell when the table stacks on a phone
            var a = (rec.criteria || {})[cid];
            if (!a) { cell.appendChild(el("span", "pb-verdict pb-verdict-niet-beoordeeld", "Geen oordeel")); return; }
            var v = vocab.verdicts[a.verdict];
            var verdict = el("div", "pb-verdict pb-verdict-" + a.verdict);
            verdict.appendChild(el("span", "", v.icon + " "));
            verdict.lastChild.setAttribute("aria-hidden", "true");
            verdict.appendChild(document.createTextNode(v.label));
            cell.appendChild(verdict);
            var judge = vocab.judges[a.by] || {};
            cell.appendChild(el("div", "pb-judge pb-judge-" + a.by, judge.tag || judge.label || a.by));
            cell.appendChild(el("p", "", a.text));
          });
        });
        aspect("Bronnen", function (rec) {
          return (rec.sources || []).map(function (src) { return ((vocab.sources[src.source] || {}).title || src.source) + ", " + src.where; });
        });
        root.appendChild(table);
      });
    }
    var input = form.querySelector("input[name=add]");
    function add() {
      var option = Array.prototype.find.call(options.children, function (o) { return o.value === input.value; });
      if (!option) return;  // still typing, or a title that is not on offer
      var id = option.getAttribute("data-id"), ids = selection();
      if (ids.indexOf(id) < 0) setSelection(ids.concat([id]).slice(-4));
      input.value = "";
    }
    input.addEventListener("change", add);
    input.addEventListener("input", add);
    form.addEventListener("submit", function (e) { e.preventDefault(); add(); });
    render();
  }

  // Only in `praktijkbank serve`: the problems of the latest rebuild (generator/serving.py). The
  // pages are the last good version; the banner says so until the record is repaired.
  function initServeProblems() {
    var meta = document.querySelector('meta[name="praktijkbank-problemen"]');
    if (!meta || !window.fetch) return;
    fetch(meta.getAttribute("content"), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || !data.problems.length) return;
        var n = data.problems.length, box = el("div", "pb-serve-problems");
        box.setAttribute("role", "alert");
        box.appendChild(el("p", "pb-serve-problems-title",
          "De site is niet bijgewerkt: " + n + (n === 1 ? " probleem" : " problemen") + " in " +
          data.files + (data.files === 1 ? " bestand" : " bestanden") + "."));
        box.appendChild(el("p", "", "U ziet de laatste versie die wel in orde was. Verbeter het record en " +
          "sla het op; de site wordt dan vanzelf opnieuw gebouwd."));
        var list = el("ul", "");
        data.problems.forEach(function (p) { list.appendChild(el("li", "", p.text)); });
        box.appendChild(list);
        var main = document.querySelector(".md-content") || document.body;
        main.insertBefore(box, main.firstChild);
      })
      .catch(function () {});
  }

  // "Zo citeert u deze praktijk": the full address the reader sees, and today's date
  function initCitation() {
    var url = document.querySelector(".pb-cite-url"), date = document.querySelector(".pb-cite-date");
    if (url) url.textContent = location.origin + location.pathname;
    if (date) date.textContent = new Date().toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric" });
  }

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(initSearch);
  ready(initFilters);
  ready(initSortableTables);
  ready(initComparePicker);
  ready(initCompare);
  ready(initServeProblems);
  ready(initCitation);
})();
