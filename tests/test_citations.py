"""Numbers and quotes against the cited lines: a correct citation never fails, a wrong one does."""

import pytest

from generator.citations import SOFT, cited_text, line_ranges, number_stands_in, quote_stands_in

LINES = [
    "De samenwerking tussen de publieke en de privaat-",  # 1: a compound ends the line at its hyphen
    "private partijen kwam op gang. Alle werk-",  # 2: a word hyphenated across the line end
    "nemers kregen een opleiding; ‘zo’n traject’ werkt, zei de",  # 3: curly apostrophes
    "coördinator. Er deden 100 mensen mee in 2019, geen kandidaten",  # 4
    "stroomden door. Eén team begon in vier wijken met 100.000 euro.",  # 5
]


def test_line_ranges():
    assert line_ranges("r. 120-125, 130") == [(120, 125), (130, 130)]
    assert line_ranges("r. 3–4") == [(3, 4)]


def test_cited_text_joins_lines_and_marks_line_end_hyphens():
    assert cited_text(LINES, "r. 1-2") == (
        f"De samenwerking tussen de publieke en de privaat{SOFT}private partijen kwam op gang. Alle werk-")
    assert cited_text(LINES, "r. 5, 1") == f"{LINES[4]} {LINES[0]}"


@pytest.mark.parametrize("quote", [
    "de publieke en de privaat-private partijen",  # the hyphen is part of the word
    "Alle werknemers kregen een opleiding",  # the hyphen was hyphenation
    "Alle werk-nemers kregen",  # either reading of the source is a correct quote
    "'zo'n traject' werkt",  # straight apostrophes for curly ones
    "“zo’n traject” werkt",
    "De samenwerking … kwam op gang",  # fragments around an ellipsis
    "DE SAMENWERKING tussen",  # case does not matter
])
def test_a_correct_quote_always_stands(quote):
    assert quote_stands_in(quote, cited_text(LINES, "r. 1-5")) == []


@pytest.mark.parametrize("quote, missing", [
    ("de publieke en private partijen", ["de publieke en private partijen"]),
    ("Alle werknemer kregen", ["Alle werknemer kregen"]),
    ("zon traject", ["zon traject"]),  # an apostrophe inside a word is not a quotation mark
    ("De samenwerking … kwam niet op gang", ["kwam niet op gang"]),
])
def test_a_changed_quote_is_reported_by_fragment(quote, missing):
    assert quote_stands_in(quote, cited_text(LINES, "r. 1-5")) == missing


@pytest.mark.parametrize("value", ["100", "2019", "100.000", "vier", "geen", "0", "4", "1", "Eén"])
def test_a_number_as_written_stands(value):
    assert number_stands_in(value, cited_text(LINES, "r. 4-5"))


@pytest.mark.parametrize("value", [
    "10",  # only inside 100
    "201",  # only inside 2019
    "100.0",  # only the start of 100.000
    "000",  # only the end of 100.000
    "5",  # not there at all
])
def test_a_number_is_matched_whole(value):
    assert not number_stands_in(value, cited_text(LINES, "r. 4-5"))


def test_an_article_is_not_one_and_a_negation_is_not_zero():
    text = "Er kwam een nieuwe werkwijze, maar die werd niet ingevoerd."
    assert not number_stands_in("1", text)
    assert not number_stands_in("0", text)
    assert number_stands_in("1", "Er kwam één nieuwe werkwijze.")
