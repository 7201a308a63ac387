"""The web editor in a browser (issue "Editors without git"): `praktijkbank serve --edit` on a
scratch copy, a new practice made through the form, an existing record with tricky values
changed, and the published configuration showing GitHub's sign-in; never a request off loopback."""

from __future__ import annotations

import time

import pytest
import yaml

from browser.conftest import SiteServer
from browser.test_serve import free_port, get, serving, wait_for
from generator.loader import load_file
from helpers import ROOT, VALID_RECORD, run_cli
from sites import build, records_project
from test_web_editor import TRICKY

pytestmark = [pytest.mark.subprocess, pytest.mark.timeout(240)]  # a hung form fails, never the suite

SOURCE = "week-van-de-1000-voorbeelden-2020"
NEW_TITLE = "Schoonmakers leren de zorg kennen via de webeditor"
NEW_ID = "schoonmakers-leren-de-zorg-kennen-via-de-webeditor"


def scratch_project(folder):
    project = records_project(folder, {"gewoon": VALID_RECORD, "lastig": TRICKY})
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # Decap's files, as `npm ci` leaves them
    return project


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    project = scratch_project(tmp_path_factory.mktemp("webeditor"))
    with serving(project, "--edit", "--edit-port", str(free_port())) as url:
        yield project, url


def signed_in(page, url: str, path: str):
    """The admin page at a route, past the local backend's sign-in button; gives the off-loopback requests."""
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(f"{url}/admin/#{path}")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Titel", exact=True).first.wait_for(timeout=20000)
    return foreign


def choose(page, label: str, option: str):
    page.get_by_label(label, exact=True).click()
    page.get_by_text(option, exact=True).last.click()


def publish(page):
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu", exact=True).click()


def loaded(path):
    document, problems = load_file(path, display=f"practices/{path.name}")
    assert document is not None, problems
    return document.data


