"""make bench: measure the quality bars in one run and print them as ratios.

Machines here are shared and noisy, so every figure that has a goal is a ratio against a
baseline measured in the same run, and each timing is the best of a few repetitions.
Writes bench/out/results.json and prints a short table. No goal is asserted anywhere.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.memory import run_sampled
from bench.synth import SOURCE_ENTRY, write_records

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one command with all the processes it starts,
    together (bench/memory.py): Pagefind's indexer runs beside the build."""
    start = time.perf_counter()
    result, peak = run_sampled(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stderr[-3000:]}")
    return elapsed, peak


def best(cmd, cwd, repeat: int, env=None) -> tuple[float, int]:
    runs = [timed(cmd, cwd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def spread(values: list[float]) -> dict:
    """Median, min and max: a goal is judged on the median, so one noisy run cannot decide it."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def staged(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, dict]:
    """timed(), and the command's own stages (generator/stages.py): seconds and peak memory."""
    target = OUT / "stages.json"
    target.unlink(missing_ok=True)
    elapsed, peak = timed(cmd, cwd, {**(env or {}), "PRAKTIJKBANK_TIMINGS": str(target)})
    return elapsed, peak, json.loads(target.read_text()) if target.is_file() else {}


def project_copy(folder: Path, practices: Path) -> Path:
    """A project folder like the repository's, with the given records."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("site_config", "content"):
        shutil.copytree(ROOT / name, folder / name)
    with open(folder / "site_config" / "sources.yaml", "a", encoding="utf-8") as registry:
        registry.write(SOURCE_ENTRY)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(practices, folder / "practices")
    (folder / "build" / "docs").mkdir(parents=True)
    return folder


def baseline_project(folder: Path, docs: Path) -> Path:
    """Plain MkDocs Material over the same Markdown, as if written by hand: no generator,
    Material's own (lunr) search, the same theme settings and Markdown extensions."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    # MkDocs' own loader: mkdocs.yml has !ENV tags (site_url, repo_url), unset here
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=get_yaml_loader())
    config = {k: v for k, v in config.items() if v is not None}
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = ["search"]
    config["theme"].pop("custom_dir", None)
    config["theme"]["language"] = "nl"  # our "custom" language lives in custom_dir
    config["theme"]["features"] = [f for f in config["theme"].get("features", [])] + ["search.highlight"]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(docs, folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return folder


GOALS = {  # issue "Scale to 10,000"
    "overhead_ratio": 1.0, "growth_5000": 5.5, "growth_10000": 10.5, "validate_seconds": 0.7,
    "search_seconds": 1.0, "serve_seconds": 1.0, "peak_memory_10000_mib": 1536,
}


def records(n: int) -> Path:
    """n synthetic records, generated once and kept in bench/out/data (same seed, same records)."""
    folder = OUT / "data" / f"records-{n}"
    if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == n):
        shutil.rmtree(folder, ignore_errors=True)
        write_records(folder, n)
    return project_copy(OUT / f"project-{n}", folder)


def main(argv: list[str] | None = None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    if "--table" in argv or "--serve" in argv:  # the last run's table again, from its results.json
        figures = json.loads((OUT / "results.json").read_text())
        if "--serve" in argv:  # ... with serve measured again (a change to serve alone)
            from bench.serve import edit_latency

            figures["serve"] = edit_latency(records(1000))
            figures["serve"]["measured"] = time.strftime("%Y-%m-%d %H:%M")
            (OUT / "results.json").write_text(json.dumps(figures, indent=2))
        print(table(figures))
        write_readme_table(figures)
        if (OUT / "results-large.json").is_file():
            write_readme_table(json.loads((OUT / "results-large.json").read_text()))
        return 0
    large = "--large" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform(), "date": time.strftime("%Y-%m-%d")},
                     "goals": GOALS, "large": large}
    results = OUT / ("results-large.json" if large else "results.json")
    t0 = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:5.0f} s] {msg}", file=sys.stderr, flush=True)

    def save() -> None:  # after every section, so a failure later keeps what was measured
        results.write_text(json.dumps(figures, indent=2))

    cli = [sys.executable, "-m", "generator"]
    big = 10000 if large else 5000
    if not large:
        say("relevance: the queries of bench/relevance_queries.yaml in the search box of the real site")
        from bench.relevance import split_check, split_report
        check = split_check()
        figures["relevance"] = check["whole"]
        figures["relevance_split"] = {k: v for k, v in check.items() if k != "whole"}
        print(split_report(check), file=sys.stderr)
        save()
        say("lighthouse: home, overview and a practice page of the real site, on a phone, served compressed")
        from bench.lighthouse import measure as lighthouse, report as lighthouse_report
        figures["lighthouse"] = lighthouse(OUT / "relevance-site")
        print(lighthouse_report(figures["lighthouse"]), file=sys.stderr)
        save()

    say(f"synthetic records: 1,000 and {big:,}")
    sets = {n: records(n) for n in (1000, big)}

    say("validate: 1,000 records, first runs (empty cache) and runs again (records unchanged), and where the time goes")
    cache = {"PRAKTIJKBANK_CACHE": str(OUT / "record-cache")}  # generator/record_cache.py, of this bench only
    cold = []
    for _ in range(3):
        shutil.rmtree(OUT / "record-cache", ignore_errors=True)
        cold.append(staged(cli + ["validate", "practices"], sets[1000], cache))
    runs = [staged(cli + ["validate", "practices"], sets[1000], cache) for _ in range(5)]
    python_start, _ = best([sys.executable, "-c", "import generator.cli"], ROOT, 5)
    fastest = min(runs, key=lambda r: r[0])
    figures["validate"] = {"seconds_1000": spread([r[0] for r in runs]), "python_startup_and_imports": python_start,
                           "first_run_seconds_1000": spread([r[0] for r in cold]),
                           "stages_of_fastest": fastest[2], "stages_of_first_run": min(cold, key=lambda r: r[0])[2],
                           "peak_memory_mib": fastest[1] / 1024}
    if large:
        big_runs = [staged(cli + ["validate", "practices"], sets[big], cache) for _ in range(3)]
        figures["validate"][f"seconds_{big}"] = spread([r[0] for r in big_runs])
    save()

    say(f"build: plain MkDocs Material baseline, praktijkbank at 1,000 and {big:,}: 3 interleaved runs")
    from generator.build import Project, generate

    generate(Project(sets[1000]))  # the project's build/docs: the Markdown the baseline builds
    base = baseline_project(OUT / "baseline-1000", sets[1000] / "build" / "docs")
    base_runs, ours_runs, big_builds = [], [], []
    for round_ in range(3):
        say(f"  round {round_ + 1} of 3")
        base_runs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q"], base))
        ours_runs.append(staged(cli + ["build"], sets[1000]))
        big_builds.append(staged(cli + ["build"], sets[big]))
    overheads = [o[0] / b[0] for o, b in zip(ours_runs, base_runs)]
    growths = [g[0] / o[0] for g, o in zip(big_builds, ours_runs)]
    figures["build"] = {
        "baseline_mkdocs_material_1000": spread([r[0] for r in base_runs]),
        "praktijkbank_1000": spread([r[0] for r in ours_runs]),
        f"praktijkbank_{big}": spread([r[0] for r in big_builds]),
        "overhead_ratio": spread(overheads),
        f"growth_ratio_{big}_vs_1000": spread(growths),
        "peak_memory_mib": {"baseline_1000": max(r[1] for r in base_runs) / 1024,
                            "praktijkbank_1000": max(r[1] for r in ours_runs) / 1024,
                            f"praktijkbank_{big}": max(r[1] for r in big_builds) / 1024},
        "stages_1000": min(ours_runs, key=lambda r: r[0])[2],
        f"stages_{big}": min(big_builds, key=lambda r: r[0])[2],
    }
    save()
    if large:
        say("done")
        print(table(figures))
        write_readme_table(figures)
        return 0

    say("search: time to first results in headless Chromium, Pagefind vs Material's lunr, 1,000 pages")
    from bench.browser import search_times
    pages = len(list((base / "site" / "praktijken").glob("*/index.html")))
    assert pages >= 1000, f"baseline site has only {pages} practice pages"
    figures["search"] = search_times(sets[1000] / "site", base / "site", query="schoonmaker")
    save()

    say("serve: time from saving a record to the new page being served, 1,000 records")
    from bench.serve import edit_latency
    figures["serve"] = edit_latency(sets[1000])
    save()

    say("done")
    print(table(figures))
    write_readme_table(figures)
    return 0


