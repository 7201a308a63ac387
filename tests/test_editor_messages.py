"""The messages an editor reads: for each kind of mistake, the file, the line and the
field, what is wrong and what is allowed, in Dutch; and the same as GitHub annotations."""

from __future__ import annotations

import re

import pytest

from generator.problems import Problem

from helpers import VALID_RECORD, run_cli, write

FILE = "practices/fout.yaml"
ENGLISH = ("is not of type", "is not one of", "is a required property", "does not match", "Additional properties")


def validate(project, text: str, fmt: str = "text") -> list[str]:
    write(project / "practices", "fout.yaml", text)
    result = run_cli("validate", "--format", fmt, FILE, cwd=project)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for line in lines:
        assert not any(phrase in line for phrase in ENGLISH), line
    return lines


def one(lines: list[str], field: str) -> tuple[int, int, str]:
    """The (line, column, message) of the only problem reported for a field."""
    found = [l for l in lines if re.match(rf"{re.escape(FILE)}:\d+:\d+: {re.escape(field)}: ", l)]
    assert len(found) == 1, lines
    m = re.match(rf"{re.escape(FILE)}:(\d+):(\d+): {re.escape(field)}: (.+)$", found[0])
    return int(m.group(1)), int(m.group(2)), m.group(3)


def line_of(text: str, needle: str) -> int:
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


# -- missing field ----------------------------------------------------------------------


def test_missing_required_field(project):
    text = VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.\n", "")
    line, col, message = one(validate(project, text), "summary")
    assert (line, col) == (1, 1)
    assert "het verplichte veld `summary` ontbreekt" in message
    assert "Samenvatting" in message  # what belongs there, from the schema's description


def test_missing_required_field_inside_a_list_item_points_at_the_item(project):
    text = VALID_RECORD.replace(', where: "r. 1-2"', "")
    line, _, message = one(validate(project, text), "sources[0].where")
    assert line == line_of(text, "Testbron")
    assert "het verplichte veld `where` ontbreekt" in message
    assert "regels" in message  # the description says what belongs there


def test_empty_required_field_says_fill_it_in(project):
    text = VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.", "summary:")
    line, col, message = one(validate(project, text), "summary")
    assert (line, col) == (3, 9)
    assert message.startswith("is nog leeg; vul het in")


# -- wrong type ---------------------------------------------------------------------------


def test_text_where_a_list_is_expected(project):
    text = VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: schoonmaak")
    line, col, message = one(validate(project, text), "sectors")
    assert (line, col) == (line_of(text, "sectors:"), 10)
    assert "verwacht een lijst, maar vond tekst ('schoonmaak')" in message


def test_number_where_text_is_expected_says_use_quotes(project):
    text = VALID_RECORD + "place: 2020\n"
    line, col, message = one(validate(project, text), "place")
    assert (line, col) == (line_of(text, "place:"), 8)
    assert "verwacht tekst, maar vond een getal (2020)" in message
    assert "aanhalingstekens" in message


def test_text_where_a_number_is_expected(project):
    text = VALID_RECORD.replace("year: 2020", 'year: "tweeduizend"')
    line, _, message = one(validate(project, text), "sources[0].year")
    assert line == line_of(text, "year:")
    assert "verwacht een heel getal" in message


def test_a_colon_in_unquoted_text_is_explained(project):
    text = VALID_RECORD + "place: Deventer: centrum\n"
    (problem,) = validate(project, text)
    assert problem.startswith(f"{FILE}:{line_of(text, 'place:')}:")
    assert "aanhalingstekens" in problem


# -- unknown vocabulary value, with a suggestion -------------------------------------------


def test_misspelt_vocabulary_value_suggests_the_closest(project):
    text = VALID_RECORD.replace("target_groups: [statushouders]", "target_groups: [statushouder]")
    line, col, message = one(validate(project, text), "target_groups[0]")
    assert (line, col) == (line_of(text, "target_groups:"), 17)
    assert "tekst ('statushouder') is geen toegestane waarde" in message
    assert "bedoelde u `statushouders`?" in message
    assert "Toegestaan: " in message and "vluchtelingen" in message


def test_misspelt_criterion_suggests_the_closest(project):
    text = VALID_RECORD + "criteria:\n  ketensamenwerkin: {verdict: voldoet, by: redactie, text: Tekst.}\n"
    line, col, message = one(validate(project, text), "criteria.ketensamenwerkin")
    assert (line, col) == (line_of(text, "ketensamenwerkin:"), 3)
    assert "bedoelde u `ketensamenwerking`?" in message


def test_misspelt_field_name_suggests_the_closest(project):
    text = VALID_RECORD + "lesons:\n  - Een les.\n"
    line, col, message = one(validate(project, text), "lesons")
    assert (line, col) == (line_of(text, "lesons:"), 1)
    assert "onbekend veld `lesons`; bedoelde u `lessons`" in message


def test_unknown_verdict_suggests_the_closest(project):
    text = VALID_RECORD + "criteria:\n  innovatie:\n    verdict: voldoet deels\n    by: redactie\n    text: Tekst.\n"
    line, _, message = one(validate(project, text), "criteria.innovatie.verdict")
    assert line == line_of(text, "verdict:")
    assert "bedoelde u `voldoet-deels`" in message


