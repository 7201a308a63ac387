"""Broken and hostile records: each is refused with a message that names the file and says
what to fix, within seconds and bounded memory, and never stops the other records of the
same run from being checked.

Every case runs through generator.build.check on a folder that also holds `ander.yaml`,
a record with a mistake of its own (a misspelt sector), which must still be reported.
"""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from generator.build import check
from generator.config import load_config
from generator.loader import Document, Limits, discover, load_file
from generator.problems import Problem
from generator.validate import check_collection
from generator.write import write_tree

from helpers import ROOT, VALID_RECORD, run_cli, write, without_source_texts

CONFIG = without_source_texts(load_config(ROOT / "site_config"))
OTHER = VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]")
NESTED = VALID_RECORD.replace(
    "organisations:\n  - {name: Voorbeeld BV, role: werkgever}\n",
    "organisations:\n  - name: Voorbeeld BV\n    role: werkgever\n",
)
ID_SHAPE = "heeft niet de juiste vorm (Een id: kleine letters, cijfers en koppeltekens.)"
LINK_OUTSIDE = "deze symbolische link wijst buiten de map met praktijken en wordt niet gelezen"
LINK = ("dit is een symbolische link en wordt niet gelezen; "
        "zet het record zelf als gewoon bestand in de map met praktijken")


def run(folder: Path, files: dict[str, str | bytes]) -> list[Problem]:
    """Check a folder with the given files plus ander.yaml; the problems outside ander.yaml."""
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        write(folder, name, text)
    write(folder, "ander.yaml", OTHER)
    result = check(folder, CONFIG)
    other = [p for p in result.problems if Path(p.file).name == "ander.yaml"]
    assert [(p.line, p.column, p.field) for p in other] == [(6, 11, "sectors[0]")], other
    assert "bedoelde u `schoonmaak`?" in other[0].message
    return [p for p in result.problems if p not in other]


def only(problems: list[Problem], name: str) -> Problem:
    """The single problem, which must name the file."""
    assert len(problems) == 1, [p.format() for p in problems]
    assert Path(problems[0].file).name == name or problems[0].file.endswith(name), problems[0].file
    return problems[0]


def where(p: Problem) -> tuple[int, int, str]:
    return p.line, p.column, p.field


# -- malformed YAML ------------------------------------------------------------------------

