"""Schema and cross-record validation, with messages an editor can act on.

Every message is checked whole, with its line, column and field: a check on a word of it
would still pass with the list of allowed values mangled or the position one off.
"""

import dataclasses
from pathlib import Path

import pytest

from generator.build import check
from generator.config import load_config
from generator.loader import Document
from generator.problems import Problem
from generator.validate import _is_required, check_collection, describe, did_you_mean, printable

from helpers import ROOT, VALID_RECORD, write, without_source_texts

CONFIG = without_source_texts(load_config(ROOT / "site_config"))
# the fields a record may have, as the message lists them (in alphabetical order)
FIELDS = ", ".join(CONFIG.schema["properties"])  # in the order of the schema


def problems_for(folder: Path, **records: str):
    for name, text in records.items():
        write(folder, f"{name}.yaml", text)
    return check(folder, CONFIG).problems


def found(problems) -> list[tuple]:
    return [(Path(p.file).name, p.line, p.column, p.field, p.message) for p in problems]


def test_valid_record_has_no_problems(tmp_path):
    assert problems_for(tmp_path, good=VALID_RECORD) == []


def test_every_real_record_is_valid():
    result = check(ROOT / "practices", CONFIG)
    assert [p.format() for p in result.problems] == []
    assert len(result.documents) >= 1


# -- one record, one mistake: (line, column, field, message) of every problem ----------------

