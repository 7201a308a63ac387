"""A large site's search index comes in bundles (generator/search_index.py), so that a build's
memory stays bounded: the real site, built with 25 pages per bundle, has three, and one search in
the header still covers all of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import sites
from browser.conftest import SiteServer
from helpers import ROOT

PAGES_PER_BUNDLE = "25"
BODY = "data-pagefind-body"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory) -> Path:
    return sites.build(tmp_path_factory.mktemp("bundles") / "site", ROOT, "--strict",
                       env={"PRAKTIJKBANK_SEARCH_PAGES": PAGES_PER_BUNDLE})


@pytest.fixture(scope="module")
def split_server(split_site):
    server = SiteServer(split_site)
    yield server
    server.close()


def searched_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).parts[0].startswith(("pagefind", "admin"))
            and BODY in p.read_text(encoding="utf-8")]


def page_counts(site: Path) -> dict[str, int]:
    counts = {}
    for entry in sorted(site.glob("pagefind*/pagefind-entry.json")):
        languages = json.loads(entry.read_text())["languages"]
        counts[entry.parent.name] = sum(lang["page_count"] for lang in languages.values())
    return counts


def test_every_searched_page_is_in_exactly_one_bundle_and_no_bundle_is_empty(split_site):
    counts = page_counts(split_site)
    assert list(counts) == ["pagefind", "pagefind-2", "pagefind-3"], counts
    assert all(n > 0 for n in counts.values()), counts  # an empty bundle breaks the merged search
    assert sum(counts.values()) == len(searched_pages(split_site)), counts
    assert max(counts.values()) <= int(PAGES_PER_BUNDLE)


def test_a_site_of_one_bundle_has_nothing_to_merge(real_site_dir):
    assert list(page_counts(real_site_dir)) == ["pagefind"]
    assert "data-merge" not in (real_site_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("page, up", [("index.html", ""), ("praktijken/index.html", "../"),
                                       ("criteria/innovatie/index.html", "../../")])
def test_every_page_names_the_bundles_relative_to_itself(split_site, page, up):
    html = (split_site / page).read_text(encoding="utf-8")
    box = re.search(r'<div id="pb-search"[^>]*>', html).group(0)
    assert f'data-bundle="{up}pagefind/"' in box, box
    assert f'data-merge="{up}pagefind-2/ {up}pagefind-3/"' in box, box


def bundle_of(site: Path, practice: str) -> str:
    """The bundle whose index holds a practice's page (its fragments name the URL)."""
    import gzip

    for fragment in site.glob("pagefind*/fragment/*.pf_fragment"):
        if f"/praktijken/{practice}/".encode() in gzip.decompress(fragment.read_bytes()):
            return fragment.parent.parent.name
    raise AssertionError(f"{practice} is in no bundle")


@pytest.mark.parametrize("query, practice", [("Qleaning", "deventer-qleaning-oekraiense-vluchtelingen"),
                                             ("Rabobank", "rabobank-rabo-inclusief"),
                                             ("vakantieparken", "molecaten-vakantieparken-banenafspraak")])
def test_the_search_box_finds_a_practice_in_whichever_bundle_it_is(page, split_site, split_server, query, practice):
    page.goto(split_server.url + "/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    first = page.locator(".pagefind-ui__result-link").first.get_attribute("href")
    assert f"/praktijken/{practice}/" in first, (first, bundle_of(split_site, practice))


def test_the_three_practices_above_lie_in_more_than_one_bundle(split_site):
    # else the test above would not show that the merge works
    found = {bundle_of(split_site, p) for p in ("deventer-qleaning-oekraiense-vluchtelingen",
                                                "rabobank-rabo-inclusief",
                                                "molecaten-vakantieparken-banenafspraak")}
    assert len(found) == 3, found


def test_serve_indexes_a_built_site_again_into_the_same_bundles(split_site, tmp_path):
    """serve's background re-index (a dirty rebuild passes only the changed pages) reads the
    site's files: the same bundles, holding the same pages, as the streamed index of the build."""
    import shutil

    from generator.search_index import build_search_index

    again = tmp_path / "site"
    shutil.copytree(split_site, again, ignore=shutil.ignore_patterns("pagefind*"))
    build_search_index(again, 3)
    assert page_counts(again) == page_counts(split_site)