MALFORMED = {
    "tab": ("title: x\n\tkind: pilot\n", (2, 1, "title"),
            "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties ("),
    "tab-in-list-item": (NESTED.replace("    role: werkgever", "\trole: werkgever"), (6, 1, "organisations[0].name"),
                         "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties ("),
    "indent-left": (NESTED.replace("    role: werkgever", "  role: werkgever"), (6, 3, "organisations[0]"),
                    "ongeldige YAML: een lijst springt verkeerd in: elk item begint met '- ' op dezelfde hoogte ("),
    "indent-one-short": (NESTED.replace("    role: werkgever", "   role: werkgever"), (6, 4, "organisations[0]"),
                         "ongeldige YAML: een lijst springt verkeerd in: elk item begint met '- ' op dezelfde hoogte ("),
    "indent-right": (NESTED.replace("    role: werkgever", "     role: werkgever"), (6, 10, "organisations[0].name"),
                     "ongeldige YAML: onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen aanhalingstekens? ("),
    "indent-under-value": ("title: x\n  kind: pilot\n", (2, 7, "title"),
                           "ongeldige YAML: onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen aanhalingstekens? ("),
    "unclosed-double-quote": ('title: "niet gesloten\nkind: pilot\n', (1, 8, "title"),
                              "ongeldige YAML: een aanhalingsteken (\" of ') wordt hier geopend maar nergens gesloten ("),
    "unclosed-single-quote": (VALID_RECORD + "place: 'Deventer\n", (10, 8, "place"),
                              "ongeldige YAML: een aanhalingsteken (\" of ') wordt hier geopend maar nergens gesloten ("),
    "unclosed-list": ("sectors: [schoonmaak, zorg\nkind: pilot\n", (1, 10, "sectors[1]"),
                      "ongeldige YAML: een lijst tussen [ ] wordt hier geopend maar niet gesloten, of er ontbreekt een komma ("),
    "unclosed-mapping": (VALID_RECORD + "period: {start: '2020'\nplace: x\n", (10, 9, "period.start"),
                         "ongeldige YAML: een verzameling tussen { } wordt hier geopend maar niet gesloten, of er ontbreekt een komma ("),
    "quote-open-at-the-end": (VALID_RECORD + 'place: "abc', (10, 8, "place"),
                              "ongeldige YAML: een aanhalingsteken (\" of ') wordt hier geopend maar nergens gesloten ("),
    "key-springs-left": (VALID_RECORD + "period:\n  start: '2020'\n note: x\n", (12, 2, "period"),
                         "ongeldige YAML: een regel springt verkeerd in: hij past niet bij de regels erboven ("),
    "tab-after-a-space": (VALID_RECORD + "period:\n  start: '2020'\n \tnote: x\n", (12, 2, "period.start"),
                          "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties ("),
    "no-value-after-bracket": (VALID_RECORD + "place: [\n", (11, 1, "place"),  # no friendlier words: libyaml's own
                               "ongeldige YAML: while parsing a flow node did not find expected node content"),
    "tab-on-the-first-line": ("\ttitle: x\n", (1, 1, ""),
                              "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties ("),
    "two-tabs": (VALID_RECORD + "period:\n  start: '2020'\n \t\tnote: x\n", (12, 2, "period.start"),
                 "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik spaties ("),
    "tab-inside-the-text": (VALID_RECORD + "place: een\ttwee: drie\n", (10, 16, "place"),
                            "ongeldige YAML: onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen aanhalingstekens? ("),
    "only-an-open-quote": ('"niet gesloten\n', (1, 1, ""),
                           "ongeldige YAML: een aanhalingsteken (\" of ') wordt hier geopend maar nergens gesloten ("),
    "control-character": (VALID_RECORD + "place: a\x01b\n", (10, 9, ""),
                          "ongeldige YAML: hier staat een stuurteken dat in een tekstbestand niet hoort; verwijder het "
                          "(unacceptable character #x0001: "),
    "colon-in-text": ("title: een: twee\n", (1, 11, "title"),
                      "ongeldige YAML: onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen aanhalingstekens? ("),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_yaml_names_file_line_field_and_the_fix(tmp_path, case):
    text, position, message = MALFORMED[case]
    p = only(run(tmp_path, {"kapot.yaml": text}), "kapot.yaml")
    assert where(p) == position
    assert p.message.startswith(message), p.message
    assert "\n" not in p.format()  # libyaml's own words follow in brackets, on the same line


# -- empty, list, scalar at the top -----------------------------------------------------------

TOP_LEVEL = {
    "empty": ("", "het bestand is leeg; begin met het sjabloon van `praktijkbank new`"),
    "only-blank-lines": ("  \n\n\t\n", "het bestand is leeg; begin met het sjabloon van `praktijkbank new`"),
    "only-a-comment": ("# nog invullen\n", "een record is een verzameling velden (title: …, kind: …), maar dit bestand bevat niets"),
    "list": ("- een\n- lijst\n", "een record is een verzameling velden (title: …, kind: …), maar dit bestand bevat een lijst"),
    "scalar": ("zomaar een zin\n", "een record is een verzameling velden (title: …, kind: …), maar dit bestand bevat een losse waarde"),
    "number": ("42\n", "een record is een verzameling velden (title: …, kind: …), maar dit bestand bevat een losse waarde"),
}


@pytest.mark.parametrize("case", TOP_LEVEL)
def test_a_record_must_be_a_mapping(tmp_path, case):
    text, message = TOP_LEVEL[case]
    p = only(run(tmp_path, {"leeg.yaml": text}), "leeg.yaml")
    assert (where(p), p.message) == ((1, 1, ""), message)


# -- duplicate keys ---------------------------------------------------------------------------

def test_duplicate_key_is_reported_and_the_rest_of_the_file_still_checked(tmp_path):
    text = VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeeldje") + "title: Een tweede titel die anders verdwijnt\n"
    problems = run(tmp_path, {"dubbel.yaml": text})
    assert [where(p) for p in problems] == [(2, 7, "kind"), (10, 1, "title")]
    assert "bedoelde u `voorbeeld`?" in problems[0].message
    assert problems[1].message == (
        "de sleutel 'title' staat twee keer op hetzelfde niveau (eerst op regel 1); "
        "YAML zou de eerste stil weggooien, dus voeg ze samen of verwijder er één")


def test_duplicate_key_in_a_list_item(tmp_path):
    text = VALID_RECORD.replace('where: "r. 1-2"}', 'where: "r. 1-2", where: "r. 3"}')
    p = only(run(tmp_path, {"dubbel.yaml": text}), "dubbel.yaml")
    assert (where(p), p.message) == ((9, 66, "sources[0].where"), (
        "de sleutel 'where' staat twee keer op hetzelfde niveau (eerst op regel 9); "
        "YAML zou de eerste stil weggooien, dus voeg ze samen of verwijder er één"))


DUPLICATE = ("de sleutel 'title' staat twee keer op hetzelfde niveau (eerst op regel 1); "
             "YAML zou de eerste stil weggooien, dus voeg ze samen of verwijder er één")
COLON = ("ongeldige YAML: onverwachte ':'; klopt het inspringen, of moet een tekst met ': ' tussen "
         "aanhalingstekens? (mapping values are not allowed in this context)")


@pytest.mark.parametrize("extra, syntax_error", [
    ("title: een: twee\n", (10, 11, "title")),  # in the duplicate's own value
    ("title: Tweede\nplace: een: twee\n", (11, 11, "place")),  # on the next line
    ("title:\n  nl: een: twee\n", (11, 10, "title")),  # inside a mapping that is the duplicate's value
])
def test_a_syntax_error_right_after_a_duplicate_key_names_the_field_it_is_in(tmp_path, extra, syntax_error):
    problems = run(tmp_path, {"dubbel.yaml": VALID_RECORD + extra})
    assert [(where(p), p.message) for p in problems] == [((10, 1, "title"), DUPLICATE), (syntax_error, COLON)]


def test_a_quote_left_open_in_the_value_of_a_duplicate_key(tmp_path):
    problems = run(tmp_path, {"dubbel.yaml": VALID_RECORD + "title: 'nog een\n"})
    assert [(where(p), p.message[:60]) for p in problems] == [
        ((10, 1, "title"), DUPLICATE[:60]),
        ((10, 8, "title"), "ongeldige YAML: een aanhalingsteken (\" of ') wordt hier geop")]


def test_a_third_copy_of_a_key_still_points_at_the_first(tmp_path):
    problems = run(tmp_path, {"dubbel.yaml": VALID_RECORD + "title: Tweede titel\ntitle: Derde titel\n"})
    assert [(where(p), p.message) for p in problems] == [((10, 1, "title"), DUPLICATE), ((11, 1, "title"), DUPLICATE)]


@pytest.mark.parametrize("text, position", [
    (VALID_RECORD + "? [a]\n: 1\n", (10, 3)),
    (VALID_RECORD + "~: 1\n", (10, 1)),
    (VALID_RECORD + "{a: 1}: 1\n", (10, 1)),
])
def test_a_key_must_be_a_simple_name(tmp_path, text, position):
    p = only(run(tmp_path, {"sleutel.yaml": text}), "sleutel.yaml")
    assert (where(p), p.message) == (position + ("",), "een sleutel moet een eenvoudige naam zijn, zoals title:")


# -- YAML 1.1 traps stay the text the editor wrote ----------------------------------------------

def test_yaml_1_1_traps_in_text_fields_stay_text(tmp_path):
    text = VALID_RECORD + (
        "place: no\n"
        "period: {start: '2021', note: 2022-09-23}\n"
        "results:\n"
        "  - {value: 100.000, unit: on, what: 010, status: doel, where: 12:30}\n"
        "  - {value: 1e3, unit: off, what: yes, status: doel, where: 2022-09-23T10:00:00}\n"
    )
    assert run(tmp_path, {"valkuil.yaml": text}) == []
    doc, _ = load_file(tmp_path / "valkuil.yaml")
    assert doc.data["place"] == "no"
    assert doc.data["period"]["note"] == "2022-09-23"
    assert doc.data["results"][0] == {"value": "100.000", "unit": "on", "what": "010", "status": "doel", "where": "12:30"}
    assert doc.data["results"][1] == {"value": "1e3", "unit": "off", "what": "yes", "status": "doel", "where": "2022-09-23T10:00:00"}


def test_a_trap_in_a_number_field_is_an_error_not_a_silent_octal(tmp_path):
    """Records have no number fields any more; the sources registry's year is one."""
    from generator.config import ConfigError

    from helpers import make_project

    project = make_project(tmp_path / "project")
    path = project / "site_config" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  year: 2019\n", "  year: 010\n"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(project / "site_config")
    [p] = caught.value.problems
    assert (p.line, p.column, p.field) == (44, 9, "partnership-en-inkoopkracht.year")
    assert p.message == "verwacht een heel getal, maar vond tekst ('010') (Jaar van uitgave.)"


# -- wrong types, missing fields, unknown values -------------------------------------------------

# the lists of allowed values, as the messages show them: at most 15 values of a vocabulary,
# the fields of the record in alphabetical order
SECTORS = ("schoonmaak, glazenwassen, zorg, catering, facilitaire-dienstverlening, groenvoor"
           "ziening, beveiliging, openbaar-bestuur, onderwijs, financiele-dienstverlening, zakelijke-dienstverlening, detailhandel, industrie, bouw, recreatie, … (22 in totaal)")
EXPLAINED = "; uitleg bij elke waarde: /bijdragen/velden/#veld-"  # where every allowed value is explained
CRITERIA = "voorbeeldfunctie, ketensamenwerking, duurzaamheid, innovatie, effect-op-werkenden"
FIELDS = ", ".join(CONFIG.schema["properties"])  # in the order of the schema

WRONG = {
    "text-for-list": (VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: schoonmaak"), (6, 10, "sectors"),
                      "verwacht een lijst, maar vond tekst ('schoonmaak') (Sectoren.)"),
    "number-for-text": (VALID_RECORD + "place: 7400\n", (10, 8, "place"),
                        "verwacht tekst, maar vond een getal (7400); zet de waarde tussen aanhalingstekens (\"…\") "
                        "zodat ze tekst blijft zoals geschreven (Plaats of gebied zoals de bron het noemt.)"),
    "bool-for-text": (VALID_RECORD + "place: true\n", (10, 8, "place"),
                      "verwacht tekst, maar vond ja/nee (true); zet de waarde tussen aanhalingstekens (\"…\") "
                      "zodat ze tekst blijft zoals geschreven (Plaats of gebied zoals de bron het noemt.)"),
    "mapping-for-list": (VALID_RECORD.replace("  - {name: Voorbeeld BV, role: werkgever}", "  {name: Voorbeeld BV, role: werkgever}"),
                         (5, 3, "organisations"), "verwacht een lijst, maar vond een verzameling velden (Betrokken organisaties met hun rol.)"),
    "unknown-source": (VALID_RECORD.replace("source: week-van-de-1000-voorbeelden-2020", "source: week-van-1000-voorbeelden"),
                       (9, 14, "sources[0].source"),
                       "tekst ('week-van-1000-voorbeelden') is geen toegestane waarde; bedoelde u `week-van-de-1000-voorbeelden-2020`? "
                       "Toegestaan: juryrapport-bpa-2022, niet-poetsen-maar-zorgen, week-van-de-1000-voorbeelden-2020, partnership-en-inkoopkracht"
                       + EXPLAINED + "sources-source"),
    "empty-value": (VALID_RECORD.replace("kind: voorbeeld", "kind:"), (2, 6, "kind"),
                    "is nog leeg; vul het in (Soort praktijk.)"),
    "missing-required": (VALID_RECORD.replace("kind: voorbeeld\n", ""), (1, 1, "kind"),
                         "het verplichte veld `kind` ontbreekt (Soort praktijk.)"),
    "missing-in-item": (VALID_RECORD.replace(', where: "r. 1-2"', ""), (9, 5, "sources[0].where"),
                        "het verplichte veld `where` ontbreekt (Pagina's of regels, bijvoorbeeld 'r. 1-107' of 'p. 21-23'.)"),
    "unknown-sector": (VALID_RECORD.replace("[schoonmaak]", "[schoonmaken]"), (6, 11, "sectors[0]"),
                       "tekst ('schoonmaken') is geen toegestane waarde; bedoelde u `schoonmaak`? Toegestaan: " + SECTORS + EXPLAINED + "sectors"),
    "unknown-kind": (VALID_RECORD.replace("kind: voorbeeld", "kind: bestpractice"), (2, 7, "kind"),
                     "tekst ('bestpractice') is geen toegestane waarde. Toegestaan: nominatie, pilot, voorbeeld, programma" + EXPLAINED + "kind"),
    "unknown-criterion": (VALID_RECORD + "criteria:\n  inovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Nieuw.}\n",
                          (11, 3, "criteria.inovatie"), "onbekend criterium `inovatie`; bedoelde u `innovatie`? Toegestaan: " + CRITERIA),
    "unknown-verdict": (VALID_RECORD + "criteria:\n  innovatie: {verdict: goed, by: redactie, where: 'r. 1-2', text: Nieuw.}\n",
                        (11, 24, "criteria.innovatie.verdict"),
                        "tekst ('goed') is geen toegestane waarde. Toegestaan: voldoet, voldoet-deels, voldoet-niet, niet-beoordeeld"
                        + EXPLAINED + "criteria-criterium-verdict"),
    "unknown-field": (VALID_RECORD + "sumary: x\n", (10, 1, "sumary"), "onbekend veld `sumary`; bedoelde u `summary`? Toegestaan: " + FIELDS),
    # the field is shown escaped like the message: a raw line break would forge a line of the report
    "key-with-escape-codes": (VALID_RECORD + '"rood\\e[31m\\nregel": x\n', (10, 1, "rood\\x1b[31m\\nregel"),
                              "onbekend veld `rood\\x1b[31m\\nregel` Toegestaan: " + FIELDS),
}


@pytest.mark.parametrize("case", WRONG)
def test_wrong_types_missing_fields_and_unknown_values(tmp_path, case):
    text, position, message = WRONG[case]
    p = only(run(tmp_path, {"fout.yaml": text}), "fout.yaml")
    assert (where(p), p.message) == (position, message)
    assert "\n" not in p.format() and "\x1b" not in p.format()


# -- ids: duplicates, related, self ------------------------------------------------------------

def test_two_file_names_differing_only_in_case(tmp_path):
    problems = run(tmp_path, {"foo.yaml": VALID_RECORD, "Foo.yaml": VALID_RECORD})
    p = only(problems, "Foo.yaml")
    assert p.message == (
        "de bestandsnaam 'Foo' is ook de id en de URL van de praktijk en mag alleen kleine letters, cijfers en "
        "koppeltekens bevatten (hoogstens 80 tekens); foo.yaml bestaat al (een id is hetzelfde in hoofd- en "
        "kleine letters): voeg de twee records samen of kies een andere naam")


def test_the_id_check_ignores_case():
    """Whatever lets two such records through, they would be one URL on a case-insensitive disk."""
    docs = [Document(Path(f"/p/{name}.yaml"), f"practices/{name}.yaml", name, {}) for name in ("foo", "Foo")]
    [p] = check_collection(docs, CONFIG)
    assert (p.file, p.message) == ("practices/Foo.yaml", "de id `Foo` bestaat al in practices/foo.yaml; elke praktijk heeft een eigen bestandsnaam")


def test_duplicate_id_in_another_folder(tmp_path):
    for folder in ("elders", "practices"):
        (tmp_path / folder).mkdir()
    extra = write(tmp_path / "elders", "zelfde.yaml", VALID_RECORD)
    write(tmp_path / "practices", "zelfde.yaml", VALID_RECORD)
    write(tmp_path / "practices", "ander.yaml", OTHER)
    problems = check(tmp_path / "practices", CONFIG, [extra]).problems
    assert {Path(p.file).name for p in problems} == {"zelfde.yaml", "ander.yaml"}
    [p] = [p for p in problems if "elders" in p.file]
    assert p.message == f"de id `zelfde` bestaat al in {tmp_path / 'practices' / 'zelfde.yaml'}; elke praktijk heeft een eigen bestandsnaam"


def test_related_ids_that_do_not_exist_or_point_at_itself(tmp_path):
    text = VALID_RECORD + "related: [zelf, bestaat-niet, andre, kapot]\n"
    problems = run(tmp_path, {"zelf.yaml": text, "kapot.yaml": "title: [\n"})
    mine = [p for p in problems if p.file.endswith("zelf.yaml")]
    assert [(p.field, p.message) for p in mine] == [
        ("related[0]", "een praktijk kan niet aan zichzelf verwant zijn"),
        ("related[1]", "er is geen praktijk met id `bestaat-niet`"),
        ("related[2]", "er is geen praktijk met id `andre`; bedoelde u `ander`?"),
        ("related[3]", "het record kapot.yaml bestaat, maar heeft zelf fouten; los die eerst op"),
    ]
    assert any(p.file.endswith("kapot.yaml") for p in problems)


@pytest.mark.parametrize("rid", ["../ander", "a/b", "/etc/passwd", "..", "met spatie", "café", "Ander", "ander.yaml", ""])
def test_ids_that_are_not_ids_get_one_clear_message(tmp_path, rid):
    p = only(run(tmp_path, {"rel.yaml": VALID_RECORD + f"related: [{rid!r}]\n".replace("'", '"')}), "rel.yaml")
    assert (p.line, p.field) == (10, "related[0]")
    assert p.message == f"tekst ({rid!r}) {ID_SHAPE}"


# -- encodings ----------------------------------------------------------------------------------

def test_a_file_that_is_not_utf8_points_at_the_byte(tmp_path):
    p = only(run(tmp_path, {"latin.yaml": VALID_RECORD.encode() + "place: Café\n".encode("latin-1")}), "latin.yaml")
    assert where(p) == (10, 11, "")
    assert p.message == "het bestand is geen UTF-8-tekst; sla het op als UTF-8"


def test_a_utf16_file_is_not_utf8(tmp_path):
    p = only(run(tmp_path, {"utf16.yaml": VALID_RECORD.encode("utf-16")}), "utf16.yaml")
    assert where(p) == (1, 1, "")
    assert p.message == "het bestand is geen UTF-8-tekst; sla het op als UTF-8"


def test_a_byte_order_mark_is_accepted_and_positions_stay_right(tmp_path):
    text = b"\xef\xbb\xbf" + VALID_RECORD.replace("[schoonmaak]", "[schoonmaken]").encode()
    p = only(run(tmp_path, {"bom.yaml": text}), "bom.yaml")
    assert where(p) == (6, 11, "sectors[0]")
    assert p.message.startswith("tekst ('schoonmaken') is geen toegestane waarde; bedoelde u `schoonmaak`? Toegestaan: ")


def test_a_nul_byte_means_not_a_text_file(tmp_path):
    p = only(run(tmp_path, {"nul.yaml": VALID_RECORD.encode() + b"place: a\x00b\n"}), "nul.yaml")
    assert (where(p), p.message) == ((10, 9, ""), "het bestand bevat een NUL-teken; het is geen tekstbestand")


# -- size, alias bombs, nesting: refused fast and in bounded memory -------------------------------

# "Refused fast" is a bound, not a measurement: pytest-timeout fails a case that runs past it
# (no wall-clock asserts, which a loaded machine would break); memory is measured exactly.
FAST = pytest.mark.timeout(60)


def measured(fn):
    """(result, peak bytes allocated by Python while running fn)."""
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@FAST
def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path):
    with open(tmp_path / "groot.yaml", "wb") as f:  # sparse: instant, and no disk used
        f.write(b"title: x\n")
        f.truncate(50 * 1024 * 1024)
    problems, peak = measured(lambda: run(tmp_path, {}))
    p = only(problems, "groot.yaml")
    assert (where(p), p.message) == ((1, 1, ""), "het bestand is 52.428.800 bytes; een record mag hoogstens 524.288 bytes zijn")
    assert peak < 10 * 1024 * 1024  # reading it would take 50 MB at once


