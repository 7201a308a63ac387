"""HTML and script in text fields are shown as text, never run, in every place a text appears:
the generated Markdown, every built HTML page (practice, criterion, facet, overview, edition,
comparison, related and similar lists), titles and meta tags, and the CSV and JSON exports.

One build (shared by the session, tests/sites.py) of records that each carry a hostile
payload in every text field (see hostile_input.py), plus records whose text would start a
spreadsheet formula; the Markdown checks render the same records in-process.
"""

from __future__ import annotations

import csv
import html
import io
import json
import mimetypes
import re
from pathlib import Path

import pytest
import yaml

from generator.build import Project, check, render_pages
from generator.config import load_config
from generator.exports import FORMULA_START
from generator.model import build_collection
from generator.render import first_sentence, flat
from generator.similar import assign_similar

from hostile_input import FORMULAS, PAYLOADS, RAW_FRAGMENTS, UNSAFE_LINK_PATTERNS, live_markup
from sites import Built, records_project, snapshot, test_records


@pytest.fixture
def built(records_site) -> Built:
    """The test records (hostile, formulas, plain, stemming), built once per session."""
    return records_site


@pytest.fixture(scope="module")
def markdown(tmp_path_factory) -> dict[str, str]:
    """The generated pages of the same records, rendered in-process (no site build)."""
    project = records_project(tmp_path_factory.mktemp("vijandig-md"), test_records())
    config = load_config(project / "site_config")
    result = check(project / "practices", config)
    assert result.ok, [p.format() for p in result.problems]
    collection = build_collection(result.documents, config)
    assign_similar(collection)
    pages = render_pages(collection, Project(project))
    # bytes are copied files (content/, assets); every str page came through a template
    return {path: text for path, text in pages.items() if isinstance(text, str) and path.endswith(".md")}


def title_of(rid: str, built: Built) -> str:
    return yaml.safe_load(built.records[rid])["title"]


# -- the Markdown the generator writes --------------------------------------------------------

def test_generated_markdown_holds_no_raw_html_unsafe_link_image_or_attribute_list(markdown):
    assert len(markdown) > 20
    for path, text in markdown.items():
        text = body_of(text)
        for fragment in RAW_FRAGMENTS:
            assert fragment not in text, (path, fragment)
        for pattern in UNSAFE_LINK_PATTERNS:
            assert not re.search(pattern, text), (path, re.search(pattern, text).group(0))


def body_of(page: str) -> str:
    return page.split("---\n", 2)[2] if page.startswith("---\n") else page


def test_front_matter_titles_and_descriptions_are_escaped(markdown):
    """MkDocs prints page.meta.title and .description into <title> and <meta> unescaped."""
    for path, text in markdown.items():
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        for key, value in meta.items():
            if isinstance(value, str):
                assert not re.search(r'[<>"]', value), (path, key, value)


# -- the built HTML ---------------------------------------------------------------------------

def test_no_page_holds_live_markup_from_a_record(built):
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 40
    found = {str(p.relative_to(built.site)): live_markup(p.read_text()) for p in pages}
    assert {page: live for page, live in found.items() if live} == {}


def test_the_not_found_page_asks_no_other_host(built):
    assert live_markup((built.site / "404.html").read_text()) == []


