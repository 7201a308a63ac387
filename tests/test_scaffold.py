"""`praktijkbank new`: a commented record per kind that fails validation until it is
filled in, validates once it is, and never overwrites an existing record."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import scaffold
from generator.config import load_config
from generator.loader import load_file
from generator.problems import field_path
from generator.reference import walk_fields

from helpers import ROOT, run_cli, write

KINDS = ["nominatie", "pilot", "voorbeeld", "programma"]
SCHEMA_LINE = "# yaml-language-server: $schema=../site_config/practice.schema.json"

# A field switched off in an archetype: '#' directly before the key (at its own
# indentation), or before a list item. Explanations are '# ' followed by prose.
SWITCHED_OFF = re.compile(r"^(\s*)#((?: {2,})?(?:- +)?[a-z_]+:(?: .*)?|(?: {2,})- *(?:#.*)?)$")


# -- filling placeholders, as an editor would ------------------------------------------


def _subschema(schema: dict, path: tuple) -> dict:
    defs = schema.get("$defs", {})

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            ref = node["$ref"].rsplit("/", 1)[-1]
            node = {**defs[ref], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    node = resolve(schema)
    for part in path:
        if isinstance(part, int):
            node = resolve(node["items"])
        elif part in node.get("properties", {}):
            node = resolve(node["properties"][part])
        else:
            node = resolve(node["additionalProperties"])
    return node


def _value_for(node: dict, path: tuple, config, known_id: str):
    if path[-1] == "edition":
        return next(iter(config.editions))
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type")
    if kind == "array":
        return [_value_for(_subschema_items(node, config), path + (0,), config, known_id)] * max(1, node.get("minItems", 1))
    if "aliases" in path[-2:]:
        return "een-oude-bestandsnaam"  # an old id may be nobody's current one
    if "where" in path[-2:]:
        return "r. 1-2"  # lines inside the record's own source lines (the rubric's rule)
    if kind == "integer":
        return max(node.get("minimum", 2020), 2020)
    pattern = node.get("pattern", "")
    if pattern.startswith("^[a-z0-9]"):
        return known_id
    if pattern.startswith("^[0-9]{4}"):
        return "2021"
    if "https?" in pattern:
        return "https://example.org/bron"
    return "Ingevuld vanuit de bron, in eigen woorden: een tekst van voldoende lengte."


def _subschema_items(node: dict, config) -> dict:
    items = node["items"]
    if "$ref" in items:
        items = config.schema["$defs"][items["$ref"].rsplit("/", 1)[-1]]
    return items


def placeholders(data, path=()):
    """Paths of the values an editor still has to fill in: empty values and empty lists."""
    if data is None or data == []:
        yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from placeholders(value, path + (i,))


def fill(path: Path, config, known_id: str) -> list[tuple]:
    """Fill every placeholder of a record in place, keeping comments; returns the paths filled."""
    doc, problems = load_file(path)
    assert doc is not None, problems
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    filled = []
    for field in placeholders(doc.data):
        line, col = doc.marks[field]
        value = _value_for(_subschema(config.schema, field), field, config, known_id)
        text = lines[line - 1].rstrip("\n")
        head, rest = text[: col - 1], text[col - 1 :]
        if rest.startswith("[]"):
            rest = rest[2:]
        comment = rest.strip()
        assert comment == "" or comment.startswith("#"), (field, text)
        lines[line - 1] = f"{head.rstrip()} {json.dumps(value, ensure_ascii=False)}" + (f"  {comment}" if comment else "") + "\n"
        filled.append(field)
    path.write_text("".join(lines), encoding="utf-8")
    return filled


def switch_on_everything(path: Path) -> None:
    """Remove the '#' before every switched-off optional field."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(SWITCHED_OFF.sub(r"\1\2", line) for line in lines) + "\n", encoding="utf-8")


@pytest.fixture
def config(project):
    return load_config(project / "site_config")


def new(project: Path, kind: str, title: str):
    return run_cli("new", "--kind", kind, "--title", title, cwd=project)


def add_programme(project: Path, config) -> str:
    """A valid programme record, so that a pilot's part_of has something to point at."""
    assert new(project, "programma", "Een onderzoeksprogramma als kader").returncode == 0
    path = project / "practices" / "een-onderzoeksprogramma-als-kader.yaml"
    fill(path, config, known_id="een-onderzoeksprogramma-als-kader")
    # a programme cannot be part of itself or related to itself; those are switched off anyway
    assert run_cli("validate", str(path), cwd=project).returncode == 0
    return path.stem


