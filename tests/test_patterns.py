"""Both validators give one verdict on every pattern of the schemas (issue "Hostile input, round
two", finding 6): jsonschema-rs decides, python-jsonschema explains, and where they disagreed a
record was let through (URLs with U+001C or U+0085) or refused without a word ("2022\\n", a BOM).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import jsonschema_rs
import pytest

from generator.config import load_config
from generator.patterns import ENGINE_DEPENDENT, python_pattern
from helpers import ROOT, VALID_RECORD, write

CONFIG = load_config(ROOT / "site_config")


def patterns_in(node) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(patterns_in(v) for k, v in node.items() if k != "pattern"))
    if isinstance(node, list):
        return set().union(*(patterns_in(v) for v in node))
    return set()


SCHEMAS = {"practice.schema.json": CONFIG.schema,
           **{p.name: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "generator" / "schemas").glob("*.json")}}
PATTERNS = sorted(set().union(*(patterns_in(s) for s in SCHEMAS.values())))

# the characters the engines were seen to read differently, and their neighbours
TRICKY = ([chr(c) for c in range(0x00, 0x21)] + [chr(c) for c in range(0x7f, 0xa1)]
          + ["\u00ad", "\u1680", "\u180e", "\u2000", "\u200a", "\u200b", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029",
             "\u202a", "\u202e", "\u202f", "\u205f", "\u2060", "\u2066", "\u2069", "\u3000", "\ufeff", "\ufffe",
             "\u0660", "\u06f1", "\uff11", "é", "ß", "Ω", "\U0001F600", "_", "-", ".", "$", "^", "<", ">", '"', "'", "\\"])
SEEDS = ["2022", "2022-09", "2030-05-01", "pilot-tsn-woonzorg", "a1-b2", "facet_naam", "x",
         "https://www.example.nl/pad/?q=1&r=%20", "http://a.nl", "mailto:redactie@example.nl"]


def corpus(seed: int = 20261201, random_strings: int = 400) -> list[str]:
    """Every seed with every tricky character put before, inside and after it, a final newline
    or CRLF, and random strings from seed characters and tricky ones; seeded, so a failure repeats."""
    rng = random.Random(seed)
    out = list(SEEDS)
    for text in SEEDS:
        middle = len(text) // 2
        for char in TRICKY:
            out += [char + text, text[:middle] + char + text[middle:], text + char]
        out += [text + "\n", text + "\r\n", text + "\n\n", "\n" + text]
    pool = "".join(SEEDS) + "".join(TRICKY)
    out += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(random_strings)]
    return out


CORPUS = corpus()


@pytest.mark.parametrize("pattern", PATTERNS)
def test_both_engines_agree_on_every_pattern_of_the_schemas(pattern):
    rs = jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
    compiled = python_pattern(pattern)
    disagree = [s for s in CORPUS if rs.is_valid(s) != bool(compiled.search(s))]
    assert disagree == []
    assert any(rs.is_valid(s) for s in CORPUS) and not all(rs.is_valid(s) for s in CORPUS)  # not vacuous


@pytest.mark.parametrize("pattern", PATTERNS)
def test_no_pattern_uses_a_class_the_engines_read_differently(pattern):
    assert not ENGINE_DEPENDENT.search(pattern), "spell the class out: \\s, \\d, \\w, \\b and . differ per engine"


def test_the_corpus_holds_what_python_alone_reads_differently():
    """Without the translation of `$`, and with `\\s`, the engines disagree on this corpus: the test above can fail."""
    url = r'^(https?://[^\s<>"]+|mailto:[^\s<>"]+)$'  # the pattern of the first version
    rs = jsonschema_rs.validator_for({"pattern": url})
    disagree = {s[-1] for s in CORPUS if s.startswith("https://www.") and rs.is_valid(s) != bool(re.search(url, s))}
    assert {"\x1c", "\x1f", "\x85", "\ufeff", "\n"} <= disagree
    year = "^[0-9]{4}(-(0[1-9]|1[0-2]))?$"
    assert re.search(year, "2022\n") and not python_pattern(year).search("2022\n")


@pytest.mark.parametrize("value", ["2022\n", "2022\ufeff", "\ufeff2022"])
def test_a_period_with_an_invisible_character_is_explained(tmp_path, value):
    from generator.build import check

    record = VALID_RECORD + f"period: {{start: {json.dumps(value)}}}\n"
    result = check(write(tmp_path, "a.yaml", record).parent, CONFIG)
    [problem] = result.problems
    assert (problem.line, problem.field) == (10, "period.start")
    assert problem.message.startswith(f"tekst ({value!r}) heeft niet de juiste vorm")


@pytest.mark.parametrize("char", ["\x1c", "\x1f", "\x85", "\ufeff", "\u200b", "\u202e", "\u00a0", "\n"])
def test_a_url_with_a_control_or_invisible_character_is_refused_by_both(tmp_path, char):
    from generator.build import check
    from generator.loader import load_file
    from generator.validate import fast_is_valid, schema_validator

    url = "https://www.example.nl/a" + char + "b"
    record = VALID_RECORD + f"links: [{{title: Meer, url: {json.dumps(url)}}}]\n"
    path = write(tmp_path, "a.yaml", record)
    doc, _ = load_file(path)
    assert not fast_is_valid(doc.data, CONFIG)
    assert list(schema_validator(CONFIG).iter_errors(doc.data))  # explained, not only refused
    [problem] = check(Path(path).parent, CONFIG).problems
    assert problem.field == "links[0].url" and "heeft niet de juiste vorm" in problem.message
