"""The web editor (issue "Editors without git"): its form generated from the schema and the
vocabularies, its backends from the site's config, and its record format, run in Node on every
real record: nothing an editor wrote changes on the way through the form."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.cms_config import Backend, cms_config, repo_from_url
from generator.config import load_config
from generator.loader import load_file
from generator.web_editor import admin_files

from helpers import ROOT, make_project

CONFIG = load_config(ROOT / "site_config")
NODE_MODULES = ROOT / "node_modules"


def fields(config=CONFIG, backend=Backend(repo="voorbeeld/praktijkbank")) -> dict[str, dict]:
    return {f["name"]: f for f in cms_config(config, backend)["collections"][0]["fields"]}


# -- the form ------------------------------------------------------------------------------------

def test_every_schema_field_is_in_the_form_required_as_the_schema_says():
    form = fields()
    assert list(form) == list(CONFIG.schema["properties"])
    assert {k for k, f in form.items() if f["required"]} == set(CONFIG.schema["required"])
    assert form["title"] == {"name": "title", "label": "Titel", "required": True, "widget": "string",
                             "hint": "Titel van de praktijk, in eigen woorden."}
    assert form["summary"]["widget"] == "text"  # keeps line breaks; the markdown widget would rewrite the text


def test_controlled_values_are_selects_with_their_dutch_labels():
    form = fields()
    assert form["kind"]["widget"] == "select" and "multiple" not in form["kind"]
    assert {"label": CONFIG.label("sectors", "schoonmaak"), "value": "schoonmaak"} in form["sectors"]["options"]
    assert form["sectors"]["multiple"] is True
    assert [o["value"] for o in form["target_groups"]["options"]] == list(CONFIG.vocabularies["target_groups"])
    award = {f["name"]: f for f in form["award"]["fields"]}
    assert [o["value"] for o in award["edition"]["options"]] == list(CONFIG.editions)
    source = {f["name"]: f for f in form["sources"]["fields"]}["source"]
    assert [o["value"] for o in source["options"]] == list(CONFIG.sources)
    assert all(o["label"].endswith(f"({o['value']})") for o in source["options"])


def test_ids_of_other_practices_are_relations_to_the_collection_itself():
    form = fields()
    for name in ("related", "part_of"):
        assert form[name]["widget"] == "relation" and form[name]["collection"] == "praktijken"
        assert form[name]["value_field"] == "{{slug}}"
    assert form["related"]["multiple"] is True and "multiple" not in form["part_of"]


def test_lists_get_a_sub_form_or_one_text_per_item():
    form = fields()
    organisation = {f["name"]: f for f in form["organisations"]["fields"]}
    assert form["organisations"]["widget"] == "list" and organisation["name"]["required"] is True
    assert organisation["note"]["required"] is False
    assert form["organisations"]["summary"] == "{{fields.name}}"
    # a plain list never splits on commas: one text box per lesson
    assert form["lessons"]["field"]["widget"] == "text" and "fields" not in form["lessons"]
    criteria = {f["name"]: f for f in form["criteria"]["fields"]}
    assert list(criteria) == list(CONFIG.vocabularies["criteria"])
    assert all(not f["required"] for f in criteria.values())
    verdict = {f["name"]: f for f in criteria["innovatie"]["fields"]}["verdict"]
    assert [o["value"] for o in verdict["options"]] == list(CONFIG.vocabularies["verdicts"])


def test_a_new_field_and_a_new_vocabulary_value_are_in_the_form_with_no_hand_edit(tmp_path):
    project = make_project(tmp_path / "p")
    base = project / "site_config" / "practice.base.schema.json"
    schema = json.loads(base.read_text(encoding="utf-8"))
    schema["properties"]["website_beheerder"] = {"title": "Beheerder van de website", "type": "string",
                                                 "description": "Wie de website van de praktijk bijhoudt."}
    base.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    vocabularies = project / "site_config" / "vocabularies.yaml"
    text = vocabularies.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert "ruimtevaart" not in data["sectors"]["values"]
    first = next(iter(data["sectors"]["values"]))
    text = text.replace(f"\n    {first}:", f"\n    ruimtevaart:\n      label: Ruimtevaart\n    {first}:", 1)
    vocabularies.write_text(text, encoding="utf-8")
    from generator.config import refresh_schema

    config = load_config(project / "site_config")
    refresh_schema(config)
    form = fields(config)
    assert form["website_beheerder"]["label"] == "Beheerder van de website"
    assert form["website_beheerder"]["hint"] == "Wie de website van de praktijk bijhoudt."
    assert {"label": "Ruimtevaart", "value": "ruimtevaart"} in form["sectors"]["options"]


# -- the backends ----------------------------------------------------------------------------------

def test_the_published_editor_opens_pull_requests_on_the_configured_repository():
    backend = Backend(repo=repo_from_url("https://github.com/voorbeeld/praktijkbank"), branch="hoofd",
                      auth_url="https://inloggen.voorbeeld.nl", auth_endpoint="api/auth")
    config = cms_config(CONFIG, backend, site_url="https://voorbeeld.github.io/praktijkbank/")
    assert config["backend"] == {"name": "github", "repo": "voorbeeld/praktijkbank", "branch": "hoofd",
                                 "open_authoring": True, "base_url": "https://inloggen.voorbeeld.nl",
                                 "auth_endpoint": "api/auth"}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["locale"] == "nl" and config["site_url"] == "https://voorbeeld.github.io/praktijkbank/"
    collection = config["collections"][0]
    assert (collection["folder"], collection["extension"], collection["format"]) == ("practices", "yaml", "praktijkbank-yaml")


def test_the_local_editor_saves_into_the_folder_without_a_pull_request():
    config = cms_config(CONFIG, Backend(local_proxy="http://127.0.0.1:8081/api/v1"))
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}
    assert "publish_mode" not in config


@pytest.mark.parametrize("url, repo", [
    ("https://github.com/voorbeeld/praktijkbank", "voorbeeld/praktijkbank"),
    ("https://github.com/voorbeeld/praktijkbank.git", "voorbeeld/praktijkbank"),
    ("https://github.com/voorbeeld/praktijkbank/", "voorbeeld/praktijkbank"),
    ("https://gitlab.com/voorbeeld/praktijkbank", None), (None, None), ("", None),
])
def test_the_repository_comes_from_repo_url(url, repo):
    assert repo_from_url(url) == repo


def test_without_its_files_or_a_repository_admin_says_why_in_dutch(tmp_path):
    missing = admin_files(CONFIG, Backend(repo="a/b"), ROOT / "site_config" / "admin", tmp_path)
    assert list(missing) == ["admin/index.html"] and "npm ci" in missing["admin/index.html"]
    unknown = admin_files(CONFIG, Backend(), ROOT / "site_config" / "admin", NODE_MODULES)
    assert list(unknown) == ["admin/index.html"] and "make edit" in unknown["admin/index.html"]


def test_admin_holds_decap_its_config_and_the_record_format_and_no_source_maps():
    files = admin_files(CONFIG, Backend(repo="a/b"), ROOT / "site_config" / "admin", NODE_MODULES)
    assert {"admin/index.html", "admin/config.yml", "admin/decap-cms.js", "admin/praktijkbank-cms.js",
            "admin/praktijkbank-format.js", "admin/yaml/index.js"} <= set(files)
    assert not [name for name in files if name.endswith(".map")]
    assert yaml.safe_load(files["admin/config.yml"])["backend"]["repo"] == "a/b"


# -- the record format, in Node --------------------------------------------------------------------

TRICKY = """\
# yaml-language-server: $schema=../site_config/practice.schema.json
# Een opmerking van de redactie.
title: Lastige waarden die geen getal of datum mogen worden
kind: voorbeeld
summary: >-
  Een samenvatting met een dubbele punt: zo, een # hekje en "aanhalingstekens",
  over twee regels gevouwen.
