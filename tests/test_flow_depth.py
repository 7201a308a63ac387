"""The depth limit is the project's own: counted on the raw text, before libyaml reads ahead.

libyaml scans a whole flow collection before it hands out its first event, and since PyYAML
6.0.4 it stops a thousand `[` itself with an English message. The loader's scan
(generator/flow_depth.py) must answer first, with the Dutch message at the bracket that goes
too deep, and must never mistake a bracket in text for one that nests.
"""

from __future__ import annotations

import random

import pytest
import yaml

import generator.loader as loader
from generator.flow_depth import too_deep
from generator.loader import Limits, load_file

from helpers import VALID_RECORD, write

DEPTH = "het bestand is dieper genest dan 12 niveaus; een record is veel platter"


def load(tmp_path, text, **limits):
    return load_file(write(tmp_path, "rec.yaml", text), display="rec.yaml", limits=Limits(**limits))


@pytest.mark.parametrize("text, position", [
    ("a: " + "[" * 1000 + "]" * 1000 + "\n", (1, 16)),
    ("a: " + "{a: " * 1000 + "}" * 1000 + "\n", (1, 52)),
    ("a:\n  - " + "[" * 13 + "]" * 13 + "\n", (2, 17)),
    ("a: [\n" + "[\n" * 12 + "]\n" * 13, (13, 1)),  # one bracket per line
    ("a: &x " + "[" * 13 + "]" * 13 + "\n", (1, 19)),  # after an anchor
    ("--- " + "[" * 13 + "]" * 13 + "\n", (1, 17)),  # after a document marker
    ('a: ["x", ' + "{b: " * 12 + "1" + "}" * 12 + "]\n", (1, 54)),
])
def test_too_deep_flow_gets_the_projects_own_message_at_the_bracket(tmp_path, text, position):
    doc, problems = load(tmp_path, text)
    assert doc is None
    assert [(p.file, p.line, p.column, p.field, p.message) for p in problems] == [("rec.yaml", *position, "", DEPTH)]


def test_the_message_comes_before_libyaml_reads_anything(tmp_path, monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("libyaml was asked to read a file that is too deep")

    monkeypatch.setattr(loader.yaml, "parse", parse)
    doc, [problem] = load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (problem.line, problem.column, problem.message) == (1, 16, DEPTH)


def test_a_syntax_error_past_the_limit_is_not_what_the_editor_sees(tmp_path):
    # libyaml would stop at the stray ':' deep inside; the depth is the mistake to fix first
    doc, [problem] = load(tmp_path, "a: " + "[" * 13 + "x: y: z" + "]" * 13 + "\n")
    assert (problem.line, problem.column, problem.message) == (1, 16, DEPTH)


def test_the_limit_follows_the_configured_depth(tmp_path):
    text = "a: " + "[" * 5 + "]" * 5 + "\n"
    assert load(tmp_path, text, max_depth=6)[1] == []
    doc, [problem] = load(tmp_path, text, max_depth=4)
    assert (problem.line, problem.column) == (1, 8)
    assert problem.message == "het bestand is dieper genest dan 4 niveaus; een record is veel platter"


TEXT_WITH_BRACKETS = "[" * 40 + "{" * 40


@pytest.mark.parametrize("field", [
    f'title: "{TEXT_WITH_BRACKETS} en \\" nog"\n',
    f"title: '{TEXT_WITH_BRACKETS} it''s'\n",
    f"title: Een {TEXT_WITH_BRACKETS} titel\n",  # a plain scalar: brackets are text in block context
    f"title: mama's {TEXT_WITH_BRACKETS}\n",  # an apostrophe inside a plain scalar opens no quote
    f"title: Een lange titel\n  {TEXT_WITH_BRACKETS} die doorloopt\n",  # a plain scalar on two lines
    f"description: |\n  {TEXT_WITH_BRACKETS}\n\n  en meer\n",
    f"description: >-\n  een\n  {TEXT_WITH_BRACKETS}\n",
    f'description: "een tekst\n  over {TEXT_WITH_BRACKETS} regels"\n',
    f"# {TEXT_WITH_BRACKETS}\n",
    f"place: Deventer  # {TEXT_WITH_BRACKETS}\n",
    f'lessons: ["{TEXT_WITH_BRACKETS}", \'{TEXT_WITH_BRACKETS}\']\n',
])
def test_brackets_in_text_never_count(tmp_path, field):
    text = VALID_RECORD.replace("title: Een voorbeeldpraktijk om mee te testen\n", "") + field
    if not field.startswith("title"):
        text = VALID_RECORD + field
    doc, problems = load(tmp_path, text)
    assert problems == []
    if "#" not in field:  # a comment is not data
        assert TEXT_WITH_BRACKETS in str(doc.data)


def _reference_depth(text: str, limit: int):
    """PyYAML's pure-Python scanner: where flow nesting first exceeds limit (None if never)."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            depth += 1
            if depth > limit:
                return token.start_mark.line + 1, token.start_mark.column + 1
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            depth -= 1
    return None


PIECES = ["[", "{", "[", "]", "}", '"', "'", "#", " ", "\n", "  ", "- ", "a: ", "x", "it's", "b",
          "|\n", ">-\n", ",", "\\", "? ", ": ", "--- ", "\n  ", "\n- ", "k: "]


def test_the_scan_agrees_with_pyyamls_scanner_on_a_seeded_corpus():
    """Random fragments of YAML syntax; every one PyYAML parses is compared at two limits."""
    rng = random.Random(20261201)
    compared = 0
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(3, 40)))
        try:
            list(yaml.parse(text, Loader=yaml.SafeLoader))
        except yaml.YAMLError:
            continue
        for limit in (1, 2):
            assert too_deep(text, limit) == _reference_depth(text, limit), repr(text)
            compared += 1
    assert compared > 2_500  # the corpus really exercises the scan (2,714 comparisons)
