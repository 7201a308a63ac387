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
from generator.config import load_config

from helpers import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
# .ci/run sets this: where the source texts are expected, their absence fails the run
SOURCES_REQUIRED = os.environ.get("PRAKTIJKBANK_REQUIRE_SOURCES") == "1"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0[1-9](?:[ -]?\d){8}\b|\+31[ -]?\d")

CONFIG = load_config(ROOT / "site_config")
RESULT = check(ROOT / "practices", CONFIG)
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


# Numbers and quotes standing in the cited lines, related going both ways and every source id
# being registered are rules of `praktijkbank validate` (content_rules.py, validate.py): the
# first test above holds them for every real record. What remains here is where the texts are.

def test_every_stored_source_text_is_there():
    """Where the texts are expected (.ci/run), a missing one fails: the checks would not run.
    Elsewhere (a pull request on GitHub) validate says which checks were skipped."""
    missing = sorted(str(CONFIG.source_text(sid)) for sid in CONFIG.sources
                     if CONFIG.source_text(sid) is None or not CONFIG.source_text(sid).is_file())
    if SOURCES_REQUIRED:
        assert missing == [], "de brondocumenten ontbreken"
        assert RESULT.notes == []
    elif missing:
        warnings.warn(f"{len(missing)} brondocument(en) ontbreken; validate controleerde de getallen en citaten "
                      "daaruit niet: " + "; ".join(RESULT.notes), stacklevel=1)
