"""The site's model is declared once in site_config/: vocabularies, facets, judges, verdicts.

Adding a value, a facet, a judge or a criterion is one edit in one file (vocabularies.yaml),
proven here by making that edit in a copy of the project and building the site. The record
schema follows the vocabularies; no Python file names a value or a facet.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from pathlib import Path

import pytest

from generator.config import ConfigError, load_config
from generator.record_schema import text_of

from helpers import ROOT, VALID_RECORD, make_project, run_cli, write

pytestmark = pytest.mark.subprocess  # these run the CLI: left out of `make mutate`

VOCABULARIES = "site_config/vocabularies.yaml"


def test_the_committed_schema_is_the_generated_one():
    """Editors' IDEs read site_config/practice.schema.json through each record's modeline;
    every praktijkbank command rewrites it, and it must be committed up to date."""
    config = load_config(ROOT / "site_config")
    assert (ROOT / "site_config" / "practice.schema.json").read_text(encoding="utf-8") == text_of(config.schema), (
        "run `praktijkbank validate` and commit site_config/practice.schema.json")


def test_the_schema_enums_are_the_vocabularies():
    config = load_config(ROOT / "site_config")
    defs = config.schema["$defs"]
    for node in defs.values():
        if "x-vocabulary" in node:
            assert node["enum"] == list(config.vocabularies[node["x-vocabulary"]])
    for facet in config.facets:
        field = config.schema["properties"][facet.field]
        assert (field["items"] if facet.many else field)["$ref"] == f"#/$defs/{facet.vocabulary}"
        assert (facet.field in config.schema["required"]) == facet.required


def _literals(path: Path) -> list[tuple[int, str]]:
    return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def test_no_python_file_names_a_value_or_a_facet():
    config = load_config(ROOT / "site_config")
    names = {v for name, values in config.vocabularies.items() for v in values}
    names |= {f.vocabulary for f in config.facets} | {f.field for f in config.facets}
    names |= {f.folder for f in config.facets} | {f.param for f in config.facets}
    found = [(path.name, line, text) for path in sorted((ROOT / "generator").glob("*.py"))
             for line, text in _literals(path) if text in names]
    assert found == []


def project_with(tmp_path: Path, replace: dict[str, str], records: dict[str, str]) -> Path:
    """A copy of the project with vocabularies.yaml edited (old -> new) and these records."""
    project = make_project(tmp_path / "project")
    path = project / VOCABULARIES
    text = path.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    for rid, record in records.items():
        write(project / "practices", f"{rid}.yaml", record)
    return project


def build(project: Path) -> Path:
    result = run_cli("build", "--out", str(project / "site"), cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_a_new_sector_is_one_entry(tmp_path):
    project = project_with(tmp_path, {"    overig: {label: Overig}\n": "    overig: {label: Overig}\n    ruimtevaart: {label: Ruimtevaart}\n"},
                           {"raket": VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [ruimtevaart]")})
    site = build(project)
    assert "Ruimtevaart" in (site / "sectoren" / "ruimtevaart" / "index.html").read_text()
    schema = json.loads((project / "site_config" / "practice.schema.json").read_text())
    assert "ruimtevaart" in schema["$defs"]["sectors"]["enum"]  # refreshed by the command
    assert "ruimtevaart" in (site / "schema" / "practice.schema.json").read_text()


def test_a_new_target_group_is_one_entry(tmp_path):
    project = project_with(tmp_path, {"    werkgevers: {label: Werkgevers}\n": "    werkgevers: {label: Werkgevers}\n    asielzoekers: {label: Asielzoekers}\n"},
                           {"azc": VALID_RECORD.replace("target_groups: [statushouders]", "target_groups: [asielzoekers]")})
    site = build(project)
    page = (site / "praktijken" / "azc" / "index.html").read_text()
    assert 'href="../../doelgroepen/asielzoekers/"' in page


NEW_FACET = """
methods:
  weight: 2
  label: Methode
  heading: Methoden
  description: Hoe de praktijk werkt.
  facet: {field: methods, many: true, folder: methoden, param: methode, use: [filters, similarity, csv, nav]}
  values:
    leerwerkplek: {label: Leerwerkplek}
    jobcoach: {label: Jobcoach}
