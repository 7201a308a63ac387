"""The jury view: an edition with several nominations, its matrix, CSV and comparison data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers import ROOT


@pytest.fixture
def jury_site(jury_site_dir):
    """The jury edition of tests/sites.py, built once per session."""
    return jury_site_dir


def test_matrix_has_a_row_per_nomination_and_a_column_per_criterion(jury_site):
    html = (jury_site / "prijzen" / "testprijs-2030" / "index.html").read_text()
    table = html.split('id="pb-matrix"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 3
    for label in ["Voorbeeldfunctie", "Innovatie", "Ketensamenwerking"]:
        assert f'aria-label="{label}">' in table  # the full name; the heading shows the short one
    assert "Duurzaamheid" not in table  # not a criterion of this edition
    # winner first, then finalist, then nominee
    assert table.index("Bravo") < table.index("Alfa") < table.index("Charlie")
    # verdict as icon and word, linked to the jury's text
    assert 'href="../../praktijken/alfa/#criterium-innovatie"' in table
    assert "✘</span> Voldoet niet" in table
    assert "onbekend" in table  # bravo has no verdict on ketensamenwerking


def test_edition_page_says_when_nominations_are_missing(jury_site):
    html = (jury_site / "prijzen" / "testprijs-2030" / "index.html").read_text()
    assert "Niet alle nominaties zijn gedocumenteerd" in html
    assert "Van de 5 nominaties staan er 3 in Praktijkbank" in html
    assert "kent de juryrapporten van 2 daarvan" in html  # winnaar + finalist of 3 finalists


def test_real_2022_edition_shows_deventer_with_all_five_criteria():
    from generator.build import check
    from generator.config import load_config
    from generator.model import build_collection

    config = load_config(ROOT / "site_config")
    collection = build_collection(check(ROOT / "practices", config).documents, config)
    [edition] = [e for e in collection.editions if e.id == "best-practice-award-2022"]
    [deventer] = [p for p in edition.nominations if p.id.startswith("deventer")]
    assert [a.criterion.id for a in deventer.assessments if a.is_jury] == [t.id for t in edition.criteria]
    assert len(edition.criteria) == 5


def test_matrix_csv(jury_site):
    rows = list(csv.DictReader(io.StringIO((jury_site / "prijzen" / "testprijs-2030" / "matrix.csv").read_text())))
    assert [r["id"] for r in rows] == ["bravo", "alfa", "charlie"]
    assert rows[1]["innovatie"] == "voldoet-niet" and rows[1]["innovatie_door"] == "jury"
    assert rows[0]["ketensamenwerking"] == ""
    assert rows[0]["fase"] == "winnaar"


def test_comparison_data_per_practice(jury_site):
    data = json.loads((jury_site / "data" / "praktijken" / "alfa.json").read_text())
    assert data["criteria"]["innovatie"] == {"verdict": "voldoet-niet", "by": "jury", "text": "De jury over innovatie bij Alfa werkt samen."}
