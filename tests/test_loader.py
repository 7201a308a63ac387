"""The loader keeps positions, refuses what YAML would silently change, and stays within limits."""

from pathlib import Path

import pytest

from generator.loader import Limits, load_file, resolve_plain

from helpers import VALID_RECORD, write


def load_text(tmp_path: Path, text, name="rec.yaml", **limits):
    path = write(tmp_path, name, text)
    return load_file(path, display=name, limits=Limits(**limits) if limits else Limits())


def test_valid_record_keeps_line_and_column_of_every_value(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD)
    assert problems == []
    assert doc.id == "rec"
    assert doc.data["sources"][0]["where"] == "r. 1-2"
    assert doc.marks[("kind",)] == (2, 7)
    assert doc.marks[("organisations", 0, "name")] == (5, 12)
    assert doc.key_marks[("summary",)] == (3, 1)


@pytest.mark.parametrize("written, kept", [
    ("no", "no"), ("on", "on"), ("yes", "yes"), ("off", "off"),
    ("100.000", "100.000"), ("010", "010"), ("2022-09-23", "2022-09-23"),
    ("12:30", "12:30"), ("1e3", "1e3"), (".5", ".5"), ("0x1F", "0x1F"),
])
def test_yaml_1_1_traps_stay_the_text_the_editor_wrote(written, kept):
    assert resolve_plain(written) == kept


@pytest.mark.parametrize("written, value", [("12", 12), ("0", 0), ("true", True), ("false", False), ("~", None), ("", None)])
def test_unambiguous_plain_values_are_resolved(written, value):
    assert resolve_plain(written) == value


def test_traps_inside_a_record(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "place: no\nresults:\n  - {value: 100.000, unit: banen, what: doel, status: doel}\n")
    assert problems == []
    assert doc.data["place"] == "no"
    assert doc.data["results"][0]["value"] == "100.000"


def test_duplicate_key_is_an_error_that_names_both_lines(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "title: Tweede titel die anders verloren gaat\n")
    assert len(problems) == 1
    p = problems[0]
    assert (p.line, p.column) == (10, 1)
    assert "'title'" in p.message and "regel 1" in p.message
    assert doc.data["title"] == "Een voorbeeldpraktijk om mee te testen"


def test_nested_duplicate_key(tmp_path):
    _, problems = load_text(tmp_path, VALID_RECORD + "period:\n  start: '2020'\n  start: '2021'\n")
    assert [(p.line, "'start'" in p.message) for p in problems] == [(12, True)]


def test_alias_bomb_is_refused_fast(tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(ord("b"), ord("j")):
        prev = chr(i - 1)
        bomb += f"{chr(i)}: &{chr(i)} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    doc, problems = load_text(tmp_path, bomb)
    assert doc is None
    assert "ankers en verwijzingen" in problems[0].message
    assert problems[0].line == 1


def test_size_limit_is_checked_before_reading(tmp_path):
    doc, problems = load_text(tmp_path, "title: x\n" + "#" * 2000 + "\n", max_bytes=1000)
    assert doc is None
    assert "bytes" in problems[0].message


@pytest.mark.parametrize("text, expected", [
    ("", "leeg"),
    ("   \n\n", "leeg"),
    ("- een\n- lijst\n", "een lijst"),
    ("zomaar tekst\n", "een losse waarde"),
])
def test_top_level_must_be_a_mapping(tmp_path, text, expected):
    doc, problems = load_text(tmp_path, text)
    assert doc is None and expected in problems[0].message


def test_byte_order_mark_is_accepted(tmp_path):
    doc, problems = load_text(tmp_path, b"\xef\xbb\xbf" + VALID_RECORD.encode())
    assert problems == [] and doc.data["kind"] == "voorbeeld"


def test_non_utf8_names_the_line(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD.encode() + b"place: Caf\xe9\n")
    assert doc is None
    assert (problems[0].line, problems[0].column) == (10, 11)
    assert "UTF-8" in problems[0].message


@pytest.mark.parametrize("text, needle", [
    ("title: x\n\tkind: pilot\n", "tab"),
    ('title: "niet gesloten\nkind: pilot\n', "aanhalingsteken"),
    ("title: x\n  kind: pilot\n", "ongeldige YAML"),
    ("title: een: twee\n", "':'"),
])
def test_malformed_yaml_gets_a_friendly_message_with_position(tmp_path, text, needle):
    doc, problems = load_text(tmp_path, text)
    assert doc is None
    assert needle in problems[0].message
    assert problems[0].line >= 1


def test_tags_are_refused(tmp_path):
    doc, problems = load_text(tmp_path, "title: !!python/object:os.system ls\n")
    assert doc is None and "tags" in problems[0].message


def test_two_documents_are_refused(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "---\ntitle: x\n")
    assert doc is None and "één YAML-document" in problems[0].message


@pytest.mark.parametrize("name", ["Hoofdletters.yaml", "met spatie.yaml", "café.yaml", "..yaml", "a_b.yaml", "x.yml", "x.txt"])
def test_hostile_or_wrong_file_names_are_refused(tmp_path, name):
    doc, problems = load_text(tmp_path, VALID_RECORD, name=name)
    assert doc is None
    assert problems[0].file == name
