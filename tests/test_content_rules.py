"""The content rules are rules of `praktijkbank validate`, reported like schema problems.

A project copy gets a source of its own in site_config/sources.yaml (one edit in one file) with
a small stored text; records cite its lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import VALID_RECORD, make_project, run_cli, write

pytestmark = pytest.mark.subprocess  # these run the CLI: left out of `make mutate`

TEXT = """Regel een over het project.
In 2021 begonnen 12 schoonmakers met de opleiding; vier van hen
kregen daarna een vast contract. Het rapportcijfer was 8.6 gemiddeld.
"Wij zijn trots op onze mensen", zei de projectleider. Alle werk-
nemers kregen 100.000 euro aan scholing.
"""

SOURCE = """
testrapport:
  title: Testrapport over een project
  publisher: Testuitgever
  year: 2024
  text: testrapport.txt
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    (project / "site_config" / "testrapport.txt").write_text(TEXT, encoding="utf-8")
    registry = project / "site_config" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + SOURCE, encoding="utf-8")
    return project


def record(extra: str, source: str = '  - {source: testrapport, where: "r. 1-5"}') -> str:
    return VALID_RECORD.replace('  - {source: week-van-de-1000-voorbeelden-2020, where: "r. 1-2"}', source) + extra


def validate(project: Path, **records: str) -> tuple[int, list[str], str]:
    for rid, text in records.items():
        write(project / "practices", f"{rid}.yaml", text)
    result = run_cli("validate", cwd=project)
    return result.returncode, result.stdout.splitlines(), result.stderr


def test_numbers_and_quotes_as_the_source_writes_them_pass(project):
    code, out, err = validate(project, goed=record(
        "results:\n"
        "  - {value: '12', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2'}\n"
        "  - {value: '4', unit: contracten, what: vast, status: gerealiseerd, where: 'r. 2-3'}\n"  # "vier"
        "  - {value: '8,6', unit: rapportcijfer, what: gemiddeld, status: gerealiseerd, where: 'r. 3'}\n"  # source: 8.6
        "  - {value: '100.000', unit: euro, what: scholing, status: gerealiseerd, where: 'r. 4-5'}\n"
        "quotes:\n"
        "  - {text: 'Wij zijn trots op onze mensen', speaker: projectleider, where: 'r. 4'}\n"
        "  - {text: 'Alle werknemers kregen … scholing', speaker: rapport, where: 'r. 4-5'}\n"))
    assert (code, out) == (0, []), err


def test_a_changed_number_is_reported_with_file_line_and_a_hint(project):
    code, out, _ = validate(project, fout=record(
        "results:\n  - {value: '13', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2'}\n"
        "  - {value: '1', unit: schoonmaker, what: begonnen, status: gerealiseerd, where: 'r. 1-2'}\n"))  # "een" is not one
    assert code == 1
    assert out == [
        "practices/fout.yaml:11:13: results[0].value: `13` staat niet zo in r. 2 van bron `testrapport`; neem het getal "
        "over zoals de bron het schrijft (in cijfers of als woord), of verbeter `where`",
        "practices/fout.yaml:12:13: results[1].value: `1` staat niet zo in r. 1-2 van bron `testrapport`; neem het getal "
        "over zoals de bron het schrijft (in cijfers of als woord), of verbeter `where`",
    ]


def test_a_changed_quote_is_reported(project):
    code, out, _ = validate(project, fout=record(
        "quotes:\n  - {text: 'Wij zijn heel trots op onze mensen', speaker: projectleider, where: 'r. 4'}\n"))
    assert code == 1
    assert out == ["practices/fout.yaml:11:12: quotes[0].text: dit citaat staat niet letterlijk in r. 4 van bron "
                   "`testrapport`: „Wij zijn heel trots op onze mensen”; neem de woorden over zoals de bron ze schrijft "
                   "(… voor weggelaten tekst), of verbeter `where`"]


def test_a_number_in_english_notation_gets_the_dutch_one(project):
    code, out, _ = validate(project, fout=record(
        "results:\n  - {value: '8.6', unit: rapportcijfer, what: gemiddeld, status: gerealiseerd}\n"))
    assert code == 1
    assert out == ["practices/fout.yaml:11:13: results[0].value: `8.6` is geen Nederlandse schrijfwijze: een punt staat "
                   "alleen voor precies drie cijfers (100.000) en een decimaal krijgt een komma; schrijf `8,6`"]


def test_a_one_way_related_link_is_reported(project):
    code, out, _ = validate(project, a=record("related: [b]\n"), b=record(""))
    assert code == 1
    assert out == ["practices/a.yaml:10:11: related[0]: `b` noemt deze praktijk niet terug; verwante praktijken "
                   "verwijzen naar elkaar: voeg `a` toe aan related in b.yaml"]