def billion_laughs(levels: int = 9) -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for i in range(1, levels):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    return text


@pytest.mark.parametrize("text, position", [
    (billion_laughs(), (1, 4)),
    (VALID_RECORD + "lessons: &l [een, twee]\nworked: *l\n", (10, 10)),
    (VALID_RECORD + "period: {<<: *p}\n", (10, 14)),
    # an alias without an anchor: refused at once, nothing after it is read or reported
    (VALID_RECORD + "worked: *nergens\nplace: [\n", (10, 9)),
    (VALID_RECORD + "worked: [*nergens, een]\nworked: dubbel\n", (10, 10)),
    (VALID_RECORD + "*x : 1\n", (10, 1)),
])
@FAST
def test_anchors_and_aliases_are_refused_before_anything_expands(tmp_path, text, position):
    problems, peak = measured(lambda: run(tmp_path, {"bom.yaml": text}))
    p = only(problems, "bom.yaml")
    assert where(p) == position + ("",)
    assert p.message == "ankers en verwijzingen (& en *) zijn in een record niet toegestaan; schrijf de waarde uit"
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("text, position", [
    ("a: " + "[" * 1000 + "]" * 1000 + "\n", (1, 16)),  # the 13th bracket
    ("a: " + "{a: " * 1000 + "}" * 1000 + "\n", (1, 52)),
    ("".join(" " * i + "a:\n" for i in range(1000)), (13, 13)),  # the 13th level of the tree
    ("".join(" " * i + "- \n" for i in range(1000)), (13, 13)),
])
@FAST
def test_nesting_a_thousand_levels_deep_is_refused(tmp_path, text, position):
    problems, peak = measured(lambda: run(tmp_path, {"diep.yaml": text}))
    p = only(problems, "diep.yaml")
    assert (where(p), p.message) == (position + ("",), "het bestand is dieper genest dan 12 niveaus; een record is veel platter")
    assert peak < 50 * 1024 * 1024


