/* Praktijkbank: search in the header (Pagefind) and the filters of the overview.
   Without JavaScript every page still works: the overview lists every practice. */
(function () {
  "use strict";

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

    function matches(card, f) {
      var simple = ["soort", "sector", "doelgroep", "regio", "jaar"];
      for (var i = 0; i < simple.length; i++) {
        var name = simple[i], attr = name === "soort" ? "kind" : name;
        if (f[name] && words(card, attr).indexOf(f[name]) < 0) return false;
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

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(initSearch);
  ready(initFilters);
})();
