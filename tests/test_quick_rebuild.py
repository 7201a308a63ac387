"""serve after an edit: the edited practice's page first, the lists that show it in the next
generate (build.generate with defer_lists), and nothing rendered when nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import Project, generate
from generator.context import BuildContext
from helpers import VALID_RECORD, make_project, write

OTHER = VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Een andere praktijk")


def edited(text: str, summary: str) -> str:
    assert "Een korte samenvatting" in text
    return text.replace("Een korte samenvatting", summary)


def later(path: Path) -> None:
    """Another modification time, as a save a moment later gives (the record cache compares it)."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def setup(tmp_path: Path) -> tuple[Project, BuildContext]:
    root = make_project(tmp_path)
    write(root / "practices", "gewoon.yaml", VALID_RECORD)
    write(root / "practices", "ander.yaml", OTHER)
    return Project(root), BuildContext()


def read(project: Project, rel: str) -> str:
    return (project.docs / rel).read_text(encoding="utf-8")


def test_an_edit_writes_the_practice_page_first_and_the_lists_in_the_next_generate(tmp_path):
    project, context = setup(tmp_path)
    first = generate(project, context, defer_lists=True)
    assert first.ok and not first.lists_deferred and first.stats.written > 10

    record = write(project.practices, "gewoon.yaml", edited(VALID_RECORD, "Nieuwe samenvatting van vandaag"))
    later(record)
    quick = generate(project, context, defer_lists=True)
    assert quick.ok and quick.lists_deferred
    assert "Nieuwe samenvatting van vandaag" in read(project, "praktijken/gewoon.md")
    assert "Nieuwe samenvatting van vandaag" not in read(project, "praktijken/index.md")  # not yet
    assert quick.stats.removed == 0 and (project.docs / "criteria" / "index.md").is_file()  # the rest stays

    follow_up = generate(project, context, defer_lists=True)
    assert follow_up.ok and not follow_up.lists_deferred
    assert "Nieuwe samenvatting van vandaag" in read(project, "praktijken/index.md")
    assert "Nieuwe samenvatting van vandaag" in read(project, "data/praktijken.json")


def test_a_rebuild_with_nothing_changed_renders_nothing(tmp_path):
    project, context = setup(tmp_path)
    generate(project, context, defer_lists=True)
    again = generate(project, context, defer_lists=True)
    assert again.ok and not again.lists_deferred
    assert (again.stats.written, again.stats.unchanged) == (0, 0)  # not even compared
    assert again.collection is not None and len(again.collection.practices) == 2


def test_a_new_record_or_a_changed_template_renders_everything_at_once(tmp_path):
    project, context = setup(tmp_path)
    generate(project, context, defer_lists=True)
    write(project.practices, "derde.yaml", VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen",
                                                               "title: Een derde praktijk"))
    added = generate(project, context, defer_lists=True)
    assert not added.lists_deferred and "Een derde praktijk" in read(project, "praktijken/index.md")

    template = project.site_config / "templates" / "overview.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\nOnderaan het overzicht.\n", encoding="utf-8")
    changed = generate(project, context, defer_lists=True)
    assert not changed.lists_deferred and "Onderaan het overzicht." in read(project, "praktijken/index.md")


def test_a_build_never_defers(tmp_path):
    project, context = setup(tmp_path)
    generate(project, context)
    record = write(project.practices, "gewoon.yaml", edited(VALID_RECORD, "Nieuwe samenvatting van vandaag"))
    later(record)
    result = generate(project, context)
    assert not result.lists_deferred and "Nieuwe samenvatting van vandaag" in read(project, "praktijken/index.md")


def older(path: Path) -> None:
    """Saved a while ago: the record cache on disk keeps only files not changed in the last seconds."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - 60_000_000_000))


def test_records_read_from_the_cache_on_disk_are_kept_between_rebuilds(tmp_path):
    # an editor validates (or builds), then serves: serve's first generate takes the records from
    # validate's cache on disk. They must stay the same objects in the rebuilds after it: a page
    # whose records are new objects is rendered again (all 1,000 pages after every save)
    project, _ = setup(tmp_path)
    for path in project.practices.glob("*.yaml"):
        older(path)
    assert generate(project, BuildContext()).ok  # a one-off run fills the cache on disk
    context = BuildContext()
    first = generate(project, context, defer_lists=True)
    record = write(project.practices, "ander.yaml", edited(OTHER, "Nieuwe samenvatting van vandaag"))
    later(record)
    quick = generate(project, context, defer_lists=True)
    assert quick.ok and quick.lists_deferred

    def unchanged(result):
        return next(d for d in result.documents if d.path.name == "gewoon.yaml")

    assert unchanged(quick) is unchanged(first)


SOURCE_TEXT = "Regel een.\nIn 2021 begonnen 12 schoonmakers met de opleiding.\n"
SOURCES = """
testrapport:
  title: Testrapport over een project
  publisher: Testuitgever
  year: 2024
  text: testrapport.txt
