"""The site published under a sub-path, as GitHub Pages publishes a project site
(https://<owner>.github.io/<repo>/): the real records built once with that address and served
only under /praktijkbank/. Any link, asset, search result or export URL that assumes the
site's root is a request outside the prefix, and fails here."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from browser.conftest import QuietHandler
from helpers import ROOT
from sites import build

pytestmark = pytest.mark.subprocess

PREFIX = "/praktijkbank/"
DEVENTER = "deventer-qleaning-oekraiense-vluchtelingen"


class PrefixHandler(QuietHandler):
    """The site's files only under PREFIX; everything else is a 404, as on another repository's host."""

    def translate_path(self, path):
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__niet_onder_het_voorvoegsel__")
        return super().translate_path("/" + path[len(PREFIX):])


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("subpad") / "site"
    site.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PrefixHandler, directory=str(site)))
    address = f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    # the address is known before the build, as in the Pages workflow
    build(site, ROOT, "--strict", env={"PRAKTIJKBANK_SITE_URL": address})
    yield address, site
    httpd.shutdown()
    httpd.server_close()


def visit(page, url: str) -> list[str]:
    """Open a page and give every request it made that failed or left the prefix."""
    bad: list[str] = []
    page.on("response", lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: bad.append(f"buiten {r.url}") if not (r.url.startswith(url.split(PREFIX)[0] + PREFIX) or r.url.startswith("data:")) else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return bad


def local_links(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href], link[href], script[src], img[src]",
                                      "els => els.map(e => e.href || e.src)")
    return sorted({h.split("#")[0] for h in hrefs if h.startswith(origin)})


@pytest.mark.parametrize("path", ["", "praktijken/", f"praktijken/{DEVENTER}/", "vergelijk/?p=" + DEVENTER,
                                  "prijzen/best-practice-award-2022/", "criteria/innovatie/"])
def test_every_link_and_asset_of_a_page_stays_under_the_sub_path(page, sub_path_site, path):
    address, _ = sub_path_site
    assert visit(page, address + path) == []
    origin = address.split(PREFIX)[0]
    links = local_links(page, origin)
    assert links, path
    outside = [u for u in links if not u.startswith(address)]
    assert outside == []
    for url in links:  # every page and file it links to exists under the prefix
        try:
            with urlopen(url) as response:
                assert response.status == 200, url
        except HTTPError as err:
            pytest.fail(f"{err.code} {url} (linked from {path or 'home'})")


def test_the_overview_filters_work_under_the_sub_path(page, sub_path_site):
    address, _ = sub_path_site
    assert visit(page, address + "praktijken/") == []
    every = page.eval_on_selector_all("#pb-cards > li", "els => els.filter(e => !e.hidden).length")
    page.select_option("select[name=sector]", "schoonmaak")
    shown = page.eval_on_selector_all("#pb-cards > li", "els => els.filter(e => !e.hidden).length")
    assert 0 < shown < every
    assert page.url == address + "praktijken/?sector=schoonmaak"


def test_search_results_open_the_practice_under_the_sub_path(page, sub_path_site):
    address, _ = sub_path_site
    assert visit(page, address) == []
    page.fill(".pagefind-ui__search-input", "Qleaning Oekraïners")
    # a wait, not a timing goal: the first query of a fresh page loads Pagefind's WebAssembly and
    # index, which took over 5 s once in a full run on this shared machine
    first = page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
    assert first.get_attribute("href") == f"{PREFIX}praktijken/{DEVENTER}/"
    first.click()
    page.wait_for_url(f"**{PREFIX}praktijken/{DEVENTER}/")
    assert "Deventer" in page.locator("h1").inner_text()


def test_the_comparison_loads_its_data_under_the_sub_path(page, sub_path_site):
    address, _ = sub_path_site
    assert visit(page, f"{address}vergelijk/?p={DEVENTER}") == []  # its JSON came from under the prefix
    link = page.wait_for_selector(f"#pb-compare a[href$='praktijken/{DEVENTER}/']", timeout=5000)
    assert link.evaluate("a => a.href") == f"{address}praktijken/{DEVENTER}/"


def test_the_exports_link_to_the_configured_address(sub_path_site):
    address, site = sub_path_site
    with urlopen(address + "data/praktijken.json") as response:
        data = json.load(response)
    assert data["schema"] == address + "schema/practice.schema.json"
    urls = [p["url"] for p in data["practices"]]
    assert urls and all(u == f"{address}praktijken/{p['id']}/" for u, p in zip(urls, data["practices"]))
    with urlopen(urls[0]) as response:
        assert response.status == 200
    one = json.loads((site / "data" / "praktijken" / f"{DEVENTER}.json").read_text())
    assert one["url"] == f"{address}praktijken/{DEVENTER}/"
    assert f'"{address}praktijken/{DEVENTER}/"' in (site / "data" / "praktijken.csv").read_text()
    feed = (site / "feed.xml").read_text()
    assert f'<link rel="self" href="{address}feed.xml"/>' in feed
    assert re.findall(r'<link rel="alternate" type="text/html" href="([^"]+)"/>', feed)[1].startswith(address + "praktijken/")


def test_the_sitemap_lists_every_practice_at_the_configured_address(sub_path_site):
    address, site = sub_path_site
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text()))
    practices = {f"{address}praktijken/{p.stem}/" for p in (ROOT / "practices").glob("*.yaml")}
    assert practices - listed == set()
    assert address in listed and f"{address}praktijken/" in listed
    assert all(u.startswith(address) for u in listed)


def test_a_practice_preview_card_is_at_the_configured_address(page, sub_path_site):
    address, _ = sub_path_site
    assert visit(page, f"{address}praktijken/{DEVENTER}/") == []
    image = page.get_attribute("meta[property='og:image']", "content")
    assert image == f"{address}assets/kaarten/praktijken/{DEVENTER}.png"
    assert page.get_attribute("meta[property='og:url']", "content") == f"{address}praktijken/{DEVENTER}/"
    with urlopen(image) as response:
        assert response.headers["Content-Type"] == "image/png"