SCHEMA_CASES = {
    'missing-kind': (VALID_RECORD.replace("kind: voorbeeld\n", ""), [
        (1, 1, 'kind', 'het verplichte veld `kind` ontbreekt (Soort praktijk.)'),
    ]),
    'missing-two': (VALID_RECORD.replace("kind: voorbeeld\n", "").replace("sectors: [schoonmaak]\n", ""), [
        (1, 1, 'kind', 'het verplichte veld `kind` ontbreekt (Soort praktijk.)'),
        (1, 1, 'sectors', 'het verplichte veld `sectors` ontbreekt (Sectoren.)'),
    ]),
    'missing-in-item': (VALID_RECORD.replace(', where: "r. 1-2"', ""), [
        (9, 5, 'sources[0].where', "het verplichte veld `where` ontbreekt (Pagina's of regels, bijvoorbeeld 'r. 1-107' of 'p. 21-23'.)"),
    ]),
    'empty-required': (VALID_RECORD.replace("summary: Een korte samenvatting van de praktijk in eigen woorden, lang genoeg.", "summary:"), [
        (3, 9, 'summary', 'is nog leeg; vul het in (Samenvatting in één tot drie zinnen, in eigen woorden.)'),
    ]),
    'empty-optional': (VALID_RECORD + "place:\n", [
        (10, 7, 'place', 'is nog leeg; vul het in; of laat dit optionele veld weg door het te verwijderen of er een # voor te zetten'),
    ]),
    'empty-in-item': (VALID_RECORD.replace("role: werkgever}", "role: }"), [
        (5, 32, 'organisations[0].role', 'is nog leeg; vul het in (Rol, bijvoorbeeld opdrachtgever, opdrachtnemer, werkgever, onderzoeker, financier.)'),
    ]),
    'empty-enum': (VALID_RECORD + "criteria:\n  innovatie: {verdict: , by: redactie, where: 'r. 1-2', text: bewijs}\n", [
        (11, 24, 'criteria.innovatie.verdict', 'is nog leeg; vul het in (Genormaliseerd oordeel.)'),
    ]),
    'kind-enum': (VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeeldd"), [
        (2, 7, 'kind', "tekst ('voorbeeldd') is geen toegestane waarde; bedoelde u `voorbeeld`? Toegestaan: nominatie, pilot, voorbeeld, programma; uitleg bij elke waarde: /bijdragen/velden/#veld-kind"),
    ]),
    'kind-no-suggestion': (VALID_RECORD.replace("kind: voorbeeld", "kind: fout"), [
        (2, 7, 'kind', "tekst ('fout') is geen toegestane waarde. Toegestaan: nominatie, pilot, voorbeeld, programma; uitleg bij elke waarde: /bijdragen/velden/#veld-kind"),
    ]),
    'sector-enum-long-list': (VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]"), [
        (6, 11, 'sectors[0]', "tekst ('schoonmak') is geen toegestane waarde; bedoelde u `schoonmaak`? Toegestaan: schoonmaak, glazenwassen, zorg, catering, facilitaire-dienstverlening, groenvoorziening, beveiliging, openbaar-bestuur, onderwijs, financiele-dienstverlening, zakelijke-dienstverlening, detailhandel, industrie, bouw, recreatie, … (22 in totaal); uitleg bij elke waarde: /bijdragen/velden/#veld-sectors"),
    ]),
    'target-group': (VALID_RECORD.replace("target_groups: [statushouders]", "target_groups: [statushouder]"), [
        (7, 17, 'target_groups[0]', "tekst ('statushouder') is geen toegestane waarde; bedoelde u `statushouders`? Toegestaan: vluchtelingen, statushouders, banenafspraak, arbeidsbeperking, afstand-arbeidsmarkt, re-integratie-spoor-2, ex-gedetineerden, jongeren, ouderen, werkzoekenden, schoonmakers, zorgmedewerkers, zonder-startkwalificatie, werkgevers; uitleg bij elke waarde: /bijdragen/velden/#veld-target-groups"),
    ]),
    'verdict': (VALID_RECORD + "criteria:\n  innovatie:\n    verdict: voldoet deels\n    by: redactie\n    text: Tekst.\n", [
        (12, 14, 'criteria.innovatie.verdict', "tekst ('voldoet deels') is geen toegestane waarde; bedoelde u `voldoet-deels` of `voldoet`? Toegestaan: voldoet, voldoet-deels, voldoet-niet, niet-beoordeeld; uitleg bij elke waarde: /bijdragen/velden/#veld-criteria-criterium-verdict"),
    ]),
    'number-as-enum': (VALID_RECORD.replace("kind: voorbeeld", "kind: 12"), [
        (2, 7, 'kind', 'een getal (12) is geen toegestane waarde. Toegestaan: nominatie, pilot, voorbeeld, programma; uitleg bij elke waarde: /bijdragen/velden/#veld-kind'),
        (2, 7, 'kind', 'verwacht tekst, maar vond een getal (12); zet de waarde tussen aanhalingstekens ("…") zodat ze tekst blijft zoals geschreven (Soort praktijk.)'),
    ]),
    'criterion-key': (VALID_RECORD + "criteria:\n  ketensamenwerkin: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Tekst.}\n", [
        (11, 3, 'criteria.ketensamenwerkin', 'onbekend criterium `ketensamenwerkin`; bedoelde u `ketensamenwerking`? Toegestaan: voorbeeldfunctie, ketensamenwerking, duurzaamheid, innovatie, effect-op-werkenden'),
    ]),
    'criterion-key-far': (VALID_RECORD + "criteria:\n  zomaar: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Tekst.}\n", [
        (11, 3, 'criteria.zomaar', 'onbekend criterium `zomaar` Toegestaan: voorbeeldfunctie, ketensamenwerking, duurzaamheid, innovatie, effect-op-werkenden'),
    ]),
    'unknown-field': (VALID_RECORD + "lesons:\n  - Een les.\n", [
        (10, 1, 'lesons', 'onbekend veld `lesons`; bedoelde u `lessons` of `regions`? Toegestaan: ' + FIELDS),
    ]),
    'unknown-field-far': (VALID_RECORD + "qqq: 1\n", [
        (10, 1, 'qqq', 'onbekend veld `qqq` Toegestaan: ' + FIELDS),
    ]),
    'unknown-field-with-space': (VALID_RECORD + "Let op dit: iets\n", [
        (10, 1, 'Let op dit', "onbekend veld `Let op dit` Toegestaan: " + FIELDS + "; staat er een ': ' in een tekst? Dan leest YAML er een veld in: zet de hele tekst tussen aanhalingstekens"),
    ]),
    'unknown-field-in-item': (VALID_RECORD.replace("role: werkgever}", "role: werkgever, rol: x}"), [
        (5, 43, 'organisations[0].rol', 'onbekend veld `rol`; bedoelde u `role`? Toegestaan: name, role, note'),
    ]),
    'unknown-key-60': (VALID_RECORD + "k" * 60 + ": 1\n", [
        (10, 1, 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk', 'onbekend veld `kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk` Toegestaan: ' + FIELDS),
    ]),
    'unknown-key-61': (VALID_RECORD + "k" * 61 + ": 1\n", [
        (10, 1, 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk', 'onbekend veld `kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…` Toegestaan: ' + FIELDS),
    ]),
    'unknown-key-unprintable': (VALID_RECORD + '"a\\tb\\u001b": 1\n', [
        (10, 1, 'a\\tb\\x1b', 'onbekend veld `a\\tb\\x1b` Toegestaan: ' + FIELDS),
    ]),
    'list-as-text': (VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: schoonmaak"), [
        (6, 10, 'sectors', "verwacht een lijst, maar vond tekst ('schoonmaak') (Sectoren.)"),
    ]),
    'int-as-text': (VALID_RECORD + "place: 2020\n", [
        (10, 8, 'place', 'verwacht tekst, maar vond een getal (2020); zet de waarde tussen aanhalingstekens ("…") zodat ze tekst blijft zoals geschreven (Plaats of gebied zoals de bron het noemt.)'),
    ]),
    'bool-as-text': (VALID_RECORD + "place: true\n", [
        (10, 8, 'place', 'verwacht tekst, maar vond ja/nee (true); zet de waarde tussen aanhalingstekens ("…") zodat ze tekst blijft zoals geschreven (Plaats of gebied zoals de bron het noemt.)'),
    ]),
    'mapping-as-text': (VALID_RECORD + "lessons:\n  - Let op: dit gaat mis\n", [
        (11, 5, 'lessons[0]', "verwacht tekst, maar vond een verzameling velden; staat er een ': ' in een tekst? Dan leest YAML er een veld in: zet de hele tekst tussen aanhalingstekens"),
    ]),
    'list-as-object': (VALID_RECORD + "period: [2020]\n", [
        (10, 9, 'period', 'verwacht een verzameling velden, maar vond een lijst (Wanneer de praktijk liep.)'),
    ]),
    'long-text-described': (VALID_RECORD.replace("kind: voorbeeld", "kind: " + "x" * 45), [
        (2, 7, 'kind', 'tekst is geen toegestane waarde. Toegestaan: nominatie, pilot, voorbeeld, programma; uitleg bij elke waarde: /bijdragen/velden/#veld-kind'),
    ]),
    'pattern': (VALID_RECORD + "period: {start: '2022-13'}\n", [
        (10, 17, 'period.start', 'tekst (\'2022-13\') heeft niet de juiste vorm (Jaar of jaar-maand als tekst, bijvoorbeeld "2022" of "2022-09".)'),
    ]),
    'pattern-url': (VALID_RECORD + "links:\n  - {title: meer, url: 'javascript:alert(1)'}\n", [
        (11, 24, 'links[0].url', "tekst ('javascript:alert(1)') heeft niet de juiste vorm (Een link met http, https of mailto.)"),
    ]),
    'min-length': (VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: kort"), [
        (1, 8, 'title', 'de tekst is te kort: minstens 5 tekens (Titel van de praktijk, in eigen woorden.)'),
    ]),
    'max-length': (VALID_RECORD + "quotes: [{text: '" + "x" * 601 + "', speaker: rol}]\n", [
        (10, 17, 'quotes[0].text', 'de tekst is te lang: hoogstens 600 tekens (nu 601)'),
    ]),
    'min-items': (VALID_RECORD.replace("[statushouders]", "[]"), [
        (7, 16, 'target_groups', 'de lijst heeft minstens 1 item(s) nodig (Doelgroepen.)'),
    ]),
    'unique-items': (VALID_RECORD.replace("[schoonmaak]", "[schoonmaak, schoonmaak]"), [
        (6, 10, 'sectors', 'een waarde staat twee keer in de lijst'),
    ]),
    'int-for-list-gets-no-quote-hint': (VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: 12"), [
        (6, 10, 'sectors', 'verwacht een lijst, maar vond een getal (12) (Sectoren.)'),
    ]),
    'missing-field-described-by-its-property': (VALID_RECORD.replace("kind: voorbeeld", "kind: nominatie") + "award: {stage: finalist}\n", [
        (10, 8, 'award.edition', 'het verplichte veld `edition` ontbreekt (Id van de prijseditie uit site_config/editions.yaml.)'),
    ]),
    'missing-field-without-description': (VALID_RECORD + "quotes: [{speaker: rol}]\n", [
        (10, 10, 'quotes[0].text', 'het verplichte veld `text` ontbreekt'),
    ]),
    'additional-in-criterion': (VALID_RECORD + "criteria: {innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: x, extra: 1}}\n", [
        (10, 82, 'criteria.innovatie.extra', 'onbekend veld `extra`; bedoelde u `text`? Toegestaan: verdict, by, text, where, source'),
    ]),
}


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_schema_problem_is_explained_exactly(tmp_path, case):
    text, expected = SCHEMA_CASES[case]
    assert [(p.line, p.column, p.field, p.message) for p in problems_for(tmp_path, rec=text)] == expected


