"""Count the defects of the second readings (reviews/*.yaml) per source document and kind:
`python tests/review_report.py`."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    records: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    fixed: Counter = Counter()
    for path in sorted((ROOT / "reviews").glob("*.yaml")):
        for reading in yaml.safe_load(path.read_text(encoding="utf-8"))["readings"]:
            for source in reading["sources"]:
                records[source] += 1
            source = reading["sources"][0]
            for defect in reading["defects"]:
                kinds[source][defect["kind"]] += 1
                fixed[source] += defect.get("fixed", True)
    for source in sorted(records):
        total = sum(kinds[source].values())
        print(f"{source}: {records[source]} record(s) read, {total} defect(s), {fixed[source]} fixed")
        for kind, count in kinds[source].most_common():
            print(f"  {kind}: {count}")


if __name__ == "__main__":
    main()
