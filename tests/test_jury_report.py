"""The jury report of every edition as a PDF (issue "A jury can really use it"), read back as text."""

from __future__ import annotations

import yaml
from pypdf import PdfReader

from helpers import ROOT

REPORT = "juryrapport.pdf"


def pdf_text(path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_report_holds_every_nomination_and_criterion_in_order(jury_site_dir):
    from sites import EDITION

    html = (jury_site_dir / "prijzen" / "testprijs-2030" / "index.html").read_text()
    assert f'href="{REPORT}"' in html  # the edition page links its report
    pages, text = pdf_text(jury_site_dir / "prijzen" / "testprijs-2030" / REPORT)
    text = flat(text)
    assert text.startswith("Juryrapport Testprijs 2030")
    # the matrix's order (the winner first), each nomination on its own page after the facts
    titles = ["Bravo vernieuwt", "Alfa werkt samen", "Charlie doet mee"]
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions) and pages >= 1 + len(titles)
    labels = [yaml.safe_load((ROOT / "site_config" / "vocabularies.yaml").read_text())["criteria"]["values"][c]["label"]
              for c in EDITION["criteria"]]
    for start, end in zip(positions, positions[1:] + [len(text)]):
        section = text[start:end]
        found = [section.index(label) for label in labels]
        assert found == sorted(found), section[:200]
    assert "De jury over innovatie bij Charlie doet mee." in text
    assert f"pagina 1 van {pages}" in text and "Praktijkbank · prijzen/testprijs-2030/ · " in text


def test_every_edition_of_the_real_site_has_its_report(real_site_dir):
    editions = yaml.safe_load((ROOT / "site_config" / "editions.yaml").read_text())
    for edition_id, edition in editions.items():
        _, text = pdf_text(real_site_dir / "prijzen" / edition_id / REPORT)
        assert flat(text).startswith(f"Juryrapport {edition['name']}"), edition_id
    _, text = pdf_text(real_site_dir / "prijzen" / "flevo-participatiepenning-2020" / REPORT)
    text = flat(text).replace("- ", "-")  # a title broken at its hyphen
    nominees = [yaml.safe_load(p.read_text())["title"] for p in (ROOT / "practices").glob("*-flevo-participatiepenning.yaml")]
    assert len(nominees) == 5 and all(title in text for title in nominees)


def test_a_report_is_drawn_once_and_kept_between_builds_until_it_changes(tmp_path, monkeypatch):
    """WeasyPrint took half of a build's generate stage: a report whose HTML did not change is
    taken from build/cache/juryrapporten, and a cached report no edition has any more is dropped."""
    import generator.jury_report as jury_report
    from generator.build import Project, generate
    from generator.context import BuildContext
    from helpers import make_project

    project = Project(make_project(tmp_path))
    kept = project.root / "build" / "cache" / "juryrapporten"
    drawn = []
    real = jury_report.report_pdf
    monkeypatch.setattr(jury_report, "report_pdf", lambda html: drawn.append(html) or real(html))

    first = generate(project, BuildContext(between_builds=False))
    assert first.ok and drawn and len(list(kept.glob("*.pdf"))) == len(drawn)
    pdfs = {p: p.read_bytes() for p in (project.docs / "prijzen").glob(f"*/{REPORT}")}

    drawn.clear()
    assert generate(project, BuildContext(between_builds=False)).ok
    assert drawn == []  # nothing drawn again
    assert {p: p.read_bytes() for p in (project.docs / "prijzen").glob(f"*/{REPORT}")} == pdfs

    stale = kept / ("0" * 64 + ".pdf")
    stale.write_bytes(b"%PDF-")
    editions = project.site_config / "editions.yaml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("name: Best Practice Award 2022",
                                                                          "name: Best Practice Award 2022 (gewijzigd)"), encoding="utf-8")
    assert generate(project, BuildContext(between_builds=False)).ok
    assert len(drawn) == 1  # the edition whose name changed, only
    assert not stale.exists() and len(list(kept.glob("*.pdf"))) == len(pdfs)