def test_unknown_field_list_shows_every_field_of_the_schema():
    assert FIELDS.startswith("title, summary, description, status, teaser, confidential, public_from, organisations, part_of, kind, sectors, ")
    assert len(FIELDS.split(", ")) == len(CONFIG.schema["properties"]) == 28


# -- the helpers behind the messages ---------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (None, "niets (het veld is leeg)"), (True, "ja/nee (true)"), (False, "ja/nee (false)"),
    (0, "een getal (0)"), (12, "een getal (12)"), ("", "tekst ('')"), ("x" * 39, f"tekst ({'x' * 39!r})"),
    ("x" * 40, "tekst"), ([], "een lijst"), ({}, "een verzameling velden"), (1.5, "float"),
])
def test_describe(value, text):
    assert describe(value) == text


@pytest.mark.parametrize("key, shown", [
    ("x" * 60, "x" * 60), ("x" * 61, "x" * 60 + "…"), ("a\nb", "a\\nb"), ("a\x1b[2J", "a\\x1b[2J"), (12, "12"),
    ("é\u2028", "é\\u2028"),
])
def test_printable_key(key, shown):
    assert printable(key) == shown


def test_did_you_mean_offers_at_most_two_close_values():
    assert did_you_mean("voldoet deels", ["voldoet", "voldoet-deels", "voldoet-niet"]) == "; bedoelde u `voldoet-deels` of `voldoet`?"
    assert did_you_mean("schoonmak", ["schoonmaak", "zorg"]) == "; bedoelde u `schoonmaak`?"
    assert did_you_mean("zzz", ["schoonmaak", "zorg"]) == ""
    assert did_you_mean(12, ["12a", "zorg"]) == "; bedoelde u `12a`?"


