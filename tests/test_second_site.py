"""The generator is separable from this site: a second site from its own site_config/ alone.

tests/second_site/ declares another award (the Vakprijs) with three other criteria, two other
facets (branches, a list; size, one value), its own verdicts, judges, stages and statuses, and one
source. It shares only the look (templates, theme overrides, assets) and the record's structure
(practice.base.schema.json) with this site, copied in as any new site would start. No code changes.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, run_cli

pytestmark = pytest.mark.subprocess  # these run the CLI: left out of `make mutate`

FIXTURE = Path(__file__).parent / "second_site"
SHARED = ("templates", "overrides", "assets", "archetypes", "practice.base.schema.json")


@pytest.fixture(scope="module")
def second_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("vakprijs") / "project"
    shutil.copytree(FIXTURE, project)
    for name in SHARED:
        source = ROOT / "site_config" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / "site_config" / name)
    (project / "build" / "docs").mkdir(parents=True)
    result = run_cli("build", "--out", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def html(project: Path, page: str) -> str:
    return (project / "site" / page / "index.html").read_text(encoding="utf-8")


def test_its_facets_have_pages_filters_and_navigation(second_site):
    assert "Bouwbedrijf" not in html(second_site, "branches/metaal")
    assert "Veilig werken in de metaal" in html(second_site, "branches/metaal")
    assert "Installateurs werken samen" in html(second_site, "branches/installatie")
    assert "Veilig werken in de metaal" in html(second_site, "omvang/groot")
    overview = html(second_site, "praktijken")
    assert '<select name="branche">' in overview and '<select name="omvang">' in overview
    assert 'data-branche="metaal installatie"' in overview and 'data-omvang="groot"' in overview
    assert 'href="../branches/"' in overview and 'href="../omvang/"' in overview  # in the navigation
    for folder in ("sectoren", "doelgroepen", "soorten", "regios"):  # nothing of this site leaks in
        assert not (second_site / "site" / folder).exists()


def test_its_criteria_judges_and_award(second_site):
    assert [p.name for p in sorted((second_site / "site" / "criteria").iterdir()) if p.is_dir()] == [
        "samenwerking", "vakmanschap", "veiligheid"]
    criterion = html(second_site, "criteria/samenwerking")
    assert "De praktijk verbindt partijen" in criterion
    assert "Oordelen van de vakjury" in criterion and "Inschattingen van de redactie" in criterion
    edition = html(second_site, "prijzen/vakprijs-2025")
    for label in ("Vakmanschap", "Veiligheid", "Samenwerking"):
        assert f">{label}</abbr></button>" in edition  # no short heading declared: the label itself
    assert edition.index("Een leerlijn voor nieuwe vakmensen") < edition.index("Veilig werken in de metaal")  # winner first
    practice = html(second_site, "praktijken/bouwbedrijf-leerlijn")
    assert "Oordeel van de vakjury" in practice and "Vakblad, speciale editie Vakprijs 2025" in practice
    assert "Vergelijkbare" in practice or "Verwante" in practice


def test_its_exports_and_schema(second_site):
    site = second_site / "site"
    rows = list(csv.DictReader(io.StringIO((site / "data" / "praktijken.csv").read_text(encoding="utf-8"))))
    assert {r["id"]: (r["branches"], r["size"]) for r in rows} == {
        "bouwbedrijf-leerlijn": ("bouw", "klein"), "installateur-samen": ("installatie", ""),
        "metaal-veilig-werken": ("metaal | installatie", "groot")}
    assert {"vakmanschap_verdict", "veiligheid_by"} <= set(rows[0])
    data = json.loads((site / "data" / "praktijken.json").read_text(encoding="utf-8"))
    assert data["count"] == 3 and list(data["sources"]) == ["vakblad-2025"]
    schema = json.loads((site / "schema" / "practice.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["branches"]["enum"] == ["bouw", "metaal", "installatie"]
    assert schema["$defs"]["verdict"]["enum"] == ["ja", "deels", "nee"]
    assert "branches" in schema["required"] and "size" not in schema["required"]
    assert "kind" not in schema["properties"] and "sectors" not in schema["properties"]


def test_its_records_are_validated_against_its_own_vocabularies(second_site, tmp_path):
    project = tmp_path / "kopie"
    shutil.copytree(second_site, project, ignore=shutil.ignore_patterns("site", "build"))
    record = project / "practices" / "installateur-samen.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("branches: [installatie]", "branches: [aannemerij]"),
                      encoding="utf-8")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("practices/installateur-samen.yaml:4:12: branches[0]: tekst ('aannemerij') is geen "
                                    "toegestane waarde; bedoelde u `bouw`?")  # a synonym of its own vocabulary
