"""Content rules the schema cannot express, checked over every real record.

Where the source documents are available (../shared/seeds beside the repository,
as on the team's machines and in CI), numbers and quotes are checked against the
very lines each record cites.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

import pytest

from generator.build import check
from generator.citations import cited_text, number_stands_in, quote_stands_in
from generator.config import load_config

from helpers import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
# .ci/run sets this: where the source texts are expected, their absence fails the run
SOURCES_REQUIRED = os.environ.get("PRAKTIJKBANK_REQUIRE_SOURCES") == "1"
# source title (start) -> seed file name (start)
SOURCE_FILES = {
    "Juryrapport Best Practice Award 2022": "000_",
    "Onderzoeksrapport 'Niet poetsen, maar zorgen'": "002_",
    "Magazine Week van de 1000 voorbeelden 2020": "003_",
    "Partnership en inkoopkracht": "004_",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0[1-9](?:[ -]?\d){8}\b|\+31[ -]?\d")

RESULT = check(ROOT / "practices", load_config(ROOT / "site_config"))
RECORDS = {d.id: d.data for d in RESULT.documents}


def texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from texts(v)
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)


def seed_file(record: dict) -> Path | None:
    """The stored text of the first source of a record that has one."""
    for source in record["sources"]:
        for title, prefix in SOURCE_FILES.items():
            if source["title"].startswith(title):
                files = sorted(SEEDS.glob(prefix + "*.txt"))
                return files[0] if files else SEEDS / f"{prefix}*.txt"
    return None


def test_records_are_many_and_valid():
    assert RESULT.problems == []
    assert len(RECORDS) >= 30


@pytest.mark.parametrize("rid", sorted(RECORDS))
def test_every_record_names_a_source_with_a_location(rid):
    assert any(re.search(r"\d", s["where"]) for s in RECORDS[rid]["sources"])


@pytest.mark.parametrize("rid", sorted(RECORDS))
def test_no_personal_contact_details(rid):
    for text in texts(RECORDS[rid]):
        if text.startswith("mailto:"):
            continue
        assert not EMAIL.search(text), text
        assert not PHONE.search(text), text


@pytest.mark.parametrize("rid", sorted(RECORDS))
def test_quotes_have_a_speaker_role(rid):
    for quote in RECORDS[rid].get("quotes", []):
        assert len(quote["speaker"].split()) >= 1 and quote["speaker"].strip()
        assert len(quote["text"]) <= 600


def test_related_links_go_both_ways():
    one_way = [(a, b) for a, rec in RECORDS.items() for b in rec.get("related", [])
               if a not in RECORDS[b].get("related", [])]
    assert one_way == []


# -- numbers and quotes against the stored source texts -----------------------------------------

WITH_SOURCE = sorted(rid for rid, rec in RECORDS.items() if seed_file(rec) is not None)
SOURCES_HERE = SEEDS.is_dir() or SOURCES_REQUIRED
if not SOURCES_HERE:  # a pull request on GitHub has no ../shared: say loudly what did not run, once
    warnings.warn(f"{2 * len(WITH_SOURCE)} bronchecks (getallen en citaten van {len(WITH_SOURCE)} records) "
                  f"zijn niet uitgevoerd: de brondocumenten staan niet in {SEEDS}", stacklevel=1)


def test_every_stored_source_text_is_there():
    assert SEEDS.is_dir() or not SOURCES_REQUIRED, f"de brondocumenten ontbreken in {SEEDS}"
    if SEEDS.is_dir():
        missing = sorted({str(seed_file(RECORDS[rid])) for rid in WITH_SOURCE if not seed_file(RECORDS[rid]).is_file()})
        assert missing == []


def source_lines(rid: str) -> list[str]:
    return seed_file(RECORDS[rid]).read_text(encoding="utf-8").splitlines()


if SOURCES_HERE:  # defined only where they can run: no silent skips
    @pytest.mark.parametrize("rid", WITH_SOURCE)
    def test_result_numbers_stand_in_the_cited_lines_as_written(rid):
        lines = source_lines(rid)
        wrong = [(r["value"], r["where"]) for r in RECORDS[rid].get("results", [])
                 if "where" in r and not number_stands_in(r["value"], cited_text(lines, r["where"]))]
        assert wrong == []

    @pytest.mark.parametrize("rid", WITH_SOURCE)
    def test_quotes_stand_in_the_cited_lines(rid):
        lines = source_lines(rid)
        wrong = [(missing, q["where"]) for q in RECORDS[rid].get("quotes", [])
                 if "where" in q and (missing := quote_stands_in(q["text"], cited_text(lines, q["where"])))]
        assert wrong == []