def synthetic(schema: dict, data) -> list[tuple]:
    """check_schema against a schema of the test's own (what the real one does not have)."""
    from generator.validate import check_schema

    doc = Document(Path("x.yaml"), "x.yaml", "x", data, marks={(): (1, 1)})
    return [(p.field, p.message) for p in check_schema(doc, dataclasses.replace(CONFIG, schema=schema))]


def test_messages_for_what_the_real_schema_does_not_use():
    assert synthetic({"type": "object", "required": ["x"]}, {}) == [("x", "het verplichte veld `x` ontbreekt")]
    assert synthetic({"type": "object", "additionalProperties": False}, {"a": 1}) == [
        ("", "Additional properties are not allowed ('a' was unexpected)")]  # no fields to name: jsonschema's words
    assert synthetic({"properties": {"x": {"const": 1}}}, {"x": 2}) == [("x", "1 was expected")]
    assert synthetic({"properties": {"x": {"type": ["string", "integer"]}}}, {"x": []}) == [
        ("x", "verwacht tekst of een heel getal, maar vond een lijst")]
    assert synthetic({"properties": {"x": {"type": "number"}}}, {"x": "a"}) == [("x", "verwacht number, maar vond tekst ('a')")]
    values = [f"w{i:02d}" for i in range(16)]
    assert synthetic({"properties": {"x": {"enum": values[:15]}}}, {"x": "q"}) == [
        ("x", f"tekst ('q') is geen toegestane waarde. Toegestaan: {', '.join(values[:15])}; uitleg bij elke waarde: /bijdragen/velden/#veld-x")]
    assert synthetic({"properties": {"x": {"enum": values}}}, {"x": "q"}) == [
        ("x", f"tekst ('q') is geen toegestane waarde. Toegestaan: {', '.join(values[:15])}, … (16 in totaal); uitleg bij elke waarde: /bijdragen/velden/#veld-x")]