def test_a_file_of_many_small_values_is_refused(tmp_path):
    text = "a: [" + ",".join(["x"] * 30_000) + "]\n"
    p = only(run(tmp_path, {"veel.yaml": text}), "veel.yaml")
    assert where(p) == (1, 39999, "")  # the 20,001st value
    assert p.message == "het bestand bevat meer dan 20000 waarden; een record is veel kleiner"


def test_tags_never_construct_objects(tmp_path):
    p = only(run(tmp_path, {"tag.yaml": VALID_RECORD + "place: !!python/object/apply:os.system [ls]\n"}), "tag.yaml")
    assert where(p) == (10, 8, "")
    assert p.message == "YAML-tags zoals 'tag:yaml.org,2002:python/object/apply:os.system' zijn niet toegestaan; laat de tag weg"


def test_a_second_document_is_refused(tmp_path):
    p = only(run(tmp_path, {"twee.yaml": VALID_RECORD + "---\ntitle: nog een\n"}), "twee.yaml")
    assert where(p) == (10, 1, "")
    assert p.message == "een record-bestand bevat één YAML-document; verwijder de tweede '---'"


# -- file names -----------------------------------------------------------------------------------

NAME_RULE = ("is ook de id en de URL van de praktijk en mag alleen kleine letters, cijfers en koppeltekens "
             "bevatten (hoogstens 80 tekens); hernoem het bestand bijvoorbeeld naar ")


