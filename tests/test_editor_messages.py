"""The messages an editor reads from `praktijkbank validate`: for each kind of mistake, the
whole line (file, line, column, field, what is wrong and what is allowed), in Dutch; and the
same as GitHub annotations.

The command runs in-process (generator.cli.main, in the project's folder); a few tests run it
end to end as CI does, for both formats and the exit codes. Broken YAML, duplicate keys and
wrong types are in test_hostile.py, every schema message in test_validate.py.
"""

from __future__ import annotations

import re

import pytest

from generator import cli
from generator.config import load_config
from generator.problems import Problem

from helpers import ROOT, VALID_RECORD, run_cli, write

CONFIG = load_config(ROOT / "site_config")

FILE = "practices/fout.yaml"
ENGLISH = ("is not of type", "is not one of", "is a required property", "does not match", "Additional properties")


@pytest.fixture
def validate(project, monkeypatch, capsys):
    """Write fout.yaml, run `praktijkbank validate [--format F] practices/fout.yaml` in-process:
    its exit code must be 1; returns the lines on stdout."""
    monkeypatch.chdir(project)

    def run(text: str, fmt: str = "text", name: str = "fout.yaml") -> list[str]:
        write(project / "practices", name, text)
        code = cli.main(["validate", "--format", fmt, f"practices/{name}"])
        out, err = capsys.readouterr()
        assert code == 1, out + err
        lines = out.splitlines()
        assert err == f"{len(lines)} probleem/problemen in 1 bestand(en).\n"
        for line in lines:
            assert not any(phrase in line for phrase in ENGLISH), line
        return lines

    return run


def test_missing_required_field(validate):
    text = VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.\n", "")
    assert validate(text) == [
        f"{FILE}:1:1: summary: het verplichte veld `summary` ontbreekt (Samenvatting in één tot drie zinnen, in eigen woorden.)"]


def test_missing_required_field_inside_a_list_item_points_at_the_item(validate):
    assert validate(VALID_RECORD.replace(', where: "r. 1-2"', "")) == [
        f"{FILE}:9:5: sources[0].where: het verplichte veld `where` ontbreekt "
        "(Pagina's of regels, bijvoorbeeld 'r. 1-107' of 'p. 21-23'.)"]


def test_empty_required_field_says_fill_it_in(validate):
    text = VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.", "summary:")
    assert validate(text) == [f"{FILE}:3:9: summary: is nog leeg; vul het in (Samenvatting in één tot drie zinnen, in eigen woorden.)"]


def test_empty_optional_field_says_it_may_be_left_out(validate):
    assert validate(VALID_RECORD + "place:\n", name="leeg.yaml") == [
        "practices/leeg.yaml:10:7: place: is nog leeg; vul het in; of laat dit optionele veld weg door het te "
        "verwijderen of er een # voor te zetten"]


def test_empty_vocabulary_field_gives_one_message(validate):
    text = VALID_RECORD + "criteria:\n  innovatie: {verdict: , by: redactie, text: bewijs}\n"
    assert validate(text, name="leeg.yaml") == [
        "practices/leeg.yaml:11:24: criteria.innovatie.verdict: is nog leeg; vul het in (Genormaliseerd oordeel.)"]


def test_misspelt_vocabulary_value_suggests_the_closest_and_lists_the_allowed(validate):
    text = VALID_RECORD.replace("target_groups: [statushouders]", "target_groups: [statushouder]")
    assert validate(text) == [
        f"{FILE}:7:17: target_groups[0]: tekst ('statushouder') is geen toegestane waarde; bedoelde u `statushouders`? "
        "Toegestaan: vluchtelingen, statushouders, banenafspraak, arbeidsbeperking, afstand-arbeidsmarkt, "
        "re-integratie-spoor-2, ex-gedetineerden, jongeren, ouderen, werkzoekenden, schoonmakers, zorgmedewerkers, "
        "zonder-startkwalificatie, werkgevers; uitleg bij elke waarde: /bijdragen/velden/#veld-target-groups"]