"""


def test_a_new_facet_is_one_block(tmp_path):
    project = project_with(tmp_path, {"\nregions:\n": NEW_FACET + "\nregions:\n"},
                           {"coach": VALID_RECORD + "methods: [jobcoach]\n"})
    site = build(project)
    assert "Jobcoach" in (site / "methoden" / "jobcoach" / "index.html").read_text()
    overview = (site / "praktijken" / "index.html").read_text()
    assert '<select name="methode">' in overview and 'data-methode="jobcoach"' in overview
    assert 'href="../methoden/"' in overview  # in the navigation
    header = next(csv.reader(io.StringIO((site / "data" / "praktijken.csv").read_text())))
    assert "methods" in header
    invalid = run_cli("validate", cwd=project)
    assert invalid.returncode == 0
    write(project / "practices", "fout.yaml", VALID_RECORD + "methods: [jobcoack]\n")
    invalid = run_cli("validate", cwd=project)
    assert invalid.returncode == 1
    assert invalid.stdout.startswith("practices/fout.yaml:10:11: methods[0]: tekst ('jobcoack') is geen toegestane waarde; "
                                     "bedoelde u `jobcoach`?")


EXTERNAL_JUDGE = """    extern:
      label: Extern panel
      description: Oordeel van een extern panel
      plural: Oordelen van een extern panel
      tag: Oordeel van een extern panel
"""


def test_a_new_judge_is_one_entry(tmp_path):
    """Before: a third judge passed every check and crashed the build (KeyError: 'extern')."""
    project = project_with(tmp_path, {"\nresult_statuses:\n": EXTERNAL_JUDGE + "\nresult_statuses:\n"},
                           {"panel": VALID_RECORD + "criteria:\n  innovatie: {verdict: voldoet, by: extern, where: 'r. 1-2', text: Het panel vond het nieuw.}\n"})
    site = build(project)
    page = (site / "criteria" / "innovatie" / "index.html").read_text()
    assert "Oordelen van een extern panel" in page and "panel/#criterium-innovatie" in page
    assert "Oordeel van een extern panel" in (site / "praktijken" / "panel" / "index.html").read_text()


NEW_CRITERION = """    vakmanschap:
      label: Vakmanschap
      wording: De Best Practice maakt het vak sterker
      short: Het vak wordt beter.
