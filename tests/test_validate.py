"""Schema and cross-record validation, with messages an editor can act on."""

from pathlib import Path

import pytest

from generator.build import check
from generator.config import load_config

from helpers import ROOT, VALID_RECORD, write

CONFIG = load_config(ROOT / "site_config")


def problems_for(folder: Path, **records: str):
    for name, text in records.items():
        write(folder, f"{name}.yaml", text)
    return check(folder, CONFIG).problems


def test_valid_record_has_no_problems(tmp_path):
    assert problems_for(tmp_path, good=VALID_RECORD) == []


def test_every_real_record_is_valid():
    result = check(ROOT / "practices", CONFIG)
    assert [p.format() for p in result.problems] == []
    assert len(result.documents) >= 1


def test_missing_required_field_names_the_field_and_explains_it(tmp_path):
    text = VALID_RECORD.replace("kind: voorbeeld\n", "")
    [p] = problems_for(tmp_path, rec=text)
    assert p.field == "kind"
    assert "het verplichte veld `kind` ontbreekt" in p.message
    assert "Soort praktijk" in p.message


def test_unknown_vocabulary_value_suggests_the_closest(tmp_path):
    text = VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]")
    [p] = problems_for(tmp_path, rec=text)
    assert (p.line, p.column, p.field) == (6, 11, "sectors[0]")
    assert "bedoelde u `schoonmaak`?" in p.message


def test_unknown_criterion_key_suggests_the_closest(tmp_path):
    text = VALID_RECORD + "criteria:\n  ketenzamenwerking: {verdict: voldoet, by: redactie, text: bewijs}\n"
    [p] = problems_for(tmp_path, rec=text)
    assert p.field == "criteria.ketenzamenwerking"
    assert (p.line, p.column) == (11, 3)
    assert "bedoelde u `ketensamenwerking`?" in p.message


def test_unknown_field_points_at_the_key_and_suggests(tmp_path):
    [p] = problems_for(tmp_path, rec=VALID_RECORD + "sumary: iets\n")
    assert (p.line, p.column, p.field) == (10, 1, "sumary")
    assert "onbekend veld" in p.message and "bedoelde u `summary`?" in p.message


def test_number_where_text_is_expected_says_to_quote_it(tmp_path):
    text = VALID_RECORD + "results:\n  - {value: 12, unit: banen, what: gemaakt, status: gerealiseerd}\n"
    [p] = problems_for(tmp_path, rec=text)
    assert p.field == "results[0].value"
    assert "aanhalingstekens" in p.message


def test_text_with_colon_read_as_a_mapping_gets_a_hint(tmp_path):
    text = VALID_RECORD + "lessons:\n  - Let op: dit gaat mis\n"
    [p] = problems_for(tmp_path, rec=text)
    assert p.field == "lessons[0]"
    assert "aanhalingstekens" in p.message


def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    bad1 = VALID_RECORD.replace("kind: voorbeeld", "kind: bestpractice").replace("[statushouders]", "[]")
    bad2 = "title: x\n\tkind: pilot\n"
    problems = problems_for(tmp_path, a=bad1, b=bad2, c=VALID_RECORD)
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {"a.yaml", "b.yaml"}
    assert len([p for p in problems if p.file.endswith("a.yaml")]) == 2


def test_related_must_exist_and_not_be_itself(tmp_path):
    problems = problems_for(tmp_path, a=VALID_RECORD + "related: [a, b, bestaat-niet]\n", b=VALID_RECORD)
    messages = sorted(p.message for p in problems)
    assert len(problems) == 2
    assert any("zichzelf" in m for m in messages)
    assert any("bestaat-niet" in m for m in messages)


def test_part_of_must_exist(tmp_path):
    [p] = problems_for(tmp_path, a=VALID_RECORD + "part_of: nergens\n")
    assert p.field == "part_of"