# -- the tests ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.subprocess
def test_new_writes_a_commented_record_that_fails_until_filled_in(project, config, kind):
    result = new(project, kind, f"Schoonmakers aan het werk: een {kind} uit Deventer")
    assert result.returncode == 0, result.stderr
    path = project / "practices" / f"schoonmakers-aan-het-werk-een-{kind}-uit-deventer.yaml"
    assert f"Geschreven: practices/{path.name}" in result.stdout
    assert f"praktijkbank validate practices/{path.name}" in result.stdout  # the next step

    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert f"kind: {kind}\n" in text

    check = run_cli("validate", f"practices/{path.name}", cwd=project)
    assert check.returncode == 1
    lines = text.splitlines()
    reported = check.stdout.splitlines()
    assert reported
    for message in reported:
        # practices/<file>:<line>:<col>: <field>: <what is wrong>
        m = re.match(rf"practices/{re.escape(path.name)}:(\d+):(\d+): ([\w.\[\]-]+): (.+)$", message)
        assert m, message
        line, field, what = int(m.group(1)), m.group(3), m.group(4)
        key = re.sub(r"\[\d+\]$", "", field).rsplit(".", 1)[-1]
        assert re.match(rf"\s*(- )?{re.escape(key)}:", lines[line - 1]), (message, lines[line - 1])
        assert "leeg" in what or "minstens 1" in what, message  # says what to do: fill it in

    # nothing the schema requires is filled in for the editor, except the title and the kind
    reported_fields = {m.split(": ", 2)[1] for m in reported}
    required = {"summary", "organisations[0].name", "organisations[0].role", "sectors", "target_groups",
                "sources[0].source", "sources[0].where"}
    assert required <= reported_fields
    doc, _ = load_file(path)
    assert reported_fields == {field_path(p) for p in placeholders(doc.data)}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.subprocess
def test_new_record_validates_once_the_placeholders_are_filled_in(project, config, kind):
    programme = add_programme(project, config)
    title = f"Een {kind} om in te vullen"
    assert new(project, kind, title).returncode == 0
    path = project / "practices" / f"een-{kind}-om-in-te-vullen.yaml"
    filled = fill(path, config, known_id=programme)
    assert ("summary",) in filled and ("sources", 0, "where") in filled
    result = run_cli("validate", f"practices/{path.name}", cwd=project)
    assert result.returncode == 0, result.stdout
    doc, _ = load_file(path)
    assert doc.data["title"] == title and doc.data["kind"] == kind


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.subprocess
def test_every_schema_field_is_in_the_archetype_and_validates_when_switched_on(project, config, kind):
    programme = add_programme(project, config)
    assert new(project, kind, f"Alle velden van een {kind}").returncode == 0
    path = project / "practices" / f"alle-velden-van-een-{kind}.yaml"
    switch_on_everything(path)
    doc, problems = load_file(path)
    assert doc is not None and not problems, problems

    def present(data, parts) -> bool:
        if not parts:
            return True
        head, rest = parts[0], parts[1:]
        if head == "<criterium>":
            return isinstance(data, dict) and bool(data) and all(present(v, rest) for v in data.values())
        if head.endswith("[]"):
            items = data.get(head[:-2]) if isinstance(data, dict) else None
            return isinstance(items, list) and bool(items) and all(present(i, rest) for i in items)
        return isinstance(data, dict) and head in data and present(data[head], rest)

    missing = [p for p, *_ in walk_fields(config.schema) if not present(doc.data, p.replace("[]", "[].").replace("..", ".").split("."))]
    assert missing == []

    fill(path, config, known_id=programme)
    # related goes both ways: the programme names the new record back
    programme_file = project / "practices" / f"{programme}.yaml"
    programme_file.write_text(programme_file.read_text(encoding="utf-8") + f"related: [{path.stem}]\n", encoding="utf-8")
    result = run_cli("validate", f"practices/{path.name}", cwd=project)
    assert result.returncode == 0, result.stdout


@pytest.mark.subprocess
def test_new_never_overwrites(project):
    existing = write(project / "practices", "pilot-in-de-thuiszorg.yaml", "title: van een collega\n")
    result = new(project, "pilot", "Pilot in de thuiszorg")
    assert result.returncode == 1
    assert "practices/pilot-in-de-thuiszorg.yaml bestaat al" in result.stderr
    assert "nooit overschreven" in result.stderr
    assert existing.read_text(encoding="utf-8") == "title: van een collega\n"
    # and a second `new` with the same title after a successful one refuses too
    assert new(project, "pilot", "Nog een pilot in de zorg").returncode == 0
    again = new(project, "voorbeeld", "Nog een pilot in de zorg!")
    assert again.returncode == 1 and "bestaat al" in again.stderr