def test_an_unknown_source_id_is_reported_with_a_suggestion(project):
    code, out, _ = validate(project, fout=record("", '  - {source: testraport, where: "r. 1"}'))
    assert code == 1
    assert len(out) == 1 and out[0].startswith(
        "practices/fout.yaml:9:14: sources[0].source: tekst ('testraport') is geen toegestane waarde; bedoelde u `testrapport`?")


def test_with_two_sources_each_citation_says_which(project):
    two = '  - {source: testrapport, where: "r. 1-5"}\n  - {source: week-van-de-1000-voorbeelden-2020, where: "r. 1"}'
    code, out, _ = validate(project, fout=record(
        "results:\n  - {value: '12', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2'}\n"
        "  - {value: '12', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2', source: juryrapport-bpa-2022}\n"
        "  - {value: '12', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2', source: testrapport}\n", two))
    assert code == 1
    assert out == [
        "practices/fout.yaml:12:84: results[0].where: deze praktijk noemt meer dan één bron; zeg met `source:` welke bron "
        "deze vindplaats bedoelt (een van: testrapport, week-van-de-1000-voorbeelden-2020)",
        "practices/fout.yaml:13:100: results[1].source: `juryrapport-bpa-2022` staat niet onder sources van deze praktijk; voeg de bron "
        "daar toe met haar vindplaats, of kies een van: testrapport, week-van-de-1000-voorbeelden-2020",
    ]


def test_a_source_without_its_text_is_skipped_out_loud(project):
    (project / "site_config" / "testrapport.txt").unlink()
    code, out, err = validate(project, goed=record(
        "results:\n  - {value: '13', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2'}\n"))
    assert (code, out) == (0, [])
    assert "let op: getallen en citaten van 1 record(s) zijn niet tegen bron `testrapport` gecontroleerd: de tekst " \
           "staat niet in site_config/testrapport.txt" in err


# -- the rubric: an editorial verdict names the lines that carry it -------------------------------

def assessment(verdict: str, by: str = "redactie", where: str | None = "r. 2-3") -> str:
    line = f"    where: '{where}'\n" if where else ""
    return f"criteria:\n  effect-op-werkenden:\n    verdict: {verdict}\n    by: {by}\n{line}    text: Wat de bron laat zien.\n"


@pytest.mark.parametrize("verdict, by, where", [
    ("voldoet-deels", "redactie", "r. 2-3"),
    ("niet-beoordeeld", "redactie", None),  # nothing to cite
    ("voldoet-niet", "redactie", "r. 3"),
])
def test_a_verdict_with_its_lines_or_none_to_cite_passes(project, verdict, by, where):
    code, out, err = validate(project, goed=record(assessment(verdict, by, where)))
    assert (code, out) == (0, []), err


@pytest.mark.parametrize("where, field, message", [
    (None, "criteria.effect-op-werkenden.verdict",
     "een inschatting van de redactie (`voldoet`) noemt de regels van de bron die haar dragen: voeg `where: \"r. …\"` toe "
     "(hoogstens 15 regels), of schrijf `niet-beoordeeld` als de bron te weinig zegt; zie /over-de-criteria/#zo-oordeelt-de-redactie"),
    ("r. 1-16", "criteria.effect-op-werkenden.where",
     "`r. 1-16` zijn 16 regels; een inschatting van de redactie noemt de regels die haar dragen, hoogstens 15; "
     "zie /over-de-criteria/#zo-oordeelt-de-redactie\n"
     "criteria.effect-op-werkenden.where: r. 1-16 valt buiten wat deze praktijk van bron `testrapport` noemt onder "
     "sources; voeg die regels daar toe, of verbeter `where`"),
    ("r. 2, 7-8", "criteria.effect-op-werkenden.where",
     "r. 7-8 valt buiten wat deze praktijk van bron `testrapport` noemt onder sources; voeg die regels daar toe, of verbeter `where`"),
])
def test_an_editorial_verdict_without_its_lines_is_refused(project, where, field, message):
    code, out, err = validate(project, a=record(assessment("voldoet", where=where)))
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out] == f"{field}: {message}".split("\n")
    assert out[0].startswith("practices/a.yaml:")


def test_a_teaser_has_no_verdict_but_niet_beoordeeld(project):
    code, out, err = validate(project, a=record("teaser: true\n" + assessment("voldoet-deels")),
                              b=record("teaser: true\n" + assessment("niet-beoordeeld", where=None)))
    assert code == 1
    assert [line.split(": ", 1)[1] for line in out] == [
        "criteria.effect-op-werkenden.verdict: deze praktijk is een teaser (`teaser: true`): de bron geeft de aanpak niet, "
        "dus elk criterium is `niet-beoordeeld`; zie /over-de-criteria/#zo-oordeelt-de-redactie"]
    assert out[0].startswith("practices/a.yaml:")
