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
    new PagefindUI({
      element: "#pb-search",
      // absolute: Pagefind would resolve a relative path against its own script URL
      bundlePath: new URL(box.getAttribute("data-bundle"), document.baseURI).pathname,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      debounceTimeoutMs: 150,
      translations: { placeholder: "Zoek praktijken, organisaties, plaatsen…" },
    });
  }

  // Each filter is a URL parameter, so a filtered view can be shared.
  // A card matches when it matches every filter that is set (filters combine).
  function initFilters() {
    var form = document.getElementById("pb-filters");
    var list = document.getElementById("pb-cards");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.children);
    var count = document.getElementById("pb-count");
    var fields = Array.prototype.slice.call(form.querySelectorAll("select"));
    form.hidden = false;

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
          return parts[0] && (!f.criterium || parts[0] === f.criterium) && (!f.oordeel || parts[1] === f.oordeel);
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

    function apply(updateUrl) {
      var f = current(), shown = 0;
      cards.forEach(function (card) {
        var ok = matches(card, f);
        card.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown;
      if (updateUrl) {
        var params = new URLSearchParams(f).toString();
        history.replaceState(null, "", params ? "?" + params : location.pathname);
      }
    }

    var params = new URLSearchParams(location.search);
    fields.forEach(function (field) {
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
    var base = go.getAttribute("href");
    function update() {
      var ids = Array.prototype.map.call(document.querySelectorAll(".pb-compare-pick:checked"), function (c) { return c.value; });
      go.setAttribute("href", ids.length ? base + "?p=" + ids.slice(0, 4).join(",") : base);
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
      history.replaceState(null, "", ids.length ? "?p=" + ids.join(",") : location.pathname);
      render();
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
        table.appendChild(el("caption", "", "Vergelijking per criterium"));
        var head = table.createTHead().insertRow();
        head.appendChild(el("th", "", "Criterium"));
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
        Object.keys(vocab.criteria).forEach(function (cid) {
          var row = body.insertRow();
          var th = el("th", "", vocab.criteria[cid].label);
          th.scope = "row";
          row.appendChild(th);
          records.forEach(function (rec) {
            var cell = row.insertCell();
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
        root.appendChild(table);
      });
    }
    form.querySelector("select").addEventListener("change", function (e) {
      var id = e.target.value, ids = selection();
      if (id && ids.indexOf(id) < 0) setSelection(ids.concat([id]).slice(-4));
      e.target.value = "";
    });
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
})();