def test_unknown_verdict_suggests_the_closest(validate):
    text = VALID_RECORD + "criteria:\n  innovatie:\n    verdict: voldoet deels\n    by: redactie\n    text: Tekst.\n"
    assert validate(text) == [
        f"{FILE}:12:14: criteria.innovatie.verdict: tekst ('voldoet deels') is geen toegestane waarde; bedoelde u "
        "`voldoet-deels` of `voldoet`? Toegestaan: voldoet, voldoet-deels, voldoet-niet, niet-beoordeeld; "
        "uitleg bij elke waarde: /bijdragen/velden/#veld-criteria-criterium-verdict"]


NESTED = VALID_RECORD.replace(
    "organisations:\n  - {name: Voorbeeld BV, role: werkgever}\n",
    "organisations:\n  - name: Voorbeeld BV\n    role: werkgever\n",
)
FIELDS = ", ".join(CONFIG.schema["properties"])  # in the order of the schema


def test_field_that_lost_its_indentation_is_named(validate):
    assert validate(NESTED + 'period:\nstart: "2020"\n') == [
        f"{FILE}:11:8: period: is nog leeg; vul het in; of laat dit optionele veld weg door het te verwijderen "
        "of er een # voor te zetten",
        f"{FILE}:12:1: start: onbekend veld `start`; bedoelde u `status`? Toegestaan: {FIELDS}",
    ]


BROKEN_FOUR_WAYS = (
    VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.\n", "")
    .replace("sectors: [schoonmaak]", "sectors: schoonmaak")
    .replace("target_groups: [statushouders]", "target_groups: [statushouder]")
    + "lesons: [Een les.]\n"
)


def test_every_problem_is_reported_in_one_run(validate):
    assert [line.split(": ", 2)[0:2] for line in validate(BROKEN_FOUR_WAYS)] == [
        [f"{FILE}:1:1", "summary"], [f"{FILE}:5:10", "sectors"], [f"{FILE}:6:17", "target_groups[0]"],
        [f"{FILE}:9:1", "lesons"]]


def test_github_format_in_process(validate):
    assert validate(VALID_RECORD + "place: 2020\n", fmt="github") == [
        "::error file=practices/fout.yaml,line=10,col=8,title=Praktijkbank::place: verwacht tekst, maar vond een "
        'getal (2020); zet de waarde tussen aanhalingstekens ("…") zodat ze tekst blijft zoals geschreven '
        "(Plaats of gebied zoals de bron het noemt.)"]


def test_github_annotation_escapes_what_the_workflow_syntax_reserves():
    problem = Problem("practices/a,b:c.yaml", 3, 5, "summary", "100% fout\nop twee regels\r")
    assert problem.format_github() == (
        "::error file=practices/a%2Cb%3Ac.yaml,line=3,col=5,title=Praktijkbank::"
        "summary: 100%25 fout%0Aop twee regels%0D"
    )


# -- end to end, as CI runs it ----------------------------------------------------------------

@pytest.mark.subprocess
def test_github_annotations_carry_file_line_column_and_the_same_message(project):
    write(project / "practices", "fout.yaml", BROKEN_FOUR_WAYS)
    text = run_cli("validate", FILE, cwd=project)
    github = run_cli("validate", "--format", "github", FILE, cwd=project)
    assert (text.returncode, github.returncode) == (1, 1)
    assert text.stderr == github.stderr == "4 probleem/problemen in 1 bestand(en).\n"
    text_lines, github_lines = text.stdout.splitlines(), github.stdout.splitlines()
    assert len(text_lines) == len(github_lines) == 4
    for plain, annotation in zip(text_lines, github_lines):
        line, col, body = re.match(r"practices/fout\.yaml:(\d+):(\d+): (.*)$", plain).groups()
        assert annotation == f"::error file=practices/fout.yaml,line={line},col={col},title=Praktijkbank::{body}"


@pytest.mark.subprocess
def test_validate_github_exits_0_and_prints_nothing_on_stdout_when_valid(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    result = run_cli("validate", "--format", "github", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "1 record(s) geldig.\n")