@pytest.mark.parametrize("title, expected", [
    ("Oekraïense vluchtelingen aan het werk", "oekraiense-vluchtelingen-aan-het-werk"),
    ("Café 't Hoekje: ‘Samen’ schoonmaken (2022)!", "cafe-t-hoekje-samen-schoonmaken-2022"),
    ("  Financiële   dienstverlening  ", "financiele-dienstverlening"),
    ("ÉÉN—TWEE", "een-twee"),  # a dash without spaces still separates words
    ("Programma's in ’s-Hertogenbosch", "programmas-in-s-hertogenbosch"),
    ("Straße og Søren", "strasse-og-soren"),
    ("!!!", "praktijk"),
])
def test_id_is_derived_from_the_title(title, expected):
    assert scaffold.record_id(title) == expected


def test_long_titles_give_a_valid_id_of_at_most_80_characters():
    title = "Een heel lange titel " * 3 + "abcd-efgh " + "x" * 50
    rid = scaffold.record_id(title)
    assert len(rid) <= 80 and not rid.endswith("-") and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid)
    # a cut that would end on a hyphen
    assert not scaffold.record_id("a" * 79 + " b").endswith("-")


@pytest.mark.subprocess
def test_the_title_is_kept_exactly_even_with_yaml_characters(project):
    title = 'Werk: "100.000" banen # en meer \\ – #1 & *niet* {x}'
    assert new(project, "voorbeeld", title).returncode == 0
    (path,) = (project / "practices").glob("*.yaml")
    doc, problems = load_file(path)
    assert not problems and doc.data["title"] == title


def test_without_kind_or_title_and_without_a_terminal_it_exits_2(project):
    for args in (["new"], ["new", "--kind", "pilot"], ["new", "--title", "Een titel"]):
        result = subprocess.run([sys.executable, "-m", "generator", *args], cwd=project,
                                capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
        assert result.returncode == 2, args
        assert "praktijkbank new --kind" in result.stderr and "--title" in result.stderr
    assert list((project / "practices").iterdir()) == []


def test_in_a_terminal_it_asks_for_kind_and_title(project, monkeypatch, capsys):
    answers = iter(["boek", "2", "", "Pilot met vragen"])  # a wrong kind and an empty title are asked again
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    code = scaffold.main(argparse.Namespace(archetype=None, title=None, practices=None))
    out = capsys.readouterr().out
    assert code == 0, out
    assert "'boek' is geen soort" in out and "mag niet leeg zijn" in out
    assert (project / "practices" / "pilot-met-vragen.yaml").read_text(encoding="utf-8").count("kind: pilot\n") == 1


def test_in_a_terminal_end_of_input_writes_nothing(project, monkeypatch):
    def eof(prompt=""):
        raise EOFError

    monkeypatch.chdir(project)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", eof)
    assert scaffold.main(argparse.Namespace(archetype=None, title=None, practices=None)) == 2
    assert list((project / "practices").iterdir()) == []


@pytest.mark.subprocess
def test_lists_of_allowed_values_in_the_comments_come_from_the_vocabularies(project, config):
    vocabularies = project / "site_config" / "vocabularies.yaml"
    text = vocabularies.read_text(encoding="utf-8")
    assert "    overig: {label: Overig}\n" in text
    vocabularies.write_text(text.replace("    overig: {label: Overig}\n", "    overig: {label: Overig}\n    ruimtevaart: {label: Ruimtevaart}\n"),
                            encoding="utf-8")  # one edit in one file: the schema follows
    assert new(project, "voorbeeld", "Een praktijk in de ruimte").returncode == 0
    text = (project / "practices" / "een-praktijk-in-de-ruimte.yaml").read_text(encoding="utf-8")
    assert "ruimtevaart" in text.split("\nsectors:")[0].rsplit("# Sectoren", 1)[1]


def test_every_archetype_is_a_kind_and_every_kind_has_an_archetype():
    config = load_config(ROOT / "site_config")
    # files starting with _ are shared bases that the kinds extend, not kinds themselves
    archetypes = {p.stem for p in (ROOT / "site_config" / "archetypes").glob("*.yaml") if not p.name.startswith("_")}
    assert archetypes == set(config.vocabularies["kinds"])


@pytest.mark.subprocess
def test_unknown_practices_folder_is_a_usage_error(project):
    result = run_cli("new", "--kind", "pilot", "--title", "Ergens anders", "--practices", "bestaat-niet", cwd=project)
    assert result.returncode == 2 and "bestaat niet" in result.stderr
