"""What an employer does: search, filter, share a filtered view, download the data."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from helpers import ROOT
from browser.conftest import AXE
from sites import STEMMING

DEVENTER = "deventer-qleaning-oekraiense-vluchtelingen"


def search_urls(page, base: str, query: str) -> list[str]:
    """Every result URL for a query, straight from the Pagefind index the site ships."""
    page.goto(base + "/")
    return page.evaluate(
        """async (q) => {
            const pf = await import('/pagefind/pagefind.js');
            const search = await pf.search(q);
            const data = await Promise.all(search.results.map(r => r.data()));
            return data.map(d => d.url);
        }""",
        query,
    )


def test_search_box_shows_results_in_the_header(page, real_site):
    page.goto(real_site.url + "/")
    page.fill(".pagefind-ui__search-input", "Qleaning")
    first = page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    links = [a.get_attribute("href") for a in page.query_selector_all(".pagefind-ui__result-link")]
    assert any(DEVENTER in href for href in links), links


def test_searching_ketensamenwerking_lists_the_deventer_practice(page, real_site):
    urls = search_urls(page, real_site.url, "ketensamenwerking")
    assert any(DEVENTER in u for u in urls), urls


def test_stemming_schoonmaker_finds_pages_that_only_say_schoonmakers(page, records_server):
    assert not re.search(r"\bschoonmaker\b", STEMMING["meervoud"])
    urls = search_urls(page, records_server.url, "schoonmaker")
    assert any("/praktijken/meervoud/" in u for u in urls), urls
    page.goto(records_server.url + "/praktijken/meervoud/")
    assert not re.search(r"\bschoonmaker\b", page.inner_text("article").lower())


def visible_count(page) -> int:
    return page.eval_on_selector_all("#pb-cards > li", "els => els.filter(e => !e.hidden).length")


def site_data(real_site) -> list[dict]:
    from urllib.request import urlopen
    with urlopen(real_site.url + "/data/praktijken.json") as response:
        return json.load(response)["practices"]


def test_filters_combine_and_the_count_matches(page, real_site):
    data = site_data(real_site)
    page.goto(real_site.url + "/praktijken/")
    total = visible_count(page)
    assert total == len(data)
    page.select_option("select[name=sector]", "schoonmaak")
    one = visible_count(page)
    page.select_option("select[name=soort]", "pilot")
    two = visible_count(page)
    assert 0 < two < one < total
    assert page.text_content("#pb-count") == str(two)
    expected = [p for p in data if "schoonmaak" in p["sectors"] and p["kind"] == "pilot"]
    assert two == len(expected)
    assert "sector=schoonmaak" in page.url and "soort=pilot" in page.url


def test_criterion_and_verdict_filter(page, real_site):
    data = site_data(real_site)
    page.goto(real_site.url + "/praktijken/?criterium=innovatie&oordeel=voldoet-deels")
    expected = [p for p in data if (p.get("criteria") or {}).get("innovatie", {}).get("verdict") == "voldoet-deels"]
    assert visible_count(page) == len(expected) > 0


MEETS = ("voldoet", "voldoet-deels")


@pytest.mark.parametrize("criterion", ["ketensamenwerking", "innovatie", "effect-op-werkenden"])
def test_a_criterion_filter_alone_keeps_the_practices_that_meet_it(page, real_site, criterion):
    # before: every card carried all five criteria, so "Ketensamenwerking" still showed 61 of 61
    data = site_data(real_site)
    page.goto(real_site.url + "/praktijken/")
    page.select_option("select[name=criterium]", criterion)
    expected = [p for p in data if (p.get("criteria") or {}).get(criterion, {}).get("verdict") in MEETS]
    assert 0 < visible_count(page) == len(expected) < len(data)
    assert page.text_content("#pb-count") == str(len(expected))


def test_every_option_counts_what_it_would_leave_and_a_chip_removes_its_filter(page, real_site):
    data = site_data(real_site)
    page.goto(real_site.url + "/praktijken/?sector=schoonmaak")
    cleaning = [p for p in data if "schoonmaak" in p["sectors"]]
    pilots = [p for p in cleaning if p["kind"] == "pilot"]
    assert page.text_content("select[name=soort] option[value=pilot]") == f"Pilot ({len(pilots)})"
    empty = page.locator("select[name=soort] option:disabled")  # no such practice in the cleaning sector
    assert empty.count() == sum(1 for o in page.locator("select[name=soort] option").all_text_contents() if o.endswith("(0)"))
    chip = page.locator("#pb-chips .pb-chip")
    assert chip.count() == 1 and chip.first.text_content().startswith("Sector: Schoonmaak")
    chip.first.click()
    assert visible_count(page) == len(data) and "sector=" not in page.url


def test_no_match_says_which_filter_to_loosen(page, real_site):
    page.goto(real_site.url + "/praktijken/?sector=schoonmaak&soort=nominatie&criterium=duurzaamheid&oordeel=voldoet-niet")
    assert visible_count(page) == 0
    text = page.text_content(".pb-count")
    assert text.startswith("0 van ") and "Geen praktijk past bij al deze filters; laat het filter " in text


def test_sort_by_title_and_full_practices_before_teasers(page, real_site):
    page.goto(real_site.url + "/praktijken/?sorteer=titel")
    titles = page.locator("#pb-cards > li:not([hidden]) h2").all_text_contents()
    assert titles == sorted(titles, key=str.lower) or titles == sorted(titles, key=lambda t: t.casefold())
    page.goto(real_site.url + "/praktijken/")
    teaser = page.locator("#pb-cards > li .pb-teaser")
    if teaser.count():  # a teaser never stands above a full practice
        cards = page.locator("#pb-cards > li")
        flags = [cards.nth(i).locator(".pb-teaser").count() > 0 for i in range(cards.count())]
        assert flags == sorted(flags)


def test_shared_filter_url_restores_the_filter(page, real_site):
    page.goto(real_site.url + "/praktijken/?sector=schoonmaak&soort=pilot")
    assert page.input_value("select[name=sector]") == "schoonmaak"
    assert page.input_value("select[name=soort]") == "pilot"
    shown = visible_count(page)
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#pb-cards > li[hidden]').length === 0")
    assert visible_count(page) > shown


def test_without_javascript_the_overview_lists_every_practice(browser, real_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site.url + "/praktijken/?sector=schoonmaak")
    count = page.eval_on_selector_all("#pb-cards > li", "els => els.length")
    context.close()
    assert count == len(list((ROOT / "practices").glob("*.yaml")))


def test_exports_hold_every_record(page, real_site):
    ids = sorted(p.stem for p in (ROOT / "practices").glob("*.yaml"))
    page.goto(real_site.url + "/praktijken/")
    page.click("a[href$='data/praktijken.json']")
    data = json.loads(page.evaluate("document.body.innerText"))
    assert sorted(p["id"] for p in data["practices"]) == ids
    csv_text = page.evaluate("fetch('/data/praktijken.csv').then(r => r.text())")
    assert sorted(r["id"] for r in csv.DictReader(io.StringIO(csv_text))) == ids


def test_no_request_leaves_the_site(page, real_site):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    for path in ["/", f"/praktijken/{DEVENTER}/", "/criteria/innovatie/", "/praktijken/", "/prijzen/best-practice-award-2022/"]:
        page.goto(real_site.url + path)
        page.wait_for_load_state("networkidle")
    page.fill(".pagefind-ui__search-input", "schoonmaak")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    foreign = [u for u in requests if not (u.startswith(real_site.url + "/") or u.startswith("data:"))]
    assert requests and foreign == []


@pytest.mark.parametrize("path", ["/", f"/praktijken/{DEVENTER}/", "/criteria/innovatie/", "/praktijken/"])
def test_accessibility_axe_wcag21_aa(page, real_site, path):
    assert AXE.is_file(), "axe-core missing: run `make browser-deps` (npm install)"
    page.goto(real_site.url + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
