"""Synthetic practice records that look like real ones.

Every field is filled; text fields are 300-800 Dutch words drawn from the sentences of the
real records (so stemming, word lengths and page sizes are realistic); vocabulary values
are spread like a real collection would be (a few common sectors, many rare ones).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from generator.config import load_config

ROOT = Path(__file__).resolve().parent.parent
# registered in the benchmark's copy of site_config/sources.yaml (bench/__main__.py), without a
# stored text: the synthetic records cite no real lines
SYNTHETIC_SOURCE = "synthetische-bron"
SOURCE_ENTRY = f"\n{SYNTHETIC_SOURCE}:\n  title: Synthetische bron\n  publisher: Praktijkbank benchmark\n  year: 2024\n"


def corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "practices").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("summary", "description"):
            if data.get(key):
                sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(data[key].split())) if len(s) > 30]
        for a in (data.get("criteria") or {}).values():
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(a["text"].split())) if len(s) > 30]
        for key in ("lessons", "worked", "failed"):
            sentences += [" ".join(s.split()) for s in data.get(key, [])]
    return sentences


def _text(rng: random.Random, sentences: list[str], words: int) -> str:
    out, count = [], 0
    while count < words:
        s = rng.choice(sentences)
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def _skewed(rng: random.Random, values: list[str], k: int) -> list[str]:
    weights = [1 / (i + 1) for i in range(len(values))]  # Zipf-like: some values are common
    chosen = []
    while len(chosen) < k:
        v = rng.choices(values, weights)[0]
        if v not in chosen:
            chosen.append(v)
    return chosen


def _evidence(rng: random.Random) -> str:
    # as the rubric asks of an editorial verdict: at most 15 lines, inside the cited r. 1-100
    start = rng.randint(1, 86)
    return f"r. {start}-{start + rng.randint(0, 14)}"


def make_record(rng: random.Random, sentences: list[str], vocab: dict, index: int, ids: list[str]) -> dict:
    kind = rng.choices(["voorbeeld", "pilot", "nominatie", "programma"], [60, 25, 10, 5])[0]
    words = rng.randint(300, 800)
    # split the page's words over the text fields like real records do
    criteria = {
        cid: {"verdict": rng.choice(list(vocab["verdicts"])), "by": "jury" if kind == "nominatie" else "redactie",
              "where": _evidence(rng), "text": _text(rng, sentences, words // 10)}
        for cid in vocab["criteria"]
    }
    year = rng.randint(2015, 2025)
    record = {
        "title": f"{_text(rng, sentences, 1).split('.')[0][:90].strip()} ({index})",
        "kind": kind,
        "summary": _text(rng, sentences, 40)[:1100],
        "description": _text(rng, sentences, words // 3),
        "status": rng.choice(list(vocab["practice_statuses"])),
        "organisations": [{"name": f"Organisatie {rng.randint(1, 400)}", "role": rng.choice(["opdrachtgever", "opdrachtnemer", "werkgever"])}
                          for _ in range(rng.randint(1, 4))],
        "sectors": _skewed(rng, list(vocab["sectors"]), rng.randint(1, 2)),
        "target_groups": _skewed(rng, list(vocab["target_groups"]), rng.randint(1, 2)),
        "regions": _skewed(rng, list(vocab["regions"]), 1),
        "place": rng.choice(["Deventer", "Rotterdam", "Groningen", "Utrecht", "Maastricht", "Zwolle", "Leiden"]),
        "period": {"start": str(year), "end": str(year + rng.randint(0, 3))},
        "criteria": criteria,
        "results": [{"value": rng.choice(["12", "100.000", "ca. 30", "0", "4,5"]), "unit": "mensen",
                     "what": _text(rng, sentences, 8)[:200], "status": rng.choice(list(vocab["result_statuses"])),
                     "where": f"r. {rng.randint(1, 900)}"} for _ in range(rng.randint(1, 4))],
        "worked": [_text(rng, sentences, 15) for _ in range(2)],
        "failed": [_text(rng, sentences, 15)],
        "lessons": [_text(rng, sentences, 15) for _ in range(2)],
        "quotes": [{"text": _text(rng, sentences, 10)[:300], "speaker": "projectleider", "where": "r. 12"}],
        "sources": [{"source": SYNTHETIC_SOURCE, "where": "r. 1-100"}],
    }
    if kind == "nominatie":
        record["award"] = {"edition": "best-practice-award-2022", "stage": rng.choice(list(vocab["stages"]))}
    if ids:
        record["related"] = rng.sample(ids, k=min(2, len(ids)))
    return record


def write_records(folder: Path, count: int, seed: int = 7) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    vocab = load_config(ROOT / "site_config").vocabularies
    sentences = corpus_sentences()
    rng = random.Random(seed)
    ids = [f"synthetische-praktijk-{i:05d}" for i in range(count)]
    records = {}
    for i, rid in enumerate(ids):
        earlier = ids[max(0, i - 50):i]
        records[rid] = make_record(rng, sentences, vocab, i, earlier)
    # related links go both ways, as the content rules ask
    for rid, rec in records.items():
        for other in rec.get("related", []):
            back = records[other].setdefault("related", [])
            if rid not in back:
                back.append(rid)
    for rid, rec in records.items():
        text = yaml.dump(rec, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                         sort_keys=False, width=100)
        (folder / f"{rid}.yaml").write_text(text, encoding="utf-8")
    return folder
