"""Ready to publish (issue "Ready to publish"): a renamed practice keeps its old address, the
licence is in the footer and the exports, and a practice says how to cite it."""

from __future__ import annotations

import json

import pytest

from browser.conftest import SiteServer
from helpers import VALID_RECORD
from sites import build, records_project

pytestmark = pytest.mark.subprocess

RENAMED = VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Een praktijk met een nieuwe naam") \
    + "aliases: [de-oude-naam, nog-ouder]\n"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    project = records_project(tmp_path_factory.mktemp("hernoemd"), {"nieuwe-naam": RENAMED, "gewoon": VALID_RECORD})
    server = SiteServer(build(project / "site", project))  # no --strict: content/ links to the real records
    yield server
    server.close()


@pytest.mark.parametrize("old", ["de-oude-naam", "nog-ouder"])
def test_an_old_address_leads_to_the_renamed_practice(page, renamed_site, old):
    page.goto(renamed_site.url + f"/praktijken/{old}/")
    page.wait_for_url("**/praktijken/nieuwe-naam/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Een praktijk met een nieuwe naam"


def test_the_old_address_is_no_practice_of_its_own(renamed_site):
    from urllib.request import urlopen

    with urlopen(renamed_site.url + "/data/praktijken.json") as response:
        data = json.load(response)
    assert sorted(p["id"] for p in data["practices"]) == ["gewoon", "nieuwe-naam"]
    assert data["license"]["name"] == "CC BY 4.0"
    with urlopen(renamed_site.url + "/data/LICENTIE.txt") as response:
        assert "CC BY 4.0" in response.read().decode("utf-8")


def test_the_licence_is_in_the_footer_and_a_practice_says_how_to_cite_it(page, renamed_site):
    page.goto(renamed_site.url + "/praktijken/gewoon/")
    footer = page.locator("footer").inner_text()
    assert "CC BY 4.0" in footer and "hergebruik mag, met naamsvermelding" in footer
    cite = page.locator(".pb-cite").inner_text()
    assert cite.startswith("„Een voorbeeldpraktijk om mee te testen”. In: Praktijkbank, " + renamed_site.url + "/praktijken/gewoon/")
    assert "geraadpleegd op " in cite and cite.endswith("Licentie: CC BY 4.0.")
