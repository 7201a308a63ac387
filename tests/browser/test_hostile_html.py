"""Records full of hostile HTML, built and loaded in Chromium: no script of theirs runs.

Each payload (hostile_input.PAYLOADS) would set window.__pwned, open a dialog, log an
error or fetch from another host if it ever ran. Every page type that shows a record's
text is loaded, the search shows them as results, and the comparison view puts them side
by side; nothing may happen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
import yaml

from hostile_input import PAYLOADS, hostile_records

IDS = [f"vijandig-{nr}" for nr in range(len(PAYLOADS))]
LIVE_SELECTOR = ("iframe, object, embed, style:not([data-md-component]), [onclick], [onerror], [onload], "
                 "[onmouseover], a[href^='javascript:' i], img[src*='evil.example'], link[href*='evil.example']")


@pytest.fixture
def hostile_site(records_server):
    return records_server


@dataclass
class Watch:
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)


def watch(page, base: str) -> Watch:
    seen = Watch()

    def on_dialog(dialog):
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("request", lambda r: seen.foreign.append(r.url)
            if not (r.url.startswith(base + "/") or r.url.startswith("data:")) else None)
    return seen


def assert_nothing_ran(page, seen: Watch, where: str, idle: bool = True):
    # a payload would run or fetch while the page loads; scripts that fetch later
    # (search, comparison) get the network's quiet too
    page.wait_for_load_state("networkidle" if idle else "load")
    assert page.evaluate("typeof window.__pwned") == "undefined", where
    assert seen.dialogs == [], where
    assert seen.errors == [], where
    assert seen.foreign == [], where
    live = page.eval_on_selector_all(LIVE_SELECTOR, "els => els.map(e => e.outerHTML.slice(0, 120))")
    assert live == [], where


PAGES = [
    "/", "/praktijken/", "/criteria/innovatie/", "/criteria/voorbeeldfunctie/",
    "/sectoren/schoonmaak/", "/doelgroepen/statushouders/", "/regios/overijssel/", "/soorten/nominatie/",
    "/prijzen/", "/prijzen/best-practice-award-2022/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_a_record_runs(page, hostile_site, path):
    seen = watch(page, hostile_site.url)
    response = page.goto(hostile_site.url + path)
    assert response.status == 200
    if path not in ("/", "/prijzen/"):  # these two show no record's text
        assert "Praktijk " in page.inner_text("article")  # the hostile titles are there, as text
    assert_nothing_ran(page, seen, path)


def test_no_script_runs_on_any_practice_page(browser, hostile_site):
    """Each record's own page shows its payload in every field (one page per payload)."""
    context = browser.new_context()
    try:
        for rid in IDS:
            page = context.new_page()
            seen = watch(page, hostile_site.url)
            assert page.goto(f"{hostile_site.url}/praktijken/{rid}/").status == 200
            assert "Praktijk " in page.inner_text("article")
            assert_nothing_ran(page, seen, rid, idle=False)
            page.close()
    finally:
        context.close()


def test_a_title_with_a_script_shows_as_text_in_title_heading_and_tab(page, hostile_site):
    seen = watch(page, hostile_site.url)
    page.goto(hostile_site.url + "/praktijken/vijandig-0/")
    title = yaml.safe_load(hostile_records()["vijandig-0"])["title"]
    assert page.title() == f"{title} - Praktijkbank"
    assert page.inner_text("article h1").rstrip("¶ \n") == title
    assert_nothing_ran(page, seen, "title")


@pytest.mark.parametrize("group", range(0, len(IDS), 4))
def test_the_comparison_view_shows_hostile_records_as_text(page, hostile_site, group):
    ids = IDS[group:group + 4]
    seen = watch(page, hostile_site.url)
    page.goto(hostile_site.url + "/vergelijk/?p=" + ",".join(ids))
    if len(ids) >= 2:
        page.wait_for_selector(".pb-compare-table", timeout=5000)
        assert f"Praktijk {group} " in page.inner_text(".pb-compare-table")
    assert_nothing_ran(page, seen, f"vergelijk {ids}")


@pytest.mark.parametrize("query", ["script", "iframe", "onerror", "javascript", "style", "klik", "Bedrijf"])
def test_search_results_show_hostile_text_as_text(page, hostile_site, query):
    seen = watch(page, hostile_site.url)
    page.goto(hostile_site.url + "/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=5000)
    page.wait_for_timeout(300)  # let every result's excerpt render
    assert "Praktijk " in page.inner_text(".pagefind-ui__results")
    assert_nothing_ran(page, seen, f"zoeken: {query}")


def test_using_the_filters_and_the_matrix_runs_nothing(page, hostile_site):
    seen = watch(page, hostile_site.url)
    page.goto(hostile_site.url + "/praktijken/?soort=nominatie")
    page.select_option("select[name=sector]", "schoonmaak")
    page.goto(hostile_site.url + "/prijzen/best-practice-award-2022/")
    for button in page.query_selector_all("#pb-matrix button[data-sort]"):
        button.click()
    page.hover("article")
    assert_nothing_ran(page, seen, "filters en matrix")
