"""The loader keeps positions, refuses what YAML would silently change, and stays within limits.

Broken and hostile files (every refusal, with its exact message and position) are in
test_hostile.py; this file covers the loader's own parts: positions, the plain-scalar
resolver and the limits.
"""

from pathlib import Path

import pytest

from generator.loader import Document, Limits, load_file, resolve_plain, suggest_id

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


@pytest.mark.parametrize("written", ["-1", "-0", "123456789012345678", "00", "-", "1_000", "+1", " 1"])
def test_integers_are_plain_decimals_of_at_most_18_digits(written):
    expected = int(written) if written in ("-1", "-0", "123456789012345678") else written
    assert resolve_plain(written) == expected and type(resolve_plain(written)) is type(expected)
    assert resolve_plain("1234567890123456789") == "1234567890123456789"  # 19 digits stay text


@pytest.mark.parametrize("written, value", [
    ("null", None), ("Null", None), ("NULL", None), ("nULL", "nULL"), ("True", True), ("TRUE", True),
    ("False", False), ("FALSE", False), ("tRUE", "tRUE"), ("nee", "nee"), ("true dat", "true dat"),
])
def test_null_and_booleans_only_in_their_three_spellings(written, value):
    assert resolve_plain(written) == value and type(resolve_plain(written)) is type(value)


def test_quoted_values_are_never_resolved(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "place: '12'\nstatus: \"true\"\nworked: [~, '~']\n")
    assert problems == []
    assert (doc.data["place"], doc.data["status"], doc.data["worked"]) == ("12", "true", [None, "~"])


def test_nested_duplicate_key(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "period:\n  start: '2020'\n  start: '2021'\n")
    assert [(p.file, p.line, p.column, p.field, p.message) for p in problems] == [(
        "rec.yaml", 12, 3, "period.start",
        "de sleutel 'start' staat twee keer op hetzelfde niveau (eerst op regel 11); "
        "YAML zou de eerste stil weggooien, dus voeg ze samen of verwijder er één")]
    assert doc.data["period"] == {"start": "2020"}  # the first value is kept, the second reported
    assert doc.marks[("period", "start")] == (11, 10)


def test_size_limit_also_holds_for_what_is_read(tmp_path):
    doc, problems = load_text(tmp_path, "title: x\n" + "#" * 2000 + "\n", max_bytes=1000)
    assert doc is None
    assert [(p.line, p.column, p.field, p.message) for p in problems] == [
        (1, 1, "", "het bestand is 2.010 bytes; een record mag hoogstens 1.000 bytes zijn")]


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path):
    text = "title: x\n"
    doc, problems = load_text(tmp_path, text, max_bytes=len(text))
    assert problems == [] and doc.data == {"title": "x"}


@pytest.mark.parametrize("depth, refused", [(3, False), (4, True)])
def test_the_depth_limit_counts_levels_of_the_tree(tmp_path, depth, refused):
    text = "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b: 1\n"
    doc, problems = load_text(tmp_path, text, max_depth=4)
    if refused:
        assert doc is None
        assert [(p.line, p.column, p.message) for p in problems] == [
            (5, 5, "het bestand is dieper genest dan 4 niveaus; een record is veel platter")]
    else:
        assert problems == [] and doc.data == {"a": {"a": {"a": {"b": 1}}}}


@pytest.mark.parametrize("items, refused", [(3, False), (4, True)])
def test_the_node_limit_counts_every_value(tmp_path, items, refused):
    text = "a: [" + ", ".join(["x"] * items) + "]\n"  # with the mapping, the key and the list: items + 3
    doc, problems = load_text(tmp_path, text, max_nodes=6)
    if refused:
        assert doc is None
        assert [(p.line, p.column, p.message) for p in problems] == [
            (1, 14, "het bestand bevat meer dan 6 waarden; een record is veel kleiner")]
    else:
        assert problems == [] and doc.data == {"a": ["x"] * items}


def test_mark_falls_back_to_the_nearest_parent():
    doc = Document(Path("x.yaml"), "x.yaml", "x", {}, marks={(): (1, 1), ("a",): (2, 3), ("a", "b"): (4, 5)},
                   key_marks={("a",): (2, 1)})
    assert doc.mark(("a", "b", 0, "c")) == (4, 5)
    assert doc.mark(("a", "z")) == (2, 3)
    assert doc.mark(("a",), key=True) == (2, 1)
    assert doc.mark(("a", "b"), key=True) == (4, 5)  # no key mark: the value's
    assert doc.mark(("q",)) == (1, 1)
    assert Document(Path("x.yaml"), "x.yaml", "x", {}).mark(("q",)) == (1, 1)
    p = doc.problem(("a", "b", 0), "fout")
    assert (p.file, p.line, p.column, p.field, p.message) == ("x.yaml", 4, 5, "a.b[0]", "fout")


