"""Relevance of the site search as an employer meets it (issue "Findability").

Every query of bench/relevance_queries.yaml is typed into the search box of the real site in
headless Chromium; the results are read in the order the page shows them (the first ten, with
"more results" clicked where needed). Reported: the share of queries with an expected practice in
the first 3 (goal 100 %), the mean reciprocal rank over the first 10, and the queries where a page
that is not a practice (home, facet, criterion, edition or editors' page) ranks above the first
expected practice. Run on the real site twice: with its index whole, and split into bundles as a
large site's is, where every expected practice must keep its rank. `python -m bench.relevance`
runs both alone, `python -m bench.relevance SITE_DIR` one built site; `make bench` runs both.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import CHROMIUM, CHROMIUM_ARGS, SiteServer  # noqa: E402

QUERIES = ROOT / "bench" / "relevance_queries.yaml"
PRACTICE = re.compile(r"/praktijken/([a-z0-9-]+)/$")
DEPTH = 10  # results read per query; a practice below this counts as not found


def queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def practice_id(url: str) -> str | None:
    match = PRACTICE.search(url.split("#")[0].split("?")[0])
    return match.group(1) if match else None


def results_for(page, query: str) -> list[str]:
    """The result URLs, in the order shown, for a query typed into the header's search box."""
    box = page.locator(".pagefind-ui__search-input")
    box.fill("")
    box.fill(query)
    # Pagefind writes "<n> resultaten voor <query>" (or that nothing was found) when it is done
    # Pagefind writes "<n> resultaten voor <query>" when it knows the count, then fills in the
    # first results (up to 5) one by one: wait until they are all on the page
    page.wait_for_function(
        """q => { const m = document.querySelector('.pagefind-ui__message');
                  if (!m || !m.textContent.includes(q)) return false;
                  const text = m.textContent.trim();  // "Zoeken naar …" while it searches
                  if (!/^[0-9]/.test(text) && !text.startsWith("Geen")) return false;
                  const n = parseInt(text, 10) || 0;
                  return document.querySelectorAll('.pagefind-ui__result-link').length >= Math.min(n, 5); }""",
        arg=query, timeout=30_000)
    links = page.locator(".pagefind-ui__result-link")
    more = page.locator(".pagefind-ui__button")
    while links.count() < DEPTH and more.count() and more.first.is_visible():
        shown = links.count()
        more.first.click()
        page.wait_for_function("n => document.querySelectorAll('.pagefind-ui__result-link').length > n", arg=shown,
                               timeout=30_000)
    return [links.nth(i).get_attribute("href") for i in range(min(links.count(), DEPTH))]


def judge(entry: dict, urls: list[str]) -> dict:
    expected = set(entry["expect"])
    rank = next((i for i, url in enumerate(urls, 1) if practice_id(url) in expected), None)
    above = [url for url in urls[: (rank or len(urls) + 1) - 1] if practice_id(url) is None]
    return {"query": entry["query"], "kind": entry["kind"], "rank": rank, "top3": bool(rank and rank <= 3),
            "non_practice_above": above, "results": urls}


def measure(site_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server = SiteServer(site_dir)
    judged = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(server.url + "/", wait_until="load")
            page.wait_for_selector(".pagefind-ui__search-input")
            for entry in queries():
                judged.append(judge(entry, results_for(page, entry["query"])))
            browser.close()
    finally:
        server.close()
    n = len(judged)
    return {
        "queries": n,
        "top3_rate": sum(j["top3"] for j in judged) / n,
        "mean_reciprocal_rank": sum(1 / j["rank"] for j in judged if j["rank"]) / n,
        "queries_with_non_practice_above": sum(bool(j["non_practice_above"]) for j in judged),
        "misses": [j for j in judged if not j["top3"]],
        "judged": judged,
        "goal_top3_rate": 1.0,
    }


def report(figures: dict) -> str:
    lines = [f"relevance: {figures['queries']} queries; top-3 {figures['top3_rate']:.0%}; "
             f"MRR@{DEPTH} {figures['mean_reciprocal_rank']:.2f}; "
             f"a non-practice page above the expected practice in {figures['queries_with_non_practice_above']}"]
    for miss in figures["misses"]:
        shown = ", ".join(practice_id(u) or u for u in miss["results"][:3]) or "niets"
        lines.append(f"  miss: {miss['query']!r} (rank {miss['rank'] or '>' + str(DEPTH)}); first 3: {shown}")
    return "\n".join(lines)


SPLIT_PAGES = 25  # pages per bundle that split the real site's index in 3 (the memory bound of a large site)


def build_real_site(out: Path, pages_per_bundle: int | None = None) -> Path:
    env = {**os.environ, **({"PRAKTIJKBANK_SEARCH_PAGES": str(pages_per_bundle)} if pages_per_bundle else {})}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return out


def bundles(site_dir: Path) -> int:
    return len(list(site_dir.glob("pagefind*/pagefind-entry.json")))


def split_check() -> dict:
    """The real site's index whole and split into bundles (search_index.py): every query's
    expected practice must keep its rank, or splitting a large site's index loses relevance."""
    whole = measure(build_real_site(ROOT / "bench" / "out" / "relevance-site"))
    site = build_real_site(ROOT / "bench" / "out" / "relevance-site-split", SPLIT_PAGES)
    split = measure(site)
    changed = [{"query": a["query"], "rank_whole": a["rank"], "rank_split": b["rank"]}
               for a, b in zip(whole["judged"], split["judged"]) if a["rank"] != b["rank"]]
    return {"whole": whole, "split": split, "bundles": bundles(site), "rank_changes": changed}


def split_report(check: dict) -> str:
    lines = [report(check["whole"]), f"index split in {check['bundles']} bundles: " + report(check["split"]),
             f"  expected practice at another rank than with one index: {len(check['rank_changes'])} "
             f"of {check['whole']['queries']} queries"]
    lines += [f"  {c['query']!r}: {c['rank_whole']} -> {c['rank_split']}" for c in check["rank_changes"]]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    if argv:  # one built site, as it is
        figures = measure(Path(argv[0]))
        text = report(figures)
    else:
        figures = split_check()
        text = split_report(figures)
    (out / "relevance.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