zonder-tekst:
  title: Een bron zonder opgeslagen tekst
  publisher: Testuitgever
  year: 2024
"""


def cited(source: str, value: str) -> str:
    return (VALID_RECORD.replace('  - {source: week-van-de-1000-voorbeelden-2020, where: "r. 1-2"}',
                                 f'  - {{source: {source}, where: "r. 1-2"}}')
            + f"results:\n  - {{value: '{value}', unit: schoonmakers, what: begonnen, status: gerealiseerd, where: 'r. 2'}}\n")


def test_serve_checks_the_content_rules_of_changed_records_only_and_says_the_same(tmp_path, monkeypatch):
    from generator import build, content_rules
    from generator.config import load_config

    root = make_project(tmp_path)
    (root / "site_config" / "testrapport.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    registry = root / "site_config" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + SOURCES, encoding="utf-8")
    write(root / "practices", "getal.yaml", cited("testrapport", "13"))  # the source says 12
    write(root / "practices", "ongecontroleerd.yaml", cited("zonder-tekst", "7").replace(
        "title: Een voorbeeldpraktijk om mee te testen", "title: Een praktijk zonder brontekst"))
    practices, config = root / "practices", load_config(root / "site_config")
    checked: list[str] = []
    real = content_rules.check_content
    monkeypatch.setattr(content_rules, "check_content", lambda docs, *a: checked.extend(d.id for d in docs) or real(docs, *a))
    monkeypatch.setattr(build, "check_content", content_rules.check_content)

    def said(result):
        return [p.format() for p in result.problems], result.notes

    context = BuildContext()
    first = build.check(practices, config, context=context)
    assert said(first) == said(build.check(practices, config))  # as a check of everything says it
    assert any("staat niet zo in" in p for p in said(first)[0]) and any("zonder-tekst" in n for n in first.notes)

    checked.clear()
    later(write(practices, "getal.yaml", cited("testrapport", "12")))
    fixed = build.check(practices, config, context=context)
    assert checked == ["getal"]  # the unchanged record is not checked again
    assert said(fixed) == ([], first.notes) == said(build.check(practices, config))

    checked.clear()
    (root / "site_config" / "testrapport.txt").write_text("Regel een.\nIn 2021 begonnen 13 schoonmakers.\n", encoding="utf-8")
    later(root / "site_config" / "testrapport.txt")
    changed_text = build.check(practices, config, context=context)
    assert sorted(set(checked)) == ["getal", "ongecontroleerd"]  # a changed site config checks all again
    assert any("staat niet zo in" in p for p in said(changed_text)[0])


def test_serve_checks_again_when_a_source_text_outside_site_config_appears(tmp_path):
    # the real source texts lie in ../shared/seeds, outside site_config/: their stamps count too
    from generator import build
    from generator.config import load_config

    root = make_project(tmp_path)
    registry = root / "site_config" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8")
                        + SOURCES.replace("text: testrapport.txt", "text: ../gedeeld/testrapport.txt"), encoding="utf-8")
    write(root / "practices", "getal.yaml", cited("testrapport", "13"))  # the source says 12
    practices, config = root / "practices", load_config(root / "site_config")
    context = BuildContext()
    missing = build.check(practices, config, context=context)
    assert any("testrapport" in n and "niet tegen bron" in n for n in missing.notes)
    assert not any("staat niet zo in" in p.format() for p in missing.problems)

    (tmp_path / "gedeeld").mkdir()
    (tmp_path / "gedeeld" / "testrapport.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    found = build.check(practices, config, context=context)
    assert any("staat niet zo in" in p.format() for p in found.problems)  # checked against the text now
    assert not any("testrapport" in n for n in found.notes)
