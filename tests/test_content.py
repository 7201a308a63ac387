"""Content rules the schema cannot express, checked over every real record.

Where the source documents are available (../shared/seeds beside the repository,
as on the team's machines and in CI), numbers and quotes are checked against the
very lines each record cites.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import check
from generator.config import load_config

from helpers import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
# source title (start) -> seed file name (start)
SOURCE_FILES = {
    "Juryrapport Best Practice Award 2022": "000_",
    "Onderzoeksrapport 'Niet poetsen, maar zorgen'": "002_",
    "Magazine Week van de 1000 voorbeelden 2020": "003_",
    "Partnership en inkoopkracht": "004_",
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\b0[1-9](?:[ -]?\d){8}\b|\+31[ -]?\d")

NUMBER_WORDS = {
    "0": ("geen", "niemand", "nul", "niet"), "1": ("één", "een"), "2": ("twee", "beide"), "3": ("drie", "drietal"),
    "4": ("vier",), "5": ("vijf", "vijftal"), "6": ("zes",), "7": ("zeven",), "8": ("acht",), "9": ("negen",),
    "10": ("tien",), "12": ("twaalf",), "13": ("dertien",), "15": ("vijftien",), "30": ("dertig",),
}

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


def seed_lines(record: dict) -> tuple[str, list[str]] | None:
    for source in record["sources"]:
        for title, prefix in SOURCE_FILES.items():
            if source["title"].startswith(title):
                files = sorted(SEEDS.glob(prefix + "*.txt"))
                if files:
                    return prefix, files[0].read_text(encoding="utf-8").splitlines()
    return None


def cited_text(lines: list[str], where: str) -> str:
    """The text of every line range in 'r. 120-125, 130' (joined, hyphenation undone)."""
    chunks = []
    for start, end in re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", where):
        first, last = int(start), int(end or start)
        chunks.append("\n".join(lines[first - 1:last]))
    text = "\n".join(chunks)
    text = re.sub(r"-\n\s*", "", text)  # words hyphenated across lines
    return " ".join(text.split())


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


def record_and_source(rid: str) -> tuple[dict, list[str]]:
    """A record and the lines of the stored source document it cites."""
    found = seed_lines(RECORDS[rid])
    if found is None:
        pytest.skip("no stored source document for this record")
    return RECORDS[rid], found[1]


needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"source documents not found at {SEEDS}")


@needs_seeds
@pytest.mark.parametrize("rid", sorted(RECORDS))
def test_result_numbers_stand_in_the_cited_lines_as_written(rid):
    record, lines = record_and_source(rid)
    for result in record.get("results", []):
        if "where" not in result:
            continue
        text = cited_text(lines, result["where"])
        # a number the source writes as a word ("vier", "geen") may be given in digits
        words = NUMBER_WORDS.get(result["value"], ())
        assert result["value"] in text or any(re.search(rf"\b{w}\b", text, re.I) for w in words), (
            result["value"], result["where"])


@needs_seeds
@pytest.mark.parametrize("rid", sorted(RECORDS))
def test_quotes_stand_in_the_cited_lines(rid):
    record, lines = record_and_source(rid)
    norm = lambda s: re.sub(r"[\"'“”‘’„]", "", " ".join(s.split())).lower()
    for quote in record.get("quotes", []):
        if "where" not in quote:
            continue
        source = norm(cited_text(lines, quote["where"]))
        for fragment in re.split(r"\s*(?:…|\.\.\.)\s*", quote["text"]):
            assert norm(fragment).strip(" .") in source, (fragment, quote["where"])