@pytest.mark.parametrize("path, required", [
    (("a", "b", "c"), True), (("a", "b", "d"), False), (("a", "b"), True), (("a", "z"), False),
    (("n", "b", "c"), False), (("n", "b"), False), (("a", 0, "c"), False),
])
def test_is_required_through_references_of_references(path, required):
    defs = {"A": {"type": "object", "required": ["b"], "properties": {"b": {"$ref": "#/$defs/B"}}},
            "B": {"type": "object", "required": ["c"], "properties": {"c": {"type": "string"}}}}
    root = {"properties": {"a": {"$ref": "#/$defs/A"}, "n": {"$ref": "#/$defs/nergens"}}}
    assert _is_required(path, defs, root) is required


def test_schema_key_and_validators_belong_to_the_config_object():
    import dataclasses
    import json
    import pickle

    key = CONFIG.schema_key
    assert key == json.dumps(CONFIG.schema, sort_keys=True)
    assert CONFIG.schema_key is key and CONFIG.fast_validator is CONFIG.fast_validator
    other = dataclasses.replace(CONFIG, schema={"type": "object"})
    assert other.schema_key == '{"type": "object"}'
    assert other.fast_validator is not CONFIG.fast_validator and not other.fast_validator.is_valid([])
    # a forked worker gets the config pickled, without the compiled validators
    copy = pickle.loads(pickle.dumps(CONFIG))
    assert copy.schema == CONFIG.schema and copy.fast_validator.is_valid({}) is False


@pytest.mark.parametrize("path, required", [
    ((), False), (("title",), True), (("place",), False), (("organisations", 0, "role"), True),
    (("organisations", 0, "note"), False), (("sources", 0, "where"), True), (("sources", 0, "year"), False),
    (("criteria", "innovatie", "text"), True), (("criteria", "innovatie", "where"), False),
    (("award", "stage"), True), (("period", "note"), False), (("quotes", 3, "speaker"), True),
    (("nergens", "x"), False), (("sources", 0, "nergens", "x"), False),
])
def test_is_required_follows_items_refs_and_additional_properties(path, required):
    assert _is_required(path, CONFIG.schema["$defs"], CONFIG.schema) is required


# -- cross-record checks ---------------------------------------------------------------------

def test_all_problems_in_all_files_are_reported_at_once(tmp_path):
    bad1 = VALID_RECORD.replace("kind: voorbeeld", "kind: bestpractice").replace("[statushouders]", "[]")
    bad2 = "title: x\n\tkind: pilot\n"
    assert found(problems_for(tmp_path, a=bad1, b=bad2, c=VALID_RECORD)) == [
        ("a.yaml", 2, 7, "kind", "tekst ('bestpractice') is geen toegestane waarde. Toegestaan: nominatie, pilot, voorbeeld, programma; uitleg bij elke waarde: /bijdragen/velden/#veld-kind"),
        ("a.yaml", 7, 16, "target_groups", "de lijst heeft minstens 1 item(s) nodig (Doelgroepen.)"),
        ("b.yaml", 2, 1, "title", "ongeldige YAML: een tab-teken mag in YAML niet voor inspringen gebruikt worden; gebruik "
                                  "spaties (while scanning a plain scalar found a tab character that violates indentation)"),
    ]


def test_related_must_exist_and_not_be_itself(tmp_path):
    problems = problems_for(tmp_path, a=VALID_RECORD + "related: [a, b, bestaat-niet]\n", b=VALID_RECORD + "related: [a]\n")
    assert found(problems) == [
        ("a.yaml", 10, 11, "related[0]", "een praktijk kan niet aan zichzelf verwant zijn"),
        ("a.yaml", 10, 17, "related[2]", "er is geen praktijk met id `bestaat-niet`"),
    ]


def test_an_id_that_is_not_an_id_does_not_stop_the_check_of_the_next(tmp_path):
    problems = problems_for(tmp_path, a=VALID_RECORD + "related: [../x, bestaat-niet]\n")
    assert [p[3:] for p in found(problems)] == [
        ("related[0]", "tekst ('../x') heeft niet de juiste vorm (Een id: kleine letters, cijfers en koppeltekens.)"),
        ("related[1]", "er is geen praktijk met id `bestaat-niet`")]


