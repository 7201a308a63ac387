"""Hostile input, round two: findings 2, 3 and 5, and editor backup files (part of finding 8).

Each case was written to fail on the code before its fix.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from generator.build import check
from generator.config import load_config
from generator.exports import CSV_LIST_SEPARATOR, collection_csv, edition_matrix_csv
from generator.model import build_collection

from helpers import ROOT, VALID_RECORD, without_source_texts, write

CONFIG = without_source_texts(load_config(ROOT / "site_config"))


def run(folder: Path, files: dict[str, str]):
    for name, text in files.items():
        write(folder, name, text)
    return check(folder, CONFIG)


# -- finding 3: a record named index.yaml was silently lost -----------------------------------------

def test_a_reserved_id_is_refused(tmp_path):
    result = run(tmp_path, {"index.yaml": VALID_RECORD})
    assert [(Path(p.file).name, p.line, p.column, p.field, p.message) for p in result.problems] == [
        ("index.yaml", 1, 1, "", "de id `index` is gereserveerd: praktijken/index/ is het overzicht van alle praktijken; "
                                 "kies een andere bestandsnaam, bijvoorbeeld index-praktijk.yaml")]
    assert result.documents == []


# -- finding 5: a file name with a trailing newline passed the id check -----------------------------

def test_an_id_is_matched_in_full(tmp_path):
    result = run(tmp_path, {"ander\n.yaml": VALID_RECORD})
    [problem] = result.problems
    assert problem.file.endswith("ander\\n.yaml") and (problem.line, problem.column) == (1, 1)
    assert problem.message.startswith("de bestandsnaam 'ander\\n' is ook de id en de URL van de praktijk")
    assert result.documents == []


def test_ids_in_related_and_part_of_are_matched_in_full(tmp_path):
    result = run(tmp_path, {"a.yaml": VALID_RECORD + 'related: ["b\\n"]\npart_of: "b\\n"\n', "b.yaml": VALID_RECORD})
    assert {p.field for p in result.problems} == {"related[0]", "part_of"}


# -- editor backup and swap files are skipped with a note, never an error ---------------------------

@pytest.mark.parametrize("name", ["goed.yaml~", ".goed.yaml.swp", "goed.yaml.swp", "#goed.yaml#", ".#goed.yaml"])
def test_editor_backup_files_are_skipped_with_a_note(tmp_path, name):
    result = run(tmp_path, {"goed.yaml": VALID_RECORD, name: "title: [kapot\n"})
    assert result.problems == []
    assert [d.id for d in result.documents] == ["goed"]
    if not name.startswith(".#"):  # an editor's lock file is not even worth a note
        assert result.notes == [f"overgeslagen: {name} (een reservekopie of wisselbestand van een editor, geen record)"]


# -- finding 2: CSV formulas through ';' and columns split by the list separator --------------------

HOSTILE = "Titel;=1+1;@SUM(1+9)"


@pytest.fixture
def exports(tmp_path):
    text = (VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", f'title: "{HOSTILE}"')
            .replace("sectors: [schoonmaak]", "sectors: [schoonmaak, zorg]")
            .replace("kind: voorbeeld", "kind: nominatie")
            + "place: 'Deventer,+31 ;-2'\naward: {edition: best-practice-award-2022, stage: finalist}\n")
    result = run(tmp_path, {"vijandig.yaml": text})
    assert result.problems == []
    collection = build_collection(result.documents, CONFIG)
    return [collection_csv(collection), edition_matrix_csv(collection.editions[0])]


FORMULA = re.compile(r"^\s*[=+\-@\t\r\n＝＋－＠]")


def test_no_cell_or_segment_can_start_a_formula_in_any_spreadsheet(exports):
    for text in exports:
        for row in list(csv.reader(io.StringIO(text)))[1:]:
            for cell in row:
                for segment in re.split(r"[;,\t]", cell):  # Dutch Excel splits on ';', others on ',' or tab
                    assert not FORMULA.match(segment), (cell, segment)


def test_every_cell_is_quoted_and_lists_do_not_split_columns(exports):
    for text in exports:
        for line in text.splitlines():
            assert line.startswith('"') and line.endswith('"')
    assert ";" not in CSV_LIST_SEPARATOR and "," not in CSV_LIST_SEPARATOR
    row = next(r for r in csv.DictReader(io.StringIO(exports[0])) if r["id"] == "vijandig")
    assert row["sectors"] == f"schoonmaak{CSV_LIST_SEPARATOR}zorg"
    assert row["title"].replace("'", "") == HOSTILE  # the text is kept; only guarded


# -- finding 10: ranges, order, cycles and empty-looking titles ---------------------------------------

def found(result):
    return [(Path(p.file).name, p.line, p.column, p.field, p.message) for p in result.problems]


def test_a_period_outside_plausible_years_is_refused(tmp_path):
    result = run(tmp_path, {"a.yaml": VALID_RECORD + 'period: {start: "0001", end: "9999"}\n'})
    assert found(result) == [
        ("a.yaml", 10, 17, "period.start", "`0001` ligt niet tussen 1900 en 2100; schrijf het jaar zoals de bron het noemt"),
        ("a.yaml", 10, 30, "period.end", "`9999` ligt niet tussen 1900 en 2100; schrijf het jaar zoals de bron het noemt")]


@pytest.mark.parametrize("start, end, reversed_", [
    ("2022", "2021", True), ("2022-05", "2022-03", True), ("2022", "2022-03", False), ("2021-11", "2022-01", False),
])
def test_a_reversed_period_is_refused(tmp_path, start, end, reversed_):
    result = run(tmp_path, {"a.yaml": VALID_RECORD + f'period: {{start: "{start}", end: "{end}"}}\n'})
    expected = [("a.yaml", 10, 30 + len(start) - 4, "period.end",
                 f"het einde ({end}) ligt voor het begin ({start}); verwissel ze of verbeter er één")]
    assert found(result) == (expected if reversed_ else [])


def test_a_part_of_cycle_is_refused(tmp_path):
    result = run(tmp_path, {"a.yaml": VALID_RECORD + "part_of: b\n", "b.yaml": VALID_RECORD + "part_of: c\n",
                            "c.yaml": VALID_RECORD + "part_of: a\n"})
    assert [(f, field, msg.split(";")[0]) for f, _, _, field, msg in found(result)] == [
        ("a.yaml", "part_of", "part_of maakt een kring (a → b → c → a)"),
        ("b.yaml", "part_of", "part_of maakt een kring (b → c → a → b)"),
        ("c.yaml", "part_of", "part_of maakt een kring (c → a → b → c)")]


@pytest.mark.parametrize("title, message", [
    ('"     "', "de titel is leeg: hij bestaat alleen uit spaties of onzichtbare tekens; schrijf een titel in eigen woorden"),
    ('"\\u200b\\u200b\\u200b\\u200b\\u200b\\u2060"', "de titel is leeg: hij bestaat alleen uit spaties of onzichtbare tekens; "
                                                    "schrijf een titel in eigen woorden"),
    ('"Een goede praktijk \\u202egnilpmaxe"', "de titel bevat een onzichtbaar teken dat de leesrichting omdraait (U+202E); verwijder het"),
])
def test_an_empty_looking_or_reversing_title_is_refused(tmp_path, title, message):
    text = VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", f"title: {title}")
    assert found(run(tmp_path, {"a.yaml": text})) == [("a.yaml", 1, 8, "title", message)]


@pytest.mark.subprocess
@pytest.mark.parametrize("command", ["build", "validate", "serve"])
def test_a_command_outside_a_project_says_so_without_a_traceback(tmp_path, command):
    from helpers import run_cli

    result = run_cli(command, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "mkdocs.yml:1:1: er is geen mkdocs.yml in deze map of een map erboven" in result.stderr


# -- findings 4 and 7: one-line fields are plain text wherever they land ----------------------------

@pytest.mark.parametrize("title", [
    "Goede praktijk](https://evil.example/phish) [x",  # took over the link of every list (40 pages)
    "Goede praktijk\n\n!!! danger \"Let op\"\n    ingevoegd\n\n## Kop",  # inserted an admonition and a heading
    "Een titel die eindigt op een backslash \\",  # broke its own link
    "- een lijst | met een cel `en code` *nadruk* #kop",
])
def test_a_title_is_one_line_of_plain_text_in_every_list(title):
    from generator.render import flat, one_line

    import markdown

    item = markdown.markdown(f"- [{one_line(title)}](../praktijken/x.md) en meer", extensions=["tables", "admonition"])
    assert item.count("<a ") == 1 and 'href="../praktijken/x.md"' in item
    assert "<h2" not in item and "admonition" not in item and "<code>" not in item and "<em>" not in item
    text = re.sub(r"<[^>]+>", "", item).replace("&amp;", "&").replace("&quot;", '"')
    assert flat(title) in text


def test_a_table_cell_cannot_be_forged_or_merged():
    from generator.render import one_line

    import markdown

    row = "| " + " | ".join(one_line(v) for v in ["100 \\| mensen \\| nep \\| gerealiseerd", "eenheid `a", "wat` b", "gepland"]) + " |"
    table = markdown.markdown("| a | b | c | d |\n| --- | --- | --- | --- |\n" + row, extensions=["tables"])
    assert table.count("<td>") == 4 and "<code>" not in table
    assert "<td>gepland</td>" in table


# -- finding 10: NEL, LS and PS are line breaks to YAML, not to an editor -------------------------

@pytest.mark.parametrize("char, name, usually", [
    ("\u2028", "U+2028, regelscheiding", ""),
    ("\u2029", "U+2029, alineascheiding", ""),
    ("\x85", "U+0085, NEL", "; vaak is het een verkeerd omgezet beletselteken: schrijf dan …"),
])
def test_a_hidden_line_break_is_refused_where_the_editor_sees_it(tmp_path, char, name, usually):
    # before: YAML counted it as a line, so every problem after it was reported a line too low
    text = VALID_RECORD.replace("in eigen woorden", f"in eigen{char}woorden") + "kind: dubbel\n"
    line = next(i for i, row in enumerate(text.split("\n"), 1) if char in row)
    column = text.split("\n")[line - 1].index(char) + 1
    assert found(run(tmp_path, {"a.yaml": text})) == [
        ("a.yaml", line, column, "", f"hier staat een onzichtbaar regeleinde ({name}) dat YAML als nieuwe regel leest "
                                     f"maar uw editor niet; vervang het door een spatie{usually}")]