def test_a_new_practice_made_in_the_form_is_a_valid_record_the_site_shows(editing, page):
    project, url = editing
    source_title = yaml.safe_load((project / "site_config" / "sources.yaml").read_text(encoding="utf-8"))[SOURCE]["title"]
    foreign = signed_in(page, url, "/collections/praktijken/new")
    page.get_by_label("Titel", exact=True).first.fill(NEW_TITLE)
    page.get_by_label("Samenvatting", exact=True).fill(
        "Een praktijk die via het formulier van de webeditor is toegevoegd, om te testen dat alles klopt.")
    page.get_by_role("button", name="Voeg organisaties toe").click()
    page.get_by_label("Naam", exact=True).first.fill("Voorbeeld Schoonmaak BV")
    page.get_by_label("Rol", exact=True).first.fill("werkgever")
    choose(page, "Soort", "Voorbeeld")
    choose(page, "Sectoren", "Schoonmaak")
    choose(page, "Doelgroepen", "Statushouders")
    page.get_by_role("button", name="Voeg resultaten toe").click()
    page.get_by_label("Waarde", exact=True).fill("100.000")
    page.get_by_label("Eenheid", exact=True).fill("uur")
    page.get_by_label("Wat", exact=True).fill("schoonmaakwerk in een jaar")
    choose(page, "Status", "doel")
    page.get_by_role("button", name="Voeg bronnen toe").click()
    choose(page, "Bron", f"{source_title} ({SOURCE})")
    page.get_by_label("Vindplaats", exact=True).fill("r. 1-2")
    publish(page)

    record = project / "practices" / f"{NEW_ID}.yaml"
    wait_for(record.is_file, "the form's save is a record in practices/", 30)
    result = run_cli("validate", str(record), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    data = loaded(record)
    assert data["title"] == NEW_TITLE and data["kind"] == "voorbeeld"
    assert data["organisations"] == [{"name": "Voorbeeld Schoonmaak BV", "role": "werkgever"}]
    assert data["results"] == [{"value": "100.000", "unit": "uur", "what": "schoonmaakwerk in een jaar", "status": "doel"}]
    assert data["sources"] == [{"source": SOURCE, "where": "r. 1-2"}]
    assert list(data)[:2] == ["title", "summary"]  # in the form's order
    assert record.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")
    # serve rebuilt the site from it
    wait_for(lambda: get(f"{url}/praktijken/{NEW_ID}/")[0] == 200, "the new practice's page", 60)
    assert NEW_TITLE.encode() in get(f"{url}/praktijken/{NEW_ID}/")[1]
    assert foreign == []
    # leave the editor before the page is closed: closing it while Decap still talks to the
    # server and serve rebuilds hung the context's close for 240 s in one full run
    page.goto("about:blank")


def test_an_existing_record_with_tricky_values_keeps_them_when_the_form_saves_it(editing, page):
    project, url = editing
    record = project / "practices" / "lastig.yaml"
    before_text = record.read_text(encoding="utf-8")
    before = loaded(record)
    foreign = signed_in(page, url, "/collections/praktijken/entries/lastig")
    title = page.get_by_label("Titel", exact=True).first
    title.fill(before["title"] + ", nagekeken")
    publish(page)
    wait_for(lambda: record.read_text(encoding="utf-8") != before_text, "the form saved the record", 30)
    after = loaded(record)
    assert after["title"] == before["title"] + ", nagekeken"
    assert {k: v for k, v in after.items() if k != "title"} == {k: v for k, v in before.items() if k != "title"}
    text = record.read_text(encoding="utf-8")
    assert "# Een opmerking van de redactie." in text  # the editor's comment is still there
    assert sum(a != b for a, b in zip(before_text.splitlines(), text.splitlines())) == 1  # only the title line
    assert foreign == []
    page.goto("about:blank")  # as above


@pytest.mark.parametrize("route", ["/collections/praktijken/new", "/collections/praktijken/entries/gewoon"])
def test_on_a_phone_the_form_fits_the_screen_and_publish_is_in_reach(editing, browser, route):
    # Decap lays its editor out for 800 px: on a phone the page scrolled sideways, the form was
    # half the screen beside the preview and the publish button lay off screen (praktijkbank-cms.css)
    _, url = editing
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        signed_in(page, url, route)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        title = page.get_by_label("Titel", exact=True).first.bounding_box()
        assert title["x"] >= 0 and title["x"] + title["width"] <= 390 and title["width"] > 300, title
        button = page.get_by_role("button", name="Publiceer") if route.endswith("/new") else page.get_by_text("Gepubliceerd", exact=True)
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # reached by scrolling the toolbar only
        assert page.evaluate("window.scrollX") == 0
        assert page.get_by_role("link", name="Terug naar Praktijken").count() == 1  # hidden from sight only
        page.goto("about:blank")  # as above
    finally:
        context.close()


def test_serve_reloads_the_site_after_a_rebuild_but_never_the_web_editor(editing):
    # the editor's own save starts the rebuilds; reloaded after each, it lost its place
    _, url = editing
    status, editor = get(f"{url}/admin/")
    assert status == 200 and b"CMS_MANUAL_INIT" in editor and b"livereload(" not in editor
    status, home = get(f"{url}/")
    assert status == 200 and b"livereload(" in home


def test_the_published_editor_shows_the_github_sign_in_and_asks_no_other_host(tmp_path, page):
    project = scratch_project(tmp_path / "gepubliceerd")
    site = build(project / "site", project, env={"PRAKTIJKBANK_REPO_URL": "https://github.com/voorbeeld/praktijkbank",
                                                 "PRAKTIJKBANK_EDIT_BRANCH": "main"})
    server = SiteServer(site)
    try:
        foreign: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server.url + "/admin/")
        button = page.get_by_role("button", name="Inloggen met GitHub")
        button.wait_for(timeout=20000)
        body = page.inner_text("body")
        assert "config" not in body.lower() and "fout" not in body.lower(), body
        time.sleep(1)  # anything Decap would fetch late
        assert foreign == [] and errors == []
    finally:
        server.close()


def test_stopping_serve_stops_decap_server_too(tmp_path):
    # serve stopped with SIGTERM once left decap-server running, holding its port
    import socket

    project = scratch_project(tmp_path / "stoppen")
    port = free_port()
    with serving(project, "--edit", "--edit-port", str(port)):
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # decap-server answers while serve runs

    def closed():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return False
        except OSError:
            return True

    wait_for(closed, "decap-server stopped with serve", 20)