def test_related_that_is_not_a_text_is_left_to_the_schema(tmp_path):
    problems = problems_for(tmp_path, a=VALID_RECORD + "related: [12]\n")
    assert found(problems) == [("a.yaml", 10, 11, "related[0]", "verwacht tekst, maar vond een getal (12); zet de waarde "
                                "tussen aanhalingstekens (\"…\") zodat ze tekst blijft zoals geschreven (Een id: kleine "
                                "letters, cijfers en koppeltekens.)")]


@pytest.mark.parametrize("part_of, others, message", [
    ("nergens", {}, "er is geen praktijk met id `nergens`"),
    ("bb", {"b": VALID_RECORD}, "er is geen praktijk met id `bb`; bedoelde u `b`?"),
    ("a", {}, "een praktijk kan geen deel van zichzelf zijn"),
    ("kapot", {"kapot": "title: [\n"}, "het record kapot.yaml bestaat, maar heeft zelf fouten; los die eerst op"),
])
def test_part_of_must_exist_and_not_be_itself(tmp_path, part_of, others, message):
    problems = problems_for(tmp_path, a=VALID_RECORD + f"part_of: {part_of}\n", **others)
    assert [p for p in found(problems) if p[0] == "a.yaml"] == [("a.yaml", 10, 10, "part_of", message)]


def test_part_of_pointing_at_another_record_is_fine(tmp_path):
    assert problems_for(tmp_path, a=VALID_RECORD + "part_of: b\n", b=VALID_RECORD) == []


def test_part_of_that_is_not_an_id_gets_only_the_schema_message(tmp_path):
    [p] = problems_for(tmp_path, a=VALID_RECORD + "part_of: Ander\n")
    assert (p.line, p.column, p.field, p.message) == (
        10, 10, "part_of", "tekst ('Ander') heeft niet de juiste vorm (Een id: kleine letters, cijfers en koppeltekens.)")


def test_jury_verdict_needs_an_award(tmp_path):
    text = VALID_RECORD + "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: De jury vond het nieuw.}\n"
    assert found(problems_for(tmp_path, a=text)) == [(
        "a.yaml", 11, 37, "criteria.innovatie.by",
        "alleen een praktijk met een `award` heeft een juryoordeel; gebruik `by: redactie` voor een inschatting van de redactie")]


def test_every_jury_verdict_without_an_award_is_reported(tmp_path):
    text = VALID_RECORD + ("criteria:\n  innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: x}\n"
                           "  duurzaamheid: {verdict: voldoet, by: jury, text: x}\n")
    assert [p[3] for p in found(problems_for(tmp_path, a=text))] == ["criteria.duurzaamheid.by"]


def test_an_award_without_edition_and_a_jury_verdict(tmp_path):
    text = (VALID_RECORD.replace("kind: voorbeeld", "kind: nominatie") + "award: {stage: finalist}\n"
            "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: x}\n")
    assert [p[3:] for p in found(problems_for(tmp_path, a=text))] == [
        ("award.edition", "het verplichte veld `edition` ontbreekt (Id van de prijseditie uit site_config/editions.yaml.)")]


def test_redactie_needs_no_award(tmp_path):
    text = VALID_RECORD + "criteria:\n  innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Nieuw.}\n"
    assert problems_for(tmp_path, a=text) == []


NOMINATION = VALID_RECORD.replace("kind: voorbeeld", "kind: nominatie")


def test_unknown_award_edition(tmp_path):
    text = NOMINATION + "award: {edition: best-practice-award-2023, stage: finalist}\n"
    assert found(problems_for(tmp_path, a=text)) == [(
        "a.yaml", 10, 18, "award.edition",
        "onbekende prijseditie `best-practice-award-2023`; bedoelde u `best-practice-award-2022`? Bekend: best-practice-award-2022, flevo-participatiepenning-2020, all-in-werkgeversprijs-2020")]


def test_unknown_award_edition_with_a_jury_verdict_gets_one_message(tmp_path):
    text = (NOMINATION + "award: {edition: onbekend, stage: finalist}\n"
            "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: x}\n")
    assert found(problems_for(tmp_path, a=text)) == [(
        "a.yaml", 10, 18, "award.edition", "onbekende prijseditie `onbekend` Bekend: best-practice-award-2022, flevo-participatiepenning-2020, all-in-werkgeversprijs-2020")]