@pytest.mark.parametrize("name, stem, suggestion", [
    ("..yaml", ".", "praktijk.yaml"),
    ("a..b.yaml", "a..b", "a-b.yaml"),
    ("...yaml", "..", "praktijk.yaml"),
    (".verborgen.yaml", ".verborgen", "verborgen.yaml"),
    ("met spatie.yaml", "met spatie", "met-spatie.yaml"),
    ("café.yaml", "café", "cafe.yaml"),
    ("Hoofdletters.yaml", "Hoofdletters", "hoofdletters.yaml"),
    ("onder_streep.yaml", "onder_streep", "onder-streep.yaml"),
    ("-streep.yaml", "-streep", "streep.yaml"),
    ("a\\b.yaml", "a\\b", "a-b.yaml"),
    ("x" * 81 + ".yaml", "x" * 81, "x" * 80 + ".yaml"),
])
def test_hostile_file_names_are_refused_with_a_name_to_use(tmp_path, name, stem, suggestion):
    p = only(run(tmp_path, {name: VALID_RECORD}), name)
    assert where(p) == (1, 1, "")
    assert p.message == f"de bestandsnaam {stem!r} {NAME_RULE}{suggestion}"


@pytest.mark.parametrize("name", ["x.yml", "x.YAML", "x.txt", "x"])
def test_only_yaml_files_are_records(tmp_path, name):
    p = only(run(tmp_path, {name: VALID_RECORD}), name)
    assert where(p) == (1, 1, "")
    assert p.message == "een record moet de extensie .yaml hebben"


