"""Search speed as a person sees it: type a query, wait for the first result on screen."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402


def _first_result(browser, url: str, open_box: str | None, box: str, result: str, query: str) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="load")
    if open_box:
        page.click(open_box)
    page.wait_for_selector(box)
    start = page.evaluate("performance.now()")
    page.fill(box, query)
    page.wait_for_selector(result, timeout=60_000)
    elapsed = (page.evaluate("performance.now()") - start) / 1000
    context.close()
    return elapsed


def search_times(pagefind_site: Path, lunr_site: Path, query: str, repeat: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    ours, theirs = SiteServer(pagefind_site), SiteServer(lunr_site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            pf, lunr = [], []
            for _ in range(repeat):  # interleaved, so both see the same machine load
                pf.append(_first_result(browser, ours.url + "/", None, ".pagefind-ui__search-input",
                                        ".pagefind-ui__result", query))
                lunr.append(_first_result(browser, theirs.url + "/", ".md-search__input", ".md-search__input",
                                          ".md-search-result__item", query))
            browser.close()
    finally:
        ours.close()
        theirs.close()
    return {"query": query, "pagefind_seconds": statistics.median(pf), "lunr_seconds": statistics.median(lunr),
            "pagefind_runs": pf, "lunr_runs": lunr, "goal_seconds": 1.0}