# -- duplicate key ---------------------------------------------------------------------------


def test_duplicate_key_names_both_lines_and_the_key(project):
    text = VALID_RECORD + "title: Nog een titel voor dezelfde praktijk\n"
    (problem,) = validate(project, text)
    assert problem.startswith(f"{FILE}:{line_of(text, 'Nog een titel')}:1:")
    assert "de sleutel 'title' staat twee keer" in problem and "eerst op regel 1" in problem


def test_duplicate_key_inside_a_list_item(project):
    text = VALID_RECORD.replace('where: "r. 1-2"}', 'where: "r. 1-2", where: "r. 3"}')
    (problem,) = validate(project, text)
    assert problem.startswith(f"{FILE}:{line_of(text, 'Testbron')}:")
    assert "'where' staat twee keer" in problem


# -- bad indentation -----------------------------------------------------------------------


NESTED = VALID_RECORD.replace(
    "organisations:\n  - {name: Voorbeeld BV, role: werkgever}\n",
    "organisations:\n  - name: Voorbeeld BV\n    role: werkgever\n",
)


def test_field_that_lost_its_indentation_is_named(project):
    text = NESTED + 'period:\nstart: "2020"\n'
    lines = validate(project, text)
    line, col, message = one(lines, "start")
    assert (line, col) == (line_of(text, "start:"), 1)
    assert "onbekend veld `start`" in message
    line, _, message = one(lines, "period")
    assert line == line_of(text, "period:") and "leeg" in message


@pytest.mark.parametrize("broken, needle", [
    ("    role: werkgever", "  role: werkgever"),    # a field of a list item moved left
    ("    role: werkgever", "     role: werkgever"),  # moved right
    ("    role: werkgever", "   role: werkgever"),    # one space short
])
def test_broken_indentation_names_the_file_and_line_and_says_what_to_check(project, broken, needle):
    text = NESTED.replace(broken, needle)
    (problem,) = validate(project, text)
    assert problem.startswith(f"{FILE}:{line_of(text, needle)}:")
    assert "ongeldige YAML" in problem
    assert "springt" in problem or "inspringen" in problem


def test_broken_indentation_names_the_field(project):
    text = NESTED.replace("    role: werkgever", "  role: werkgever")
    (problem,) = validate(project, text)
    assert re.match(rf"{FILE}:\d+:\d+: organisations\[0\]", problem)


def test_tab_indentation_is_explained(project):
    text = NESTED.replace("    role: werkgever", "\trole: werkgever")
    (problem,) = validate(project, text)
    assert problem.startswith(f"{FILE}:{line_of(text, 'role:')}:")
    assert "tab" in problem and "spaties" in problem


# -- everything at once, and the GitHub format ------------------------------------------


BROKEN_FOUR_WAYS = (
    VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.\n", "")
    .replace("sectors: [schoonmaak]", "sectors: schoonmaak")
    .replace("target_groups: [statushouders]", "target_groups: [statushouder]")
    + "lesons: [Een les.]\n"
)


def test_every_problem_is_reported_in_one_run(project):
    lines = validate(project, BROKEN_FOUR_WAYS)
    fields = [l.split(": ", 2)[1] for l in lines]
    assert sorted(fields) == ["lesons", "sectors", "summary", "target_groups[0]"]


def test_github_annotations_carry_file_line_column_and_the_same_message(project):
    text_lines = validate(project, BROKEN_FOUR_WAYS)
    github_lines = validate(project, BROKEN_FOUR_WAYS, fmt="github")
    assert len(github_lines) == len(text_lines)
    for plain, annotation in zip(text_lines, github_lines):
        m = re.match(r"practices/fout\.yaml:(\d+):(\d+): (.*)$", plain)
        line, col, body = m.groups()
        assert annotation == f"::error file=practices/fout.yaml,line={line},col={col},title=Praktijkbank::{body}"


def test_github_annotation_escapes_what_the_workflow_syntax_reserves():
    problem = Problem("practices/a,b:c.yaml", 3, 5, "summary", "100% fout\nop twee regels\r")
    assert problem.format_github() == (
        "::error file=practices/a%2Cb%3Ac.yaml,line=3,col=5,title=Praktijkbank::"
        "summary: 100%25 fout%0Aop twee regels%0D"
    )


def test_validate_github_exits_0_and_prints_nothing_on_stdout_when_valid(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.returncode == 0 and result.stdout == ""


def test_empty_optional_field_says_it_may_be_left_out(project):
    write(project / "practices", "leeg.yaml", VALID_RECORD + "place:\n")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("practices/leeg.yaml:10:7: place: is nog leeg; vul het in; of laat dit optionele veld weg")


def test_empty_vocabulary_field_gives_one_message(project):
    write(project / "practices", "leeg.yaml",
          VALID_RECORD + "criteria:\n  innovatie: {verdict: , by: redactie, text: bewijs}\n")
    result = run_cli("validate", cwd=project)
    assert result.stdout.splitlines() == [
        "practices/leeg.yaml:11:24: criteria.innovatie.verdict: is nog leeg; vul het in (Genormaliseerd oordeel.)"]
