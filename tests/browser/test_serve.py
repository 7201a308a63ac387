"""`praktijkbank serve` as an editor uses it: save a broken record, a good one, delete one.

Issue "Hostile input, round two", finding 8: MkDocs' server stalled every request after a failed
rebuild, and a deleted record's page kept being served. Now the last good site stays up with the
problems in a banner on every page, and a deleted record's page is gone after the next rebuild.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

from helpers import VALID_RECORD
from sites import records_project

pytestmark = pytest.mark.subprocess

RECORDS = {
    "gewoon": VALID_RECORD,
    "ander": VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen", "title: Een andere praktijk om te testen"),
}
BROKEN = VALID_RECORD.replace("kind: voorbeeld", "kind: voorbeeldje")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    # a short timeout: a stalled server (the old behaviour) fails here instead of hanging the suite
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def wait_for(check, what: str, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"not within {seconds} s: {what}")


@contextlib.contextmanager
def serving(project, *args: str, ready: str = "/praktijken/gewoon/"):
    """`praktijkbank serve` on a free port, until the block ends; yields its address once `ready` answers."""
    port = free_port()
    # serve's log goes to a file: a pipe nobody reads fills up (64 KB of rebuild and request
    # lines), and then serve blocks on its next log line and stops answering
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}", *args],
                               cwd=project, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"

    def up():
        if process.poll() is not None:
            log.seek(0)
            raise AssertionError(log.read()[-3000:])
        try:
            return get(url + ready)[0] == 200
        except OSError:
            return False

    try:
        wait_for(up, "serve answers")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def served(tmp_path):
    project = records_project(tmp_path, RECORDS)
    with serving(project) as url:
        yield project, url


def visit(page, url: str) -> None:
    # the served pages reload themselves when a rebuild ends (MkDocs' livereload): a visit that a
    # reload interrupts is made again
    from playwright.sync_api import Error

    for attempt in range(5):
        try:
            page.goto(url)
            return
        except Error:
            time.sleep(0.5)
    page.goto(url)


def problems(url: str) -> list[dict]:
    status, body = get(url + "/praktijkbank-problemen.json")
    return json.loads(body)["problems"] if status == 200 else None


def test_serve_keeps_serving_a_broken_record_shows_its_problem_and_drops_a_deleted_page(served, page):
    project, url = served
    assert problems(url) == []

    (project / "practices" / "gewoon.yaml").write_text(BROKEN, encoding="utf-8")
    found = wait_for(lambda: problems(url), "the problem is listed")
    assert [(p["file"], p["line"], p["field"]) for p in found] == [("practices/gewoon.yaml", 2, "kind")]
    status, body = get(url + "/praktijken/gewoon/")  # the last good page, answered at once
    assert status == 200 and b"Een voorbeeldpraktijk om mee te testen" in body

    visit(page, url + "/praktijken/ander/")  # every page, not only the broken record's
    banner = page.locator(".pb-serve-problems")
    banner.wait_for()
    assert banner.get_attribute("role") == "alert"
    text = banner.inner_text()
    assert "De site is niet bijgewerkt: 1 probleem in 1 bestand." in text
    assert "U ziet de laatste versie die wel in orde was." in text
    assert "practices/gewoon.yaml:2:7: kind:" in text and "voorbeeldje" in text
    page.goto("about:blank")  # no open page for the next rebuild to reload

    (project / "practices" / "gewoon.yaml").write_text(VALID_RECORD, encoding="utf-8")
    wait_for(lambda: problems(url) == [], "the problem is gone once the record is repaired")
    visit(page, url + "/praktijken/ander/")
    page.locator("h1").wait_for()
    assert page.locator(".pb-serve-problems").count() == 0
    page.goto("about:blank")  # no pending livereload poll: closing the page could wait for it

    (project / "practices" / "ander.yaml").unlink()
    wait_for(lambda: get(url + "/praktijken/ander/")[0] == 404, "a deleted record's page is gone")
    status, overview = get(url + "/praktijken/")
    assert status == 200 and b"Een andere praktijk" not in overview


def test_an_edit_shows_on_its_page_and_then_in_the_lists_and_exports(served):
    """serve writes the edited practice's page first and the lists a rebuild later (issue "Scale
    to 10,000": save to new page within a second at 1,000 records); both must come."""
    project, url = served
    (project / "practices" / "gewoon.yaml").write_text(
        VALID_RECORD.replace("Een korte samenvatting", "Een bijgewerkte samenvatting"), encoding="utf-8")
    wait_for(lambda: b"Een bijgewerkte samenvatting" in get(url + "/praktijken/gewoon/")[1], "the edited page")
    wait_for(lambda: b"Een bijgewerkte samenvatting" in get(url + "/praktijken/")[1], "the overview")
    wait_for(lambda: b"Een bijgewerkte samenvatting" in get(url + "/data/praktijken.json")[1], "the export")
    wait_for(lambda: b"Een bijgewerkte samenvatting" in get(url + "/sectoren/schoonmaak/")[1], "a facet page")
    assert problems(url) == []


def test_a_build_writes_no_problems_file_and_no_serve_link(records_site):
    assert not (records_site.site / "praktijkbank-problemen.json").exists()
    assert b"praktijkbank-problemen" not in (records_site.site / "index.html").read_bytes()


def test_serve_started_on_a_broken_record_with_no_earlier_site_says_what_to_do(tmp_path):
    from helpers import run_cli

    project = records_project(tmp_path, {"gewoon": BROKEN})
    result = run_cli("serve", "--dev-addr", f"127.0.0.1:{free_port()}", cwd=project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "practices/gewoon.yaml:2:7: kind: tekst ('voorbeeldje') is geen toegestane waarde" in result.stderr
    assert ("1 probleem/problemen in 1 bestand(en); er is nog geen goede versie van de site om te tonen: "
            "verbeter het record en start serve opnieuw") in result.stderr


def test_serve_jury_shows_the_confidential_preview(tmp_path):
    project = records_project(tmp_path / "p", {"gewoon": VALID_RECORD})
    outside = tmp_path / "jury"
    outside.mkdir()
    (outside / "geheim.yaml").write_text(VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen",
                                                              "title: Een geheime nominatie") + "confidential: true\n")
    with serving(project, "--jury", "best-practice-award-2022", "--jury-practices", str(outside),
                 ready="/praktijken/geheim/") as url:
        body = get(url + "/praktijken/geheim/")[1].decode("utf-8")
        assert "Een geheime nominatie" in body and "Vertrouwelijk: jurovoorbeeld voor best-practice-award-2022" in body
        assert '<meta name="robots" content="noindex, nofollow">' in body
