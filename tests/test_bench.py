"""The benchmark's own inputs and outputs: its synthetic records must be valid records (a rule
that tightens must not leave `make bench` measuring a build that stops at validate), and the
README table is written from a run's figures."""

from __future__ import annotations

import json

from bench.__main__ import markdown_table, project_copy
from bench.synth import write_records
from generator.build import check
from generator.config import load_config


def test_the_synthetic_records_are_valid_under_todays_rules(tmp_path):
    project = project_copy(tmp_path / "project", write_records(tmp_path / "records", 40))
    result = check(project / "practices", load_config(project / "site_config"))
    assert result.problems == []
    assert len(result.documents) == 40


def test_the_readme_table_is_made_from_the_figures():
    spread = lambda v: {"median": v, "min": v * 0.9, "max": v * 1.1, "runs": [v]}  # noqa: E731
    figures = {
        "goals": {"overhead_ratio": 1.0, "growth_5000": 5.5, "growth_10000": 10.5, "validate_seconds": 0.7,
                  "search_seconds": 1.0, "serve_seconds": 1.0, "peak_memory_10000_mib": 1536},
        "build": {"baseline_mkdocs_material_1000": spread(36.6), "praktijkbank_1000": spread(44.6),
                  "praktijkbank_5000": spread(232.0), "overhead_ratio": spread(1.22),
                  "growth_ratio_5000_vs_1000": spread(5.2),
                  "peak_memory_mib": {"baseline_1000": 181, "praktijkbank_1000": 675, "praktijkbank_5000": 2766},
                  "stages_1000": {"seconds": {"generate": 9.5, "mkdocs_render": 30.1}}, "stages_5000": {}},
        "validate": {"seconds_1000": spread(1.36), "python_startup_and_imports": 0.21,
                     "stages_of_fastest": {"seconds": {"parse_and_schema": 0.87}}},
        "search": {"pagefind_seconds": 0.96, "lunr_seconds": 11.05},
        "serve": {"seconds": 4.97, "runs": [4.97, 5.1, 5.3], "full_build_seconds": 40.0},
        "relevance": {"queries": 60, "top3_rate": 1.0, "mean_reciprocal_rank": 0.98},
        "relevance_split": {"bundles": 3, "rank_changes": [], "split": {"top3_rate": 1.0, "mean_reciprocal_rank": 0.98}},
        "lighthouse": {name: {"scores": {c: {"median": m, "min": m - 1, "max": m}
                                         for c, m in (("performance", perf), ("accessibility", 100),
                                                      ("best-practices", 100), ("seo", 100))},
                              "fcp_seconds": 1.7, "lcp_seconds": 2.0}
                       for name, perf in (("home", 99), ("overview", 98), ("practice", 97))},
    }
    table = markdown_table(figures)
    assert "| search relevance, index split in 3 bundles: expected practice at another rank | 0 | 0 |" in table
    assert "| Lighthouse on a phone, performance (home / overview / practice) | 99 / 98 / 97 | ≥ 95 |" in table
    assert "overview 97–98" in table  # each page's min and max
    assert "| serve: save a record → new page (1,000) | 5.10 s | ≤ 1.0 s | median of 3, min 4.97 s, max 5.30 s;" in table
    assert "| Lighthouse on a phone, seo (home / overview / practice) | 100 / 100 / 100 | 100 |" in table
    assert "| build overhead (1,000: praktijkbank / plain Material) | 1.22 | < 1.0 |" in table
    assert "| validate 1,000 records, again (unchanged ones from the cache) | 1.36 s | ≤ 0.7 s |" in table
    assert "min 1.10, max 1.34" in table  # the spread of the overhead
    assert "parse_and_schema 0.87 s" in table and "generate 9.5 s" in table
    json.dumps(figures)  # what results.json holds


def test_the_baseline_is_plain_material_with_its_own_search(tmp_path):
    # mkdocs.yml holds !ENV tags: the baseline must read it as MkDocs does
    import yaml

    from bench.__main__ import baseline_project

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hallo\n")
    folder = baseline_project(tmp_path / "baseline", tmp_path / "docs")
    config = yaml.safe_load((folder / "mkdocs.yml").read_text())
    assert config["plugins"] == ["search"] and "custom_dir" not in config["theme"]
    assert "site_url" not in config and config["docs_dir"] == "docs"
    import subprocess
    import sys

    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder, capture_output=True, text=True,
                           timeout=120)
    assert built.returncode == 0, built.stderr[-2000:]  # the baseline builds: a bench that stops measures nothing
    assert (folder / "site" / "index.html").is_file()