def test_a_line_break_or_escape_in_a_file_name_cannot_forge_a_line_of_the_report(tmp_path):
    problems = run(tmp_path, {"a\nb.yaml": VALID_RECORD, "c\x1b[2Jd.yaml": VALID_RECORD})
    assert sorted(p.file.rsplit("/", 1)[-1] for p in problems) == ["a\\nb.yaml", "c\\x1b[2Jd.yaml"]
    assert all("\n" not in p.format() and "\x1b" not in p.format() for p in problems)


def test_a_file_name_that_is_not_utf8(tmp_path):
    with open(os.fsencode(tmp_path) + b"/caf\xe9.yaml", "wb") as f:
        f.write(VALID_RECORD.encode())
    p = only(run(tmp_path, {}), "caf\\udce9.yaml")
    p.format().encode("utf-8")  # printable: no lone surrogate to crash print()
    assert p.message.startswith("de bestandsnaam 'caf\\udce9' ")


def test_a_subfolder_is_not_read(tmp_path):
    (tmp_path / "sub").mkdir(parents=True)
    write(tmp_path / "sub", "x.yaml", VALID_RECORD)
    p = only(run(tmp_path, {}), "sub")
    assert where(p) == (1, 1, "")
    assert p.message == "submappen worden niet gelezen; zet het record direct in de map met praktijken"


