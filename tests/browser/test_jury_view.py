"""What a jury does: sort the matrix, pick nominations to compare, send the link, print."""

from __future__ import annotations

import pytest

from helpers import ROOT


@pytest.fixture
def jury_site(jury_server):
    return jury_server


def pick(page, practice_id: str) -> None:
    """Type a practice's title into the comparison's searchable picker, as a jury member does."""
    title = page.eval_on_selector(f'#pb-compare-options option[data-id="{practice_id}"]', "o => o.value")
    page.fill("input[name=add]", title)


def row_ids(page) -> list[str]:
    return page.eval_on_selector_all("#pb-matrix tbody tr input", "els => els.map(e => e.value)")


def test_matrix_sorts_by_any_column(page, jury_site):
    page.goto(jury_site.url + "/prijzen/testprijs-2030/")
    assert row_ids(page) == ["bravo", "alfa", "charlie"]
    page.click("#pb-matrix thead button:has-text('Nominatie')")
    assert row_ids(page) == ["alfa", "bravo", "charlie"]
    assert page.get_attribute("#pb-matrix thead th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#pb-matrix thead button:has-text('Nominatie')")
    assert row_ids(page) == ["charlie", "bravo", "alfa"]
    page.click("#pb-matrix thead button:has-text('Innovatie')")  # voldoet < deels < niet
    assert row_ids(page) == ["bravo", "charlie", "alfa"]


def test_comparison_from_the_matrix_and_its_url(page, jury_site):
    page.goto(jury_site.url + "/prijzen/testprijs-2030/")
    page.check("input[value=alfa]")
    page.check("input[value=charlie]")
    page.click("#pb-compare-go")
    page.wait_for_selector(".pb-compare-table")
    assert page.url.endswith("/vergelijk/?editie=testprijs-2030&p=alfa,charlie")
    heads = page.eval_on_selector_all(".pb-compare-table thead th a", "els => els.map(e => e.textContent)")
    assert heads == ["Alfa werkt samen", "Charlie doet mee"]
    text = page.inner_text(".pb-compare-table")
    assert "De jury over innovatie bij Charlie doet mee." in text
    assert "Oordeel van de jury" in text
    # the URL alone restores the comparison, in a fresh page: a jury member can send it on
    other = page.context.new_page()
    other.goto(jury_site.url + "/vergelijk/?p=bravo,alfa,charlie")
    other.wait_for_selector(".pb-compare-table")
    assert other.eval_on_selector_all(".pb-compare-table thead th a", "els => els.length") == 3
    pick(other, "bravo")  # already there: no duplicate
    assert other.url.endswith("?p=bravo,alfa,charlie")


def test_comparison_reached_from_a_practice_page(page, jury_site):
    page.goto(jury_site.url + "/praktijken/alfa/")
    page.click("text=Vergelijk met andere praktijken")
    page.wait_for_url("**/vergelijk/?p=alfa")
    page.wait_for_selector("#pb-compare-form:not([hidden])")  # the script has set up the form
    pick(page, "bravo")
    page.wait_for_function("document.querySelectorAll('.pb-compare-table thead th a').length === 2")
    assert page.url.endswith("?p=alfa,bravo")


def test_print_hides_navigation_and_breaks_pages_between_nominations(page, jury_site, tmp_path):
    page.goto(jury_site.url + "/prijzen/testprijs-2030/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".pb-search", "#pb-compare-go"]:
        assert not page.is_visible(selector), selector
    breaks = page.eval_on_selector_all(".pb-nomination", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks == ["page"] * 3
    page.screenshot(path=str(tmp_path / "print.png"), full_page=True)
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 4


def test_the_picker_started_from_an_edition_offers_its_nominations_only(page, jury_site):
    page.goto(jury_site.url + "/vergelijk/?editie=testprijs-2030&p=alfa")
    page.wait_for_selector("#pb-compare-form:not([hidden])")
    offered = page.eval_on_selector_all("#pb-compare-options option", "els => els.map(e => e.dataset.id)")
    assert sorted(offered) == ["alfa", "bravo", "charlie"]
    assert page.is_visible("#pb-compare-scope")
    pick(page, "charlie")
    page.wait_for_function("document.querySelectorAll('.pb-compare-table thead th a').length === 2")
    assert page.url.endswith("?editie=testprijs-2030&p=alfa,charlie")

def test_the_picker_offers_every_practice_when_not_started_from_an_edition(page, real_site):
    page.goto(real_site.url + "/vergelijk/?editie=best-practice-award-2022")
    page.wait_for_selector("#pb-compare-form:not([hidden])")
    assert page.eval_on_selector_all("#pb-compare-options option", "els => els.map(e => e.dataset.id)") == [
        "deventer-qleaning-oekraiense-vluchtelingen"]
    page.goto(real_site.url + "/vergelijk/")
    page.wait_for_selector("#pb-compare-form:not([hidden])")
    records = len(list((ROOT / "practices").glob("*.yaml")))
    assert page.eval_on_selector_all("#pb-compare-options option", "els => els.length") == records
    assert not page.is_visible("#pb-compare-scope")


def test_print_hides_the_on_screen_instructions(page, jury_site):
    page.goto(jury_site.url + "/prijzen/testprijs-2030/")
    assert page.is_visible("text=klik op een cel voor de tekst van de jury")
    assert not page.is_visible(".pb-printonly")
    page.emulate_media(media="print")
    assert not page.is_visible("text=klik op een cel voor de tekst van de jury")
    # on paper: where it comes from and when, and the jury texts start on a page of their own
    assert page.is_visible(".pb-printonly") and "prijzen/testprijs-2030/" in page.inner_text(".pb-printonly")
    assert page.eval_on_selector("#juryteksten-per-nominatie", "e => getComputedStyle(e).breakBefore") == "page"