def test_jury_verdict_on_a_criterion_the_edition_does_not_judge(tmp_path):
    editions = {**CONFIG.editions, "best-practice-award-2022": {**CONFIG.editions["best-practice-award-2022"],
                                                                "criteria": ["voorbeeldfunctie"]}}
    config = dataclasses.replace(CONFIG, editions=editions)
    text = (NOMINATION + "award: {edition: best-practice-award-2022, stage: finalist}\ncriteria:\n"
            "  voorbeeldfunctie: {verdict: voldoet, by: jury, text: x}\n"
            "  innovatie: {verdict: voldoet, by: jury, text: x}\n"
            "  duurzaamheid: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: x}\n")
    write(tmp_path, "a.yaml", text)
    assert found(check(tmp_path, config).problems) == [(
        "a.yaml", 13, 14, "criteria.innovatie", "de prijseditie `best-practice-award-2022` beoordeelt dit criterium niet")]


def test_two_editions_are_both_named_and_an_edition_without_criteria_judges_none(tmp_path):
    config = dataclasses.replace(CONFIG, editions={"prijs-a": {"name": "A"}, "prijs-b": {"name": "B"}})
    write(tmp_path, "a.yaml", NOMINATION + "award: {edition: prijs-c, stage: finalist}\n")
    write(tmp_path, "b.yaml", NOMINATION + "award: {edition: prijs-a, stage: finalist}\n"
          "criteria:\n  innovatie: {verdict: voldoet, by: jury, text: x}\n")
    assert [p[3:] for p in found(check(tmp_path, config).problems)] == [
        ("award.edition", "onbekende prijseditie `prijs-c`; bedoelde u `prijs-b` of `prijs-a`? Bekend: prijs-a, prijs-b"),
        ("criteria.innovatie", "de prijseditie `prijs-a` beoordeelt dit criterium niet")]


def test_cross_record_checks_skip_what_is_not_a_mapping():
    docs = [Document(Path("/p/a.yaml"), "practices/a.yaml", "a", ["een", "lijst"]),
            Document(Path("/p/b.yaml"), "practices/b.yaml", "b", {"award": "x", "criteria": ["x"], "related": "a"}),
            Document(Path("/p/c.yaml"), "practices/c.yaml", "c", {"criteria": {"innovatie": "voldoet"}})]
    assert check_collection(docs, CONFIG) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://x.nl", "//evil.example", "https://x.nl/<script>"])
def test_links_may_only_use_http_https_or_mailto(tmp_path, url):
    [p] = problems_for(tmp_path, a=VALID_RECORD + f"links:\n  - {{title: meer, url: '{url}'}}\n")
    assert (p.line, p.column, p.field, p.message) == (
        11, 24, "links[0].url", f"tekst ({url!r}) heeft niet de juiste vorm (Een link met http, https of mailto.)")