def visible_text(page: Path) -> str:
    """The page's text as a reader sees it (markup removed, entities decoded)."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page.read_text())
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("page", [
    "praktijken/vijandig-0/index.html",                       # the practice page itself
    "praktijken/vijandig-20/index.html",                      # "Verwante praktijken" lists vijandig-0
    "praktijken/index.html",                                  # the overview cards
    "criteria/innovatie/index.html",                          # a criterion page
    "sectoren/schoonmaak/index.html", "doelgroepen/statushouders/index.html",
    "regios/overijssel/index.html", "soorten/nominatie/index.html",  # the facet pages
    "prijzen/best-practice-award-2022/index.html",            # the edition page
])
def test_every_place_shows_the_script_as_text(built, page):
    path = built.site / page
    assert path.is_file(), page
    assert title_of("vijandig-0", built) in visible_text(path)
    assert live_markup(path.read_text()) == []


def test_similar_practices_show_hostile_titles_as_text(built):
    text = (built.site / "praktijken" / "vijandig-5" / "index.html").read_text()
    similar = text.split('id="verwante-praktijken"', 1)[1]
    assert "Praktijk " in similar and live_markup(similar) == []


def test_the_comparison_page_lists_titles_as_text(built):
    # the searchable picker offers the titles as option values: escaped, so they are text
    import html as html_module

    text = (built.site / "vergelijk" / "index.html").read_text()
    offered = [html_module.unescape(v) for v in re.findall(r'<option value="([^"]*)" data-id=', text)]
    assert title_of("vijandig-0", built) in offered
    assert live_markup(text.split('<datalist id="pb-compare-options">')[1].split("</datalist>")[0]) == []


def head_of(page: Path) -> tuple[str, str]:
    """(<title> text, meta description) as a browser reads them."""
    text = page.read_text()
    title = re.search(r"(?s)<title>(.*?)</title>", text).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', text).group(1)
    assert "<" not in title and "<" not in description
    return html.unescape(title), html.unescape(description)


@pytest.mark.parametrize("nr", range(len(PAYLOADS)))
def test_title_and_meta_description_hold_the_text_exactly(built, nr):
    rid = f"vijandig-{nr}"
    record = yaml.safe_load(built.records[rid])
    title, description = head_of(built.site / "praktijken" / rid / "index.html")
    assert title == f"{flat(record['title'])} - Praktijkbank"  # one line: a title never holds a line break
    assert description == first_sentence(flat(record["summary"]), 300)


# -- the exports --------------------------------------------------------------------------------

def test_no_csv_cell_can_start_a_formula(built):
    files = sorted(built.site.rglob("*.csv"))
    assert built.site / "data" / "praktijken.csv" in files
    guarded = 0
    for path in files:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            for cell in row:
                assert cell.lstrip(" ")[:1] not in FORMULA_START, (path.name, cell)
                guarded += cell.startswith("'") and cell[1:].lstrip(" ")[:1] in FORMULA_START
    # title, summary, organisation, place and results of each (source titles come from the registry now)
    assert guarded >= len(FORMULAS) * 4


def test_csv_keeps_the_hostile_text_as_data(built):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((built.site / "data" / "praktijken.csv").read_text()))}
    assert rows["vijandig-0"]["title"] == title_of("vijandig-0", built)
    assert rows["formule-is"]["title"] == "'" + FORMULAS["formule-is"] + " titel"


def test_json_keeps_the_record_as_written_and_is_served_as_json(built):
    data = json.loads((built.site / "data" / "praktijken.json").read_text())
    by_id = {p["id"]: p for p in data["practices"]}
    for rid, text in built.records.items():
        record = yaml.safe_load(text)
        assert {k: v for k, v in by_id[rid].items() if k not in ("id", "url", "first_published", "last_changed")} == record
    # JSON is data, not a page: the raw text is right there, as long as no browser renders it as HTML
    assert mimetypes.guess_type("praktijken.json")[0] == "application/json"


# -- inputs and outputs -----------------------------------------------------------------------------

def test_the_build_changed_no_input_and_wrote_nothing_outside_its_output(built):
    assert snapshot(built.project) == built.inputs_before
    assert sorted(p.name for p in built.project.iterdir()) == ["build", "content", "mkdocs.yml", "practices", "site", "site_config"]
    # build/ holds the docs tree and the caches of preview cards (preview_cards.py) and jury reports
    # (jury_report.py), nothing else
    assert sorted(p.name for p in (built.project / "build").iterdir()) == ["cache", "docs"]
    assert sorted(p.name for p in (built.project / "build" / "cache").iterdir()) == ["juryrapporten", "kaarten"]
    assert sorted(p.name for p in (built.project / "practices").iterdir()) == sorted(f"{rid}.yaml" for rid in built.records)