def test_lighthouse_pages_are_served_as_a_static_host_serves_them(tmp_path):
    """bench/lighthouse.py: gzip when the browser asks for it, ten minutes of cache, and a folder's
    address without its slash sent on to the one with it."""
    import gzip
    import http.client

    from bench.lighthouse import StaticHostHandler
    from browser.conftest import SiteServer

    (tmp_path / "praktijken").mkdir()
    (tmp_path / "praktijken" / "index.html").write_text("<p>Alle praktijken</p>" * 50)
    server = SiteServer(tmp_path, StaticHostHandler)
    host = server.url.removeprefix("http://")

    def get(path: str, headers: dict) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection(host, timeout=10)
        connection.request("GET", path, headers=headers)
        return connection.getresponse()

    try:
        zipped = get("/praktijken/", {"Accept-Encoding": "gzip, br"})
        assert zipped.getheader("Content-Encoding") == "gzip" and zipped.getheader("Cache-Control") == "max-age=600"
        assert gzip.decompress(zipped.read()).decode() == "<p>Alle praktijken</p>" * 50
        plain = get("/praktijken/", {})
        assert plain.getheader("Content-Encoding") is None and plain.read().startswith(b"<p>Alle")
        moved = get("/praktijken", {"Accept-Encoding": "gzip"})
        assert moved.status == 301 and moved.getheader("Location") == "/praktijken/"
    finally:
        server.close()


def test_each_bench_writes_its_own_block_of_the_readme():
    from bench.__main__ import readme_with_table

    spread = lambda v: {"median": v, "min": v, "max": v, "runs": [v]}  # noqa: E731
    machine = {"date": "2026-12-02", "cpus": 2, "python": "3.11.7", "platform": "Linux"}
    goals = {"overhead_ratio": 1.0, "growth_5000": 5.5, "growth_10000": 10.5, "validate_seconds": 0.7,
             "peak_memory_10000_mib": 1536}

    def figures(large: bool, growth: float) -> dict:
        big = 10000 if large else 5000
        return {"machine": machine, "goals": goals, "large": large,
                "build": {"baseline_mkdocs_material_1000": spread(20.0), "praktijkbank_1000": spread(18.0),
                          f"praktijkbank_{big}": spread(18.0 * growth), "overhead_ratio": spread(0.9),
                          f"growth_ratio_{big}_vs_1000": spread(growth),
                          "peak_memory_mib": {"praktijkbank_1000": 300, f"praktijkbank_{big}": 1241},
                          "stages_1000": {}, f"stages_{big}": {"seconds": {"generate": 35.2}}},
                "validate": {"seconds_1000": spread(0.45), "python_startup_and_imports": 0.1,
                             "stages_of_fastest": {}, **({"seconds_10000": spread(3.8)} if large else {})}}

    readme = ("# P\n<!-- bench:table (written by make bench) -->\nold\n<!-- /bench:table -->\n"
              "<!-- bench-large:table (written by make bench-large) -->\nold\n<!-- /bench-large:table -->\nend\n")
    text = readme_with_table(readme_with_table(readme, figures(False, 5.03)), figures(True, 9.18))
    small, large = text.split("<!-- bench-large:table")
    assert "Measured by `make bench` on" in small and "| build growth (5,000 / 1,000) | 5.03 | ≤ 5.5 |" in small
    assert "Measured by `make bench-large` on" in large and "| build growth (10,000 / 1,000) | 9.18 | ≤ 10.5 |" in large
    assert "Where a 10,000-record build's time goes: generate 35.2 s." in large
    assert "validate 10,000 records" in large and "validate 10,000" not in small
    assert "old" not in text and text.startswith("# P\n") and text.endswith("end\n")
    assert readme_with_table("# no blocks\n", figures(True, 9.18)) == "# no blocks\n"