organisations:
  - {name: on, role: 'true'}
  - name: "010"
    role: no
sectors: [schoonmaak]
target_groups: [statushouders]
place: yes
period: {start: 2022-09}
public_from: 2022-09-23
results:
  - {value: 100.000, unit: no, what: 010, status: doel}
  - {value: "1:30", unit: uur, what: '~', status: doel}
  - {value: "12", unit: mensen, what: "een getal tussen aanhalingstekens blijft tekst", status: doel}
lessons:
  - |
    Een les met een harde regelovergang
    en een tweede regel.
  - "  spaties vooraan blijven"
sources:
  - {source: week-van-de-1000-voorbeelden-2020, where: "r. 1-2"}
"""


def _node_round_trip(tmp_path: Path, records: dict[str, str]) -> dict[str, dict]:
    """Each record through readRecord and writeRecord in Node: {id: {"read": data, "written": text}}."""
    node = shutil.which("node")
    assert node, "node missing: run `make node-deps`"
    admin = tmp_path / "admin"
    for name, data in admin_files(CONFIG, Backend(repo="a/b"), ROOT / "site_config" / "admin", NODE_MODULES).items():
        if name.startswith("admin/praktijkbank-format") or name.startswith("admin/yaml/"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (admin / "package.json").write_text('{"type": "module"}')
    (tmp_path / "in.json").write_text(json.dumps(records), encoding="utf-8")
    script = admin / "round_trip.js"
    script.write_text(
        'import { readFileSync } from "node:fs";\n'
        'import { readRecord, writeRecord } from "./praktijkbank-format.js";\n'
        'const records = JSON.parse(readFileSync(process.argv[2], "utf8"));\n'
        'const ORDER = JSON.parse(process.argv[3]);\n'
        'const out = {};\n'
        'for (const [id, text] of Object.entries(records)) {\n'
        '  const read = readRecord(text);\n'
        '  const edited = { ...structuredClone(read), title: read.title + " (bewerkt)" };\n'
        '  delete edited.place;\n'
        '  out[id] = { read, written: writeRecord(structuredClone(read)), ordered: writeRecord(read, ORDER),\n'
        '              edited: writeRecord(edited, ORDER, text) };\n'
        '}\n'
        'process.stdout.write(JSON.stringify(out));\n')
    order = json.dumps(list(CONFIG.schema["properties"]))  # what Decap passes: its fields' names
    result = subprocess.run([node, str(script), str(tmp_path / "in.json"), order], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _python_data(tmp_path: Path, rid: str, text: str):
    path = tmp_path / "practices" / f"{rid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    document, problems = load_file(path, display=f"practices/{rid}.yaml")
    assert document is not None, problems
    return document.data


def test_the_editor_reads_and_writes_every_real_record_without_changing_its_data(tmp_path):
    records = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "practices").glob("*.yaml"))}
    records["lastig"] = TRICKY
    out = _node_round_trip(tmp_path, records)
    assert set(out) == set(records)
    for rid, text in records.items():
        before = _python_data(tmp_path / "voor", rid, text)
        assert out[rid]["read"] == json.loads(json.dumps(before)), rid  # the form sees what praktijkbank reads
        after = _python_data(tmp_path / "na", rid, out[rid]["written"])
        assert after == before, rid
        in_order = _python_data(tmp_path / "geordend", rid, out[rid]["ordered"])
        assert in_order == before and list(in_order) == [k for k in CONFIG.schema["properties"] if k in before], rid
        assert out[rid]["written"].startswith("# yaml-language-server: $schema=../site_config/practice.schema.json\n")


def test_an_edited_record_keeps_its_comments_and_every_value_it_did_not_change(tmp_path):
    records = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "practices").glob("*.yaml"))}
    records["lastig"] = TRICKY
    out = _node_round_trip(tmp_path, records)
    for rid, text in records.items():
        before = _python_data(tmp_path / "voor", rid, text)
        after = _python_data(tmp_path / "na", rid, out[rid]["edited"])
        assert after["title"] == before["title"] + " (bewerkt)", rid
        expected = {k: v for k, v in before.items() if k not in ("title", "place")}
        assert {k: v for k, v in after.items() if k != "title"} == expected, rid
        comments = [line for line in text.splitlines() if line.startswith("#")]
        assert comments and all(line in out[rid]["edited"].splitlines() for line in comments), rid
        # a pull request shows only what changed: every other line is as it was
        diff = [d for d in difflib.ndiff(text.splitlines(), out[rid]["edited"].splitlines()) if d[:2] in ("- ", "+ ")]
        removed = [d[2:] for d in diff if d.startswith("- ")]
        added = [d[2:] for d in diff if d.startswith("+ ")]
        assert all(line.startswith(("title:", "place:")) for line in removed), (rid, diff)
        assert added[0].startswith("title:") and all(line.startswith("  ") for line in added[1:]), (rid, diff)
    assert "# Een opmerking van de redactie." in out["lastig"]["edited"]


def test_tricky_values_stay_text_in_the_editor(tmp_path):
    read = _node_round_trip(tmp_path, {"lastig": TRICKY})["lastig"]["read"]
    assert read["organisations"] == [{"name": "on", "role": "true"}, {"name": "010", "role": "no"}]
    assert read["place"] == "yes" and read["public_from"] == "2022-09-23" and read["period"] == {"start": "2022-09"}
    assert read["results"][0] == {"value": "100.000", "unit": "no", "what": "010", "status": "doel"}
    assert read["results"][1]["what"] == "~" and read["results"][2]["value"] == "12"
    assert read["lessons"] == ["Een les met een harde regelovergang\nen een tweede regel.\n", "  spaties vooraan blijven"]


def test_a_field_the_form_does_not_know_is_written_back(tmp_path):
    text = TRICKY + "eigen_veld: iets wat een redacteur met de hand toevoegde\nnog_een: 12\n"
    out = _node_round_trip(tmp_path, {"lastig": text})["lastig"]
    assert out["read"]["nog_een"] == 12  # a plain decimal integer is a number, as praktijkbank reads it
    assert list(yaml.safe_load(out["ordered"]))[-2:] == ["eigen_veld", "nog_een"]  # after the known fields
    assert yaml.safe_load(out["written"])["eigen_veld"] == "iets wat een redacteur met de hand toevoegde"
    assert yaml.safe_load(out["written"])["nog_een"] == 12


def test_the_collection_is_the_folder_the_plugin_reads_records_from():
    config = cms_config(CONFIG, Backend(repo="a/b", folder="records/praktijken"))
    assert config["collections"][0]["folder"] == "records/praktijken"
