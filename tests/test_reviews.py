"""Every record has been read a second time against its sources, by someone who did not write it,
and the reading is logged in reviews/<id>.yaml (issue "Content you can trust")."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from generator.loader import load_file
from generator.validate import problems_against
from helpers import ROOT

SCHEMA = json.loads((ROOT / "generator" / "schemas" / "review.schema.json").read_text(encoding="utf-8"))
RECORDS = sorted(p.stem for p in (ROOT / "practices").glob("*.yaml"))
REVIEWS = sorted((ROOT / "reviews").glob("*.yaml"))


def test_every_record_has_a_logged_second_reading():
    assert sorted(p.stem for p in REVIEWS if p.stem in RECORDS) == RECORDS


def test_every_review_is_of_a_record_that_exists():
    assert [p.name for p in REVIEWS if p.stem not in RECORDS] == []


@pytest.mark.parametrize("path", REVIEWS, ids=lambda p: p.stem)
def test_a_review_follows_its_schema_and_cites_the_record_s_sources(path):
    doc, problems = load_file(path, record=False)
    assert doc is not None and problems == []
    assert [p.format() for p in problems_against(doc, SCHEMA)] == []
    record, _ = load_file(ROOT / "practices" / f"{path.stem}.yaml")
    own = {s["source"] for s in record.data["sources"]}
    for reading in doc.data["readings"]:
        assert set(reading["sources"]) <= own, "a reading names a source the record does not cite"
        kinds = Counter(d["kind"] for d in reading["defects"])
        assert sum(kinds.values()) == len(reading["defects"])
