"""The mutation score per module, from the results `mutmut run` left in mutants/.

    python tests/mutation_report.py [--min 90] [--survivors] [--mutants DIR]

score = killed / (total - equivalent), where killed counts timeouts too (as mutmut does),
total is every mutant of the module (also those no in-process test reaches, and those not
checked yet), and equivalent are the mutants listed in tests/equivalent_mutants.txt: changes
that behave exactly like the original, which no test can kill. --min fails (exit 1) when
loader.py, validate.py or render.py score below it. Not a test module: pytest does not collect it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
EQUIVALENT = HERE / "equivalent_mutants.txt"
GOAL_MODULES = ("loader.py", "validate.py", "render.py")

# mutmut's exit codes (mutmut/stats.py)
KILLED = {1, 3, 36, 24, -24, 152, 255}  # a failing test, pytest's internal error, a timeout
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_CHECKED = {None}


def equivalent_mutants(path: Path = EQUIVALENT) -> dict[str, str]:
    """name -> reason, from lines `generator.x.y__mutmut_3  reason`; # starts a comment."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines() if path.is_file() else []:
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            found[name] = reason.strip()
    return found


def results(mutants: Path) -> dict[str, dict[str, int | None]]:
    """module file name -> {mutant name: exit code}."""
    out = {}
    for meta in sorted((mutants / "generator").glob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            out[meta.name[: -len(".meta")]] = codes
    return out


def classify(code: int | None) -> str:
    if code in KILLED:
        return "killed"
    if code in SURVIVED:
        return "survived"
    if code in NO_TESTS:
        return "no tests"
    if code in NOT_CHECKED:
        return "not checked"
    return "suspicious"


def table(by_module: dict[str, dict[str, int | None]], equivalent: dict[str, str]):
    rows = []
    for module, codes in by_module.items():
        status = Counter()
        for name, code in codes.items():
            status["equivalent" if name in equivalent else classify(code)] += 1
        total = len(codes)
        counted = total - status["equivalent"]
        score = 100 * status["killed"] / counted if counted else 100.0
        rows.append((module, status, total, score))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mutants", type=Path, default=HERE.parent / "mutants")
    ap.add_argument("--min", type=float, default=0.0, help="fail below this score for loader, validate, render")
    ap.add_argument("--survivors", action="store_true", help="list the surviving mutants of the three modules")
    args = ap.parse_args(argv)

    by_module = results(args.mutants)
    if not by_module:
        print(f"no mutmut results in {args.mutants}: run `make mutate`", file=sys.stderr)
        return 2
    equivalent = equivalent_mutants()
    unknown = sorted(set(equivalent) - {n for codes in by_module.values() for n in codes})
    rows = table(by_module, equivalent)
    columns = ("killed", "survived", "equivalent", "no tests", "not checked", "suspicious")
    print(f"| module | {' | '.join(columns)} | total | score |")
    print("| --- |" + " ---: |" * (len(columns) + 2))
    failed = []
    for module, status, total, score in rows:
        print(f"| {module} | {' | '.join(str(status[c]) for c in columns)} | {total} | {score:.1f} % |")
        if module in GOAL_MODULES and score < args.min:
            failed.append(f"{module} {score:.1f} %")
    print("\nscore = killed (timeouts included) / (total - equivalent)")
    if unknown:
        print(f"\nnot a mutant of this run (tests/equivalent_mutants.txt is stale?): {', '.join(unknown)}")
    if args.survivors:
        for module in GOAL_MODULES:
            names = [n for n, c in by_module.get(module, {}).items() if classify(c) != "killed" and n not in equivalent]
            print(f"\n{module}: {len(names)} not killed")
            for name in names:
                print(f"  {name} ({classify(by_module[module][name])})")
    if failed:
        print(f"\nbelow {args.min:g} %: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
