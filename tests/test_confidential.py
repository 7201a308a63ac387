"""Confidential nominations (issue "A jury can really use it").

A confidential record is read from a folder outside the repository, only by a jury preview; a
record with a later `public_from` waits. The public build must hold nothing of either: not its
id, title or a distinctive word, in any file, including Pagefind's compressed index fragments.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from helpers import VALID_RECORD, run_cli, write
from sites import records_project

pytestmark = pytest.mark.subprocess

SECRET_WORD = "Zwaluwstaartklemmen"  # a word no other page holds
SECRET = (VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Geheime nominatie Kolibrie")
          .replace("Een korte samenvatting", f"Een {SECRET_WORD} samenvatting") + "confidential: true\n")
LATER = (VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Nog niet openbaar Pelikaan")
         + 'public_from: "2999-01-01"\nrelated: [gewoon]\n')
PUBLIC = VALID_RECORD + "related: [later-openbaar]\n"
REPO = "https://github.com/voorbeeld/praktijkbank"


def every_text(site: Path) -> str:
    """All files of a site as text, gzip-compressed ones (Pagefind's index) unpacked."""
    parts = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:4] == b"%PDF":  # the jury reports: their text lies in compressed streams
            from pypdf import PdfReader

            parts.append("\n".join(page.extract_text() for page in PdfReader(str(path)).pages))
            continue
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("vertrouwelijk")
    project = records_project(base / "project", {"gewoon": PUBLIC, "later-openbaar": LATER})
    outside = base / "jury-records"
    outside.mkdir()
    write(outside, "kolibrie-geheim.yaml", SECRET)
    public = run_cli("build", "--out", str(base / "public"), cwd=project)
    assert public.returncode == 0, public.stderr[-2000:]
    # with the repository's address known, as in the Pages workflow: edit links would be made
    jury = run_cli("build", "--jury", "best-practice-award-2022", "--jury-practices", str(outside),
                   "--out", str(base / "jury"), cwd=project, env={"PRAKTIJKBANK_REPO_URL": REPO})
    assert jury.returncode == 0, jury.stderr[-2000:]
    return project, base / "public", base / "jury"


def test_nothing_of_a_confidential_or_later_record_is_in_the_public_site(builds):
    _, public, _ = builds
    text = every_text(public)
    assert "gewoon" in text and "pagefind" in text  # the check reads the site and its index
    assert any(p.suffix == ".pf_fragment" for p in public.rglob("*"))
    assert "Juryrapport Best Practice Award 2022" in text  # the PDFs are read as text
    for trace in ["kolibrie-geheim", "Geheime nominatie Kolibrie", SECRET_WORD, "later-openbaar", "Nog niet openbaar Pelikaan"]:
        assert trace not in text, trace


def test_the_jury_preview_shows_them_and_says_it_is_confidential(builds):
    _, _, jury = builds
    page = (jury / "praktijken" / "kolibrie-geheim" / "index.html").read_text()
    assert "Geheime nominatie Kolibrie" in page
    assert (jury / "praktijken" / "later-openbaar" / "index.html").is_file()
    for path in [jury / "index.html", jury / "praktijken" / "index.html", jury / "404.html"]:
        html = path.read_text()
        assert '<meta name="robots" content="noindex, nofollow">' in html, path
        assert "Vertrouwelijk: jurovoorbeeld voor best-practice-award-2022" in html, path


def test_the_jury_preview_has_no_edit_links_and_no_web_editor(builds):
    # its confidential records are not in the repository, and the preview is for reading
    _, _, jury = builds
    for page in ["praktijken/kolibrie-geheim/index.html", "praktijken/gewoon/index.html", "index.html"]:
        html = (jury / page).read_text()
        assert "Bewerk deze praktijk" not in html and f"{REPO}/edit/" not in html, page
        assert "admin/#/collections" not in html, page
    assert not (jury / "admin").exists()


def test_the_jury_preview_keeps_its_drawings_apart_from_the_public_sites(builds):
    # one cache shared by both once let the jury build drop the public cards (redrawn by the
    # next public build) and leave a card showing a confidential title among them
    project, public, _ = builds
    cache = project / "build" / "cache"
    import hashlib

    def drawn(pngs) -> set[str]:
        return {hashlib.sha256(p.read_bytes()).hexdigest()[:12] for p in pngs}

    public_cards = drawn((public / "assets" / "kaarten").rglob("*.png"))
    kept = drawn((cache / "kaarten").glob("*.png"))
    assert public_cards and kept == public_cards
    jury_folders = [p for p in cache.glob("kaarten-*") if p.is_dir()]
    assert len(jury_folders) == 1 and any(jury_folders[0].glob("*.png"))


def test_a_confidential_flag_inside_the_repository_is_refused(builds, tmp_path):
    project = records_project(tmp_path / "p", {"gewoon": VALID_RECORD, "lek": SECRET})
    result = run_cli("validate", cwd=project)
    assert result.returncode == 1
    assert "practices/lek.yaml:" in result.stdout and "een vertrouwelijk record hoort niet in de openbare repository" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--jury-practices", "x"], "--jury-practices hoort bij --jury <editie>"),
    (["--jury", "best-practice-award-2022", "--jury-practices", "practices"], "ligt in de repository, die openbaar is"),
    (["--jury", "best-practice-award-2022", "--jury-practices", "/nergens/te/vinden"], "bestaat niet"),
])
def test_jury_options_that_would_leak_or_cannot_work_are_refused(builds, args, message):
    project, _, _ = builds
    result = run_cli("build", *args, cwd=project)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
