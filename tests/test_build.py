"""Whole builds with MkDocs in strict mode, and what the pages say."""

import json
import csv
import io
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, VALID_RECORD, run_cli, write

DEVENTER = "deventer-qleaning-oekraiense-vluchtelingen"
CRITERIA = ["voorbeeldfunctie", "ketensamenwerking", "duurzaamheid", "innovatie", "effect-op-werkenden"]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory) -> Path:
    """The real records, built once with `praktijkbank build --strict` into a fresh folder."""
    out = tmp_path_factory.mktemp("site")
    result = run_cli("build", "--strict", "--out", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


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
                 "Oordeel van de jury", "Voldoet deels", "r. 84-91", "objectleidster bij Qleaning",
                 "Juryrapport Best Practice Award 2022", "Wat niet werkte", "Lessen"]:
        assert text in html, text


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
    html = (built_site / "index.html").read_text()
    assert html.count("/praktijken/" + DEVENTER) == 0


def test_pages_load_nothing_from_other_hosts(built_site):
    """Scripts, styles, fonts and images are local (links to read elsewhere are fine)."""
    import re
    for page in [built_site / "index.html", built_site / "praktijken" / DEVENTER / "index.html"]:
        html = page.read_text()
        loaded = re.findall(r'src="((?:https?:)?//[^"]+)"', html) + re.findall(r'<link[^>]+href="((?:https?:)?//[^"]+)"', html)
        assert loaded == []


def test_failed_build_leaves_the_previous_site_byte_for_byte(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    out = project / "site"
    assert run_cli("build", "--out", str(out), cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(project / "practices", "fout.yaml", VALID_RECORD.replace("kind: voorbeeld", "kind: x"))
    assert run_cli("build", "--out", str(out), cwd=project).returncode == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after
    assert not list(project.glob(".site-build-*"))


def test_strict_build_with_a_broken_link_leaves_the_previous_site(project):
    shutil.rmtree(project / "practices")
    shutil.copytree(ROOT / "practices", project / "practices")  # content/ links to real practices
    out = project / "site"
    assert run_cli("build", "--strict", "--out", str(out), cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (project / "content" / "kapot.md").write_text("# Kapot\n\n[weg](bestaat-niet.md)\n")
    result = run_cli("build", "--strict", "--out", str(out), cwd=project)
    assert result.returncode == 1, result.stderr
    assert before == {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_build_never_changes_its_inputs(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    inputs = {p: p.read_bytes() for d in ("practices", "content", "site_config") for p in (project / d).rglob("*") if p.is_file()}
    assert run_cli("build", "--out", str(project / "site"), cwd=project).returncode == 0
    assert inputs == {p: p.read_bytes() for d in ("practices", "content", "site_config") for p in (project / d).rglob("*") if p.is_file()}


def test_unchanged_pages_are_not_rewritten(project):
    from generator.build import Project, generate

    write(project / "practices", "goed.yaml", VALID_RECORD)
    first = generate(Project(project))
    assert first.stats.written > 0
    second = generate(Project(project))
    assert second.stats.written == 0 and second.stats.unchanged == first.stats.written + first.stats.unchanged
    write(project / "practices", "goed.yaml", VALID_RECORD.replace("Een korte", "Een andere korte"))
    third = generate(Project(project))
    # the page, the overview and three facet pages that show its summary, the JSON, the CSV
    # and the practice's own JSON file
    assert third.stats.written == 8


def test_parallel_loading_gives_the_same_result_as_serial(tmp_path, monkeypatch):
    """PRAKTIJKBANK_WORKERS=2 splits loading and schema checks over processes: the records,
    their order and every problem (with line and column) must be what a serial run gives."""
    from generator.build import PARALLEL_MIN_FILES, check
    from generator.config import load_config

    for i in range(PARALLEL_MIN_FILES + 10):
        text = VALID_RECORD if i % 50 else VALID_RECORD.replace("kind: voorbeeld", "kind: fout")
        write(tmp_path, f"r{i:03d}.yaml", text + ("related: [bestaat-niet]\n" if i % 70 == 0 else ""))
    config = load_config(ROOT / "site_config")
    monkeypatch.setenv("PRAKTIJKBANK_WORKERS", "1")
    serial = check(tmp_path, config)
    monkeypatch.setenv("PRAKTIJKBANK_WORKERS", "2")
    parallel = check(tmp_path, config)
    assert [d.id for d in parallel.documents] == [d.id for d in serial.documents]
    assert parallel.problems == serial.problems
    assert len(serial.problems) >= 5 + 3
