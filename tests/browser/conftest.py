"""Browser tests: the built site served on 127.0.0.1 and driven in Debian's headless Chromium.

Browsers cannot be downloaded here, so Playwright drives /usr/bin/chromium. These tests
never skip: a missing browser is a failure (`make test` installs it).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from helpers import ROOT

CHROMIUM = os.environ.get("PRAKTIJKBANK_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's hosts.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """A static server for one built site, on a free port of the loopback interface."""

    def __init__(self, site_dir: Path, handler_class: type = QuietHandler):
        handler = functools.partial(handler_class, directory=str(site_dir))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM}: run `make browser-deps`"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def serve(site_dir: Path):
    server = SiteServer(site_dir)
    yield server
    server.close()


@pytest.fixture(scope="session")
def real_site(real_site_dir):
    """The real records (built once per session, tests/conftest.py), served."""
    yield from serve(real_site_dir)


@pytest.fixture(scope="session")
def records_server(records_site):
    """The test records (hostile, formulas, stemming; tests/sites.py), served."""
    yield from serve(records_site.site)


@pytest.fixture(scope="session")
def jury_server(jury_site_dir):
    """The jury edition (tests/sites.py), served."""
    yield from serve(jury_site_dir)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
