"""Whole builds with MkDocs in strict mode, and what the pages say."""

import csv
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.context import BuildContext

from helpers import ROOT, VALID_RECORD, run_cli, write

DEVENTER = "deventer-qleaning-oekraiense-vluchtelingen"
CRITERIA = ["voorbeeldfunctie", "ketensamenwerking", "duurzaamheid", "innovatie", "effect-op-werkenden"]


@pytest.fixture
def built_site(real_site_dir) -> Path:
    """The real records, built once per session with `praktijkbank build --strict` (conftest.py)."""
    return real_site_dir


class Links(HTMLParser):
    """The href of every link, and of every link inside a <nav>."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.all: list[str] = []
        self.nav: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "nav"
        if tag == "a" and (href := dict(attrs).get("href")) is not None:
            self.all.append(href)
            if self.depth:
                self.nav.append(href)

    def handle_endtag(self, tag):
        self.depth -= tag == "nav" and self.depth > 0


def links_of(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    parser.close()
    return parser


def test_build_writes_every_page(built_site):
    ids = [p.stem for p in (ROOT / "practices").glob("*.yaml")]
    assert (built_site / "index.html").is_file()
    for pid in ids:
        assert (built_site / "praktijken" / pid / "index.html").is_file(), pid
    for cid in CRITERIA:
        assert (built_site / "criteria" / cid / "index.html").is_file()
    schema = json.loads((built_site / "schema" / "practice.schema.json").read_text())
    assert schema["$schema"].endswith("2020-12/schema")


def test_practice_page_shows_the_record(built_site):
    html = (built_site / "praktijken" / DEVENTER / "index.html").read_text()
    for text in ["Qleaning", "Gemeente Deventer", "opdrachtgever", "Finalist", "Best Practice Award 2022",
                 "Oordeel van de jury", "Voldoet deels", "r. 84-91", "objectleidster",
                 "Juryrapport Best Practice Award 2022", "Wat niet werkte", "Lessen"]:
        assert text in html, text


def test_an_edition_whose_sources_name_no_criteria_lists_its_nominees_without_a_matrix(built_site):
    # issue "Content you can trust": the Flevo-Participatiepenning 2020 and the All-in
    # Werkgeversprijs are editions now; no verdict is invented for them
    flevo = (built_site / "prijzen" / "flevo-participatiepenning-2020" / "index.html").read_text()
    nominees = [p.stem for p in (ROOT / "practices").glob("*-genomineerd-flevo-participatiepenning.yaml")]
    assert len(nominees) == 5
    for pid in nominees:
        assert f'href="../../praktijken/{pid}/"' in flevo
    assert 'class="pb-matrix"' not in flevo and "Praktijkbank verzint geen juryoordeel" in flevo
    all_in = (built_site / "prijzen" / "all-in-werkgeversprijs-2020" / "index.html").read_text()
    assert "De bronnen noemen geen nominaties of winnaars bij naam." in all_in and 'class="pb-matrix"' not in all_in
    editions = (built_site / "prijzen" / "index.html").read_text()
    assert "Flevo-Participatiepenning 2020</a>: organisator onbekend. 5 nominaties" in editions


def test_criterion_page_groups_by_verdict_and_separates_jury_from_redactie(built_site):
    html = (built_site / "criteria" / "innovatie" / "index.html").read_text()
    article = html.split('<h2 id="oordelen-van-de-jury"')[1]
    jury, _, redactie = article.partition('<h2 id="inschattingen-van-de-redactie"')
    assert DEVENTER in jury
    assert "Voldoet deels" in jury
    assert DEVENTER not in redactie


def test_data_exports_hold_every_record(built_site):
    ids = sorted(p.stem for p in (ROOT / "practices").glob("*.yaml"))
    data = json.loads((built_site / "data" / "praktijken.json").read_text())
    assert sorted(p["id"] for p in data["practices"]) == ids
    rows = list(csv.DictReader(io.StringIO((built_site / "data" / "praktijken.csv").read_text())))
    assert sorted(r["id"] for r in rows) == ids


def test_navigation_never_lists_every_practice(built_site):
    """Practice pages are reached through the overview and the indexes, never the nav."""
    from urllib.parse import urljoin, urlsplit

    practice_pages = {f"/praktijken/{p.stem}/" for p in (ROOT / "practices").glob("*.yaml")}
    for url in ["/", f"/praktijken/{DEVENTER}/"]:
        links = links_of((built_site / url.strip("/") / "index.html").read_text())
        # every link in a <nav> (tabs, side navigation), resolved against the page's own URL;
        # links to a heading of the page itself (#…, its table of contents) are not the nav's
        in_nav = {urlsplit(urljoin(url, href)).path for href in links.nav if not href.startswith("#")}
        assert {"/", "/praktijken/", "/criteria/innovatie/"} <= in_nav, (url, in_nav)
        assert in_nav & practice_pages == set(), url


def test_pages_load_nothing_from_other_hosts(built_site):
    """Scripts, styles, fonts and images are local (links to read elsewhere are fine)."""
    import re
    for page in [built_site / "index.html", built_site / "praktijken" / DEVENTER / "index.html"]:
        html = page.read_text()
        loaded = re.findall(r'src="((?:https?:)?//[^"]+)"', html) + re.findall(r'<link[^>]+href="((?:https?:)?//[^"]+)"', html)
        assert loaded == []


def files_of(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.subprocess
def test_failed_build_leaves_the_previous_site_byte_for_byte(project, real_site_dir):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    out = project / "site"
    shutil.copytree(real_site_dir, out)  # the last good site
    before = files_of(out)
    write(project / "practices", "fout.yaml", VALID_RECORD.replace("kind: voorbeeld", "kind: x"))
    result = run_cli("build", "--out", str(out), cwd=project)
    assert result.returncode == 1
    assert "practices/fout.yaml:2:7: kind: tekst ('x') is geen toegestane waarde" in result.stderr
    assert before == files_of(out)
    assert not list(project.glob(".site-build-*"))


@pytest.mark.subprocess
def test_strict_build_with_a_broken_link_leaves_the_previous_site(project, real_site_dir):
    shutil.rmtree(project / "practices")
    shutil.copytree(ROOT / "practices", project / "practices")  # content/ links to real practices
    out = project / "site"
    shutil.copytree(real_site_dir, out)  # the last good (strict) build of these records
    before = files_of(out)
    (project / "content" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n")
    result = run_cli("build", "--strict", "--out", str(out), cwd=project)
    assert result.returncode == 1, result.stderr
    assert "bestaat-niet.md" in result.stderr
    assert before == files_of(out)
    assert not list(project.glob(".site-build-*"))


def test_unchanged_pages_are_not_rewritten(project):
    from generator.build import Project, generate

    write(project / "practices", "goed.yaml", VALID_RECORD)
    first = generate(Project(project))
    assert first.stats.written > 0
    second = generate(Project(project))
    assert second.stats.written == 0 and second.stats.unchanged == first.stats.written + first.stats.unchanged
    write(project / "practices", "goed.yaml", VALID_RECORD.replace("Een korte", "Een andere korte"))
    third = generate(Project(project))
    # the page, the overview and three facet pages that show its summary, the JSON, the CSV,
    # the practice's own JSON file and the feed (which carries the summary)
    assert third.stats.written == 9


def test_parallel_loading_gives_the_same_result_as_serial(tmp_path, monkeypatch):
    """PRAKTIJKBANK_WORKERS=2 splits loading and schema checks over processes: the records,
    their order and every problem (with line and column) must be what a serial run gives.

    Each run starts with an empty record cache: forked workers inherit the parent's cache,
    and with the serial run's results in it they would never parse a file themselves."""
    from generator import build
    from generator.build import PARALLEL_MIN_FILES, check
    from generator.config import load_config

    jury = "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: De jury vond het nieuw.}\n"
    for i in range(PARALLEL_MIN_FILES + 10):
        text = VALID_RECORD if i % 50 else VALID_RECORD.replace("kind: voorbeeld", "kind: fout")
        text += "related: [bestaat-niet]\n" if i % 70 == 0 else ""
        text += jury if i % 90 == 1 else ""  # a cross-record problem three levels deep
        write(tmp_path, f"r{i:03d}.yaml", text)
    config = load_config(ROOT / "site_config")
    serial_context, parallel_context = BuildContext(), BuildContext()
    monkeypatch.setenv("PRAKTIJKBANK_WORKERS", "1")
    serial = check(tmp_path, config, context=serial_context)
    assert len(serial_context.records) == PARALLEL_MIN_FILES + 10
    monkeypatch.setenv("PRAKTIJKBANK_WORKERS", "2")
    parallel = check(tmp_path, config, context=parallel_context)
    assert parallel_context.records == {}  # the workers did the loading, in their own processes
    assert [d.id for d in parallel.documents] == [d.id for d in serial.documents]
    assert parallel.problems == serial.problems
    assert [(Path(p.file).name, p.line, p.column, p.field) for p in serial.problems if "fout" not in p.message] == [
        ("r000.yaml", 10, 11, "related[0]"), ("r001.yaml", 11, 37, "criteria.innovatie.by"),
        ("r070.yaml", 10, 11, "related[0]"), ("r091.yaml", 11, 37, "criteria.innovatie.by"),
        ("r140.yaml", 10, 11, "related[0]"), ("r181.yaml", 11, 37, "criteria.innovatie.by"),
    ]
    assert len(serial.problems) == 5 + 6


