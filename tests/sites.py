"""The three sites the suite builds, each once per test session (see conftest.py):

- the real records (`praktijkbank build --strict`), for test_build.py and the browser tests;
- test records: hostile HTML in every text field, CSV formulas, a plain record, two
  records for the search's stemming and the script-link records of hostile_links.py, for
  test_escaping.py, test_safe_urls.py and the browser tests;
- a jury edition with three nominations, for test_jury.py and the browser's jury view.

Tests only read these sites; a test that needs to change a site or its inputs builds its own.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers import ROOT, VALID_RECORD, make_project, run_cli, write
from hostile_input import FORMULAS, formula_record, hostile_records
from hostile_links import link_records

INPUTS = ("practices", "content", "site_config")


def build(out: Path, cwd: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    result = run_cli("build", *args, "--out", str(out), cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def build_real_site(folder: Path) -> Path:
    """The real records, built in strict mode."""
    return build(folder / "site", ROOT, "--strict")


# -- test records --------------------------------------------------------------------------------

# Search stemming: only the plural "schoonmakers" is on this page; a search for "schoonmaker"
# must still find it. The other record has no word like schoonmak* in its text.
STEMMING = {
    "meervoud": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Alleen het meervoud staat hier")
    .replace("Een korte samenvatting", "Twintig schoonmakers krijgen een vaste baan; een korte samenvatting"),
    "ander": VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [catering]"),
}


def test_records() -> dict[str, str]:
    """id -> YAML text of every record of the test-records site."""
    return {**hostile_records(), **{rid: formula_record(text) for rid, text in FORMULAS.items()},
            "gewoon": VALID_RECORD, **STEMMING, **link_records()}


test_records.__test__ = False  # a helper, not a test


@dataclass
class Built:
    project: Path
    site: Path
    records: dict[str, str]
    inputs_before: dict[Path, bytes]


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for d in INPUTS for p in (project / d).rglob("*") if p.is_file()}


def records_project(project: Path, records: dict[str, str]) -> Path:
    """A copy of the project's configuration and content with these records (id -> text)."""
    for name in ("site_config", "content"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "practices").mkdir()
    (project / "build" / "docs").mkdir(parents=True)  # mkdocs.yml names it; an ad-hoc build uses its own
    for rid, text in records.items():
        (project / "practices" / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return project


def build_records_site(project: Path) -> Built:
    records = test_records()
    records_project(project, records)
    before = snapshot(project)
    site = build(project / "site", project, "--practices", str(project / "practices"))
    return Built(project, site, records, before)


# -- the jury edition ----------------------------------------------------------------------------

EDITION = {
    "name": "Testprijs 2030", "award": "Testprijs", "organiser": "Testcommissie", "number": 1, "year": 2030,
    "theme": "Testen", "deadline": "2030-05-01", "jury_meeting": "2030-06-01", "ceremony": "2030-07-01",
    "criteria": ["voorbeeldfunctie", "innovatie", "ketensamenwerking"], "finalists": 3, "nominations": 5,
    "description": "Een prijs om het overzicht van de jury mee te testen.",
}


def nomination(title: str, stage: str, verdicts: dict[str, str]) -> str:
    criteria = "".join(
        f"  {cid}: {{verdict: {v}, by: jury, text: 'De jury over {cid} bij {title}.'}}\n" for cid, v in verdicts.items()
    )
    return (
        f"title: {title}\nkind: nominatie\nsummary: Een nominatie om de matrix van de jury mee te testen.\n"
        "organisations: [{name: Test BV, role: werkgever}]\nsectors: [schoonmaak]\ntarget_groups: [statushouders]\n"
        f"award: {{edition: testprijs-2030, stage: {stage}}}\ncriteria:\n{criteria}"
        "sources: [{source: juryrapport-bpa-2022, where: 'p. 1'}]\n"
    )


NOMINATIONS = {
    "alfa": nomination("Alfa werkt samen", "finalist", {"voorbeeldfunctie": "voldoet", "innovatie": "voldoet-niet", "ketensamenwerking": "voldoet-deels"}),
    "bravo": nomination("Bravo vernieuwt", "winnaar", {"voorbeeldfunctie": "voldoet-deels", "innovatie": "voldoet"}),
    "charlie": nomination("Charlie doet mee", "genomineerd", {"voorbeeldfunctie": "voldoet-niet", "innovatie": "voldoet-deels", "ketensamenwerking": "voldoet"}),
}


def jury_project(project: Path) -> Path:
    editions = yaml.safe_load((project / "site_config" / "editions.yaml").read_text())
    editions["testprijs-2030"] = EDITION
    (project / "site_config" / "editions.yaml").write_text(yaml.safe_dump(editions, allow_unicode=True))
    for rid, text in NOMINATIONS.items():
        write(project / "practices", f"{rid}.yaml", text)
    return project


def build_jury_site(folder: Path) -> Path:
    project = jury_project(make_project(folder))
    return build(project / "site", project)
