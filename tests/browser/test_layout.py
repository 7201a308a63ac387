"""Every page fits a phone, and the interface speaks Dutch (issue "Findability")."""

from __future__ import annotations

import json
from urllib.request import urlopen

import pytest

# Elements whose right edge lies past the viewport, except inside a box that scrolls or clips
# sideways and itself fits: a page that hides its overflow does not count as fitting.
PAST_THE_EDGE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const contained = el => {
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o !== 'visible') return a.getBoundingClientRect().right <= width + 1;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect(), s = getComputedStyle(el);
    if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') continue;
    if (r.right > width + 1 && !contained(el)) out.push((el.tagName + '.' + el.className).slice(0, 80) + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width, past: out.slice(0, 8)};
}"""


@pytest.fixture(scope="module")
def phone_pages(real_site):
    with urlopen(real_site.url + "/data/praktijken.json") as response:
        data = json.load(response)["practices"]
    kinds = {p["kind"]: p["id"] for p in data}
    four = ",".join(p["id"] for p in data[:4])
    return (["/", "/praktijken/", "/criteria/ketensamenwerking/", "/prijzen/best-practice-award-2022/",
             f"/vergelijk/?p={four}", "/404.html", "/bijdragen/", "/bronnen/"]
            + [f"/praktijken/{pid}/" for pid in kinds.values()])


def test_no_page_is_wider_than_a_phone(browser, real_site, phone_pages):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    wide = {}
    for path in phone_pages:
        page.goto(real_site.url + path)
        page.wait_for_load_state("load")
        found = page.evaluate(PAST_THE_EDGE)
        if found["scroll"] > found["width"] or found["past"]:
            wide[path] = found
    context.close()
    assert wide == {}


def test_the_404_page_and_the_footer_are_dutch(page, real_site):
    page.goto(real_site.url + "/404.html")
    assert page.locator("h1").inner_text() == "Deze pagina bestaat niet"
    assert page.title() == "Pagina niet gevonden - Praktijkbank"
    assert page.locator(".md-content a[href$='praktijken/']").count() == 1
    assert page.locator(".pb-search").count() == 1  # the search is there to find what was meant
    footer = page.locator("footer").inner_text()
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    page.goto(real_site.url + "/")
    assert page.title() == "Praktijkbank"  # not "Praktijkbank - Praktijkbank"
    labels = page.eval_on_selector_all("[aria-label]", "els => els.map(e => e.getAttribute('aria-label'))")
    assert not {"Header", "Footer", "Tabs"} & set(labels)
    assert page.locator("a.headerlink").first.get_attribute("title") == "Vaste link naar dit kopje"


def test_the_search_box_speaks_dutch(page, real_site):
    page.goto(real_site.url + "/")
    box = page.locator(".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "Zoek een praktijk"
    box.fill("schoonmaak")
    page.wait_for_selector(".pagefind-ui__result")
    assert page.locator(".pagefind-ui__search-clear").inner_text() == "Wissen"
    assert "resultaten voor schoonmaak" in page.locator(".pagefind-ui__message").inner_text()
    tags = page.locator(".pagefind-ui__result-tag").all_inner_texts()
    assert tags and all(t.split(":")[0] in ("Soort", "Sector", "Plaats") for t in tags)


@pytest.mark.parametrize("html, fits", [
    ('<div style="width:600px">te breed</div>', False),
    ('<body style="overflow-x:hidden"><div style="width:600px">verborgen, maar te breed</div></body>', False),
    ('<div style="overflow-x:auto"><table><tr><td style="min-width:900px">schuift zichtbaar</td></tr></table></div>', True),
    ('<p>past</p>', True),
])
def test_the_edge_check_finds_what_sticks_out(browser, html, fits):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_content(html)
    found = page.evaluate(PAST_THE_EDGE)
    context.close()
    assert (found["past"] == [] and found["scroll"] <= found["width"]) is fits


def test_editions_and_the_comparison_of_four_fit_1280_and_390(browser, real_site, jury_server):
    with urlopen(real_site.url + "/data/praktijken.json") as response:
        data = json.load(response)["practices"]
    four = ",".join([p["id"] for p in data if p.get("results")][:4])
    pages = [(real_site, "/prijzen/best-practice-award-2022/"), (real_site, "/prijzen/flevo-participatiepenning-2020/"),
             (real_site, f"/vergelijk/?p={four}"), (jury_server, "/prijzen/testprijs-2030/"),
             (jury_server, "/vergelijk/?p=alfa,bravo,charlie")]
    wide = {}
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        for server, path in pages:
            page.goto(server.url + path)
            if "vergelijk" in path:
                page.wait_for_selector(".pb-compare-table")
            found = page.evaluate(PAST_THE_EDGE)
            # at 1280 px nothing scrolls sideways, not even inside a box (the matrix and the comparison fit)
            inner = page.evaluate("() => [...document.querySelectorAll('.pb-matrix-wrap, .md-typeset__scrollwrap')]"
                                  ".filter(e => e.scrollWidth > e.clientWidth + 1).length") if width == 1280 else 0
            if found["scroll"] > found["width"] or found["past"] or inner:
                wide[(width, path)] = (found, inner)
        context.close()
    assert wide == {}


def test_the_comparison_shows_results_lessons_and_what_else_a_jury_weighs(page, real_site):
    page.goto(real_site.url + "/vergelijk/?p=deventer-qleaning-oekraiense-vluchtelingen,pilot-maasstad-ziekenhuis")
    page.wait_for_selector(".pb-compare-table")
    rows = page.eval_on_selector_all(".pb-compare-table tbody th", "els => els.map(e => e.textContent)")
    for aspect in ["Soort", "Sector", "Doelgroep", "Plaats en periode", "Organisaties", "Resultaten", "Wat werkte",
                   "Wat niet werkte", "Lessen", "Voorbeeldfunctie", "Bronnen"]:
        assert aspect in rows, aspect
    text = page.inner_text(".pb-compare-table")
    assert "Qleaning (opdrachtnemer" in text and "(gerealiseerd)" in text
    assert "Juryrapport Best Practice Award 2022" in text


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 1500);  // after the page's scripts have run
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/", "/praktijken/", "/praktijken/deventer-qleaning-oekraiense-vluchtelingen/"])
def test_nothing_jumps_while_a_page_loads(browser, real_site, width, path):
    """Before: the overview's filters, hidden without JavaScript, appeared only when the scripts at the
    end of the page ran and pushed the list down (Lighthouse's cumulative layout shift 0.30 on a phone)."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(real_site.url + path, wait_until="load")
        shift = page.evaluate(LAYOUT_SHIFT)
        if path == "/praktijken/":
            panel = page.locator("#pb-filter-panel")
            assert panel.is_visible()
            assert (panel.get_attribute("open") is None) == (width == 390)  # closed on a phone only
    finally:
        page.close()
    assert shift < 0.01, shift
