"""Rendering in-process: the filters and helpers the templates use, and which pages the
renderer makes from a small collection, with what in them. Exact outputs throughout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import Markup

from generator import render
from generator.build import check
from generator.config import load_config
from generator.model import build_collection
from generator.render import (NOT_INDEXED, Renderer, format_period, front_matter, link_target, neutralise_links, nl_date,
                              first_sentence, flat, one_line, safe_text)
from generator.similar import assign_similar

from helpers import ROOT, VALID_RECORD, write

CONFIG = load_config(ROOT / "site_config")


# -- dates and periods ------------------------------------------------------------------------

@pytest.mark.parametrize("month, name", list(enumerate(render.MONTHS, 1)))
def test_nl_date_names_every_month(month, name):
    assert nl_date(f"2022-{month:02d}") == f"{name} 2022"
    assert nl_date(f"2022-{month:02d}-0{month % 9 + 1}") == f"{month % 9 + 1} {name} 2022"


@pytest.mark.parametrize("iso, text", [
    ("2022-09-23", "23 september 2022"), ("2022-01-01", "1 januari 2022"), ("2022-12-31", "31 december 2022"),
    ("2022-09", "september 2022"), ("2022", "2022"), (2022, "2022"),
])
def test_nl_date(iso, text):
    assert nl_date(iso) == text


def test_the_months_are_the_twelve_dutch_ones_in_order():
    assert render.MONTHS == ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                             "september", "oktober", "november", "december"]


@pytest.mark.parametrize("period, text", [
    (None, ""), ({}, ""),  # the template says "onbekend"
    ({"start": "2022-09", "end": "2023-03"}, "september 2022 – maart 2023"),
    ({"start": "2021", "end": "2023-01-15"}, "2021 – 15 januari 2023"),
    ({"start": "2022-09"}, "vanaf september 2022"),
    ({"end": "2023"}, "tot 2023"),
    ({"start": "2022", "end": "2023", "note": "twee rondes"}, "2022 – 2023 (twee rondes)"),
    ({"start": "2022", "note": "loopt nog"}, "vanaf 2022 (loopt nog)"),
    ({"note": "ergens in de jaren tachtig"}, "ergens in de jaren tachtig"),
    ({"note": ""}, ""),
])
def test_format_period(period, text):
    assert format_period(period) == text


# -- escaping -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    ("gewone tekst", "gewone tekst"),
    ("a & b", "a &amp; b"),
    ("<b>vet</b>", "&lt;b&gt;vet&lt;/b&gt;"),
    ("it's \"zo\"", "it&#39;s &#34;zo&#34;"),
    ("[x](javascript:y)", "[x]&#40;javascript:y)"),
    ("[x](https://a.nl)", "[x](https://a.nl)"),
    ("[x](mailto:a@b.nl)", "[x](mailto:a@b.nl)"),
    ("[x]( <javascript:y> )", "[x]&#40; &lt;javascript:y&gt; )"),
    ("[r]: javascript:x", "[r]&#58; javascript:x"),
    ("[r]:  ftp://x", "[r]&#58;  ftp://x"),
    ("[r]: https://x.nl", "[r]: https://x.nl"),
    ("![i](https://x.nl/a.png)", "&#33;[i](https://x.nl/a.png)"),
    ("{: .klasse}", "&#123;: .klasse&#125;"),
    ("wat!", "wat!"),
])
def test_safe_text(value, shown):
    result = safe_text(value)
    assert isinstance(result, Markup) and str(result) == shown


def test_safe_text_leaves_markup_and_non_text_alone():
    assert safe_text(None) == ""
    assert safe_text(3) == 3 and safe_text(True) is True
    marked = Markup("<b>al veilig</b>")
    assert safe_text(marked) is marked


@pytest.mark.parametrize("text, result", [
    ("[a](HTTPS://x.nl) [b](MailTo:x@y.nl)", "[a](HTTPS://x.nl) [b](MailTo:x@y.nl)"),
    ("[a](http:x) [b](httpx://y)", "[a]&#40;http:x) [b]&#40;httpx://y)"),
    ("- [r]: vbscript:x", "- [r]&#58; vbscript:x"),
    ("[a][r]\n\n[r]: data:x", "[a][r]\n\n[r]&#58; data:x"),
    ("geen link", "geen link"),
])
def test_neutralise_links(text, result):
    assert neutralise_links(text) == result


def test_one_line_link_target_and_front_matter():
    assert one_line("  een\n  twee |  drie\t") == "een twee \\| drie"
    assert one_line(12) == "12"
    assert link_target("https://x.nl/a(b)<c>?d=1&e=2") == Markup("https://x.nl/a%28b%29&lt;c&gt;?d=1&amp;e=2")
    assert link_target("mailto:a@b.nl") == Markup("mailto:a@b.nl")
    assert link_target("javascript:alert(1)") == Markup("#") and link_target("HTTP://X.NL") == Markup("HTTP://X.NL")
    assert front_matter({"title": "a <b> & \"c\" 'd'", "n": 3, "leeg": None, "é": "ë"}) == (
        '---\ntitle: "a &lt;b&gt; &amp; &quot;c&quot; \'d\'"\nn: 3\nleeg: null\né: "ë"\n---\n\n')


def test_the_environment_has_the_filters_and_is_kept_by_the_context():
    from generator.context import BuildContext

    context = BuildContext()
    env = render.environment_for(context, CONFIG.templates_dir)
    assert env is render.environment_for(context, CONFIG.templates_dir)
    assert env is not render.environment_for(BuildContext(), CONFIG.templates_dir)  # contexts share nothing
    assert env.filters["nl_date"] is nl_date and env.filters["period"] is format_period
    assert env.filters["link_target"] is link_target
    assert env.filters["one_line"]("a\n<b>") == Markup("a &lt;b&gt;")
    assert env.from_string("{{ x }}|{{ y }}").render(x="<i>", y=None) == "&lt;i&gt;|"
    with pytest.raises(Exception):
        env.from_string("{{ nergens }}").render()  # StrictUndefined
    assert env.from_string("{% if 1 %}\n  a\n{% endif %}\n").render() == "  a\n"  # trim_blocks, lstrip_blocks


# -- pages from a small collection -----------------------------------------------------------

RECORDS = {
    "alfa": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Alfa in de zorg")
    .replace("sectors: [schoonmaak]", "sectors: [zorg, schoonmaak]")
    + "regions: [overijssel]\nperiod: {start: '2021-03', end: '2022'}\nrelated: [bravo]\n"
    "criteria:\n  innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Nieuw.}\n"
    "  duurzaamheid: {verdict: voldoet-niet, by: redactie, where: 'r. 1-2', text: Kort.}\n",
    "bravo": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Bravo schoonmaakt")
    .replace("kind: voorbeeld", "kind: pilot")
    + "period: {start: '2023'}\nrelated: [alfa]\ncriteria:\n  innovatie: {verdict: voldoet-deels, by: redactie, where: 'r. 1-2', text: Deels.}\n",
    "charlie": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Charlie zonder periode")
    .replace("target_groups: [statushouders]", "target_groups: [jongeren]")
    .replace("sectors: [schoonmaak]", "sectors: [schoonmaak, catering]")
    .replace("lang genoeg.", "lang genoeg. " + "Nog een zin om de samenvatting langer te maken. " * 7),
}


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    for rid, text in RECORDS.items():
        write(folder, f"{rid}.yaml", text)
    result = check(folder, CONFIG)
    assert result.problems == []
    c = build_collection(result.documents, CONFIG)
    assign_similar(c)
    return c


@pytest.fixture
def pages(collection):
    # per test, not per module: mutmut runs only the tests that call a function, and a
    # module-scoped fixture would count as called by the first test alone
    return Renderer(collection, ROOT / "content").render_all()


def test_the_pages_the_renderer_makes(pages):
    content = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*")
               if p.is_file() and not p.name.startswith(".")}
    generated = {
        "praktijken/alfa.md", "praktijken/bravo.md", "praktijken/charlie.md", "praktijken/index.md",
        "criteria/index.md", "criteria/voorbeeldfunctie.md", "criteria/ketensamenwerking.md",
        "criteria/duurzaamheid.md", "criteria/innovatie.md", "criteria/effect-op-werkenden.md",
        "soorten/index.md", "soorten/voorbeeld.md", "soorten/pilot.md",
        "sectoren/index.md", "sectoren/schoonmaak.md", "sectoren/zorg.md", "sectoren/catering.md",
        "doelgroepen/index.md", "doelgroepen/statushouders.md", "doelgroepen/jongeren.md",
        "regios/index.md", "regios/overijssel.md",
        "prijzen/index.md", "prijzen/best-practice-award-2022.md", "prijzen/flevo-participatiepenning-2020.md",
        "prijzen/all-in-werkgeversprijs-2020.md", "vergelijk.md", "bronnen.md",
    }
    assert set(pages) == generated | content
    for path in content:
        assert pages[path] == (ROOT / "content" / path).read_bytes()


def test_a_practice_page_has_its_front_matter_and_period(pages):
    page = pages["praktijken/alfa.md"]
    assert page.startswith('---\ntitle: "Alfa in de zorg"\ndescription: "Een korte samenvatting van de praktijk '
                           'in eigen woorden, lang genoeg."\n---\n\n')
    assert "maart 2021 – 2022" in page
    assert "Bravo schoonmaakt" in page  # related


def test_a_criterion_page_groups_by_verdict(pages):
    page = pages["criteria/innovatie.md"]
    assert page.startswith('---\ntitle: "Innovatie"\ndescription: "')
    assert page.index("Alfa in de zorg") < page.index("Bravo schoonmaakt")  # voldoet before voldoet-deels
    assert "Charlie" not in page
    assert "Alfa in de zorg" not in pages["criteria/voorbeeldfunctie.md"]


def test_facet_pages_list_their_members(pages):
    assert "Alfa in de zorg" in pages["sectoren/zorg.md"] and "Bravo" not in pages["sectoren/zorg.md"]
    for name in ("Alfa in de zorg", "Bravo schoonmaakt", "Charlie zonder periode"):
        assert name in pages["sectoren/schoonmaak.md"]
    assert "Charlie zonder periode" in pages["doelgroepen/jongeren.md"] and "Alfa" not in pages["doelgroepen/jongeren.md"]
    assert pages["soorten/pilot.md"].startswith('---\ntitle: "Pilot"\nsearch: {"exclude": true}\n---\n\n')
    assert pages["sectoren/index.md"].startswith('---\ntitle: "Sectoren"\nsearch: {"exclude": true}\n---\n\n')


def test_grouped_keeps_the_vocabulary_order_and_skips_empty_terms(collection):
    r = Renderer(collection, ROOT / "content")
    groups = r.grouped(collection.practices, CONFIG.facet("sectors"))
    assert [(t.id, [p.id for p in members]) for t, members in groups] == [
        ("schoonmaak", ["alfa", "bravo", "charlie"]), ("zorg", ["alfa"]), ("catering", ["charlie"])]
    assert [(t.id, [p.id for p in m]) for t, m in r.grouped(collection.practices, CONFIG.facet("kinds"))] == [
        ("pilot", ["bravo"]), ("voorbeeld", ["alfa", "charlie"])]


def test_filters_offer_only_values_in_use(collection):
    r = Renderer(collection, ROOT / "content")
    filters = {name: (label, options) for name, label, options in r.filters()}
    assert list(filters) == ["criterium", "oordeel", "soort", "sector", "doelgroep", "regio", "jaar"]
    assert filters["soort"] == ("Soort", [("pilot", "Pilot"), ("voorbeeld", "Voorbeeld")])
    assert [v for v, _ in filters["sector"][1]] == ["schoonmaak", "zorg", "catering"]
    assert [v for v, _ in filters["doelgroep"][1]] == ["statushouders", "jongeren"]
    assert filters["regio"] == ("Regio", [("overijssel", "Overijssel")])
    assert filters["jaar"] == ("Jaar", [("2023", "2023"), ("2022", "2022"), ("2021", "2021")])
    assert [v for v, _ in filters["criterium"][1]] == [t.id for t in collection.terms("criteria")]
    assert [v for v, _ in filters["oordeel"][1]] == ["voldoet", "voldoet-deels", "voldoet-niet", "niet-beoordeeld"]
    assert filters["criterium"][0] == "Criterium" and filters["oordeel"][0] == "Oordeel"
    assert (filters["sector"][0], filters["doelgroep"][0]) == ("Sector", "Doelgroep")


def test_charts_count_what_they_say(collection, monkeypatch):
    calls = []
    monkeypatch.setattr(render, "bar_chart", lambda *args: calls.append(args) or Markup("grafiek"))
    assert Renderer(collection, ROOT / "content").charts() == [Markup("grafiek")] * 3
    criteria = [t.label for t in collection.terms("criteria")]
    assert calls[0] == ("pb-chart-criteria", "Praktijken die (deels) voldoen, per criterium",
                        [(label, {"Innovatie": 2}.get(label, 0)) for label in criteria])
    assert calls[1] == ("pb-chart-sectoren", "Praktijken per sector", [("Schoonmaak", 3), ("Zorg", 1), ("Catering", 1)])
    assert calls[2] == ("pb-chart-jaren", "Praktijken per startjaar", [("2021", 1), ("2023", 1)])


def test_content_pages_skip_hidden_files_and_links(tmp_path, collection):
    write(tmp_path, "a.md", "# A")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "b.md", "# B")
    write(tmp_path, ".verborgen.md", "x")
    (tmp_path / "link.md").symlink_to(tmp_path / "a.md")
    assert Renderer(collection, tmp_path).content_pages() == {"a.md": b"# A", "sub/b.md": b"# B"}


def test_a_practice_page_is_cached_until_a_dependency_changes(collection):
    r = Renderer(collection, ROOT / "content")
    [alfa] = [p for p in collection.practices if p.id == "alfa"]
    first = r.practice_page(alfa)
    assert r.practice_page(alfa) is first
    pages = r.context.pages
    assert pages["alfa"][0][1] == tuple(id(d.data) for d in [alfa, *alfa.related, *alfa.similar, *alfa.children])
    pages["alfa"] = (("ander",) + pages["alfa"][0][1:], *pages["alfa"][1:])
    again = r.practice_page(alfa)
    assert again == first and again is not first


def test_a_long_summary_is_cut_at_a_sentence_or_a_word_for_the_description(pages, collection):
    # a shared link's preview shows the description: never a word cut in half
    [charlie] = [p for p in collection.practices if p.id == "charlie"]
    assert len(flat(charlie.summary)) > 301
    description = json.loads(pages["praktijken/charlie.md"].split("\ndescription: ", 1)[1].split("\n", 1)[0])
    assert len(description) <= 302 and flat(charlie.summary).startswith(description.rstrip(" …"))
    assert description.endswith(".") or description.endswith(" …")


def test_every_generated_page_has_its_front_matter(pages, collection):
    vocab = CONFIG.vocabularies
    metas = {f"praktijken/{p.id}.md": {"title": p.title, "description": first_sentence(flat(p.summary), 300)}
             for p in collection.practices}
    metas.update({f"criteria/{cid}.md": {"title": info["label"], "description": info["wording"]}
                  for cid, info in vocab["criteria"].items()})
    metas.update({"criteria/index.md": {"title": "Criteria"}, "soorten/index.md": {"title": "Soorten praktijken"},
                  "sectoren/index.md": {"title": "Sectoren"}, "doelgroepen/index.md": {"title": "Doelgroepen"},
                  "regios/index.md": {"title": "Regio's"}, "praktijken/index.md": {"title": "Alle praktijken"},
                  "prijzen/index.md": {"title": "Prijzen"}, "vergelijk.md": {"title": "Praktijken vergelijken"},
                  "prijzen/best-practice-award-2022.md": {"title": "Best Practice Award 2022"},
                  "prijzen/flevo-participatiepenning-2020.md": {"title": "Flevo-Participatiepenning 2020"},
                  "prijzen/all-in-werkgeversprijs-2020.md": {"title": "All-in Werkgeversprijs 2020"},
                  "bronnen.md": {"title": "Bronnen"}})
    for folder, vocabulary, ids in [("soorten", "kinds", ["voorbeeld", "pilot"]), ("sectoren", "sectors", ["schoonmaak", "zorg", "catering"]),
                                    ("doelgroepen", "target_groups", ["statushouders", "jongeren"]),
                                    ("regios", "regions", ["overijssel"])]:
        metas.update({f"{folder}/{i}.md": {"title": vocab[vocabulary][i]["label"]} for i in ids})
    # every page but a practice's lists practices: out of the search index (issue "Findability")
    metas = {path: meta if path.startswith("praktijken/") and path != "praktijken/index.md" else {**meta, **NOT_INDEXED}
             for path, meta in metas.items()}
    assert {path: page[: page.index("\n---\n\n") + 6] for path, page in pages.items()
            if isinstance(page, str)} == {path: front_matter(meta) for path, meta in metas.items()}


def test_facet_pages_name_their_heading_and_count(pages):
    assert "[alle sectoren](index.md)" in pages["sectoren/zorg.md"]
    assert "1 praktijk ·" in pages["sectoren/zorg.md"] and "3 praktijken ·" in pages["sectoren/schoonmaak.md"]
    assert "# Regio&#39;s\n\n| Regio&#39;s | Praktijken |" in pages["regios/index.md"]
    assert "| [Zorg](zorg.md) | 1 |" in pages["sectoren/index.md"]


def test_the_criteria_index_counts_the_practices_per_criterion(pages):
    assert "| [Innovatie](innovatie.md) | " in pages["criteria/index.md"]
    assert pages["criteria/index.md"].split("| [Innovatie](innovatie.md) | ")[1].split("\n")[0].endswith(" | 2 |")
    assert pages["criteria/index.md"].split("| [Duurzaamheid](duurzaamheid.md) | ")[1].split("\n")[0].endswith(" | 1 |")
    assert pages["criteria/index.md"].split("| [Innovatie](innovatie.md) | ")[0].count(" | 0 |") == 2


def test_the_comparison_page_carries_the_vocabularies_safely(collection):
    import dataclasses
    import json

    r = Renderer(collection, ROOT / "content")
    judges = {**CONFIG.vocabularies["judges"], "jury": {**CONFIG.vocabularies["judges"]["jury"], "label": "Jury </script> ë"}}
    r.config = dataclasses.replace(CONFIG, vocabularies={**CONFIG.vocabularies, "judges": judges})
    page = r.render_all()["vergelijk.md"]
    shipped = json.loads(page.split('<script type="application/json" id="pb-vocab">')[1].split("</script>")[0].replace("<\\/", "</"))
    for name in ("criteria", "verdicts", "judges", "stages", "result_statuses"):
        assert shipped[name] == r.config.vocabularies[name], name
    assert shipped["badges"] == {"kind": r.config.vocabularies["kinds"]}
    assert [f["field"] for f in shipped["facets"]] == [f.field for f in r.config.facets]
    assert "</script> ë" not in page and "Jury <\\/script> ë" in page


def test_the_edition_page_puts_the_winner_first_and_shows_verdict_icons(tmp_path):
    import dataclasses

    from sites import EDITION, NOMINATIONS

    config = dataclasses.replace(CONFIG, editions={**CONFIG.editions, "testprijs-2030": EDITION})
    for rid, text in NOMINATIONS.items():
        write(tmp_path, f"{rid}.yaml", text)
    result = check(tmp_path, config)
    assert result.problems == []
    page = Renderer(build_collection(result.documents, config), ROOT / "content").render_all()["prijzen/testprijs-2030.md"]
    assert page.index("Bravo vernieuwt") < page.index("Alfa werkt samen") < page.index("Charlie doet mee")
    for verdict in CONFIG.vocabularies["verdicts"].values():
        assert f'{verdict.get("icon", "")}</span> {verdict["label"]}' in page or verdict["label"] not in page
    assert "✘</span> Voldoet niet" in page
    legend = ", ".join(f'{v.get("icon", "")} {v["label"].lower()}' for v in CONFIG.vocabularies["verdicts"].values())
    assert f"met een teken ({legend}); klik op een cel" in page
    ranks = {"Winnaar": -2, "Finalist": -1, "Genomineerd": 0}
    for label, rank in ranks.items():
        assert f'<td data-label="Fase" data-value="{rank}">{label}</td>' in page


def test_the_page_cache_notices_a_changed_template_and_configuration(tmp_path, collection):
    import dataclasses
    import datetime
    import os
    import shutil

    shutil.copytree(CONFIG.templates_dir, tmp_path / "templates")
    config = dataclasses.replace(CONFIG, root=tmp_path)
    assert config.templates_dir == tmp_path / "templates"
    first = render._fingerprint(config, config.templates_dir)
    assert first == render._fingerprint(config, config.templates_dir)
    page = tmp_path / "templates" / "practice.md.j2"
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 10**9))
    assert render._fingerprint(config, config.templates_dir) != first
    reordered = dataclasses.replace(config, vocabularies=dict(reversed(list(config.vocabularies.items()))))
    assert render._fingerprint(reordered, config.templates_dir) == render._fingerprint(config, config.templates_dir)
    dated = dataclasses.replace(config, editions={"x": {"deadline": datetime.date(2030, 5, 1)}})
    assert '"deadline": "2030-05-01"' in render._fingerprint(dated, config.templates_dir)
    r = Renderer(collection, ROOT / "content")
    assert r.fingerprint == render._fingerprint(CONFIG, CONFIG.templates_dir)
    [alfa] = [p for p in collection.practices if p.id == "alfa"]
    cached = r.practice_page(alfa)
    r.fingerprint = "anders"  # as after a template changed
    assert r.practice_page(alfa) is not cached


def test_lists_put_full_practices_before_teasers(tmp_path):
    # issue "Content you can trust": a teaser (the source gives no approach) ranks below a full practice
    records = {"a-teaser": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Aaa alleen een kop")
               + "teaser: true\n",
               "z-vol": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Zzz een hele praktijk")
               + "criteria:\n  innovatie: {verdict: voldoet, by: redactie, where: 'r. 1-2', text: Nieuw.}\n"}
    for rid, text in records.items():
        write(tmp_path, f"{rid}.yaml", text)
    result = check(tmp_path, CONFIG)
    assert result.problems == []
    pages = Renderer(build_collection(result.documents, CONFIG), ROOT / "content").render_all()
    for page in ("praktijken/index.md", "sectoren/schoonmaak.md"):
        assert pages[page].index("Zzz een hele praktijk") < pages[page].index("Aaa alleen een kop"), page
    assert "Alleen een aankondiging" in pages["praktijken/a-teaser.md"]
    assert "zonder de aanpak; daarom is deze praktijk op geen enkel criterium beoordeeld" in pages["praktijken/a-teaser.md"]