# the README's two generated blocks: make bench's figures, and make bench-large's at 10,000
README_BLOCKS = {False: ("<!-- bench:table (written by make bench) -->", "<!-- /bench:table -->", "make bench"),
                 True: ("<!-- bench-large:table (written by make bench-large) -->", "<!-- /bench-large:table -->",
                        "make bench-large")}


def readme_with_table(text: str, figures: dict) -> str:
    """The README's text with the block of this run's kind written from its figures: never by hand."""
    start, end, command = README_BLOCKS[bool(figures.get("large"))]
    if start not in text or end not in text:
        return text
    m = figures["machine"]
    block = (f"{start}\nMeasured by `{command}` on {m['date']}: {m['cpus']} cores, Python {m['python']}, "
             f"{m['platform']}. Median of the runs, with min and max.\n\n" + markdown_table(figures) + f"\n{end}")
    head, rest = text.split(start, 1)
    return head + block + rest.split(end, 1)[1]


def write_readme_table(figures: dict) -> None:
    readme = ROOT / "README.md"
    readme.write_text(readme_with_table(readme.read_text(encoding="utf-8"), figures), encoding="utf-8")


def _rows(f: dict) -> list[tuple[str, str, str, str]]:
    """(figure, value, goal, detail) for every figure of a run."""
    def mm(s: dict, unit: str = "", digits: int = 2) -> str:
        return f"min {s['min']:.{digits}f}{unit}, max {s['max']:.{digits}f}{unit}"

    g, b, v = f["goals"], f["build"], f["validate"]
    big = 10000 if f.get("large") else 5000
    rows = []
    if "relevance" in f:
        r = f["relevance"]
        rows.append(("search relevance: expected practice in the first 3", f"{r['top3_rate']:.0%}", "100 %",
                     f"{r['queries']} queries; MRR@10 {r['mean_reciprocal_rank']:.2f}"))
    if "relevance_split" in f:
        rs = f["relevance_split"]
        rows.append((f"search relevance, index split in {rs['bundles']} bundles: expected practice at another rank",
                     str(len(rs["rank_changes"])), "0", f"top-3 {rs['split']['top3_rate']:.0%}; "
                     f"MRR@10 {rs['split']['mean_reciprocal_rank']:.2f}"))
    rows += [
        ("build overhead (1,000: praktijkbank / plain Material)", f"{b['overhead_ratio']['median']:.2f}",
         f"< {g['overhead_ratio']}", f"{b['praktijkbank_1000']['median']:.1f} s / {b['baseline_mkdocs_material_1000']['median']:.1f} s; "
         + mm(b["overhead_ratio"])),
        (f"build growth ({big:,} / 1,000)", f"{b[f'growth_ratio_{big}_vs_1000']['median']:.2f}",
         f"≤ {g['growth_10000' if big == 10000 else 'growth_5000']}",
         f"{b[f'praktijkbank_{big}']['median']:.1f} s; " + mm(b[f"growth_ratio_{big}_vs_1000"])),
        ("validate 1,000 records, again (unchanged ones from the cache)", f"{v['seconds_1000']['median']:.2f} s",
         f"≤ {g['validate_seconds']} s", mm(v["seconds_1000"], " s") + f"; Python start-up {v['python_startup_and_imports']:.2f} s"),
    ]
    if "seconds_10000" in v:
        rows.append(("validate 10,000 records (3 runs, the first with an empty cache)", f"{v['seconds_10000']['median']:.2f} s", "—",
                     mm(v["seconds_10000"], " s")))
    if "first_run_seconds_1000" in v:
        rows.append(("validate 1,000 records, first run (empty cache, as in CI)", f"{v['first_run_seconds_1000']['median']:.2f} s",
                     f"≤ {g['validate_seconds']} s", mm(v["first_run_seconds_1000"], " s")))
    rows += [
        (f"peak memory of a build (1,000 / {big:,})", f"{b['peak_memory_mib']['praktijkbank_1000']:.0f} MiB",
         f"10,000 ≤ {g['peak_memory_10000_mib']} MiB", f"{b['peak_memory_mib'][f'praktijkbank_{big}']:.0f} MiB at {big:,}"),
    ]
    if "lighthouse" in f:
        lh = f["lighthouse"]

        def scores(category: str) -> str:
            return " / ".join(f"{p['scores'][category]['median']:.0f}" for p in lh.values())

        def spread_of(category: str) -> str:
            return ", ".join(f"{name} {p['scores'][category]['min']:.0f}–{p['scores'][category]['max']:.0f}"
                             for name, p in lh.items())

        rows.append((f"Lighthouse on a phone, performance ({' / '.join(lh)})", scores("performance"), "≥ 95",
                     f"min–max {spread_of('performance')}; FCP "
                     + " / ".join(f"{p['fcp_seconds']:.1f}" for p in lh.values()) + " s, LCP "
                     + " / ".join(f"{p['lcp_seconds']:.1f}" for p in lh.values()) + " s"))
        for category in ("accessibility", "best-practices", "seo"):
            rows.append((f"Lighthouse on a phone, {category} ({' / '.join(lh)})", scores(category), "100",
                         f"min–max {spread_of(category)}"))
    if "search" in f:
        s = f["search"]
        runs = s.get("pagefind_runs") or [s["pagefind_seconds"]]
        rows.append(("search, first results at 1,000 (Pagefind)", f"{s['pagefind_seconds']:.2f} s", f"< {g['search_seconds']} s",
                     f"min {min(runs):.2f} s, max {max(runs):.2f} s; Material's lunr {s['lunr_seconds']:.2f} s"))
    if "serve" in f:
        sv = f["serve"]
        runs = sv["runs"]
        rows.append(("serve: save a record → new page (1,000)", f"{statistics.median(runs):.2f} s", f"≤ {g['serve_seconds']} s",
                     f"median of {len(runs)}, min {min(runs):.2f} s, max {max(runs):.2f} s; "
                     f"full first build {sv['full_build_seconds']:.1f} s"
                     + (f"; measured again {sv['measured']} (`python -m bench --serve`)" if sv.get("measured") else "")))
    return rows


def markdown_table(f: dict) -> str:
    lines = ["| figure | value | goal | detail |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in _rows(f)]
    lines.append("")
    for size in (1000, 10000 if f.get("large") else 5000):
        stages = f["build"].get(f"stages_{size}", {}).get("seconds", {})
        if stages:
            lines.append(f"Where a {size:,}-record build's time goes: "
                         + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()) + ".")
    vstages = f["validate"]["stages_of_fastest"].get("seconds", {})
    if vstages:
        lines += ["Where `validate`'s time goes (1,000): " + ", ".join(f"{k} {v:.2f} s" for k, v in vstages.items())
                  + f", plus Python start-up and imports {f['validate']['python_startup_and_imports']:.2f} s."]
    return "\n".join(lines)


def table(f: dict) -> str:
    rows = _rows(f)
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure'.ljust(width)}  {'value':>9}  {'goal':>14}  detail", "-" * (width + 50)]
    lines += [f"{r[0].ljust(width)}  {r[1]:>9}  {r[2]:>14}  {r[3]}" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