"""


def test_a_new_criterion_is_one_entry(tmp_path):
    project = project_with(tmp_path, {"\nkinds:\n": NEW_CRITERION + "\nkinds:\n"},
                           {"vak": VALID_RECORD + "criteria:\n  vakmanschap: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Het vak wordt beter.}\n"})
    site = build(project)
    page = (site / "criteria" / "vakmanschap" / "index.html").read_text()
    assert "De Best Practice maakt het vak sterker" in page
    assert 'href="../criteria/vakmanschap/"' in (site / "praktijken" / "index.html").read_text()  # navigation


@pytest.mark.parametrize("old, new, where, message", [
    ("    zorg: {label: Zorg,", "    zorg: {label: Zorg, label: Zorg2,", (159, 25, "sectors.values.zorg.label"), "staat twee keer"),
    ("  label: Sector\n", "  label: Sector\n  lable: Sector\n", (146, 3, "sectors.lable"), "onbekend veld `lable`"),
    ("    folder: regios\n", "    folder: sectoren\n", (218, 13, "regions.facet.folder"), "de map `sectoren` hoort al bij het facet `sectors`"),
    ("parent: vluchtelingen", "parent: vluchteling", (195, 51, "target_groups.values.statushouders.parent"), "`vluchteling` is geen waarde"),
    ("    voldoet: {label: Voldoet,", "    voldoet: {label: no, lbl: x,", (99, 26, "verdicts.values.voldoet.lbl"), "onbekend veld `lbl`"),
])
def test_a_mistake_in_the_config_names_its_file_line_and_field(tmp_path, old, new, where, message):
    project = project_with(tmp_path, {old: new}, {})
    with pytest.raises(ConfigError) as caught:
        load_config(project / "site_config")
    problems = caught.value.problems
    assert [(p.line, p.column, p.field) for p in problems] == [where], [p.format() for p in problems]
    assert problems[0].file.endswith("site_config/vocabularies.yaml") and message in problems[0].message
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert f"vocabularies.yaml:{where[0]}:{where[1]}: {where[2]}:" in result.stderr


def test_an_edition_with_an_unknown_criterion_names_its_line(tmp_path):
    project = make_project(tmp_path)
    path = project / "site_config" / "editions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("criteria: [voorbeeldfunctie,", "criteria: [voorbeeldfunctei,"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(project / "site_config")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (13, "best-practice-award-2022.criteria[0]")
    assert "onbekend criterium `voorbeeldfunctei`" in problem.message


# -- the plugin's options, the same for every command ---------------------------------------------

def with_plugin_options(project: Path, options: str) -> Path:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    entry = "\n  - praktijkbank:\n" if "\n  - praktijkbank:\n" in text else "\n  - praktijkbank\n"
    assert entry in text
    path.write_text(text.replace(entry, "\n  - praktijkbank:\n" + options), encoding="utf-8")
    return project


@pytest.mark.parametrize("value", ["0", "veel", "-3"])
def test_pages_per_search_bundle_must_be_a_whole_number_above_zero(tmp_path, value):
    project = make_project(tmp_path)
    mkdocs_yml = project / "mkdocs.yml"
    text = re.sub(r"search_pages_per_index: .*", f"search_pages_per_index: {value}", mkdocs_yml.read_text())
    mkdocs_yml.write_text(text)
    line = text.splitlines().index(f"      search_pages_per_index: {value}") + 1
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert (f"mkdocs.yml:{line}:1: plugins.praktijkbank.search_pages_per_index: verwacht een geheel getal "
            f"groter dan 0, niet `{value}`") in result.stderr, result.stderr


def test_pages_per_search_bundle_comes_from_the_environment_as_text():
    from generator.plugin_config import PraktijkbankConfig

    config = PraktijkbankConfig()
    config.load_dict({"search_pages_per_index": "25", "practices": str(ROOT / "practices"),
                      "site_config": str(ROOT / "site_config"), "content": str(ROOT / "content")})
    errors, _ = config.validate()
    assert not errors and config.search_pages_per_index == 25


def test_a_missing_practices_folder_is_a_mistake_with_file_and_line(tmp_path):
    """Before: the plugin's practices option pointing at a folder that does not exist gave a
    'successful' build of an empty site, and validate and new ignored the option."""
    project = with_plugin_options(make_project(tmp_path), "      practices: records\n")
    line = (project / "mkdocs.yml").read_text().splitlines().index("      practices: records") + 1
    for command in (["validate"], ["new", "--kind", "pilot", "--title", "Een nieuwe pilot"], ["build"]):
        result = run_cli(*command, cwd=project)
        assert result.returncode == 1, (command, result.stderr)
        assert f"mkdocs.yml:{line}:1: plugins.praktijkbank.practices: de map `records` (de records) bestaat niet" in result.stderr, (command, result.stderr)
    assert not (project / "site").exists()


def test_every_command_takes_its_folders_from_the_plugin_options(tmp_path):
    project = with_plugin_options(make_project(tmp_path), "      practices: records\n")
    (project / "practices").rename(project / "records")
    write(project / "records", "goed.yaml", VALID_RECORD)
    write(project / "records", "fout.yaml", VALID_RECORD.replace("kind: voorbeeld", "kind: fout"))
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1 and result.stdout.startswith("records/fout.yaml:2:7: kind:")
    assert run_cli("new", "--kind", "pilot", "--title", "Een nieuwe pilot", cwd=project).returncode == 0
    (project / "records" / "een-nieuwe-pilot.yaml").unlink()  # written there, still to be filled in
    (project / "records" / "fout.yaml").unlink()
    assert run_cli("build", "--out", str(project / "site"), cwd=project).returncode == 0
    assert (project / "site" / "praktijken" / "goed" / "index.html").is_file()


def test_a_build_of_a_folder_that_does_not_exist_fails(tmp_path):
    project = make_project(tmp_path)
    result = run_cli("build", "--practices", str(tmp_path / "nergens"), "--out", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 1
    assert "nergens:1:1: de map met praktijken bestaat niet" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_disabled_plugin_generates_nothing(tmp_path):
    from generator.plugin_config import read_options

    project = with_plugin_options(make_project(tmp_path), "      enabled: false\n")
    assert read_options(project / "mkdocs.yml").enabled is False


def _imports(path: Path) -> set[str]:
    """The generator modules a module imports, at the top or inside a function (not the ones
    under `if TYPE_CHECKING:`, which never run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and id(node) not in typing_only:
            found |= {node.module} if node.module else {a.name for a in node.names}
    return found


def test_no_two_generator_modules_import_each_other():
    graph = {p.stem: _imports(p) for p in (ROOT / "generator").glob("*.py")}
    cycles = sorted((a, b) for a, deps in graph.items() for b in deps if a < b and a in graph.get(b, set()))
    assert cycles == []


def test_a_new_source_is_one_entry(tmp_path):
    project = make_project(tmp_path / "project")
    registry = project / "site_config" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8")
                        + "\nnieuw-rapport:\n  title: Een nieuw rapport\n  publisher: Een uitgever\n  year: 2025\n  year_inferred: true\n",
                        encoding="utf-8")
    write(project / "practices", "nieuw.yaml", VALID_RECORD.replace("source: week-van-de-1000-voorbeelden-2020", "source: nieuw-rapport"))
    site = build(project)
    sources = (site / "bronnen" / "index.html").read_text()
    assert 'id="bron-nieuw-rapport"' in sources and "Een nieuw rapport" in sources and "../praktijken/nieuw/" in sources
    page = (site / "praktijken" / "nieuw" / "index.html").read_text()
    assert "Een nieuw rapport" in page and "2025 (jaar afgeleid)" in page and 'href="../../bronnen/#bron-nieuw-rapport"' in page