def test_dates_come_from_git_and_a_record_without_history_says_so(tmp_path):
    import datetime as dt
    import subprocess

    from generator.history import practice_dates

    folder = tmp_path / "practices"
    folder.mkdir()
    old, new = write(folder, "oud.yaml", VALID_RECORD), write(folder, "nieuw.yaml", VALID_RECORD)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(git + ["add", "oud.yaml"], cwd=folder, check=True)
    env = {"GIT_COMMITTER_DATE": "2024-03-01T12:00:00", "GIT_AUTHOR_DATE": "2024-03-01T12:00:00", "PATH": "/usr/bin:/bin"}
    subprocess.run(git + ["commit", "-q", "-m", "een"], cwd=folder, check=True, env=env)
    old.write_text(VALID_RECORD + "place: Zwolle\n", encoding="utf-8")
    env = {**env, "GIT_COMMITTER_DATE": "2025-06-02T12:00:00", "GIT_AUTHOR_DATE": "2025-06-02T12:00:00"}
    subprocess.run(git + ["commit", "-q", "-am", "twee"], cwd=folder, check=True, env=env)
    dates = practice_dates([old, new], folder)
    assert (dates["oud"].first_published, dates["oud"].last_changed, dates["oud"].from_git) == ("2024-03-01", "2025-06-02", True)
    assert dates["nieuw"].from_git is False and dates["nieuw"].first_published == dt.date.today().isoformat()