def test_jury_verdict_needs_an_award(tmp_path):
    text = VALID_RECORD + "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: De jury vond het nieuw.}\n"
    [p] = problems_for(tmp_path, a=text)
    assert p.field == "criteria.innovatie.by"
    assert "redactie" in p.message


def test_unknown_award_edition(tmp_path):
    text = VALID_RECORD.replace("kind: voorbeeld", "kind: nominatie") + "award: {edition: best-practice-award-2023, stage: finalist}\n"
    [p] = problems_for(tmp_path, a=text)
    assert p.field == "award.edition"
    assert "best-practice-award-2022" in p.message


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.nl", "//evil.example", "https://x.nl/<script>"])
def test_links_may_only_use_http_https_or_mailto(tmp_path, url):
    [p] = problems_for(tmp_path, a=VALID_RECORD + f"links:\n  - {{title: meer, url: '{url}'}}\n")
    assert p.field == "links[0].url"


def test_duplicate_ids_across_folders(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write(tmp_path / "one", "same.yaml", VALID_RECORD)
    extra = write(tmp_path / "two", "same.yaml", VALID_RECORD)
    problems = check(tmp_path / "one", CONFIG, [extra]).problems
    assert len(problems) == 1 and "bestaat al" in problems[0].message


def test_format_is_file_line_column_field_message(tmp_path):
    [p] = problems_for(tmp_path, rec=VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]"))
    assert p.format().endswith("rec.yaml:6:11: sectors[0]: tekst ('schoonmak') is geen toegestane waarde; bedoelde u `schoonmaak`? Toegestaan: " + p.message.split("Toegestaan: ")[1])


def test_github_annotation_format(tmp_path):
    [p] = problems_for(tmp_path, rec=VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]"))
    line = p.format_github()
    assert line.startswith("::error file=")
    assert ",line=6,col=11," in line
    assert "::sectors[0]: " in line
    assert "\n" not in line


AGREEMENT_CASES = [
    VALID_RECORD,
    VALID_RECORD.replace("kind: voorbeeld", "kind: fout"),
    VALID_RECORD.replace("[statushouders]", "[]"),
    VALID_RECORD.replace("[schoonmaak]", "[schoonmaak, schoonmaak]"),
    VALID_RECORD + "period: {start: '2022-13'}\n",
    VALID_RECORD + "period: {start: '2022-09', end: '2023'}\n",
    VALID_RECORD + "links: [{title: x, url: 'javascript:alert(1)'}]\n",
    VALID_RECORD + "links: [{title: x, url: 'https://example.org/a b'}]\n",
    VALID_RECORD + "criteria: {innovatie: {verdict: voldoet, by: redactie, text: bewijs}}\n",
    VALID_RECORD + "criteria: {innovatie: {verdict: voldoet, by: redactie}}\n",
    VALID_RECORD + "criteria: {nieuw: {verdict: voldoet, by: redactie, text: x}}\n",
    VALID_RECORD + "related: [Hoofdletter]\n",
    VALID_RECORD + "related: [goed-id, ../x]\n",
    VALID_RECORD + "results: [{value: '1', unit: u, what: w, status: gerealiseerd, extra: 1}]\n",
    VALID_RECORD.replace("year: 2020", "year: 1800"),
    VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: kort"),
    VALID_RECORD + "quotes: [{text: '" + "x" * 601 + "', speaker: rol}]\n",
]


@pytest.mark.parametrize("text", AGREEMENT_CASES)
def test_fast_and_detailed_validators_agree(tmp_path, text):
    """jsonschema-rs decides valid/invalid, python-jsonschema explains: they must agree."""
    from generator.loader import load_file
    from generator.validate import fast_is_valid, schema_validator

    doc, _ = load_file(write(tmp_path, "rec.yaml", text))
    detailed = list(schema_validator(CONFIG).iter_errors(doc.data))
    assert fast_is_valid(doc.data, CONFIG) == (detailed == [])