def test_duplicate_ids_across_folders(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    write(tmp_path / "one", "same.yaml", VALID_RECORD)
    extra = write(tmp_path / "two", "same.yaml", VALID_RECORD)
    [p] = check(tmp_path / "one", CONFIG, [extra]).problems
    assert (p.file, p.line, p.column, p.field) == (str(extra), 1, 1, "")
    assert p.message == f"de id `same` bestaat al in {tmp_path / 'one' / 'same.yaml'}; elke praktijk heeft een eigen bestandsnaam"


def test_format_is_file_line_column_field_message(tmp_path):
    [p] = problems_for(tmp_path, rec=VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]"))
    assert p.format() == f"{p.file}:6:11: sectors[0]: {p.message}"
    assert Problem("a.yaml", 1, 2, "", "los").format() == "a.yaml:1:2: los"


def test_github_annotation_format(tmp_path):
    [p] = problems_for(tmp_path, rec=VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmak]"))
    assert p.format_github() == f"::error file={p.file.replace(':', '%3A').replace(',', '%2C')},line=6,col=11,title=Praktijkbank::sectors[0]: {p.message}"
    assert Problem("a.yaml", 1, 2, "", "los").format_github() == "::error file=a.yaml,line=1,col=2,title=Praktijkbank::los"


AGREEMENT_CASES = [
    VALID_RECORD,
    VALID_RECORD.replace("kind: voorbeeld", "kind: fout"),
    VALID_RECORD.replace("[statushouders]", "[]"),
    VALID_RECORD.replace("[schoonmaak]", "[schoonmaak, schoonmaak]"),
    VALID_RECORD + "period: {start: '2022-13'}\n",
    VALID_RECORD + "period: {start: '2022-09', end: '2023'}\n",
    VALID_RECORD + "links: [{title: x, url: 'javascript:alert(1)'}]\n",
    VALID_RECORD + "links: [{title: x, url: 'https://example.org/a b'}]\n",
    VALID_RECORD + "criteria: {innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: bewijs}}\n",
    VALID_RECORD + "criteria: {innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2'}}\n",
    VALID_RECORD + "criteria: {nieuw: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: x}}\n",
    VALID_RECORD + "related: [Hoofdletter]\n",
    VALID_RECORD + "related: [goed-id, ../x]\n",
    VALID_RECORD + "results: [{value: '1', unit: u, what: w, status: gerealiseerd, extra: 1}]\n",
    VALID_RECORD.replace("source: week-van-de-1000-voorbeelden-2020", "source: nergens"),
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


@pytest.mark.parametrize("year, message", [
    ('"tweeduizend"', "verwacht een heel getal, maar vond tekst ('tweeduizend') (Jaar van uitgave.)"),
    ("1800", "1800 ligt buiten het toegestane bereik (minimum 1900)"),
    ("2200", "2200 ligt buiten het toegestane bereik (maximum 2100)"),
])
def test_a_number_field_is_explained_exactly(tmp_path, year, message):
    """Records have no number fields any more; the sources registry's year is one, and its
    mistakes are explained by the same code, with the line of sources.yaml."""
    from generator.config import ConfigError

    from helpers import make_project

    project = make_project(tmp_path)
    path = project / "site_config" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  year: 2019\n", f"  year: {year}\n"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(project / "site_config")
    assert [(p.line, p.column, p.field, p.message) for p in caught.value.problems] == [
        (44, 9, "partnership-en-inkoopkracht.year", message)]


@pytest.mark.parametrize("field, written, suggested", [
    ("sectors", "overheid", "; bedoelde u `openbaar-bestuur`?"),  # a synonym (before: `overig`)
    ("sectors", "techniek", "; bedoelde u `industrie`?"),  # a word of the label "Industrie en techniek" (before: nothing)
    ("sectors", "groothandel", "."),  # no weak match (before: `detailhandel`)
    ("target_groups", "gedetineerden", "; bedoelde u `ex-gedetineerden`?"),
    ("target_groups", "Oekraïners", "; bedoelde u `vluchtelingen`?"),  # accents and case do not matter
    ("sectors", "gezondheidszorgsector", "; bedoelde u `zorg`?"),  # part of a word (a synonym: gezondheidszorg)
])
def test_suggestions_use_labels_synonyms_and_words_and_drop_weak_matches(tmp_path, field, written, suggested):
    text = VALID_RECORD.replace(f"{field}: [{'schoonmaak' if field == 'sectors' else 'statushouders'}]", f"{field}: [{written}]")
    [p] = problems_for(tmp_path, a=text)
    assert p.message.startswith(f"tekst ({written!r}) is geen toegestane waarde{suggested} Toegestaan: ")


def test_a_value_already_in_the_list_is_never_suggested(tmp_path):
    [p] = problems_for(tmp_path, a=VALID_RECORD.replace("sectors: [schoonmaak]", "sectors: [schoonmaak, schoonmaakk]"))
    assert p.field == "sectors[1]" and "bedoelde u" not in p.message


@pytest.mark.parametrize("aliases, message", [
    ("[b]", "`b` is de id van een bestaande praktijk; een oude id mag geen huidige zijn"),
    ("[index]", "`index` is gereserveerd: praktijken/index/ is het overzicht van alle praktijken"),
])
def test_an_alias_that_collides_is_refused(tmp_path, aliases, message):
    [p] = problems_for(tmp_path, a=VALID_RECORD + f"aliases: {aliases}\n", b=VALID_RECORD)
    assert p.field == "aliases[0]" and p.message.startswith(message)


def test_an_alias_of_two_records_is_refused(tmp_path):
    problems = problems_for(tmp_path, a=VALID_RECORD + "aliases: [oud]\n", b=VALID_RECORD + "aliases: [oud]\n")
    assert [(p.field, p.message) for p in problems] == [
        ("aliases[0]", "`oud` is al een oude id van a; één oud adres stuurt naar één praktijk")]