def test_the_feed_is_atom_and_lists_the_latest_changed_practices(built_site):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{atom}feed" and root.find(f"{atom}title").text.startswith("Praktijkbank")
    entries = root.findall(f"{atom}entry")
    assert 0 < len(entries) <= 30
    updated = [e.find(f"{atom}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True)
    for entry in entries:
        href = entry.find(f"{atom}link").get("href")
        assert (built_site / href / "index.html").is_file(), href
        assert entry.find(f"{atom}id").text.startswith("tag:praktijkbank,2026:")
    home = (built_site / "index.html").read_text()
    assert 'type="application/atom+xml"' in home and 'href="feed.xml"' in home
    data = json.loads((built_site / "data" / "praktijken.json").read_text())
    assert all(p["first_published"] <= p["last_changed"] for p in data["practices"])


def test_edit_links_go_to_the_record_and_only_when_the_repository_is_known(tmp_path, built_site):
    import os
    import subprocess
    import sys

    from sites import records_project

    assert "Bewerk deze praktijk" not in (built_site / "praktijken" / DEVENTER / "index.html").read_text()  # no repo_url
    project = records_project(tmp_path / "p", {"gewoon": VALID_RECORD})
    env = {**os.environ, "PRAKTIJKBANK_REPO_URL": "https://github.com/voorbeeld/praktijkbank", "PRAKTIJKBANK_EDIT_BRANCH": "hoofd"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(tmp_path / "site")], cwd=project,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site" / "praktijken" / "gewoon" / "index.html").read_text()
    assert 'href="https://github.com/voorbeeld/praktijkbank/edit/hoofd/practices/gewoon.yaml"' in page
    assert "Bewerk deze praktijk</a>" in page
    # and the same record in the web editor's form, which the build put at /admin/
    assert 'href="../../admin/#/collections/praktijken/entries/gewoon"' in page
    assert (tmp_path / "site" / "admin" / "index.html").is_file()
    for other in ["index.html", "praktijken/index.html", "over/index.html"]:
        assert "/edit/" not in (tmp_path / "site" / other).read_text(), other


def test_records_from_outside_the_repository_build_without_edit_links(tmp_path):
    # build --practices DIR outside the project: there is no record in the repository to edit
    import os
    import subprocess
    import sys

    from sites import records_project

    project = records_project(tmp_path / "p", {})
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "gewoon.yaml").write_text(VALID_RECORD, encoding="utf-8")
    env = {**os.environ, "PRAKTIJKBANK_REPO_URL": "https://github.com/voorbeeld/praktijkbank"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--practices", str(elsewhere),
                             "--out", str(tmp_path / "site")], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (tmp_path / "site" / "praktijken" / "gewoon" / "index.html").read_text()
    assert "Bewerk deze praktijk" not in page and "/edit/" not in page


def test_every_fact_of_a_practice_is_its_own_list_item(built_site):
    # a template line that ended in a block tag once swallowed its newline: "… 2026- Prijs: …"
    html = (built_site / "praktijken" / DEVENTER / "index.html").read_text()
    facts = html.split('<div class="pb-facts">')[1].split("</div>\n</div>")[0] if '<div class="pb-facts">' in html else ""
    for label in ["Soort", "Sector", "Doelgroep", "Regio", "Plaats", "Periode", "In Praktijkbank", "Prijs"]:
        assert f"<li><strong>{label}:</strong>" in facts, label
    import re

    before = re.findall(r"(.{4})<strong>[^<]+:</strong>", facts)
    assert len(before) >= 9 and set(before) == {"<li>"}  # no fact runs on behind another


def test_without_an_address_the_exports_link_relative_to_the_file_that_holds_them(built_site):
    # a local build has no site_url: a root-absolute "/praktijken/x/" would break under a sub-path
    import json

    data = json.loads((built_site / "data" / "praktijken.json").read_text())
    assert data["schema"] == "../schema/practice.schema.json"
    for p in data["practices"]:
        assert p["url"] == f"../praktijken/{p['id']}/"
        assert (built_site / "data" / p["url"] / "index.html").resolve().is_file()
    one = json.loads((built_site / "data" / "praktijken" / f"{DEVENTER}.json").read_text())
    assert one["url"] == f"../../praktijken/{DEVENTER}/"
    feed = (built_site / "feed.xml").read_text()
    assert '<link rel="self" href="feed.xml"/>' in feed and 'type="text/html" href="praktijken/' in feed
    assert "<loc>" not in (built_site / "sitemap.xml").read_text()  # no address, no sitemap entries
