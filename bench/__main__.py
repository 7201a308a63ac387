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
import subprocess
import sys
import time
from pathlib import Path

from bench.synth import SOURCE_ENTRY, write_records

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PEAK = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
        "stderr=subprocess.PIPE, text=True); sys.stderr.write(r.stderr[-2000:] if r.returncode else ''); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one command, measured from a fresh wrapper process."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PEAK, *cmd], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed, int(result.stdout.strip().splitlines()[-1])


def best(cmd, cwd, repeat: int, env=None) -> tuple[float, int]:
    runs = [timed(cmd, cwd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


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

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = ["search"]
    config["theme"].pop("custom_dir", None)
    config["theme"]["features"] = [f for f in config["theme"].get("features", [])] + ["search.highlight"]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(docs, folder / "docs")
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return folder


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                                 "platform": platform.platform(), "date": time.strftime("%Y-%m-%d")}}
    t0 = time.perf_counter()

    def say(msg: str) -> None:
        print(f"[{time.perf_counter() - t0:5.0f} s] {msg}", file=sys.stderr, flush=True)

    def save() -> None:  # after every section, so a failure later keeps what was measured
        (OUT / "results.json").write_text(json.dumps(figures, indent=2))

    say("relevance: the queries of bench/relevance_queries.yaml in the search box of the real site")
    from bench.relevance import build_real_site, measure, report
    figures["relevance"] = measure(build_real_site(OUT / "relevance-site"))
    print(report(figures["relevance"]), file=sys.stderr)

    save()
    say("generating synthetic records: 1,000 and 5,000")
    data = OUT / "data"
    sets = {}
    for n in (1000, 5000):
        folder = data / f"records-{n}"
        if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == n):
            shutil.rmtree(folder, ignore_errors=True)
            write_records(folder, n)
        sets[n] = project_copy(OUT / f"project-{n}", folder)

    say("validate: 1,000 records, serial and with 2 worker processes")
    cli = [sys.executable, "-m", "generator"]
    validate_1000, _ = best(cli + ["validate", "practices"], sets[1000], 3)
    validate_1000_parallel, _ = best(cli + ["validate", "practices"], sets[1000], 3, {"PRAKTIJKBANK_WORKERS": "2"})
    python_start, _ = best([sys.executable, "-c", "import generator.cli"], ROOT, 3)
    figures["validate"] = {"seconds_1000": validate_1000, "records_per_second": 1000 / validate_1000,
                           "seconds_1000_two_workers": validate_1000_parallel,
                           "python_startup_and_imports": python_start, "goal_seconds": 1.0}

    save()
    say("build: plain MkDocs Material baseline and praktijkbank build, 1,000 records (best of 2, interleaved)")
    from generator.build import Project, generate

    generate(Project(sets[1000]))  # the project's build/docs: the Markdown the baseline builds
    base = baseline_project(OUT / "baseline-1000", sets[1000] / "build" / "docs")
    base_runs, ours_runs = [], []
    for _ in range(2):
        base_runs.append(timed([sys.executable, "-m", "mkdocs", "build", "-q"], base))
        ours_runs.append(timed(cli + ["build"], sets[1000]))
    baseline_1000 = min(r[0] for r in base_runs)
    build_1000 = min(r[0] for r in ours_runs)
    say("build: 5,000 records")
    build_5000, peak_5000 = timed(cli + ["build"], sets[5000])
    figures["build"] = {
        "baseline_mkdocs_material_1000": baseline_1000, "praktijkbank_1000": build_1000,
        "praktijkbank_5000": build_5000,
        "overhead_ratio": build_1000 / baseline_1000, "overhead_goal": 1.15,
        "growth_ratio_5000_vs_1000": build_5000 / build_1000, "growth_goal": 5.5,
        "peak_memory_mib": {"baseline_1000": max(r[1] for r in base_runs) / 1024,
                            "praktijkbank_1000": max(r[1] for r in ours_runs) / 1024,
                            "praktijkbank_5000": peak_5000 / 1024},
    }

    save()
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
    return 0


def table(f: dict) -> str:
    b, v, s, sv = f["build"], f["validate"], f["search"], f["serve"]
    r = f["relevance"]
    rows = [
        ("search relevance: expected practice in the first 3", f"{r['top3_rate']:.0%}", "100 %",
         f"{r['queries']} queries; MRR@10 {r['mean_reciprocal_rank']:.2f}; "
         f"non-practice page above it in {r['queries_with_non_practice_above']}"),
        ("build overhead (1,000: praktijkbank / plain Material)", f"{b['overhead_ratio']:.2f}", "≤ 1.15",
         f"{b['praktijkbank_1000']:.1f} s / {b['baseline_mkdocs_material_1000']:.1f} s"),
        ("build growth (5,000 / 1,000)", f"{b['growth_ratio_5000_vs_1000']:.2f}", "≤ 5.5",
         f"{b['praktijkbank_5000']:.1f} s / {b['praktijkbank_1000']:.1f} s"),
        ("validate 1,000 records", f"{v['seconds_1000']:.2f} s", "< 1 s",
         f"{v['records_per_second']:.0f} records/s; 2 workers {v['seconds_1000_two_workers']:.2f} s; "
         f"of which Python start-up {v['python_startup_and_imports']:.2f} s"),
        ("search, first results at 1,000 (Pagefind / lunr)", f"{s['pagefind_seconds']:.2f} s",
         "< 1 s", f"lunr {s['lunr_seconds']:.2f} s; ratio {s['pagefind_seconds'] / s['lunr_seconds']:.2f}"),
        ("serve: save record → new page (1,000)", f"{sv['seconds']:.2f} s", "< 2 s",
         f"full rebuild {sv['full_build_seconds']:.1f} s"),
        ("peak memory (1,000 / 5,000 / baseline 1,000)", f"{b['peak_memory_mib']['praktijkbank_1000']:.0f} MiB",
         "", f"{b['peak_memory_mib']['praktijkbank_5000']:.0f} MiB / {b['peak_memory_mib']['baseline_1000']:.0f} MiB"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure'.ljust(width)}  {'value':>9}  {'goal':>7}  detail", "-" * (width + 40)]
    lines += [f"{r[0].ljust(width)}  {r[1]:>9}  {r[2]:>7}  {r[3]}" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
