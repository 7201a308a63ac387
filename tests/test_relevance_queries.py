"""The relevance benchmark's queries (bench/relevance_queries.yaml) and how a result list is judged."""

from __future__ import annotations

from bench.relevance import judge, queries
from helpers import ROOT


def test_there_are_at_least_40_queries_and_every_expected_practice_exists():
    records = {p.stem for p in (ROOT / "practices").glob("*.yaml")}
    entries = queries()
    assert len(entries) >= 40
    assert [e["query"] for e in entries if not set(e["expect"]) <= records] == []
    assert len({e["query"] for e in entries}) == len(entries)


def test_a_result_list_is_judged_by_the_first_expected_practice_and_what_ranks_above_it():
    entry = {"query": "q", "kind": "name", "expect": ["b", "c"]}
    urls = ["/sectoren/zorg/", "/praktijken/a/", "/praktijken/c/", "/praktijken/b/"]
    judged = judge(entry, urls)
    assert (judged["rank"], judged["top3"], judged["non_practice_above"]) == (3, True, ["/sectoren/zorg/"])
    assert judge(entry, ["/", "/praktijken/", "/criteria/x/", "/praktijken/b/"])["top3"] is False
    assert judge(entry, ["/praktijken/a/"])["rank"] is None