@pytest.mark.parametrize("name, suggestion", [
    ("Café Nieuw (2).YAML", "cafe-nieuw-2-yaml"), ("---", "praktijk"), ("", "praktijk"), ("a" * 90, "a" * 80),
    ("ÆØ", "praktijk"), ("x__y", "x-y"),
])
def test_suggest_id(name, suggestion):
    assert suggest_id(name) == suggestion


def test_a_file_that_is_gone_cannot_be_read(tmp_path):
    doc, problems = load_file(tmp_path / "weg.yaml", display="weg.yaml")
    assert doc is None
    assert [(p.file, p.line, p.column, p.field, p.message) for p in problems] == [
        ("weg.yaml", 1, 1, "", "het bestand kan niet gelezen worden: No such file or directory")]


def test_a_link_swapped_in_after_the_check_is_not_followed(tmp_path, monkeypatch):
    """O_NOFOLLOW: even when the link check is passed (a link put in place just after it)."""
    write(tmp_path, "echt.yaml", VALID_RECORD)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "echt.yaml")
    monkeypatch.setattr(Path, "is_symlink", lambda self: False)
    doc, problems = load_file(tmp_path / "link.yaml", display="link.yaml")
    assert doc is None
    assert [p.message for p in problems] == ["het bestand kan niet gelezen worden: Too many levels of symbolic links"]


def test_a_file_that_grows_after_its_size_was_checked_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    import os
    import stat as stat_module

    from generator import loader

    path = write(tmp_path, "groeit.yaml", "title: x\n" + "#" * 3000 + "\n")
    real_fstat = os.fstat

    def small(fd):  # the size when it was checked; the file grew since
        info = real_fstat(fd)
        return os.stat_result((stat_module.S_IFREG | 0o644, *tuple(info)[1:6], 10, *tuple(info)[7:10]))

    monkeypatch.setattr(loader.os, "fstat", small)
    doc, problems = load_file(path, display="groeit.yaml", limits=Limits(max_bytes=1000))
    assert doc is None
    assert [p.message for p in problems] == ["het bestand is 1.001 bytes; een record mag hoogstens 1.000 bytes zijn"]


def test_a_parser_that_recurses_too_deep_is_a_problem_not_a_crash(tmp_path, monkeypatch):
    from generator import loader

    def deep(*args, **kwargs):
        raise RecursionError
        yield  # a generator, like yaml.parse

    monkeypatch.setattr(loader.yaml, "parse", deep)
    doc, problems = load_text(tmp_path, VALID_RECORD)
    assert doc is None
    assert [(p.file, p.line, p.column, p.field, p.message) for p in problems] == [
        ("rec.yaml", 1, 1, "", "het bestand is te diep genest")]


def test_the_first_nul_byte_is_named(tmp_path):
    doc, problems = load_text(tmp_path, b"title: a\x00b\nplace: c\x00d\n")
    assert [(p.line, p.column) for p in problems] == [(1, 9)]


def test_a_problem_about_the_whole_record_points_at_its_first_field(tmp_path):
    doc, _ = load_text(tmp_path, "# een opmerking\n\n" + VALID_RECORD)
    assert doc.mark(()) == (3, 1) and doc.mark(("nergens",)) == (3, 1)


def test_a_name_of_80_characters_is_an_id(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD, name="a" * 80 + ".yaml")
    assert problems == [] and doc.id == "a" * 80


def test_the_non_specific_tag_is_allowed(tmp_path):
    doc, problems = load_text(tmp_path, VALID_RECORD + "place: ! Deventer\n")
    assert problems == [] and doc.data["place"] == "Deventer"


def test_a_subfolder_does_not_stop_the_discovery_of_the_records_after_it(tmp_path):
    from generator.loader import discover

    (tmp_path / "a-map").mkdir()
    write(tmp_path, "b.yaml", VALID_RECORD)
    files, problems = discover(tmp_path)
    assert [f.name for f in files] == ["b.yaml"]
    assert [Path(p.file).name for p in problems] == ["a-map"]