@pytest.mark.subprocess
def test_the_cli_reports_every_hostile_file_in_one_run_without_crashing(project):
    """Hostile names and contents together, through `praktijkbank validate` as CI runs it."""
    practices = project / "practices"
    write(practices, "goed.yaml", VALID_RECORD)
    write(practices, "ander.yaml", OTHER)
    write(practices, "bom.yaml", billion_laughs())
    write(practices, "diep.yaml", "a: " + "[" * 1000 + "]" * 1000 + "\n")
    write(practices, "a\nb.yaml", VALID_RECORD)
    with open(os.fsencode(practices) + b"/caf\xe9.yaml", "wb") as f:
        f.write(VALID_RECORD.encode())
    with open(practices / "groot.yaml", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    reported = {line.split(":", 1)[0] for line in result.stdout.splitlines()}
    assert reported == {f"practices/{n}" for n in ("ander.yaml", "bom.yaml", "diep.yaml", "a\\nb.yaml",
                                                    "caf\\udce9.yaml", "groot.yaml")}


@pytest.mark.subprocess
def test_the_cli_reports_a_symlink_that_leads_outside(project):
    write(project / "practices", "goed.yaml", VALID_RECORD)
    os.symlink("/etc/passwd", project / "practices" / "passwd.yaml")
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith(f"practices/passwd.yaml:1:1: {LINK_OUTSIDE}")
    assert "root:" not in result.stdout


# -- links and special files ------------------------------------------------------------------------

def test_a_symlink_to_a_file_outside_is_refused(tmp_path):
    outside = write(tmp_path, "buiten.yaml", VALID_RECORD)
    (tmp_path / "practices").mkdir()
    os.symlink(outside, tmp_path / "practices" / "link.yaml")
    os.symlink("/etc/passwd", tmp_path / "practices" / "passwd.yaml")
    problems = run(tmp_path / "practices", {})
    assert sorted((Path(p.file).name, p.message) for p in problems) == [
        ("link.yaml", LINK_OUTSIDE), ("passwd.yaml", LINK_OUTSIDE)]


def test_a_symlink_to_a_folder_outside_is_refused(tmp_path):
    (tmp_path / "buiten").mkdir()
    write(tmp_path / "buiten", "x.yaml", VALID_RECORD)
    (tmp_path / "practices").mkdir()
    os.symlink(tmp_path / "buiten", tmp_path / "practices" / "map")
    p = only(run(tmp_path / "practices", {}), "map")
    assert (where(p), p.message) == ((1, 1, ""), LINK_OUTSIDE)


def test_a_symlink_to_a_record_inside_is_refused_too(tmp_path):
    """Our call: a link to another record would publish the same practice under a second id."""
    write(tmp_path, "echt.yaml", VALID_RECORD)
    os.symlink("echt.yaml", tmp_path / "kopie.yaml")
    p = only(run(tmp_path, {}), "kopie.yaml")
    assert (where(p), p.message) == ((1, 1, ""), LINK)
    assert p.file.endswith("kopie.yaml")  # named by itself, not by the file it points to


def test_a_symlink_named_on_the_command_line_is_refused(tmp_path):
    os.symlink("/etc/passwd", tmp_path / "passwd.yaml")
    doc, [p] = load_file(tmp_path / "passwd.yaml")
    assert doc is None and p.message == LINK


@FAST
def test_a_named_pipe_does_not_hang_the_run(tmp_path):
    os.mkfifo(tmp_path / "pijp.yaml")
    p = only(run(tmp_path, {}), "pijp.yaml")
    assert (where(p), p.message) == ((1, 1, ""), "dit is geen gewoon bestand en wordt niet gelezen; een record is een YAML-tekstbestand")


def test_discover_lists_only_what_it_reads(tmp_path):
    for name in ("a.yaml", ".gitkeep", ".#a.yaml", ".verborgen.yaml"):
        write(tmp_path, name, VALID_RECORD)
    os.symlink("/etc", tmp_path / "etc")
    files, problems = discover(tmp_path)
    # dotfiles are not records, but a hidden .yaml goes on to be refused by its name, not lost
    assert [f.name for f in files] == [".verborgen.yaml", "a.yaml"]
    assert [(Path(p.file).name, p.message) for p in problems] == [("etc", LINK_OUTSIDE)]


# -- writing ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("rel", ["../buiten.md", "/etc/x.md", "a/../../b.md", ""])
def test_the_writer_never_writes_outside_its_folder(tmp_path, rel):
    with pytest.raises(ValueError):
        write_tree({rel: "x"}, tmp_path / "docs")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["docs"]


@pytest.mark.subprocess
def test_a_hostile_file_fails_the_build_and_leaves_the_previous_site_byte_for_byte(project, real_site_dir):
    import shutil

    write(project / "practices", "goed.yaml", VALID_RECORD)
    out = project / "site"
    shutil.copytree(real_site_dir, out)  # the last good site
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write(project / "practices", "bom.yaml", billion_laughs())
    result = run_cli("build", "--out", str(out), cwd=project)
    assert result.returncode == 1
    assert "practices/bom.yaml:1:4: ankers en verwijzingen" in result.stderr
    assert before == {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert sorted(p.name for p in project.iterdir()) == ["build", "content", "mkdocs.yml", "practices", "site", "site_config"]
