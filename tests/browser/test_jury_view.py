"""What a jury does: sort the matrix, pick nominations to compare, send the link, print."""

from __future__ import annotations

import pytest


@pytest.fixture
def jury_site(jury_server):
    return jury_server


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
    assert page.url.endswith("/vergelijk/?p=alfa,charlie")
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
    other.select_option("select[name=add]", "bravo")  # already there: no duplicate
    assert other.url.endswith("?p=bravo,alfa,charlie")


def test_comparison_reached_from_a_practice_page(page, jury_site):
    page.goto(jury_site.url + "/praktijken/alfa/")
    page.click("text=Vergelijk met andere praktijken")
    page.wait_for_url("**/vergelijk/?p=alfa")
    page.wait_for_selector("#pb-compare-form:not([hidden])")  # the script has set up the form
    page.select_option("select[name=add]", "bravo")
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
